// v++ -c's loop instrumentation (loop_estimate.h) on small sources: which
// loops it finds and how it schedules them, and that the instrumented copy
// compiles, keeps the user's file and line numbers, finds headers next to
// the source and counts each body's runs.
#include "test_files.h"

#include "xrtemu/hls_estimate.hpp"
#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/loop_estimate.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>

using namespace xrtemu::vpp;

namespace {

std::vector<std::string> flags() { return {"-I" XRTEMU_SOURCE_DIR "/kernels/include"}; }

const char* helper_h = R"(
#define SCALE 3
)";

// Line numbers matter: where() is on line 45.
const char* loops_src = R"(#include "helper.h"
#define ZERO2(x) for (int q = 0; q < 2; ++q) x[q] = 0

extern "C" void k(int* a, const short* b, int n)
{
#pragma HLS INTERFACE m_axi port = a bundle = gmem
#pragma HLS INTERFACE m_axi port = b bundle = gmem
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II=2
    a[i] = b[i] * SCALE;
  }
  for (int i = 0; i < n; ++i)
    a[i] += 1;
  int j = 0;
  while (j < n) ++j;
  do j--; while (j > 0);
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < n; ++c) a[c] = *(b + c);
  }
  for (int i = 0; i < 4; ++i) {
#pragma HLS unroll
    a[i] = 0;
  }
  for (int i = 0; i < n; ++i) {
#pragma hls pipeline off
    a[i] = 1;
  }
  for (int i = 0; i < n; ++i) {
#pragma HLS UNROLL factor = 2
    a[i] = 2;
  }
  ZERO2(a);
  for (int i = 0; i < n; i++) if (i) a[i] = 3; else a[i] = 4;
  for (int r = 0; r < 2; ++r) {
#pragma HLS pipeline
    for (int c = 0; c < 4; ++c)
      a[c] = b[c];
  }
}

const char* file() { return __FILE__; }
constexpr int bits(int n) { int r = 0; while (n >>= 1) ++r; return r; }
static_assert(bits(8) == 3, "constexpr loops stay constexpr");

int where() { return __LINE__; }
)";

std::string run_output(const std::string& cmd)
{
  std::string out;
  if (FILE* p = popen((cmd + " 2>&1").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
      out.append(buf, n);
    pclose(p);
  }
  return out;
}

} // namespace

TEST_CASE("loop estimate: loops, pragmas, nesting and m_axi bytes per iteration", "[vpp][estimate]")
{
  auto dir = test::scratch("loops");
  test::write(dir, "helper.h", helper_h);
  auto src = test::write(dir, "k.cpp", loops_src);
  auto k = extract_kernel(src, "k", flags());
  auto s = instrument_loops(src, k, flags());
  // The loop written by ZERO2 is not counted; the others are, in order.
  REQUIRE(s.loops.size() == 12);
  using namespace xrtemu;
  auto& L = s.loops;
  CHECK(L[0].line == 8);
  CHECK(L[0].mode == hls::pipelined);
  CHECK(L[0].ii == 2);
  CHECK(L[0].bytes == std::vector<uint32_t>{4, 2, 0});
  CHECK(L[1].mode == hls::pipelined);
  CHECK(L[1].ii == 1);
  CHECK(L[1].bytes == std::vector<uint32_t>{4, 0, 0});
  CHECK(L[2].keyword == "while");
  CHECK(L[3].keyword == "do");
  CHECK(L[4].mode == hls::sequential);
  CHECK(L[4].has_inner);
  CHECK(L[5].mode == hls::pipelined);
  CHECK(L[5].bytes == std::vector<uint32_t>{4, 2, 0});
  CHECK(L[6].mode == hls::folded);   // unroll (full)
  CHECK(L[7].mode == hls::sequential);   // pipeline off
  CHECK_FALSE(L[7].has_inner);
  CHECK(L[8].mode == hls::pipelined);
  CHECK(L[8].unroll == 2);
  CHECK(L[9].line == 33);
  CHECK(L[10].mode == hls::pipelined);   // pipelined outer loop: its inner loop unrolls
  CHECK(L[11].mode == hls::folded);

  // The copy compiles next to nothing of the source's (helper.h through
  // -iquote), runs, and counts each body's runs; file and lines are the source's.
  auto out_dir = test::scratch("loops_out");
  auto copy = test::write(out_dir, "k_loops.cpp", s.text);
  auto main_src = test::write(out_dir, "main.cpp", "#include \"k_loops.cpp\"\n#include <cstdio>\n"
    "int main() { int a[64] = {0}; short b[64] = {0}; k(a, b, 5);\n"
    "  for (auto c : xrtemu_hls_loop_count) std::printf(\"%llu \", (unsigned long long)c);\n"
    "  std::printf(\"\\n%d %s\\n\", where(), file()); }\n");
  auto exe = out_dir + "/loops";
  auto log = run_output("c++ -std=c++17 -O2 -I" XRTEMU_SOURCE_DIR "/kernels/include -iquote " + dir + " " + main_src + " -o " + exe);
  INFO(log);
  REQUIRE(log.empty());
  auto got = run_output(exe);
  INFO(got);
  std::istringstream in(got);
  std::vector<uint64_t> counts(12);
  for (auto& c : counts)
    in >> c;
  CHECK(counts == std::vector<uint64_t>{5, 5, 5, 5, 3, 15, 4, 5, 5, 5, 2, 8});
  int line = 0;
  std::string file;
  in >> line >> file;
  CHECK(line == 45);
  CHECK(file == src);

  // The estimate of that run (hls_estimate.hpp): II=2 x 5, 5, 5, 5, outer
  // 3 x 2 + its inner 15, unrolled 0, pipeline off 5 x 4, factor 2 ceil(5/2),
  // the if/else loop 5, a pipelined outer loop 2 x 1 with its inner folded.
  std::vector<hls::loop_cost> costs;
  std::vector<uint8_t> inner;
  std::vector<uint32_t> bytes;
  for (auto& l : L) {
    costs.push_back({l.mode, l.ii, l.unroll ? l.unroll : 1});
    inner.push_back(l.has_inner);
    bytes.insert(bytes.end(), l.bytes.begin(), l.bytes.end());
  }
  uint64_t cycles = 0, moved[3];
  hls::estimate(costs.data(), inner.data(), bytes.data(), counts.data(), L.size(), 3, cycles, moved);
  CHECK(cycles == 10 + 5 + 5 + 5 + 6 + 15 + 0 + 20 + 3 + 5 + 2 + 0);
  CHECK(moved[0] == 4 * (5 + 5 + 15 + 4 + 5 + 5 + 2 * 5 + 8));   // the if/else loop: two accesses
  CHECK(moved[1] == 2 * (5 + 15 + 8));
}

