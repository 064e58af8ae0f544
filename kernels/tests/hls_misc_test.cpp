// ap_axi_sdata, hls::vector, hls_math and a kernel that maps raw memory onto ap_uint<512>.
#include <ap_axi_sdata.h>
#include <hls_math.h>
#include <hls_print.h>
#include <hls_vector.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

TEST_CASE("AXI4-Stream side-channel types") {
  ap_axiu<32, 0, 0, 0> a;
  a.data = 0xDEADBEEF;
  a.keep = -1;
  a.strb = 0xF;
  a.last = 1;
  a.user = 0;
  a.id = 0;
  a.dest = 0;
  CHECK(a.data == 0xDEADBEEFu);
  CHECK(a.keep == 0xF);
  STATIC_REQUIRE(decltype(a.keep)::width == 4);
  ap_axis<64, 2, 5, 6> b;
  b.data = -5;
  b.user = 3;
  b.id = 31;
  b.dest = 63;
  CHECK(b.data == -5);
  STATIC_REQUIRE(decltype(b.user)::width == 2);
  STATIC_REQUIRE(decltype(b.dest)::width == 6);
  STATIC_REQUIRE(decltype(b.keep)::width == 8);
  hls::axis<float, 0, 0, 0> f;
  f.data = 1.5f;
  f.last = 0;
  CHECK(f.data == 1.5f);
  STATIC_REQUIRE(decltype(f.keep)::width == 4);
  qdma_axis<512, 0, 0, 0> q;
  q.set_data(7);
  q.keep_all();
  q.set_last(1);
  CHECK(q.get_data() == 7);
  CHECK(q.get_keep().and_reduce());
  STATIC_REQUIRE(std::is_trivially_copyable<ap_axiu<512, 1, 1, 1>>::value);
}

TEST_CASE("hls::vector") {
  STATIC_REQUIRE(sizeof(hls::vector<int, 16>) == 64);
  STATIC_REQUIRE(alignof(hls::vector<int, 16>) == 64);
  STATIC_REQUIRE(sizeof(hls::vector<float, 3>) == 12);
  STATIC_REQUIRE(std::is_trivially_copyable<hls::vector<int, 16>>::value);
  hls::vector<int, 4> a{1, 2, 3, 4}, b(10);
  auto c = a + b;
  CHECK(c[0] == 11);
  CHECK(c[3] == 14);
  c = a * 2;
  CHECK(c[2] == 6);
  c = 100 - a;
  CHECK(c[1] == 98);
  c -= a;
  CHECK(c[1] == 96);
  CHECK((a & 1)[2] == 1);
  CHECK((-a)[3] == -4);
  CHECK(a.reduce_add() == 10);
  CHECK(a.reduce_mult() == 24);
  CHECK(a.reduce_max() == 4);
  CHECK(a.reduce_min() == 1);
  CHECK(a.reduce_xor() == (1 ^ 2 ^ 3 ^ 4));
  CHECK(a == hls::vector<int, 4>{1, 2, 3, 4});
  CHECK(a != b);
  CHECK(a < b);
  hls::vector<ap_uint<12>, 8> v(3);
  v += ap_uint<12>(4);
  CHECK(v.reduce_add() == 56);
  hls::vector<float, 4> fv{0.5f, 1.5f, 2.5f, 3.5f};
  CHECK((fv * 2.0f).reduce_add() == 16.0f);
}

TEST_CASE("hls math") {
  CHECK(hls::sqrt(4.0f) == 2.0f);
  CHECK(hls::sqrt(2.0) == Approx(1.41421356));
  CHECK(hls::rsqrt(4.0f) == 0.5f);
  CHECK(hls::recip(8.0) == 0.125);
  CHECK(hls::exp(0.0) == 1.0);
  CHECK(hls::log(1.0f) == 0.0f);
  CHECK(hls::sin(0.0) == 0.0);
  CHECK(hls::cos(0.0f) == 1.0f);
  CHECK(hls::pow(2.0, 10.0) == 1024.0);
  CHECK(hls::fabs(-3.5f) == 3.5f);
  CHECK(hls::abs(-3) == 3);
  CHECK(hls::floor(-1.5) == -2.0);
  CHECK(hls::ceil(1.2f) == 2.0f);
  CHECK(hls::round(2.5) == 3.0);
  CHECK(hls::fmin(1.0, 2.0) == 1.0);
  CHECK(hls::fmax(1.0f, 2.0f) == 2.0f);
  ap_fixed<16, 8> x = 2.25;
  CHECK(hls::sqrt(x).to_double() == 1.5);
  CHECK(hls::abs(ap_fixed<16, 8>(-2.25)).to_double() == 2.25);
  CHECK(hls::floor(ap_fixed<16, 8>(-2.25)).to_double() == -3.0);
}

