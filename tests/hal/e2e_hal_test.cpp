// Legacy HAL end to end: hosts linked with -lxrt_core, started by
// `xrtemu run`, which puts our libxrt_core.so.2 ahead of Debian's.
#include "child_process.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace xrtemu::test;
using Catch::Matchers::Contains;

namespace {

// Through the CLI, with none of the variables it sets coming from the harness.
outcome through_cli(const std::vector<std::string>& program, std::vector<std::string> env = {})
{
  std::vector<std::string> argv = {"env", "-u", "XILINX_XRT", "-u", "LD_LIBRARY_PATH", bin("xrtemu"), "run", "--"};
  argv.insert(argv.end(), program.begin(), program.end());
  return run(argv, env);
}

outcome scenario(const std::string& name, std::vector<std::string> env = {})
{
  auto o = through_cli({bin("hal_scenarios"), name, xclbin_dir()}, env);
  INFO(name << ":\n" << o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("SCENARIO PASSED"));
  return o;
}

} // namespace

TEST_CASE("the HAL vadd example builds its own ERT packet and passes", "[hal][cli]")
{
  auto o = through_cli({bin("vadd_hal"), xclbin_dir() + "/vadd.xclbin", "100000"});
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("xclProbe found 1 device") && Contains("TEST PASSED"));
}

TEST_CASE("xclProbe, xclOpen and xclGetDeviceInfo2 see every emulated card", "[hal]")
{
  auto one = scenario("probe");
  // The host links Debian's libxrt_core; the library path made it ours.
  CHECK_THAT(one.output, Contains("xclProbe from " + std::string(XRTEMU_PLATFORM_DIR) + "/lib/libxrt_core.so.2"));
  CHECK_THAT(one.output, Contains("devices 1") && Contains("open past the last device refused"));
  const std::string config = std::string(XRTEMU_BUILD_DIR) + "/test-tmp-hal-two-cards.json";
  std::ofstream(config) << R"({"devices": [{"platform": "xrtemu_u250"}, {"platform": "xrtemu_u280"}]})";
  auto two = scenario("probe", {"XRTEMU_CONFIG=" + config});
  CHECK_THAT(two.output, Contains("devices 2") && Contains("device 1 xilinx_u280"));
}

TEST_CASE("buffer objects: banks, read/write, sync, copy, user pointers, refusals", "[hal]")
{
  auto o = scenario("buffers");
  CHECK_THAT(o.output, Contains("read/write BO ok") && Contains("sync ok") && Contains("copy ok") &&
                       Contains("user pointer ok") && Contains("refusals ok"));
}

TEST_CASE("ERT_START_CU packets built by the host run vadd", "[hal]") { scenario("vadd"); }

TEST_CASE("four packets in flight on four CUs, each on its own bank", "[hal]") { scenario("multi_cu"); }

TEST_CASE("xclIPName2Index and xclGetSectionInfo describe the loaded xclbin", "[hal]")
{
  auto o = scenario("lookup");
  CHECK_THAT(o.output, Contains("vinc:vinc_2 -> 3") && Contains("MEM_TOPOLOGY[2] DDR[2]"));
}

TEST_CASE("CU registers by index (xclRegRead/Write) and by address (xclRead/xclWrite)", "[hal]")
{
  auto o = scenario("registers");
  CHECK_THAT(o.output, Contains("AP_CTRL 0x4") && Contains("through the control space: 4321"));
}

TEST_CASE("unmanaged reads and writes reach device memory", "[hal]") { scenario("unmanaged"); }

TEST_CASE("bad xclbins, contexts, packets and handles return errors with errno; the device keeps working", "[hal][errors]")
{
  auto o = scenario("errors");
  CHECK_THAT(o.output, Contains("bad magic: -22 errno 22"));
  CHECK_THAT(o.output, Contains("context on another xclbin: -22 errno 22"));
  CHECK_THAT(o.output, Contains("command for CU 3: state 5"));   // ERT_CMD_STATE_ERROR
  CHECK_THAT(o.output, Contains("packet longer than its buffer: state 5"));
  CHECK_THAT(o.output, Contains("ERT packet count 2047 runs past the end of its 64-byte command buffer"));
  CHECK_THAT(o.output, Contains("exec of a plain BO: -22"));
  CHECK_THAT(o.output, Contains("device usable after errors"));
}
