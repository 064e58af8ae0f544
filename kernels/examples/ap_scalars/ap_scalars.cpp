// Arbitrary-precision scalars through the control registers: each takes
// sizeof(ap_[u]int<W>) host bytes, rounded up to 32-bit register words.
//   out[0] = a (48 bits), out[1] = b (12-bit signed, sign-extended),
//   out[2], out[3] = the low and high words of c (96 bits)
#include <ap_int.h>

extern "C" void ap_scalars(ap_uint<48> a, ap_int<12> b, ap_uint<96> c, long long* out)
{
#pragma HLS INTERFACE m_axi port = out bundle = gmem
#pragma HLS INTERFACE s_axilite port = a
#pragma HLS INTERFACE s_axilite port = b
#pragma HLS INTERFACE s_axilite port = c
#pragma HLS INTERFACE s_axilite port = return
  out[0] = static_cast<long long>(a.to_uint64());
  out[1] = b.to_int64();
  out[2] = static_cast<long long>(c.range(63, 0).to_uint64());
  out[3] = static_cast<long long>(c.range(95, 64).to_uint64());
}
