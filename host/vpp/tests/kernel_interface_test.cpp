#include "test_files.h"

#include "xrtemu/vpp/hls_pre_tcl.h"
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

TEST_CASE("scalars of every size are laid out as Vitis does; no m_axi pragma: bundle gmem")
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

TEST_CASE("INTERFACE pragmas continued with backslashes, and burst/outstanding options")
{
  auto f = test::write(test::scratch("continued"), "c.cpp", R"(
extern "C" void k(int* mem, int n)
{
#pragma HLS INTERFACE mode = m_axi bundle = gmem3 depth =                    \
    256 max_read_burst_length = 16 max_widen_bitwidth =                     \
        512 max_write_burst_length = 16 num_read_outstanding =              \
            16 num_write_outstanding = 16 latency = 8 port = mem
#pragma HLS INTERFACE s_axilite port = n \
    bundle = control
  mem[0] = n;
}
)");
  auto k = extract_kernel(f, "k", flags());
  REQUIRE(k.args.size() == 2);
  CHECK(k.args[0].port == "m_axi_gmem3");
  CHECK(k.args[1].port == "s_axi_control");
}

TEST_CASE("pragma-less kernels get the Vitis defaults: m_axi gmem, s_axilite control")
{
  // UG1393 (Kernel Interfaces): without INTERFACE pragmas every pointer is on
  // m_axi_gmem (the public host_memory_simple example's cfg maps m_axi_gmem).
  auto f = test::write(test::scratch("defaults"), "d.cpp", R"(
extern "C" void d(const float* a, float* b, unsigned n)
{
  for (unsigned i = 0; i < n; ++i) b[i] = a[i];
}
)");
  auto k = extract_kernel(f, "d", flags());
  CHECK(k.control == "ap_ctrl_hs");
  CHECK(k.args[0].port == "m_axi_gmem");
  CHECK(k.args[1].port == "m_axi_gmem");
  CHECK(k.args[2].port == "s_axi_control");
  CHECK(k.args[2].offset == 0x28);
}

TEST_CASE("m_axi pragmas without bundle= share gmem0; m_axi_auto_max_ports gives each pointer its own port")
{
  auto dir = test::scratch("bundles");
  auto f = test::write(dir, "b.cpp", R"(
extern "C" void b(const int* a, const int* c, int* o, int* q, int n)
{
#pragma HLS INTERFACE m_axi port=a
#pragma HLS INTERFACE m_axi port=c offset=slave
#pragma HLS INTERFACE m_axi port=o bundle=gmem1
  for (int i = 0; i < n; ++i) o[i] = a[i] + c[i] + q[i];
}
)");
  auto k = extract_kernel(f, "b", flags());
  CHECK(k.args[0].port == "m_axi_gmem0");
  CHECK(k.args[1].port == "m_axi_gmem0");
  CHECK(k.args[2].port == "m_axi_gmem1");
  CHECK(k.args[3].port == "m_axi_gmem0");   // no pragma of its own: the default bundle

  hls_settings auto_ports;
  auto_ports.m_axi_auto_max_ports = true;
  auto a = extract_kernel(f, "b", flags(), auto_ports);
  CHECK(a.args[0].port == "m_axi_gmem0");
  CHECK(a.args[1].port == "m_axi_gmem2");   // gmem1 is taken by bundle=gmem1
  CHECK(a.args[2].port == "m_axi_gmem1");
  CHECK(a.args[3].port == "m_axi_gmem3");
  CHECK(a.args[4].port == "s_axi_control");

  // The public kernel_global_bandwidth shape: no pragmas, a pre_tcl with
  // config_interface -m_axi_auto_max_ports=true, cfg sp=..m_axi_gmem0/1.
  auto g = test::write(dir, "g.cpp", R"(
extern "C" void g(const long* in0, long* out0, long n) { for (long i = 0; i < n; ++i) out0[i] = in0[i]; }
)");
  auto t = extract_kernel(g, "g", flags(), auto_ports);
  CHECK(t.args[0].port == "m_axi_gmem0");
  CHECK(t.args[1].port == "m_axi_gmem1");
}

TEST_CASE("[hls] pre_tcl: config_interface -m_axi_auto_max_ports in its spellings; bad values name file:line")
{
  auto dir = test::scratch("pre_tcl");
  std::vector<std::string> notes;
  hls_settings s;
  read_hls_pre_tcl(test::write(dir, "a.tcl", "# comment\nconfig_interface -m_axi_auto_max_ports=true\n"), s, notes);
  CHECK(s.m_axi_auto_max_ports);
  CHECK(notes.empty());
  s = {};
  read_hls_pre_tcl(test::write(dir, "b.tcl", "config_compile -pipeline_loops 64\nconfig_interface \\\n"
                                             "  -m_axi_addr64 -m_axi_auto_max_ports true\n"), s, notes);
  CHECK(s.m_axi_auto_max_ports);
  REQUIRE(notes.size() == 2);
  CHECK_THAT(notes[0], Contains("b.tcl:1: config_compile"));
  CHECK_THAT(notes[1], Contains("b.tcl:2: config_interface -m_axi_addr64"));
  read_hls_pre_tcl(test::write(dir, "c.tcl", "config_interface -m_axi_auto_max_ports false\n"), s, notes);
  CHECK_FALSE(s.m_axi_auto_max_ports);
  CHECK_THROWS_WITH(read_hls_pre_tcl(test::write(dir, "d.tcl", "\nconfig_interface -m_axi_auto_max_ports=maybe\n"), s, notes),
                    Contains("d.tcl:2: config_interface -m_axi_auto_max_ports: 'maybe' is not a boolean"));
  CHECK_THROWS_WITH(read_hls_pre_tcl(dir + "/none.tcl", s, notes), Contains("none.tcl: cannot open"));
}

