// xrtemu compile + xrtemu link as a user runs them, then a stock-XRT host
// program on the result: two CUs, one with its gmem0 arguments in DDR[1].
#include "child_process.h"
#include "test_files.h"

#include <catch2/catch.hpp>

using namespace xrtemu;
using Catch::Matchers::Contains;

TEST_CASE("compile, link with nk=2 and sp (by argument and by m_axi port), run through XRT")
{
  auto dir = vpp::test::scratch("e2e");
  auto src = vpp::test::write(dir, "vadd.cpp", R"(
extern "C" void vadd(const unsigned int* in1, const unsigned int* in2, unsigned int* out, int size)
{
#pragma HLS INTERFACE m_axi port=in1 bundle=gmem0
#pragma HLS INTERFACE m_axi port=in2 bundle=gmem1
#pragma HLS INTERFACE m_axi port=out bundle=gmem0
  for (int i = 0; i < size; ++i)
    out[i] = in1[i] + in2[i];
}
)");
  auto cfg = vpp::test::write(dir, "link.cfg",
                              "[connectivity]\nnk=vadd:2:vadd_1.vadd_2\nsp=vadd_1.in1:DDR[1]\nslr=vadd_1:SLR1\n"
                              "# a port-level sp: every argument on the port, unless named on its own\n"
                              "sp=vadd_2.M_AXI_GMEM0:DDR[1]\nsp=vadd_2.out:DDR[0]\n");
  auto xo = dir + "/vadd.xo", xclbin = dir + "/app.xclbin";

  auto c = test::run({test::bin("xrtemu"), "compile", "-c", "-k", "vadd", "-t", "hw", "--platform", "xrtemu_u250",
                      src, "-o", xo});
  INFO(c.output);
  REQUIRE(c.status == 0);

  auto l = test::run({test::bin("v++"), "-l", "--config", cfg, "--connectivity.sp=vadd_1.out:DDR[1]",
                      "--platform", "xrtemu_u250", "--model-output", dir + "/libvadd_model.so", xo, "-o", xclbin});
  INFO(l.output);
  REQUIRE(l.status == 0);
  CHECK_THAT(l.output, Contains("link.cfg:4: connectivity.slr") && Contains("ignored"));
  CHECK_THAT(l.output, Contains("libvadd_model.so (kernel model library)"));

  auto r = test::run({test::bin("vpp_bank_host"), xclbin, "vadd_1", "vadd_2"});
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output, Contains("vadd_1 OK") && Contains("vadd_2 OK"));
  CHECK_THAT(r.output, Contains("vadd_1.arg0 group 1") && Contains("vadd_1.arg1 group 0") &&
                         Contains("vadd_1.arg2 group 1"));
  CHECK_THAT(r.output, Contains("vadd_2.arg0 group 1") && Contains("vadd_2.arg1 group 0") &&
                         Contains("vadd_2.arg2 group 0"));
}

TEST_CASE("compile and link errors reach the user")
{
  auto dir = vpp::test::scratch("e2e-errors");
  auto bad = vpp::test::write(dir, "bad.cpp", "extern \"C\" void k(int* a)\n{\n  a[0] = ;\n}\n");
  auto c = test::run({test::bin("xrtemu"), "compile", "-c", "-k", "k", bad, "-o", dir + "/k.xo"});
  CHECK(c.status != 0);
  CHECK_THAT(c.output, Contains("bad.cpp:3:"));

  auto good = vpp::test::write(dir, "k.cpp", "extern \"C\" void k(int* a) { a[0] = 1; }\n");
  REQUIRE(test::run({test::bin("xrtemu"), "compile", "-c", "-k", "k", good, "-o", dir + "/k.xo"}).status == 0);
  auto l = test::run({test::bin("xrtemu"), "link", "-l", "--connectivity.nk=nope:2", dir + "/k.xo", "-o", dir + "/k.xclbin"});
  CHECK(l.status != 0);
  CHECK_THAT(l.output, Contains("--connectivity.nk") && Contains("'nope'"));
}

TEST_CASE("a kernel source that defines min/max as macros compiles (the glue's own headers come first)")
{
  // Vitis_Accel_Examples cpp_kernels/shift_register defines min(x, y) in its kernel.
  auto dir = vpp::test::scratch("e2e-macros");
  auto src = vpp::test::write(dir, "fir.cpp", R"(
#define min(x, y) ((x) < (y) ? (x) : (y))
#define max(x, y) ((x) > (y) ? (x) : (y))
extern "C" void fir(int* out, const int* in, int n)
{
  for (int i = 0; i < n; ++i)
    out[i] = max(0, min(in[i], 100));
}
)");
  auto c = test::run({test::bin("xrtemu"), "compile", "-c", "-k", "fir", "--platform", "xrtemu_u250", src, "-o",
                      dir + "/fir.xo"});
  INFO(c.output);
  CHECK(c.status == 0);
}

TEST_CASE("v++ -c of an OpenCL C file without -k compiles every __kernel of it into one .xo")
{
  // As v++ does, and as XRT's own tests/xrt Makefiles rely on.
  auto dir = vpp::test::scratch("e2e-cl-all");
  auto src = vpp::test::write(dir, "two.cl", R"(
__kernel void add1(__global int* a, int n) { int i = get_global_id(0); if (i < n) a[i] += 1; }
__kernel void twice(__global int* a, int n) { int i = get_global_id(0); if (i < n) a[i] *= 2; }
)");
  auto xo = dir + "/two.xo", xclbin = dir + "/two.xclbin";
  auto c = test::run({test::bin("v++"), "-c", "-t", "hw_emu", "--platform", "xrtemu_u250", src, "-o", xo});
  INFO(c.output);
  REQUIRE(c.status == 0);
  CHECK_THAT(c.output, Contains("(2 OpenCL C kernels)"));
  auto l = test::run({test::bin("v++"), "-l", "-t", "hw_emu", "--platform", "xrtemu_u250", xo, "-o", xclbin});
  INFO(l.output);
  REQUIRE(l.status == 0);
  CHECK_THAT(l.output, Contains("2 CUs"));
  auto empty = vpp::test::write(dir, "none.cl", "int helper(int x) { return x + 1; }\n");
  auto e = test::run({test::bin("v++"), "-c", "-t", "hw_emu", "--platform", "xrtemu_u250", empty, "-o", dir + "/n.xo"});
  CHECK(e.status != 0);
  CHECK_THAT(e.output, Contains("none.cl: defines no __kernel function"));
}