TEST_CASE("loop estimate: a compile error in the copy names the user's file and line", "[vpp][estimate]")
{
  auto dir = test::scratch("loops_err");
  auto src = test::write(dir, "bad.cpp", "extern \"C\" void bad(int* a, int n)\n{\n  for (int i = 0; i < n; ++i)\n"
                                         "    a[i] = 0;\n}\nstatic_assert(sizeof(int) == 3, \"line six\");\n");
  kernel_desc k;   // extract_kernel would stop at the error
  k.name = "bad";
  k.args = {{"a", "int*", arg_kind::global, true, 8, 8, 0x10, "m_axi_gmem", "gmem"},
            {"n", "int", arg_kind::scalar, false, 4, 4, 0x1c, "s_axi_control", ""}};
  auto s = instrument_loops(src, k, flags());
  REQUIRE(s.loops.size() == 1);
  CHECK(s.loops[0].bytes == std::vector<uint32_t>{4, 0});
  auto copy = test::write(test::scratch("loops_err_out"), "bad_loops.cpp", s.text);
  auto log = run_output("c++ -std=c++17 -fsyntax-only -I" XRTEMU_SOURCE_DIR "/kernels/include " + copy);
  CHECK(log.find(src + ":6:") != std::string::npos);
  INFO(log);
}

TEST_CASE("loop estimate: m_axi bytes through helper functions (a template, called twice)", "[vpp][estimate]")
{
  auto dir = test::scratch("loops_helpers");
  auto src = test::write(dir, "df.cpp", R"(#include <hls_stream.h>
template <typename T>
static void load(const T* src, hls::stream<T>& s, int n)
{
  for (int i = 0; i < n; ++i)
    s.write(src[i]);
}
static void store(int* dst, hls::stream<int>& s, int n)
{
  for (int i = 0; i < n; ++i)
    *(dst + i) = s.read();
}
static void add(hls::stream<int>& a, hls::stream<int>& b, hls::stream<int>& c, int n)
{
  for (int i = 0; i < n; ++i)
    c.write(a.read() + b.read());
}
extern "C" void df(const int* a, const int* b, int* out, int n)
{
#pragma HLS dataflow
  hls::stream<int> sa, sb, sc;
  load(a, sa, n);
  load(b + 0, sb, n);
  add(sa, sb, sc, n);
  store(out, sc, n);
}
)");
  auto k = extract_kernel(src, "df", flags());
  auto s = instrument_loops(src, k, flags());
  REQUIRE(s.loops.size() == 3);
  // load's loop runs for a and for b: its 4 bytes an iteration split evenly.
  CHECK(s.loops[0].bytes == std::vector<uint32_t>{2, 2, 0, 0});
  CHECK(s.loops[1].bytes == std::vector<uint32_t>{0, 0, 4, 0});
  CHECK(s.loops[2].bytes == std::vector<uint32_t>{0, 0, 0, 0});
}
