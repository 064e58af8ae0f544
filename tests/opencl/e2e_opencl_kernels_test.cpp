// OpenCL C kernels end to end: `xrtemu compile` builds them through clang's
// OpenCL front end, Xilinx's OpenCL runtime runs them on the emulated card
// (one CU start per work-group), and bad kernels get clang's diagnostics.
#include "child_process.h"
#include "profile_reader.h"

#include "xrtemu/hls_estimate.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace xrtemu::test;
using Catch::Matchers::Contains;

namespace {

// `xrtemu compile -c -k kernel file.cl` on source text written to a scratch file.
outcome compile_cl(const std::string& file, const std::string& kernel, const std::string& text)
{
  auto dir = std::filesystem::path(XRTEMU_BUILD_DIR) / "test-tmp-opencl-kernels";
  std::filesystem::create_directories(dir);
  auto src = (dir / file).string();
  std::ofstream(src) << text;
  return run({bin("xrtemu"), "compile", "-c", "-k", kernel, src, "-o", (dir / (kernel + ".xo")).string()});
}

} // namespace

TEST_CASE("an OpenCL C kernel with __local memory and barriers runs as an NDRange over two CUs", "[opencl][clc]")
{
  auto o = run({"env", "-u", "XILINX_XRT", "-u", "OCL_ICD_VENDORS", bin("xrtemu"), "run", "--", bin("wg_reduce_ocl"),
                xclbin_dir() + "/examples/wg_reduce.xclbin", "24"});
  INFO(o.output);
  CHECK(o.status == 0);
  // reqd_work_group_size reaches Xilinx's runtime through the kernel XML.
  CHECK_THAT(o.output, Contains("compile work-group size 64x1x1"));
  CHECK_THAT(o.output, Contains("24 work-groups of 64") && Contains("num_groups = 24"));
  CHECK_THAT(o.output, Contains("TEST PASSED"));
}

TEST_CASE("in timed mode each work-group of an OpenCL C kernel takes its estimate", "[opencl][clc][timed]")
{
  // wg_reduce (kernels/examples/ocl_local): 64 items a group, each running the
  // 6 halvings of its xcl_pipeline_loop(1) (barriers inside): 64 x 6 pipelined
  // iterations, 64 x 2 for the work-item loop around a body with a loop, + 32.
  auto trace = std::string(XRTEMU_BUILD_DIR) + "/test-tmp-opencl-kernels-timed.json";
  std::remove(trace.c_str());
  auto o = run({"env", "-u", "XILINX_XRT", "-u", "OCL_ICD_VENDORS", bin("xrtemu"), "run", "--", bin("wg_reduce_ocl"),
                xclbin_dir() + "/examples/wg_reduce.xclbin", "24"},
               {"XRTEMU_TIMED=1", "XRTEMU_PROFILE=" + trace});
  INFO(o.output);
  REQUIRE(o.status == 0);
  CHECK_THAT(o.output, Contains("TEST PASSED"));   // the counted copy computes what the plain one does
  auto t = read_trace(trace);
  CHECK(t["otherData"]["timed"] == true);
  const uint64_t want = 64 * 6 + 64 * xrtemu::hls::outer_iteration_cycles + 32;
  size_t runs = 0;
  for (const char* cu : {"wg_reduce_1", "wg_reduce_2"})
    for (auto& r : cu_runs(t, cu)) {
      INFO(cu << ": " << r.args.dump());
      ++runs;
      REQUIRE(r.args.contains("cycles"));
      CHECK(r.args["cycles"].get<uint64_t>() == want);
      CHECK(r.args.value("estimate", false) == true);
    }
  CHECK(runs == 24);
}

TEST_CASE("an OpenCL C compile error shows clang's diagnostics with the file name", "[opencl][clc][errors]")
{
  auto o = compile_cl("broken.cl", "broken",
                      "__kernel void broken(__global int* a)\n"
                      "{\n"
                      "  a[0] = undeclared_thing;\n"
                      "}\n");
  INFO(o.output);
  CHECK(o.status != 0);
  CHECK_THAT(o.output, Contains("broken.cl:3:10: error: use of undeclared identifier 'undeclared_thing'"));
}

TEST_CASE("unsupported OpenCL C constructs are refused naming the file, line or argument", "[opencl][clc][errors]")
{
  SECTION("a builtin xrtemu does not provide is an error at the line that calls it")
  {
    auto o = compile_cl("images.cl", "img",
                        "__kernel void img(__global float* a)\n"
                        "{\n"
                        "  a[0] = get_image_width(a);\n"
                        "}\n");
    INFO(o.output);
    CHECK(o.status != 0);
    CHECK_THAT(o.output, Contains("images.cl:3:10: error"));
  }
  SECTION("a __local pointer argument")
  {
    auto o = compile_cl("local_arg.cl", "scratch", "__kernel void scratch(__global int* a, __local int* tmp) { a[0] = 1; }\n");
    INFO(o.output);
    CHECK(o.status != 0);
    CHECK_THAT(o.output, Contains("local_arg.cl: kernel 'scratch' argument 'tmp'") &&
                         Contains("__local pointer arguments are not supported"));
  }
  SECTION("a kernel name the file does not define")
  {
    auto o = compile_cl("two.cl", "three", "__kernel void one(__global int* a) { a[0] = 1; }\n"
                                           "__kernel void two(__global int* a) { a[0] = 2; }\n");
    INFO(o.output);
    CHECK(o.status != 0);
    CHECK_THAT(o.output, Contains("no __kernel function 'three' (kernels defined: one, two)"));
  }
}

TEST_CASE("Vitis' OpenCL attributes and builtins compile", "[opencl][clc]")
{
  auto o = compile_cl("attrs.cl", "attrs",
                      "__kernel __attribute__((reqd_work_group_size(16, 2, 1))) __attribute__((xcl_dataflow))\n"
                      "void attrs(__global const float4* restrict in, __constant int* k, __global uint16* out, float s)\n"
                      "{\n"
                      "  __local float4 buf[32] __attribute__((xcl_array_partition(complete, 1)));\n"
                      "  int part[8] __attribute__((xcl_array_partition(cyclic, 2, 1)));\n"
                      "  size_t l = get_local_id(1) * 16 + get_local_id(0);\n"
                      "  event_t e = async_work_group_copy(buf, in + get_group_id(0) * 32, 32, 0);\n"
                      "  wait_group_events(1, &e);\n"
                      "  __attribute__((opencl_unroll_hint(2))) __attribute__((xcl_pipeline_loop(1)))\n"
                      "  loop: for (int i = 0; i < 8; ++i) part[i] = k[i] + (int)l;\n"
                      "  float4 v = sqrt(fabs(buf[l])) * s + (float4)(dot(buf[l], buf[l]));\n"
                      "  barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);\n"
                      "  out[get_global_id(0)] = convert_uint16_sat((float16)(v, v, v, v)) + (uint16)(part[l % 8]);\n"
                      "}\n");
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("OpenCL C kernel attrs, work-group 16x2x1, 4 arguments, 1 __local array"));
}
