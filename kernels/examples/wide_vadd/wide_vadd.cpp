// Vector addition on 512-bit words: each AXI beat carries sixteen 32-bit
// lanes, added lane by lane with range access, the usual way Vitis kernels
// use the full width of a memory port.
#include <ap_int.h>

constexpr int lanes = 512 / 32;

extern "C" void wide_vadd(const ap_uint<512>* in1, const ap_uint<512>* in2, ap_uint<512>* out, int words)
{
#pragma HLS INTERFACE m_axi port = in1 bundle = gmem0
#pragma HLS INTERFACE m_axi port = in2 bundle = gmem1
#pragma HLS INTERFACE m_axi port = out bundle = gmem0
#pragma HLS INTERFACE s_axilite port = words
#pragma HLS INTERFACE s_axilite port = return

  for (int i = 0; i < words; ++i) {
#pragma HLS PIPELINE II = 1
    ap_uint<512> a = in1[i], b = in2[i], c;
    for (int lane = 0; lane < lanes; ++lane) {
#pragma HLS UNROLL
      c.range(32 * lane + 31, 32 * lane) = a.range(32 * lane + 31, 32 * lane) + b.range(32 * lane + 31, 32 * lane);
    }
    out[i] = c;
  }
}