// A kernel in the usual style: 512-bit words from global memory.
static void kernel_sum_bytes(const ap_uint<512>* in, ap_uint<32>* out, int words) {
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem
#pragma HLS INTERFACE s_axilite port = return
  ap_uint<32> acc = 0;
  for (int w = 0; w < words; ++w) {
#pragma HLS PIPELINE II = 1
    ap_uint<512> word = in[w];
    for (int b = 0; b < 64; ++b) {
#pragma HLS UNROLL
      acc += word.range(8 * b + 7, 8 * b);
    }
  }
  *out = acc;
}

TEST_CASE("ap_uint<512> reinterpreted from raw little-endian memory") {
  alignas(64) uint8_t buf[128];
  for (int i = 0; i < 128; ++i) buf[i] = (uint8_t)(i * 7 + 1);
  const ap_uint<512>* words = reinterpret_cast<const ap_uint<512>*>(buf);
  for (int w = 0; w < 2; ++w)
    for (int bit = 0; bit < 512; ++bit)
      CHECK(words[w][bit] == bool((buf[w * 64 + bit / 8] >> (bit % 8)) & 1));
  CHECK(words[0].range(7, 0) == buf[0]);
  CHECK(words[0].range(511, 504) == buf[63]);
  ap_uint<32> out;
  kernel_sum_bytes(words, &out, 2);
  uint32_t ref = 0;
  for (int i = 0; i < 128; ++i) ref += buf[i];
  CHECK(out == ref);
  // Writing back keeps the same byte order.
  ap_uint<512> w0 = 0;
  w0.range(15, 0) = 0xBEEF;
  uint8_t raw[64];
  std::memcpy(raw, &w0, 64);
  CHECK(raw[0] == 0xEF);
  CHECK(raw[1] == 0xBE);
  CHECK(raw[2] == 0);
  // Narrow types too.
  uint32_t u32 = 0x12345678;
  ap_uint<32> a32;
  std::memcpy(&a32, &u32, 4);
  CHECK(a32 == 0x12345678u);
}

TEST_CASE("range references combine with each other as in HLS kernels", "[hls][ap_int]")
{
  // The wide-vector idiom: lane-wise arithmetic on ranges of two ap_uint<512>.
  ap_uint<512> a = 0, b = 0, c = 0;
  for (int lane = 0; lane < 16; ++lane) {
    a.range(32 * lane + 31, 32 * lane) = 0xffffff00u + lane;
    b.range(32 * lane + 31, 32 * lane) = 0x100u * lane;
  }
  for (int lane = 0; lane < 16; ++lane)
    c.range(32 * lane + 31, 32 * lane) = a.range(32 * lane + 31, 32 * lane) + b.range(32 * lane + 31, 32 * lane);
  for (int lane = 0; lane < 16; ++lane)
    CHECK(c.range(32 * lane + 31, 32 * lane).to_uint() == static_cast<unsigned>(0xffffff00u + lane + 0x100u * lane));
  CHECK((a.range(31, 0) == b.range(31, 0)) == false);
  CHECK((a.range(63, 32) > b.range(63, 32)));
}

TEST_CASE("hls::print formats one value like printf", "[hls][print]")
{
  std::fflush(stdout);
  char buf[128] = {};
  std::FILE* saved = stdout;
  std::FILE* mem = fmemopen(buf, sizeof(buf), "w");
  REQUIRE(mem);
  stdout = mem;
  hls::print("n=%d ", 42);
  hls::print("u=%u ", 7u);
  hls::print("x=%.1f\n", 2.5);
  std::fflush(mem);
  stdout = saved;
  std::fclose(mem);
  CHECK(std::string(buf) == "n=42 u=7 x=2.5\n");
}
