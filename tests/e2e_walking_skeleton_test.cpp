// End to end: unmodified host programs, stock libxrt_coreutil, our shim,
// the SystemC card.  Each case is a child process.
#include "child_process.h"

#include <catch2/catch.hpp>

using namespace xrtemu::test;

namespace {

outcome scenario(const std::string& name, const std::vector<std::string>& env = {})
{
  auto o = run({bin("xrt_scenarios"), name, xclbin_dir()}, env);
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK(o.output.find("SCENARIO PASSED") != std::string::npos);
  return o;
}

} // namespace

TEST_CASE("the vadd host program passes on the emulated card", "[e2e]")
{
  auto o = run({bin("vadd_host"), xclbin_dir() + "/vadd.xclbin", "100000"});
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK(o.output.find("TEST PASSED") != std::string::npos);
}

TEST_CASE("xrtemu run sets the environment for any host program", "[e2e][cli]")
{
  // No XILINX_XRT from the test harness: `xrtemu run` must provide it.
  std::string cmd = "env -u XILINX_XRT " + quote(bin("xrtemu")) + " run -- " + quote(bin("vadd_host")) +
                    " " + quote(xclbin_dir() + "/vadd.xclbin") + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = ::pclose(p);
  INFO(out);
  CHECK(WEXITSTATUS(st) == 0);
  CHECK(out.find("TEST PASSED") != std::string::npos);
}

TEST_CASE("hw_emu and sw_emu modes load the same shim under their library names", "[e2e]")
{
  auto mode = GENERATE(as<std::string>{}, "hw_emu", "sw_emu");
  auto o = run({bin("vadd_host"), xclbin_dir() + "/vadd.xclbin", "64"}, {"XCL_EMULATION_MODE=" + mode});
  INFO(mode << ": " << o.output);
  CHECK(o.status == 0);
  CHECK(o.output.find("TEST PASSED") != std::string::npos);
}

TEST_CASE("the device reports the platform's name", "[e2e]")
{
  auto o = scenario("device_name");
  CHECK(o.output.find("name xilinx_u250") != std::string::npos);
  CHECK(o.output.find("bdf 0000:ee:00.1") != std::string::npos);
  CHECK(o.output.find("m2m 1") != std::string::npos);
  CHECK(o.output.find("nodma 0") != std::string::npos);
  CHECK(o.output.find("offline 0") != std::string::npos);
}

TEST_CASE("buffers land in the bank their memory index names", "[e2e][bo]") { scenario("bo_banks"); }
TEST_CASE("buffers of 1 byte to 256 MiB map, write, read and sync both ways", "[e2e][bo]") { scenario("bo_sizes"); }
TEST_CASE("bo copy moves data between buffers on the card, host-only ones included", "[e2e][bo]")
{
  auto o = scenario("bo_copy");
  CHECK(o.output.find("host-only <-> device-only copy ok") != std::string::npos);
}
TEST_CASE("host-only and device-only buffers behave as on hardware", "[e2e][bo]") { scenario("bo_flags"); }
TEST_CASE("freeing a buffer returns its memory to the bank", "[e2e][bo]") { scenario("bo_free"); }

TEST_CASE("a buffer in a bank that does not exist is refused by name", "[e2e][errors]")
{
  auto o = scenario("bad_bank");
  CHECK(o.output.find("bank 7 error") != std::string::npos);
  CHECK(o.output.find("memory bank index 7") != std::string::npos);
}

TEST_CASE("a buffer larger than its bank is refused by name", "[e2e][errors]")
{
  auto o = scenario("too_large");
  CHECK(o.output.find("DDR[0]") != std::string::npos);
}

TEST_CASE("vadd runs through xrt::kernel and completes", "[e2e]")
{
  auto o = scenario("vadd");
  CHECK(o.output.find("run state 4") != std::string::npos);   // ERT_CMD_STATE_COMPLETED
}

TEST_CASE("xrt::ip drives the CU's control registers by hand", "[e2e][ip]")
{
  auto o = scenario("user_managed_ip");
  CHECK(o.output.find("ctrl at done 0xe") != std::string::npos);   // done | idle | ready
}

TEST_CASE("loading a second xclbin replaces the first, but not while its CUs are in use", "[e2e]")
{
  auto o = scenario("reload");
  CHECK(o.output.find("is in use (1 open CU context") != std::string::npos);
}

TEST_CASE("an xclbin built for a card binds its kernels to models on XRTEMU_MODEL_PATH", "[e2e][hw]")
{
  auto without = scenario("hardware_xclbin");
  CHECK(without.output.find("no model for kernel 'vadd'") != std::string::npos);
  auto with = scenario("hardware_xclbin", {"XRTEMU_MODEL_PATH=" + std::string(XRTEMU_BUILD_DIR) + "/kernels/vadd"});
  CHECK(with.output.find("hardware xclbin ran") != std::string::npos);
}

TEST_CASE("an unknown kernel name raises an error and the device stays usable", "[e2e][errors]")
{
  auto o = scenario("unknown_kernel");
  CHECK(o.output.find("nosuch") != std::string::npos);
}

TEST_CASE("missing and corrupted xclbins are rejected by name, the device stays usable", "[e2e][errors]")
{
  auto o = scenario("bad_xclbins");
  CHECK(o.output.find("missing file error") != std::string::npos);
  CHECK(o.output.find("bad magic error") != std::string::npos);
  CHECK(o.output.find("section past end error") != std::string::npos);
  CHECK(o.output.find("BITSTREAM") != std::string::npos);
  CHECK(o.output.find("unknown bank error") != std::string::npos);
  CHECK(o.output.find("DDR[9]") != std::string::npos);
  CHECK(o.output.find("missing IP_LAYOUT error") != std::string::npos);
  CHECK(o.output.find("device usable after bad xclbins") != std::string::npos);
}
