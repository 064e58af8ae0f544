// What the timed-mode kernel estimate tests share (e2e_timed_hls for HLS C++,
// e2e_timed_ocl for OpenCL C): running a host in a child process with a
// profile, the platform's figures, and the check of a CU's three runs
// against an expected cycle count (docs/timing.md, "Kernel time").
#pragma once

#include "child_process.h"
#include "profile_reader.h"

#include "xrtemu/cards/platform.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace xrtemu::test::estimate {

// emu/src/kernel_time.h: the fixed per-run overhead in cycles.
constexpr uint64_t run_overhead = 32;

// Runs `host xclbin args...` with `env` and a profile; returns the profile.
inline nlohmann::json run_kernel(const std::string& host, const std::string& xclbin, const std::vector<std::string>& env,
                                 const std::string& tag, std::vector<std::string> args)
{
  auto trace_file = std::string(XRTEMU_BUILD_DIR) + "/test-tmp-" + host + "-" + tag + ".json";
  std::remove(trace_file.c_str());
  std::vector<std::string> e = env;
  e.push_back("XRTEMU_PROFILE=" + trace_file);
  args.insert(args.begin(), {bin(host), xclbin_dir() + "/" + xclbin});
  auto o = run(args, e);
  INFO(o.output);
  REQUIRE(o.status == 0);
  REQUIRE(o.output.find("TEST PASSED") != std::string::npos);
  return read_trace(trace_file);
}

struct platform_figures
{
  double ap_clk, latency_us, ddr_gbps;
};

inline platform_figures figures()
{
  auto p = xrtemu::cards::load_platform(std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/xrtemu_u250.json");
  return {p.clocks_mhz.at("ap_clk"), std::min(p.command_latency.interrupt_us, p.command_latency.polling_us),
          p.bank_gbps.at(xrtemu::cards::bank_kind::ddr)};
}

// Checks the three runs of `cu`: cycles as given; card time cycles / ap_clk,
// or bank_ns when that is longer.
inline void check_runs(const nlohmann::json& t, const std::string& cu, uint64_t cycles, double bank_ns = 0)
{
  auto f = figures();
  CHECK(t["otherData"]["timed"] == true);
  auto runs = cu_runs(t, cu);
  auto ends = command_ends(t, cu);
  REQUIRE(runs.size() == 3);
  REQUIRE(ends.size() == 3);
  const double compute_ns = static_cast<double>(cycles) * 1000.0 / f.ap_clk;
  const double want_ns = std::max(compute_ns, bank_ns);
  for (size_t i = 0; i < runs.size(); ++i) {
    auto& r = runs[i];
    INFO(cu << " run " << i << ": " << r.args.dump());
    REQUIRE(r.args.contains("cycles"));
    CHECK(r.args["cycles"].get<uint64_t>() == cycles);
    CHECK(r.args.value("estimate", false) == true);
    CHECK(r.args["clock_mhz"].get<double>() == f.ap_clk);
    CHECK(r.args["card_ns"].get<double>() == Approx(want_ns).epsilon(1e-12));
    CHECK((r.end_us - r.begin_us) * 1000.0 == Approx(want_ns).margin(0.01));
    CHECK(ends[i] >= r.end_us + f.latency_us - 0.002);
  }
}

} // namespace xrtemu::test::estimate
