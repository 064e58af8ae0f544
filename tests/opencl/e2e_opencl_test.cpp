// OpenCL end to end, through the real loader path: ICD loader (ocl-icd) ->
// Xilinx's libxilinxopencl -> stock libxrt_coreutil -> our shim -> the card.
// Every scenario runs twice, in a host linked with -lOpenCL (finding Xilinx's
// runtime through our ICD file) and in one linked with -lxilinxopencl.
#include "child_process.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace xrtemu::test;
using Catch::Matchers::Contains;

namespace {

const std::string icd_dir = std::string(XRTEMU_PLATFORM_DIR) + "/etc/OpenCL/vendors";

// The two builds of the scenario host and what each needs to find Xilinx's runtime.
struct route
{
  const char* program;
  std::vector<std::string> env;
};
const route via_icd{"ocl_scenarios", {"OCL_ICD_VENDORS=" + icd_dir}};
const route direct{"ocl_scenarios_xilinx", {}};

outcome scenario(const route& r, const std::string& name, std::vector<std::string> env = {})
{
  env.insert(env.end(), r.env.begin(), r.env.end());
  auto o = run({bin(r.program), name, xclbin_dir()}, env);
  INFO(r.program << " " << name << ":\n" << o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("SCENARIO PASSED"));
  return o;
}

// A program started by `xrtemu run` with none of the variables it sets.
outcome through_cli(const std::vector<std::string>& program, std::vector<std::string> env = {})
{
  std::vector<std::string> argv = {"env", "-u", "XILINX_XRT", "-u", "OCL_ICD_VENDORS", bin("xrtemu"), "run", "--"};
  argv.insert(argv.end(), program.begin(), program.end());
  return run(argv, env);
}

} // namespace

TEST_CASE("the ICD file leads the ICD loader to Xilinx's runtime, which loads our shim", "[opencl]")
{
  auto icd = scenario(via_icd, "loader_path");
  CHECK_THAT(icd.output, Contains("clGetPlatformIDs from") && Contains("libOpenCL.so.1"));
  CHECK_THAT(icd.output, Contains("xclGetMemObjDeviceAddress from") && Contains("libxilinxopencl.so.2"));
  CHECK_THAT(icd.output, Contains("driver " + std::string(XRTEMU_PLATFORM_DIR) + "/lib/libxrt_core.so.2"));

  auto linked = scenario(direct, "loader_path");
  CHECK_THAT(linked.output, Contains("clGetPlatformIDs from") && Contains("libxilinxopencl.so.2"));
  CHECK_THAT(linked.output, Contains("driver " + std::string(XRTEMU_PLATFORM_DIR) + "/lib/libxrt_core.so.2"));
}

TEST_CASE("the platform named Xilinx lists every emulated card as an accelerator", "[opencl]")
{
  auto r = GENERATE(via_icd, direct);
  auto one = scenario(r, "platform");
  CHECK_THAT(one.output, Contains("devices 1") && Contains("device xilinx_u250"));

  const std::string config = std::string(XRTEMU_BUILD_DIR) + "/test-tmp-opencl-two-cards.json";
  std::ofstream(config) << R"({"devices": [{"platform": "xrtemu_u250"}, {"platform": "xrtemu_u280"}]})";
  auto two = scenario(r, "platform", {"XRTEMU_CONFIG=" + config});
  CHECK_THAT(two.output, Contains("devices 2") && Contains("device xilinx_u250") && Contains("device xilinx_u280"));
}

TEST_CASE("vadd with USE_HOST_PTR, ALLOC_HOST_PTR + map, COPY_HOST_PTR and read/write buffers", "[opencl]")
{
  auto r = GENERATE(via_icd, direct);
  auto o = scenario(r, "buffer_kinds");
  CHECK_THAT(o.output, Contains("USE_HOST_PTR ok") && Contains("ALLOC_HOST_PTR ok") && Contains("COPY_HOST_PTR ok") &&
                       Contains("read/write buffer ok"));
}

TEST_CASE("CL_MEM_EXT_PTR_XILINX places buffers by XCL_MEM_TOPOLOGY bank or by kernel argument", "[opencl]")
{
  auto r = GENERATE(via_icd, direct);
  auto o = scenario(r, "ext_ptr_banks");
  CHECK_THAT(o.output, Contains("XCL_MEM_TOPOLOGY bank ok") && Contains("kernel argument bank ok"));
}

TEST_CASE("clEnqueueCopyBuffer copies on the card (a KDMA copy packet)", "[opencl]")
{
  auto r = GENERATE(via_icd, direct);
  auto o = scenario(r, "copy_buffer");
  CHECK_THAT(o.output, Contains("copied across banks: 0 wrong"));
  CHECK_THAT(o.output, !Contains("not supported"));
}

TEST_CASE("sub-buffers are kernel arguments at their offset; maps read and write the buffer", "[opencl]")
{
  auto r = GENERATE(via_icd, direct);
  auto o = scenario(r, "map_and_subbuffers");
  CHECK_THAT(o.output, Contains("sub-buffer 2 at parent + 0x2000"));
}

