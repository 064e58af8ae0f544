// v++ -c's OpenCL C loop estimate (opencl_estimate.h) on a small .cl
// source: the Vitis attributes before loops and blocks, how each loop is
// scheduled, m_axi bytes per iteration and per work-item, and that the
// counted copy compiles to IR whose counters v++ defines.
#include "test_files.h"

#include "xrtemu/hls_estimate.hpp"
#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/opencl_estimate.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>

using namespace xrtemu::vpp;

namespace {

std::vector<std::string> cl_flags()
{
  return {"-x", "cl", "-cl-std=CL1.2", "-Wno-unknown-attributes", "-include", "opencl-c-base.h",
          "-Dopencl_unroll_hint=xrtemu_ignored_unroll_hint", "-I" XRTEMU_SOURCE_DIR "/kernels/include",
          "-include", "xrtemu/opencl/clc.h"};
}

const char* cl_src = R"(__kernel __attribute__((reqd_work_group_size(8, 1, 1)))
void k(__global int* a, __global const float4* b, int n)
{
    size_t g = get_global_id(0);
    a[g] = (int)b[g].x;
    __attribute__((xcl_pipeline_loop(3)))
    for (int i = 0; i < n; ++i)
        a[i] = (int)b[i].y;
    __attribute__((opencl_unroll_hint(4)))
    for (int i = 0; i < n; ++i) a[i] += 1;
    __attribute__((opencl_unroll_hint))   // full
    for (int i = 0; i < 4; ++i) a[i] = 0;
#pragma unroll 2
    for (int i = 0; i < n; ++i) a[i] = 2;
    for (int r = 0; r < 3; ++r) {
        // comment between attribute and loop
        __attribute__((xcl_pipeline_loop))
        inner: for (int c = 0; c < n; ++c) a[c] = *(a + c);
    }
    barrier(CLK_GLOBAL_MEM_FENCE);
    __attribute__((xcl_pipeline_workitems)) {
        for (int q = 0; q < 2; ++q)
            a[g] += q;
        a[g] += 1;
    }
}
)";

std::string slurp(const std::string& path)
{
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST_CASE("OpenCL C estimate: attributes, blocks, bytes per iteration and per work-item", "[vpp][estimate][opencl]")
{
  auto dir = test::scratch("cl_loops");
  auto src = test::write(dir, "k.cl", cl_src);
  kernel_desc k;
  k.name = "k";
  k.args = {{"a", "int*", arg_kind::global, true, 8, 8, 0x40, "m_axi_gmem", "gmem"},
            {"b", "float4*", arg_kind::global, true, 8, 8, 0x4c, "m_axi_gmem", "gmem"},
            {"n", "int", arg_kind::scalar, false, 4, 4, 0x58, "s_axi_control", ""}};
  auto c = instrument_opencl_loops(src, k, cl_flags());
  using namespace xrtemu;
  auto& L = c.loops;
  REQUIRE(L.size() == 8);
  CHECK(L[0].line == 7);
  CHECK(L[0].mode == hls::pipelined);
  CHECK(L[0].ii == 3);
  CHECK(L[0].bytes == std::vector<uint32_t>{4, 16, 0});
  CHECK(L[1].mode == hls::pipelined);
  CHECK(L[1].unroll == 4);
  CHECK(L[2].mode == hls::folded);      // opencl_unroll_hint without a factor: full
  CHECK(L[3].unroll == 2);              // #pragma unroll 2
  CHECK(L[4].mode == hls::sequential);  // holds a loop
  CHECK(L[5].mode == hls::pipelined);   // attribute before a label, a comment between
  CHECK(L[5].ii == 1);
  CHECK(L[5].bytes == std::vector<uint32_t>{8, 0, 0});
  CHECK(L[6].keyword == "block");       // xcl_pipeline_workitems
  CHECK(L[6].mode == hls::pipelined);
  CHECK(L[6].bytes == std::vector<uint32_t>{4, 0, 0});   // a[g] += 1: one access, as for HLS C++
  CHECK(L[7].mode == hls::folded);      // inside the pipelined block
  CHECK(c.item_blocks);
  CHECK(c.item_loops);
  CHECK(c.item_bytes == std::vector<uint32_t>{4, 16, 0});   // a[g] = b[g].x outside loops and blocks

  // The copy keeps the user's lines; its IR, counters defined, compiles.
  auto out = test::scratch("cl_loops_out");
  auto copy = test::write(out, "k_loops.cl", c.text);
  std::string flags;
  for (auto& f : cl_flags())
    flags += " '" + f + "'";
  auto ll = out + "/k.ll";
  auto emit = "clang-14" + flags + " -O2 -Xclang -disable-llvm-passes -S -emit-llvm " + copy + " -o " + ll + " 2>&1";
  REQUIRE(std::system(emit.c_str()) == 0);
  auto ir = slurp(ll);
  CHECK(ir.find("declare void @__xrtemu_cl_loop") != std::string::npos);
  define_loop_counters(ir, "k", L.size());
  CHECK(ir.find("declare void @__xrtemu_cl_loop") == std::string::npos);
  CHECK(ir.find("define void @__xrtemu_cl_take_k(") != std::string::npos);
  test::write(out, "k2.ll", ir);
  auto obj = "clang-14 -c -O2 -fPIC -Wno-override-module " + out + "/k2.ll -o " + out + "/k2.o 2>&1";
  CHECK(std::system(obj.c_str()) == 0);

  // The thunk's tables: the items of a group ride in the blocks.
  auto est = opencl_estimate_source(c, k);
  CHECK(est.find("__xrtemu_cl_take_k(counts)") != std::string::npos);
  CHECK(est.find(", 2, xrtemu_cl_item_bytes") != std::string::npos);   // items_in_blocks
}
