// Fault injection end to end: each fault kind set the way a user would
// (XRTEMU_FAULTS, xrt.ini [Emulation] faults, the shim's C API), met by a
// stock-XRT host in a child process (fault_scenarios.cpp), and what the host
// saw checked here: run states, exception types and errno values, the memory
// report's ECC counters, the offline flag and the driver's error log.
#include "child_process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace xrtemu::test;

namespace {

outcome scenario(const std::string& name, std::vector<std::string> env, bool pass = true)
{
  auto o = run({bin("fault_scenarios"), name, xclbin_dir()}, env);
  INFO(o.output);
  if (pass) {
    CHECK(o.status == 0);
    CHECK(o.output.find("SCENARIO PASSED") != std::string::npos);
  }
  return o;
}

bool has(const outcome& o, const std::string& s) { return o.output.find(s) != std::string::npos; }

} // namespace

TEST_CASE("hang: a timed wait times out, abort() ends the run ABORT, the CU works again", "[e2e][faults]")
{
  auto o = scenario("hang", {"XRTEMU_FAULTS=hang:cu=vinc_2"});
  INFO(o.output);
  CHECK(has(o, "wait(200ms) on the hung run: TIMEOUT"));
  CHECK(has(o, "state of the hung run: RUNNING"));
  CHECK(has(o, "abort(): ABORT, state ABORT"));
  CHECK(has(o, "injected fault 'hang:cu=vinc_2': the run on vinc_2 never completes"));
}

TEST_CASE("hang: a host that exits with the run still hung ends normally", "[e2e][faults]")
{
  auto o = scenario("hang_exit", {"XRTEMU_FAULTS=hang:cu=vinc_2"});
  CHECK(has(o, "leaving with the run hung"));
}

TEST_CASE("hang: with the card's CU timeout set, the hung run ends TIMEOUT", "[e2e][faults]")
{
  auto o = scenario("hang_timeout", {"XRTEMU_FAULTS=hang:cu=vinc_2", "XRTEMU_CU_TIMEOUT_MS=200"});
  CHECK(has(o, "wait() on the hung run: TIMEOUT"));
  CHECK(has(o, "timed out after 200 ms"));
}

TEST_CASE("error: from xrt.ini, the second vscale run ends ERT_CMD_STATE_ERROR", "[e2e][faults]")
{
  auto ini = std::string(XRTEMU_BUILD_DIR) + "/test-tmp-faults.ini";
  std::ofstream(ini) << "[Emulation]\nfaults=error:kernel=vscale:after=1\n";
  auto o = scenario("error", {"XRT_INI_PATH=" + ini});
  INFO(o.output);
  CHECK(has(o, "second vscale run: ERROR"));
  CHECK(has(o, "the run on vscale_"));
}

TEST_CASE("dma: bo.sync throws std::system_error with EIO, as the driver's failed DMA", "[e2e][faults]")
{
  auto o = scenario("dma", {"XRTEMU_FAULTS=dma:dir=from_device:bank=DDR[2]"});
  INFO(o.output);
  CHECK(has(o, "sync from device: std::system_error code 5 (EIO): unable to sync BO: Input/output error"));
}

TEST_CASE("ecc: the bank's correctable/uncorrectable counts show in the memory report", "[e2e][faults]")
{
  // Two faults on one bank add up; distinct addresses tell the ce/ue keys apart.
  auto o = scenario("ecc", {"XRTEMU_FAULTS=ecc:bank=DDR[2]:ce=3:addr=0x1000, ecc:bank=DDR[2]:ue=1:addr=0x2000"});
  auto from = o.output.find("MEMORY_JSON\n"), to = o.output.find("END_MEMORY_JSON");
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  auto j = nlohmann::json::parse(o.output.substr(from + 12, to - from - 12));
  bool seen_faulted = false, seen_clean = false;
  for (auto& m : j["board"]["memory"]["memories"]) {
    INFO(m.dump());
    if (m["tag"] == "DDR[2]") {
      seen_faulted = true;
      auto& ecc = m["extended_info"]["ecc"];
      CHECK(ecc["status"].get<std::string>().find("UE") != std::string::npos);
      CHECK(ecc["status"].get<std::string>().find("CE") != std::string::npos);
      CHECK(ecc["error"]["correctable"]["count"] == "3");
      CHECK(ecc["error"]["correctable"]["first_failure_address"] == "0x1000");
      CHECK(ecc["error"]["uncorrectable"]["count"] == "1");
      CHECK(ecc["error"]["uncorrectable"]["first_failure_address"] == "0x2000");
    }
    else if (m["tag"] == "DDR[0]") {
      // A bank without errors: status 0, which XRT's report leaves out.
      seen_clean = true;
      CHECK(!m.contains("error_msg"));
      CHECK((!m.contains("extended_info") || !m["extended_info"].contains("ecc")));
    }
  }
  CHECK(seen_faulted);
  CHECK(seen_clean);
}

TEST_CASE("offline: exec/sync fail with ENODEV, alloc with bad_alloc, open refused, error log shows a firewall trip",
          "[e2e][faults]")
{
  auto o = scenario("offline", {"XRTEMU_FAULTS=offline:after=2"});
  INFO(o.output);
  CHECK(has(o, "run after going offline: code 19 (ENODEV): failed to launch execution buffer: No such device"));
  CHECK(has(o, "get_info<offline>: true"));
  CHECK(has(o, "sync: code 19: unable to sync BO: No such device"));
  CHECK(has(o, "alloc: std::bad_alloc"));
  CHECK(has(o, "open error: Could not open device with index '0'"));
  CHECK(has(o, "xrt::error(HARDWARE): "));
}

TEST_CASE("the C API: a bad spec is refused whole, inject then clear", "[e2e][faults]")
{
  auto o = scenario("api", {});
  INFO(o.output);
  CHECK(has(o, "bad spec: -22"));
  CHECK(has(o, "xrtemu_inject_faults: fault 2 'hang:cu=vinc_1:after=x': after='x' is not a number"));
  CHECK(has(o, "inject, then clear: ERROR, ERROR, COMPLETED"));
}

TEST_CASE("a bad XRTEMU_FAULTS names the variable, the fault and the key", "[e2e][faults]")
{
  auto o = scenario("bad_spec", {"XRTEMU_FAULTS=hang:cu=vinc_1:afer=2"});
  INFO(o.output);
  CHECK(has(o, "XRTEMU_FAULTS: fault 1 'hang:cu=vinc_1:afer=2': unknown key 'afer' "
               "(hang takes cu, kernel, after, count, device)"));
  auto kind = scenario("bad_spec", {"XRTEMU_FAULTS=ecc:bank=DDR[0]:ce=1,stall:cu=x"});
  CHECK(has(kind, "XRTEMU_FAULTS: fault 2 'stall:cu=x': unknown fault kind 'stall'"));
}