TEST_CASE("[hls] pre_tcl: s_axilite mailbox and auto-restart counter move the arguments to 0x1c")
{
  auto dir = test::scratch("mailbox");
  std::vector<std::string> notes;
  hls_settings s;
  read_hls_pre_tcl(test::write(dir, "m.tcl", "config_interface -s_axilite_mailbox both\n"
                                             "config_interface -s_axilite_auto_restart_counter 1\n"
                                             "config_interface -s_axilite_sw_reset\n"), s, notes);
  CHECK(s.s_axilite_mailbox == "both");
  CHECK(s.s_axilite_auto_restart_counter);
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Contains("m.tcl:3: config_interface -s_axilite_sw_reset"));
  CHECK_THROWS_WITH(read_hls_pre_tcl(test::write(dir, "bad.tcl", "config_interface -s_axilite_mailbox all\n"), s, notes),
                    Contains("bad.tcl:1: config_interface -s_axilite_mailbox: 'all' is not one of none, in, out, both"));
  CHECK_THROWS_WITH(read_hls_pre_tcl(test::write(dir, "two.tcl", "config_interface -s_axilite_auto_restart_counter 2\n"), s, notes),
                    Contains("two.tcl:1: config_interface -s_axilite_auto_restart_counter: '2' is not 0 or 1"));

  auto f = test::write(dir, "k.cpp", R"(
extern "C" void k(int a, int b, int& sum, long long& wide)
{
#pragma HLS INTERFACE mode=ap_ctrl_chain port=return
  sum = a + b;
  wide = a;
}
)");
  auto plain = extract_kernel(f, "k", flags());
  CHECK(plain.mailbox.empty());
  CHECK_FALSE(plain.counted_auto_restart);
  CHECK(plain.args[0].offset == 0x10);
  hls_settings mb;
  mb.s_axilite_mailbox = "both";
  mb.s_axilite_auto_restart_counter = true;
  auto k = extract_kernel(f, "k", flags(), mb);
  CHECK(k.mailbox == "both");
  CHECK(k.counted_auto_restart);
  // 0x10 counter, 0x14 / 0x18 mailbox control; then data + one word each.
  CHECK(k.args[0].offset == 0x1c);
  CHECK(k.args[1].offset == 0x24);
  CHECK(k.args[2].offset == 0x2c);
  CHECK(k.args[3].offset == 0x34);
  nlohmann::json j = k;
  auto back = j.get<kernel_desc>();
  CHECK(back.mailbox == "both");
  CHECK(back.counted_auto_restart);
}

TEST_CASE("hls::burst_maxi arguments are m_axi ports; unsupported arguments name file:line")
{
  auto dir = test::scratch("burst");
  auto f = test::write(dir, "b.cpp", R"(
#include <hls_burst_maxi.h>
extern "C" void b(hls::burst_maxi<int> in, hls::burst_maxi<int> out, int n)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem0 max_read_burst_length = 64
#pragma HLS INTERFACE m_axi port = out bundle = gmem1
  in.read_request(0, n);
  out.write_request(0, n);
  for (int i = 0; i < n; ++i) out.write(in.read());
  out.write_response();
}
)");
  auto k = extract_kernel(f, "b", flags());
  REQUIRE(k.args.size() == 3);
  CHECK(k.args[0].kind == arg_kind::global);
  CHECK(k.args[0].type == "int*");
  CHECK(k.args[1].port == "m_axi_gmem1");
  CHECK(k.args[2].offset == 0x28);

  auto sob = test::write(dir, "sob.cpp", R"(
#include <hls_streamofblocks.h>
extern "C" void s(
  hls::stream_of_blocks<int[4]>& in)
{
  hls::read_lock<int[4]> b(in);
}
)");
  REQUIRE_THROWS_WITH(extract_kernel(sob, "s", flags()), Contains("sob.cpp:4") && Contains("stream_of_blocks"));
  auto ref = test::write(dir, "ref.cpp", R"(
extern "C" void r(int* a,
                  int (&out)[4])
{
  out[0] = a[0];
}
)");
  REQUIRE_THROWS_WITH(extract_kernel(ref, "r", flags()), Contains("ref.cpp:3") && Contains("'out'"));
}

TEST_CASE("a scalar by reference is an output register; a const reference an input")
{
  auto src = test::write(test::scratch("outs"), "outs.cpp", R"(
extern "C" void o(const int* a, const int& scale, int& count, double& mean)
{
  count = a[0] * scale;
  mean = a[1];
}
)");
  auto k = extract_kernel(src, "o", flags());
  REQUIRE(k.args.size() == 4);
  CHECK(k.args[1].type.back() != '&');   // an input like any scalar
  CHECK(k.args[2].type == "int&");
  CHECK(k.args[2].size == 4);
  CHECK(k.args[3].type == "double&");
  CHECK(k.args[3].size == 8);
  // data words, then the ap_vld word: a at 0x10, scale at 0x1c, count
  // at 0x24 (its vld at 0x28), mean at 0x2c..0x33 (its vld at 0x34)
  CHECK(k.args[2].offset == 0x24);
  CHECK(k.args[3].offset == 0x2c);
}
