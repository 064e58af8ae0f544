// Timed mode, kernel time of HLS C++ CUs end to end: a stock XRT host runs
// kernels compiled by our v++ -c (their loops counted, the estimate in
// xrtemu_run_info) three times each; in the profile each run's CU slice
// carries the estimate's cycles, exactly the formula of docs/timing.md for
// the trip counts given, lasts cycles / ap_clk (or the bank term when the
// bank's bandwidth bounds it), and its command reaches the host no earlier
// than that end plus the command latency.  Only card time the emulator
// reports is checked, no wall clock.
#include "estimate_runs.h"

#include "xrtemu/hls_estimate.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace xrtemu::test;
using namespace xrtemu::test::estimate;
using nlohmann::json;

namespace {

json run_kernel(const std::vector<std::string>& env, const std::string& tag, std::vector<std::string> args)
{
  return estimate::run_kernel("timed_hls_host", "timed_hls.xclbin", env, tag, std::move(args));
}

} // namespace

TEST_CASE("timed mode: an HLS run takes its loops' estimate: n x II + overhead", "[e2e][timed][hls]")
{
  for (int n : {4096, 50000}) {
    auto t = run_kernel({"XRTEMU_TIMED=1"}, "scale-" + std::to_string(n), {"ht_scale", std::to_string(n)});
    check_runs(t, "ht_scale_1", static_cast<uint64_t>(n) + run_overhead);
  }
  auto t = run_kernel({"XRTEMU_TIMED=1"}, "ii2", {"ht_ii2", "5000"});
  check_runs(t, "ht_ii2_1", 2 * 5000 + run_overhead);
}

TEST_CASE("timed mode: a loop nest costs the outer loop's overhead plus the inner loop's iterations",
          "[e2e][timed][hls]")
{
  const uint64_t rows = 30, cols = 200;
  auto t = run_kernel({"XRTEMU_TIMED=1"}, "nested", {"ht_nested", std::to_string(rows), std::to_string(cols)});
  check_runs(t, "ht_nested_1", rows * xrtemu::hls::outer_iteration_cycles + rows * cols + run_overhead);
}

TEST_CASE("timed mode: a memory-bound HLS run lasts its bytes over the bank's bandwidth", "[e2e][timed][hls]")
{
  const uint64_t n = 20000;   // 512-bit words read and written on DDR[0]: 128 bytes a cycle
  auto f = figures();
  auto t = run_kernel({"XRTEMU_TIMED=1"}, "wide", {"ht_wide", std::to_string(n)});
  const double bank_ns = std::round(static_cast<double>(2 * 64 * n) / f.ddr_gbps);
  REQUIRE(bank_ns > static_cast<double>(n + run_overhead) * 1000.0 / f.ap_clk);
  check_runs(t, "ht_wide_1", n + run_overhead, bank_ns);
}

TEST_CASE("timed mode: kernel_time calibration scales an HLS kernel's estimate", "[e2e][timed][hls]")
{
  auto cfg = std::string(XRTEMU_BUILD_DIR) + "/test-tmp-timed-hls-calibration.cfg.json";
  auto write = [&](const char* text) {
    std::FILE* fp = std::fopen(cfg.c_str(), "w");
    REQUIRE(fp);
    std::fputs(text, fp);
    std::fclose(fp);
  };
  write(R"({"devices": [{"platform": "xrtemu_u250"}],
            "runtime": {"timed": true, "kernel_time": {"ht_scale": {"scale": 1.5, "extra_cycles": 100}}}})");
  auto t = run_kernel({"XRTEMU_CONFIG=" + cfg}, "cal", {"ht_scale", "4000"});
  check_runs(t, "ht_scale_1", 6000 + 100 + run_overhead);

  // The same from xrt.ini, two kernels in one key.
  auto ini = std::string(XRTEMU_BUILD_DIR) + "/test-tmp-timed-hls-xrt.ini";
  {
    std::FILE* fp = std::fopen(ini.c_str(), "w");
    REQUIRE(fp);
    std::fputs("[Emulation]\ntimed=true\nkernel_time=ht_ii2:2,ht_scale:0.5:7\n", fp);
    std::fclose(fp);
  }
  auto ti = run_kernel({"XRT_INI_PATH=" + ini}, "cal-ini", {"ht_scale", "4000"});
  check_runs(ti, "ht_scale_1", 2000 + 7 + run_overhead);
  {
    std::FILE* fp = std::fopen(ini.c_str(), "w");
    REQUIRE(fp);
    std::fputs("[Emulation]\ntimed=true\nkernel_time=ht_scale:x\n", fp);
    std::fclose(fp);
  }
  auto bad = run({bin("timed_hls_host"), xclbin_dir() + "/timed_hls.xclbin", "ht_scale", "16"}, {"XRT_INI_PATH=" + ini});
  INFO(bad.output);
  CHECK(bad.status != 0);
  CHECK(bad.output.find("xrt.ini [Emulation] kernel_time: 'ht_scale:x' is not") != std::string::npos);

  // A bad value stops the program with the key named.
  write(R"({"devices": [{"platform": "xrtemu_u250"}],
            "runtime": {"timed": true, "kernel_time": {"ht_scale": {"scale": -1}}}})");
  auto o = run({bin("timed_hls_host"), xclbin_dir() + "/timed_hls.xclbin", "ht_scale", "16"}, {"XRTEMU_CONFIG=" + cfg});
  INFO(o.output);
  CHECK(o.status != 0);
  CHECK(o.output.find("runtime.kernel_time.ht_scale.scale: -1 is not a number > 0") != std::string::npos);
}

TEST_CASE("untimed mode: HLS runs keep host time and carry no cycles", "[e2e][timed][hls]")
{
  auto t = run_kernel({}, "untimed", {"ht_scale", "4096"});
  CHECK(t["otherData"]["timed"] == false);
  auto runs = cu_runs(t, "ht_scale_1");
  REQUIRE(runs.size() == 3);
  for (auto& r : runs) {
    CHECK_FALSE(r.args.contains("cycles"));
    CHECK_FALSE(r.args.contains("estimate"));
  }
}
