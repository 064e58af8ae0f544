// Several xclbins loaded in turn by one process, through the native API,
// Xilinx's OpenCL runtime and the legacy HAL, and kernel state that belongs
// to one CU (static variables, static hls::stream arrays).  Each host runs
// through `xrtemu run` in a child process, on stock XRT.
#include "child_process.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace xrtemu::test;
using Catch::Matchers::Contains;

namespace {

outcome scenario(const std::string& program, const std::string& name)
{
  auto o = run({"env", "-u", "XILINX_XRT", "-u", "LD_LIBRARY_PATH", "-u", "OCL_ICD_VENDORS", bin("xrtemu"), "run", "--",
                bin(program), name, xclbin_dir()});
  INFO(program << " " << name << ":\n" << o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("SCENARIO PASSED"));
  return o;
}

} // namespace

TEST_CASE("native API: vmul, vadd, vmul again, the product carried through host memory", "[reload]")
{
  auto o = scenario("reload_native", "swap");
  CHECK_THAT(o.output, Contains("krnl_vadd on the product: 0 wrong"));
}

TEST_CASE("native API: two xclbins with a kernel of the same name each run their own", "[reload]")
{
  auto o = scenario("reload_native", "same_name");
  CHECK_THAT(o.output, Contains("krnl_vadd (difference): 0 wrong") && Contains("krnl_vadd (sum again): 0 wrong"));
}

TEST_CASE("native API: the same xclbin again, in use and on a reopened device", "[reload]")
{
  scenario("reload_native", "same_again");
}

TEST_CASE("a static variable is per CU and starts afresh when another xclbin was programmed", "[reload][cu_state]")
{
  auto o = scenario("reload_native", "cu_registers");
  CHECK_THAT(o.output, Contains("cu_tally_1: 1234, cu_tally_2: 1"));
  CHECK_THAT(o.output, Contains("after another xclbin, cu_tally_2: 1"));
}

TEST_CASE("two CUs whose dataflow stages share a static hls::stream array run at once", "[reload][cu_state]")
{
  scenario("reload_native", "cu_streams");
}

TEST_CASE("OpenCL: programs from two xclbins in turn in one context (the kernel-swap example shape)", "[reload][opencl]")
{
  if (!std::filesystem::exists(bin("reload_ocl")))
    WARN("skipped: built without the OpenCL ICD loader or C++ bindings (reload_ocl missing)");
  else
    scenario("reload_ocl", "swap");
}

TEST_CASE("HAL: xclLoadXclBin of three xclbins in turn on one handle", "[reload][hal]")
{
  if (!std::filesystem::exists(bin("hal_scenarios")))
    WARN("skipped: built without Debian's libxrt_core (hal_scenarios missing)");
  else
    scenario("hal_scenarios", "swap");
}
