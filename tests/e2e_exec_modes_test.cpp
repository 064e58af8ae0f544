// Execution modes through the real path (stock coreutil -> our shim -> the
// card), checked from what the host prints and from the profile it leaves.
#include "child_process.h"
#include "profile_reader.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>

using namespace xrtemu::test;
using nlohmann::json;

namespace {

std::string temp_path(const std::string& name)
{
  return std::string(XRTEMU_BUILD_DIR) + "/test-tmp-" + name;
}

outcome scenario(const std::string& name, std::vector<std::string> env = {})
{
  auto o = run({bin("exec_scenarios"), name, xclbin_dir()}, env);
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK(o.output.find("SCENARIO PASSED") != std::string::npos);
  return o;
}

using xrtemu::test::read_trace;
using xrtemu::test::slices;

} // namespace

TEST_CASE("ap_ctrl_chain: back-to-back runs overlap on the CU (profile)", "[e2e][exec]")
{
  auto trace_file = temp_path("chain.json");
  std::remove(trace_file.c_str());
  scenario("chain", {"XRTEMU_PROFILE=" + trace_file});
  auto t = read_trace(trace_file);
  auto runs = slices(t, "CU vinc_chain_1");
  REQUIRE(runs.size() == 16);
  int overlaps = 0;
  for (size_t i = 1; i < runs.size(); ++i) {
    CHECK(runs[i].first <= runs[i].second);
    if (runs[i].first < runs[i - 1].second)
      ++overlaps;   // run i started before run i-1 was done
  }
  CHECK(overlaps > 0);
  CHECK(t["otherData"]["completion"] == "interrupt");
}

TEST_CASE("completion by polling (xrt.ini Runtime.ert_polling) gives the same results", "[e2e][exec]")
{
  auto ini = temp_path("polling.ini");
  std::ofstream(ini) << "[Runtime]\nert_polling=true\n";
  auto trace_file = temp_path("polling.json");
  std::remove(trace_file.c_str());
  scenario("chain", {"XRTEMU_PROFILE=" + trace_file, "XRT_INI_PATH=" + ini});
  auto t = read_trace(trace_file);
  CHECK(t["otherData"]["completion"] == "polling");
  int polled = 0;
  for (auto& e : t["traceEvents"])
    if (e["cat"] == "command" && e["ph"] == "b" && e["args"]["completion"] == "polling")
      ++polled;
  CHECK(polled >= 16);
}

TEST_CASE("CU selection: kernel:{cu,cu} runs only there; a plain kernel spreads over its CUs", "[e2e][exec]")
{
  auto trace_file = temp_path("select.json");
  std::remove(trace_file.c_str());
  auto o = scenario("select", {"XRTEMU_PROFILE=" + trace_file});
  CHECK(o.output.find("unknown CU error") != std::string::npos);
  auto t = read_trace(trace_file);
  std::vector<std::string> cus;   // in command order
  std::map<uint64_t, std::string> by_id;
  for (auto& e : t["traceEvents"])
    if (e["cat"] == "command" && e["ph"] == "b" && e["args"].contains("cu"))
      by_id[e["id"].get<uint64_t>()] = e["args"]["cu"];
  for (auto& [id, cu] : by_id)
    cus.push_back(cu);
  REQUIRE(cus.size() == 24);
  std::set<std::string> first(cus.begin(), cus.begin() + 12), second(cus.begin() + 12, cus.end());
  CHECK(first == std::set<std::string>{"tag_1", "tag_3"});
  CHECK(second.size() == 4);
}

TEST_CASE("3000 runs outstanding on overlapping CU sets all complete, waited and by callback", "[e2e][exec]")
{
  auto o = scenario("backlog");
  CHECK(o.output.find("backlog waited: 3000 runs ok") != std::string::npos);
  CHECK(o.output.find("backlog callbacks: 3000 runs") != std::string::npos);
}

TEST_CASE("a fast kernel's body on the simulation thread that spins is reported by the watchdog", "[e2e][exec]")
{
  // Any body counts as fast here, so the 20 earlier runs surely qualify.
  auto o = scenario("inline_hang", {"XRTEMU_INLINE_BODY_US=1000000"});
  CHECK(o.output.find("has not returned for 2 s") != std::string::npos);
  CHECK(o.output.find("card usable after the slow inline body") != std::string::npos);
  // Switched off, the body stays on its worker and nothing is reported.
  auto off = scenario("inline_hang", {"XRTEMU_INLINE_BODY_US=0"});
  CHECK(off.output.find("has not returned") == std::string::npos);
}

TEST_CASE("a hung kernel: wait(timeout) says TIMEOUT, abort() resets the CU, the next run works", "[e2e][exec]")
{
  auto o = scenario("hung");
  CHECK(o.output.find("CU usable after abort") != std::string::npos);
}

TEST_CASE("a CU timeout from the config ends a hung run with TIMEOUT", "[e2e][exec]")
{
  auto o = scenario("timeout", {"XRTEMU_CU_TIMEOUT_MS=300"});
  CHECK(o.output.find("did not finish within 300 ms") != std::string::npos);
  CHECK(o.output.find("CU usable after timeout") != std::string::npos);
}

TEST_CASE("a stream deadlock fails the parked run with a report instead of hanging", "[e2e][exec][stream]")
{
  auto o = scenario("deadlock", {"XRTEMU_CONFIG=" + std::string(XRTEMU_SOURCE_DIR) + "/tests/hosts/fast_deadlock.json"});
  CHECK(o.output.find("stream deadlock") != std::string::npos);
  CHECK(o.output.find("filter_1.out -> consumer_1.in") != std::string::npos);
  CHECK(o.output.find("consumer -> 5") != std::string::npos);
}
