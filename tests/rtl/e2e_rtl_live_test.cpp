// Live RTL CUs: one verilated module per CU, created and reset at xclbin
// load and clocked for as long as the xclbin is loaded; every host access
// to the CU's control range is an AXI4-Lite transaction on the module.
// Checked through stock XRT with kernels/examples/rtl_live and
// host/examples/rtl_live:
//   - module state survives between runs (rtl_count's base);
//   - xrt::ip reads registers the module implements beyond its arguments;
//   - ap_ctrl_chain: the next run starts while the previous one executes
//     (from the profile), and every output is right;
//   - a kernel without an interrupt line is polled, with or without
//     xrt.ini Runtime.ert_polling.
#include "child_process.h"
#include "profile_reader.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>

namespace test = xrtemu::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

std::string xclbin() { return test::xclbin_dir() + "/examples/rtl_live.xclbin"; }

std::string temp_path(const std::string& name) { return std::string(XRTEMU_BUILD_DIR) + "/test-tmp-rtl-live-" + name; }

test::outcome host(const std::string& mode, const std::vector<std::string>& env = {}, const std::string& elements = "")
{
  std::vector<std::string> argv = {test::bin("rtl_live_host"), xclbin(), mode};
  if (!elements.empty())
    argv.push_back(elements);
  auto o = test::run(argv, env);
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("TEST PASSED"));
  return o;
}

using xrtemu::test::read_trace;
using xrtemu::test::slices;

// Final states of the commands that ran on `cu`.
std::vector<std::string> command_states(const json& trace, const std::string& cu)
{
  std::vector<std::string> states;
  for (auto& e : trace["traceEvents"])
    if (e.value("cat", "") == "command" && e["ph"] == "b" && e["args"].value("cu", "") == cu)
      states.push_back(e["args"].value("state", "?"));
  return states;
}

} // namespace

TEST_CASE("live RTL: module state survives from one run to the next", "[e2e][rtl][live]")
{
  // rtl_count's base register is never reset between runs: run r writes r*n + i.
  host("state");
}

TEST_CASE("live RTL: xrt::ip reads the module's own registers (runs, base)", "[e2e][rtl][live]")
{
  // 0x30 and 0x34 are read-only registers of the Verilog, not arguments.
  auto o = host("ip");
  CHECK_THAT(o.output, Contains("runs = 1, base = 64"));
  CHECK_THAT(o.output, Contains("runs = 2, base = 128"));
}

// Runs the chain host with `env`: 8 commands complete on rtl_chain_1 with
// the right outputs.  Returns how many runs started before the previous one
// was done, from the profile.
static int chain_overlaps(const std::string& name, std::vector<std::string> env)
{
  auto trace_file = temp_path(name + ".json");
  std::remove(trace_file.c_str());
  env.push_back("XRTEMU_PROFILE=" + trace_file);
  // 4096 elements: each run takes ~50k cycles (milliseconds), so the
  // scheduler sees ap_ready well before ap_done on an idle box.
  host("chain", env, "4096");
  auto t = read_trace(trace_file);
  auto states = command_states(t, "rtl_chain_1");
  CHECK(states == std::vector<std::string>(8, "COMPLETED"));
  // The trace's command slices begin when a command is queued (all 8 at
  // once here), so they cannot show overlap; the CU's own track has one
  // slice per run, from its ap_start to its ap_done.
  auto runs = slices(t, "CU rtl_chain_1", "cu_run");
  INFO("runs on CU rtl_chain_1 in the profile: " << runs.size());
  REQUIRE(runs.size() == 8);
  int overlaps = 0;
  for (size_t i = 1; i < runs.size(); ++i) {
    CHECK(runs[i].first <= runs[i].second);
    if (runs[i].first < runs[i - 1].second)
      ++overlaps;   // run i started before run i-1 was done
  }
  return overlaps;
}

