#include "test_files.h"

#include "xrtemu/vpp/kernel_interface.h"

#include <catch2/catch.hpp>

using namespace xrtemu::vpp;
using Catch::Matchers::Contains;

namespace {

std::vector<std::string> flags() { return {"-I" XRTEMU_SOURCE_DIR "/kernels/include"}; }

const char* vadd_src = R"(
extern "C" void vadd(const unsigned int* in1, const unsigned int* in2, unsigned int* out, int size)
{
#pragma HLS INTERFACE m_axi port = in1 offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = in2 offset = slave bundle = gmem1
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem0
#pragma HLS INTERFACE s_axilite port = size
#pragma HLS INTERFACE s_axilite port = return
  for (int i = 0; i < size; ++i)
    out[i] = in1[i] + in2[i];
}
)";

} // namespace

TEST_CASE("vadd: Vitis register offsets and ports by bundle")
{
  auto f = test::write(test::scratch("vadd"), "vadd.cpp", vadd_src);
  auto k = extract_kernel(f, "vadd", flags());
  CHECK(k.control == "ap_ctrl_hs");
  REQUIRE(k.args.size() == 4);
  std::vector<uint32_t> offsets;
  for (auto& a : k.args)
    offsets.push_back(a.offset);
  CHECK(offsets == std::vector<uint32_t>{0x10, 0x1c, 0x28, 0x34});
  CHECK(k.args[0].type == "unsigned int*");
  CHECK(k.args[0].kind == arg_kind::global);
  CHECK(k.args[0].port == "m_axi_gmem0");
  CHECK(k.args[1].port == "m_axi_gmem1");
  CHECK(k.args[2].port == "m_axi_gmem0");
  CHECK(k.args[0].size == 8);
  CHECK(k.args[3].kind == arg_kind::scalar);
  CHECK(k.args[3].port == "s_axi_control");
  CHECK(k.args[3].size == 4);
  CHECK(k.args[3].host_size == 4);
  // JSON round trip (the .xo header).
  nlohmann::json j = k;
  auto back = j.get<kernel_desc>();
  CHECK(back.args[2].port == "m_axi_gmem0");
  CHECK(back.args[1].offset == 0x1c);
}

TEST_CASE("scalars of every size are laid out as Vitis does; default bundle is gmem")
{
  auto f = test::write(test::scratch("scalars"), "s.cpp", R"(
extern "C" void s(char a, short b, int c, long long d, float e, double f, int* p)
{
  p[0] = a + b + c + d + e + f;
}
)");
  auto k = extract_kernel(f, "s", flags());
  REQUIRE(k.args.size() == 7);
  std::vector<uint32_t> off, size, host;
  for (auto& a : k.args) {
    off.push_back(a.offset);
    size.push_back(a.size);
    host.push_back(a.host_size);
  }
  CHECK(off == std::vector<uint32_t>{0x10, 0x18, 0x20, 0x28, 0x34, 0x3c, 0x48});
  CHECK(size == std::vector<uint32_t>{4, 4, 4, 8, 4, 8, 8});
  CHECK(host == std::vector<uint32_t>{1, 2, 4, 8, 4, 8, 8});
  CHECK(k.args[3].type == "long long");
  CHECK(k.args[6].port == "m_axi_gmem");
}

TEST_CASE("control protocols and the mode= spelling")
{
  auto dir = test::scratch("ctrl");
  auto f = test::write(dir, "c.cpp", R"(
extern "C" {
void chained(int* a, int n)
{
#pragma HLS INTERFACE mode=m_axi port=a bundle=data depth=64
#pragma HLS interface MODE=s_axilite PORT=n offset=0x20
#pragma HLS INTERFACE ap_ctrl_chain port=return
  a[0] = n;
}
void free_running(int n)
{
#pragma HLS INTERFACE mode=ap_ctrl_none port=return
  (void)n;
}
}
)");
  auto c = extract_kernel(f, "chained", flags());
  CHECK(c.control == "ap_ctrl_chain");
  CHECK(c.args[0].port == "m_axi_data");
  CHECK(c.args[1].offset == 0x20);
  CHECK(extract_kernel(f, "free_running", flags()).control == "ap_ctrl_none");
}

TEST_CASE("errors: missing kernel, syntax error, ap_ctrl_none with m_axi")
{
  auto dir = test::scratch("errors");
  auto f = test::write(dir, "vadd.cpp", vadd_src);
  REQUIRE_THROWS_WITH(extract_kernel(f, "vmul", flags()),
                      Contains("vadd.cpp") && Contains("'vmul'") && Contains("vadd"));

  auto bad = test::write(dir, "bad.cpp", "extern \"C\" void k(int a)\n{\n  int x = ;\n}\n");
  REQUIRE_THROWS_WITH(extract_kernel(bad, "k", flags()), Contains("bad.cpp:3:") && Contains("error"));

  auto none = test::write(dir, "none.cpp", R"(
extern "C" void k(int* a)
{
#pragma HLS INTERFACE ap_ctrl_none port=return
  a[0] = 1;
}
)");
  REQUIRE_THROWS_WITH(extract_kernel(none, "k", flags()), Contains("ap_ctrl_none") && Contains("'a'"));

  auto unknown = test::write(dir, "unknown.cpp", R"(
extern "C" void k(int* a)
{
#pragma HLS INTERFACE m_axi port=b
  a[0] = 1;
}
)");
  REQUIRE_THROWS_WITH(extract_kernel(unknown, "k", flags()), Contains("unknown.cpp:4:") && Contains("'b'"));
}
