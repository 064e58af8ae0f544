// Timed mode, kernel time of RTL CUs end to end: a stock XRT host runs the
// live rtl_count kernel (Verilated) three times; in the profile each run's
// CU slice must last exactly its ap_clk cycles / ap_clk (both in its args,
// the clock the platform file's), and its command must reach the host no
// earlier than that end plus the command latency (docs/timing.md).  Only
// card time the emulator reports is checked, no wall clock.
#include "child_process.h"
#include "profile_reader.h"

#include "xrtemu/cards/platform.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

using namespace xrtemu::test;
using nlohmann::json;

namespace {

json run_count(const std::vector<std::string>& env, const std::string& name, const std::string& elements)
{
  auto trace_file = std::string(XRTEMU_BUILD_DIR) + "/test-tmp-timed-rtl-" + name + ".json";
  std::remove(trace_file.c_str());
  std::vector<std::string> e = env;
  e.push_back("XRTEMU_PROFILE=" + trace_file);
  auto o = run({bin("rtl_live_host"), xclbin_dir() + "/examples/rtl_live.xclbin", "state", elements}, e);
  INFO(o.output);
  REQUIRE(o.status == 0);
  REQUIRE(o.output.find("TEST PASSED") != std::string::npos);
  return read_trace(trace_file);
}

} // namespace

TEST_CASE("timed mode: an RTL run takes its cycles / ap_clk of card time", "[e2e][timed][rtl]")
{
  auto p = xrtemu::cards::load_platform(std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/xrtemu_u250.json");
  const double ap_clk = p.clocks_mhz.at("ap_clk");
  const double latency_us = std::min(p.command_latency.interrupt_us, p.command_latency.polling_us);
  // 64 elements: the host is slower than the card; 20000: about 0.2 ms of
  // card time, which a fast host may beat (the completion then waits).
  for (const char* elements : {"64", "20000"}) {
    auto t = run_count({"XRTEMU_TIMED=1"}, std::string("count-") + elements, elements);
    CHECK(t["otherData"]["timed"] == true);
    auto runs = cu_runs(t, "rtl_count_1");
    auto ends = command_ends(t, "rtl_count_1");
    REQUIRE(runs.size() == 3);
    REQUIRE(ends.size() == 3);
    for (size_t i = 0; i < runs.size(); ++i) {
      auto& r = runs[i];
      INFO("run " << i << " of " << elements << ": " << r.args.dump());
      REQUIRE(r.args.contains("cycles"));
      const auto cycles = r.args["cycles"].get<uint64_t>();
      CHECK(cycles > std::stoul(elements));   // one AXI write a cycle at best
      // rtl_count has no interrupt line: the card polls it, and the module's
      // own look at AP_CTRL (every 64 cycles) ends the count where ap_done
      // rose, not where the card read it, however busy this host is.  Its
      // single-beat writes take 4 cycles an element.
      CHECK(cycles <= 4 * std::stoul(elements) + 192);
      CHECK(r.args["clock_mhz"].get<double>() == ap_clk);
      // The card time is cycles / ap_clk, exactly (card_ns is a double).
      const double want_ns = static_cast<double>(cycles) * 1000.0 / ap_clk;
      CHECK(r.args["card_ns"].get<double>() == Approx(want_ns).epsilon(1e-12));
      // The slice is drawn over it (the trace keeps µs as doubles).
      CHECK((r.end_us - r.begin_us) * 1000.0 == Approx(want_ns).margin(0.01));
      // The command reaches the host after the run's card-time end and the
      // command latency (the trace rounds to ns).
      CHECK(ends[i] >= r.end_us + latency_us - 0.002);
    }
  }
}

TEST_CASE("untimed mode: RTL runs keep host time and carry no cycles", "[e2e][timed][rtl]")
{
  auto t = run_count({}, "untimed", "64");
  CHECK(t["otherData"]["timed"] == false);
  auto runs = cu_runs(t, "rtl_count_1");
  REQUIRE(runs.size() == 3);
  for (auto& r : runs)
    CHECK_FALSE(r.args.contains("cycles"));
}