TEST_CASE("in-order queue: events, wait lists and profiling times in dependency order", "[opencl]")
{
  auto r = GENERATE(via_icd, direct);
  scenario(r, "events_in_order");
}

TEST_CASE("out-of-order queue: a user event holds one kernel back while the others finish", "[opencl]")
{
  auto r = GENERATE(via_icd, direct);
  scenario(r, "out_of_order");
}

TEST_CASE("CL_MEM_REGISTER_MAP buffers read and write CU registers (xclRead/xclWrite in the shim)", "[opencl]")
{
  auto r = GENERATE(via_icd, direct);
  auto o = scenario(r, "register_map");
  CHECK_THAT(o.output, Contains("CU vinc_2 at") && Contains("AP_CTRL 0x4") && Contains("register map ok"));
}

TEST_CASE("binaries that are not loadable xclbins are refused without a crash", "[opencl][errors]")
{
  auto r = GENERATE(via_icd, direct);
  auto o = scenario(r, "bad_binary");
  // Xilinx's runtime maps failures raised below it to CL_OUT_OF_HOST_MEMORY (-6).
  CHECK_THAT(o.output, Contains("wrong magic: error -6") && Contains("Invalid xclbin"));
  CHECK_THAT(o.output, Contains("magic only: error -6") && Contains("missing section MEM_TOPOLOGY"));
  CHECK_THAT(o.output, Contains("no kernel model: error -6") && Contains("no model for kernel 'vadd'"));
  CHECK_THAT(o.output, Contains("device usable after bad binaries"));
}

TEST_CASE("an unknown kernel name is CL_INVALID_KERNEL_NAME", "[opencl][errors]")
{
  auto r = GENERATE(via_icd, direct);
  auto o = scenario(r, "bad_kernel_name");
  CHECK_THAT(o.output, Contains("kernel nosuch: error -46"));
  CHECK_THAT(o.output, Contains("kernel vadd:{vadd_9}: error") && Contains("No compute units matching"));
}

TEST_CASE("a buffer in a bank no CU of the kernel reaches is refused at clSetKernelArg", "[opencl][errors]")
{
  auto r = GENERATE(via_icd, direct);
  auto o = scenario(r, "wrong_bank");
  // CL_MEM_OBJECT_ALLOCATION_FAILURE, from Xilinx's own connectivity check.
  CHECK_THAT(o.output, Contains("vscale arg 0 in DDR[3]: error -4"));
  CHECK_THAT(o.output, Contains("has no compute units to support required argument connectivity"));
}

TEST_CASE("reads, writes and maps past a buffer's end are CL_INVALID_VALUE", "[opencl][errors]")
{
  auto r = GENERATE(via_icd, direct);
  auto o = scenario(r, "read_past_end");
  CHECK_THAT(o.output, Contains("read 4 KiB at offset 2 KiB of a 4 KiB buffer: error -30"));
  CHECK_THAT(o.output, Contains("write 8 KiB into a 4 KiB buffer: error -30"));
  CHECK_THAT(o.output, Contains("map past the end: error -30"));
}

TEST_CASE("xrtemu run: the OpenCL vadd example finds the Xilinx platform with no setup", "[opencl][cli]")
{
  auto o = through_cli({bin("vadd_ocl"), xclbin_dir() + "/vadd.xclbin", "10000"});
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("TEST PASSED"));
}

TEST_CASE("XCL_EMULATION_MODE: hw_emu loads the shim under its emulation name; xrtemu run drops sw_emu", "[opencl][cli]")
{
  // hw_emu: Xilinx's runtime loads libxrt_hwemu.so.2 from XILINX_XRT, our shim.
  auto hw = run({bin("vadd_ocl"), xclbin_dir() + "/vadd.xclbin", "1000"},
                {"XCL_EMULATION_MODE=hw_emu", "OCL_ICD_VENDORS=" + icd_dir});
  INFO(hw.output);
  CHECK_THAT(hw.output, Contains("TEST PASSED"));
  // sw_emu would make Xilinx's runtime put every buffer in bank 0; the CLI
  // removes it, so explicit banks still work.
  auto sw = through_cli({bin("ocl_scenarios"), "ext_ptr_banks", xclbin_dir()}, {"XCL_EMULATION_MODE=sw_emu"});
  INFO(sw.output);
  CHECK_THAT(sw.output, Contains("XCL_EMULATION_MODE=sw_emu removed"));
  CHECK_THAT(sw.output, Contains("SCENARIO PASSED"));
}

TEST_CASE("xrtemu run: vscale -> vinc pipeline on an out-of-order queue", "[opencl][cli]")
{
  auto o = through_cli({bin("pipeline_ocl"), xclbin_dir() + "/examples/multi_cu.xclbin", "4096", "6"});
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("block 5 (lane 1)") && Contains("TEST PASSED"));
}