// Overlap needs the scheduler thread to get a core between a run's ap_ready
// and its ap_done; on a box loaded by parallel tests it may not, so the host
// runs up to three times and one run with overlap is enough.  Every attempt
// checks completion and outputs.
static void check_chain_overlap(const std::string& name, const std::vector<std::string>& env)
{
  int overlaps = 0;
  for (int attempt = 0; attempt < 3 && overlaps == 0; ++attempt)
    overlaps = chain_overlaps(name, env);
  CHECK(overlaps > 0);
}

TEST_CASE("live RTL: ap_ctrl_chain runs overlap on the CU and all outputs are right", "[e2e][rtl][live][chain]")
{
  SECTION("completion by interrupt (ap_ready raises ISR bit 1)")
  {
    check_chain_overlap("chain", {});
  }
  SECTION("completion by polling (xrt.ini [Runtime] ert_polling=true)")
  {
    auto ini = temp_path("chain-polling.ini");
    std::ofstream(ini) << "[Runtime]\nert_polling=true\n";
    check_chain_overlap("chain-polling", {"XRT_INI_PATH=" + ini});
  }
}

TEST_CASE("live RTL: a kernel without an interrupt line is polled, with and without ert_polling", "[e2e][rtl][live][polling]")
{
  SECTION("default completion (interrupts for the CUs that have a line)")
  {
    auto trace_file = temp_path("count-default.json");
    std::remove(trace_file.c_str());
    host("state", {"XRTEMU_PROFILE=" + trace_file});
    auto t = read_trace(trace_file);
    CHECK(command_states(t, "rtl_count_1") == std::vector<std::string>(3, "COMPLETED"));
  }
  SECTION("xrt.ini [Runtime] ert_polling=true")
  {
    auto ini = temp_path("polling.ini");
    std::ofstream(ini) << "[Runtime]\nert_polling=true\n";
    auto trace_file = temp_path("count-polling.json");
    std::remove(trace_file.c_str());
    host("state", {"XRTEMU_PROFILE=" + trace_file, "XRT_INI_PATH=" + ini});
    auto t = read_trace(trace_file);
    CHECK(t["otherData"]["completion"] == "polling");
    CHECK(command_states(t, "rtl_count_1") == std::vector<std::string>(3, "COMPLETED"));
  }
}

TEST_CASE("live RTL: ap_clk_2 runs at the platform's frequency next to ap_clk", "[e2e][rtl][live][clocks]")
{
  // xrtemu_u250: ap_clk 300 MHz, ap_clk_2 500 MHz.
  auto o = host("clocks");
  std::smatch m;
  REQUIRE(std::regex_search(o.output, m, std::regex("ap_clk (\\d+) cycles, ap_clk_2 (\\d+) cycles")));
  double c1 = std::stod(m[1]), c2 = std::stod(m[2]);
  CHECK(c1 == 3000);
  CHECK(c2 / c1 == Approx(500.0 / 300.0).epsilon(0.01));
}

TEST_CASE("live RTL: a burst outside every bank fails the run with DECERR, named; the CU keeps working",
          "[e2e][rtl][live][errors]")
{
  auto o = host("decerr");
  CHECK_THAT(o.output, Contains("CU rtl_count_1 m_axi_gmem: write burst at 0xffff00000000"));
  CHECK_THAT(o.output, Contains("outside the memory this port is connected to (DECERR)"));
  // Which buffer it missed (docs/memcheck.md).
  CHECK_THAT(o.output, Contains("(DECERR); the address is in no buffer"));
  CHECK_THAT(o.output, Contains("more"));   // a master repeating the error is not quoted 64 times
}

TEST_CASE("live RTL: a run that would take minutes times out in wait(), abort() resets the CU, the next run works",
          "[e2e][rtl][live][abort]")
{
  auto o = host("hang");
  CHECK_THAT(o.output, Contains("CU rtl_clocks_1 reset"));
}

TEST_CASE("live RTL: a user-managed kernel is driven by the host through xrt::ip alone", "[e2e][rtl][live][user_managed]")
{
  auto o = test::run({test::bin("rtl_live_host"), test::xclbin_dir() + "/examples/rtl_um.xclbin", "um"});
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("TEST PASSED"));
}

