// hls::burst_maxi (hls_burst_maxi.h) and hls::print (hls_print.h).
#include <ap_int.h>
#include <hls_burst_maxi.h>
#include <hls_print.h>
#include <hls_vector.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <unistd.h>

static void copy_plus(hls::burst_maxi<int> in, hls::burst_maxi<int> out, int n) {
  in.read_request(2, n);
  out.write_request(0, n);
  for (int i = 0; i < n; ++i) out.write(in.read() + 1);
  out.write_response();
}

TEST_CASE("hls::burst_maxi: requests are served in order, writes land in memory") {
  int src[8] = {0, 1, 2, 3, 4, 5, 6, 7}, dst[8] = {};
  copy_plus(src, dst, 4);  // arrays convert, as in a testbench
  CHECK(dst[0] == 3);
  CHECK(dst[3] == 6);
  CHECK(dst[4] == 0);

  hls::burst_maxi<int> m(src);
  m.read_request(0, 1);
  m.read_request(6, 2);
  CHECK(m.read() == 0);
  CHECK(m.read() == 6);
  CHECK(m.read() == 7);
  CHECK_THROWS_WITH(m.read(), Catch::Contains("without an outstanding read_request"));
}

TEST_CASE("hls::burst_maxi: byte enables, write_response order, unaligned requests") {
  unsigned buf[4] = {0x11111111u, 0x22222222u, 0, 0};
  hls::burst_maxi<unsigned> m(buf);
  m.write_request(0, 2);
  m.write(0xaabbccddu, ap_uint<4>(0x5));  // bytes 0 and 2
  CHECK_THROWS_WITH(m.write_response(), Catch::Contains("before all elements"));
  m.write(0x33333333u);
  m.write_response();
  CHECK(buf[0] == 0x11bb11ddu);
  CHECK(buf[1] == 0x33333333u);
  CHECK_THROWS(m.write_response());

  unsigned char bytes[16];
  for (int i = 0; i < 16; ++i) bytes[i] = static_cast<unsigned char>(i);
  hls::burst_maxi<ap_uint<64>> w(reinterpret_cast<ap_uint<64>*>(bytes));
  w.read_request_unaligned<hls::vector<unsigned char, 3>>(1, 2);
  hls::vector<unsigned char, 3> v = w.read<hls::vector<unsigned char, 3>>();
  CHECK(int(v[0]) == 1);
  v = w.read<hls::vector<unsigned char, 3>>();
  CHECK(int(v[2]) == 6);
}

TEST_CASE("hls::print prints its format with one value") {
  std::fflush(stdout);
  char path[] = "/tmp/hls_print_XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  int saved = dup(1);
  dup2(fd, 1);
  hls::print("n=%d\n", 42);
  hls::print("x=%.2f\n", 1.5);
  hls::print("a=%lld\n", ap_int<12>(-7));
  hls::print(std::string("plain\n"));
  std::fflush(stdout);
  dup2(saved, 1);
  close(saved);
  std::string text;
  std::FILE* f = std::fopen(path, "r");
  char line[64];
  while (std::fgets(line, sizeof line, f)) text += line;
  std::fclose(f);
  close(fd);
  unlink(path);
  CHECK(text == "n=42\nx=1.50\na=-7\nplain\n");
}
