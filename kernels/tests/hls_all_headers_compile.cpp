// Every header together, with a typical dataflow kernel using pragmas.
#include <ap_axi_sdata.h>
#include <ap_fixed.h>
#include <ap_int.h>
#include <hls_math.h>
#include <hls_stream.h>
#include <hls_vector.h>

#include <catch2/catch.hpp>

typedef ap_fixed<16, 6, AP_RND, AP_SAT> data_t;

static void load(const ap_uint<64>* in, hls::stream<data_t>& s, int n) {
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II = 1
    ap_uint<64> w = in[i];
    data_t d;
    d.V = w.range(15, 0);
    s.write(d);
  }
}
static void compute(hls::stream<data_t>& in, hls::stream<ap_axiu<32, 0, 0, 0>>& out, int n) {
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II = 1
    data_t d = in.read();
    data_t r = hls::sqrt(hls::abs(d)) * data_t(2);
    ap_axiu<32, 0, 0, 0> pkt;
    pkt.data = 0;
    pkt.data.range(15, 0) = r.range(15, 0);
    pkt.keep = -1;
    pkt.strb = -1;
    pkt.last = (i == n - 1);
    out << pkt;
  }
}
extern "C" void top(const ap_uint<64>* in, hls::stream<ap_axiu<32, 0, 0, 0>>& out, int n) {
#pragma HLS INTERFACE m_axi port = in bundle = gmem0
#pragma HLS INTERFACE axis port = out
#pragma HLS DATAFLOW
  hls::stream<data_t> mid("mid");
#pragma HLS STREAM variable = mid depth = 16
  load(in, mid, n);
  compute(mid, out, n);
}

TEST_CASE("all headers compile together and a dataflow kernel runs") {
  ap_uint<64> in[4];
  for (int i = 0; i < 4; ++i) in[i] = data_t(double(i * i)).V;
  hls::stream<ap_axiu<32, 0, 0, 0>> out("out");
  top(in, out, 4);
  for (int i = 0; i < 4; ++i) {
    ap_axiu<32, 0, 0, 0> p = out.read();
    data_t r;
    r.V = p.data.range(15, 0);
    CHECK(r.to_double() == Approx(2.0 * i));
    CHECK(p.last == (i == 3));
  }
  hls::vector<ap_int<8>, 4> v(ap_int<8>(1));
  CHECK(v.reduce_add() == 4);
}
