// Every C scalar type a kernel may take through its AXI4-Lite control
// registers. The kernel stores each value, widened to 64 bits, into out[] so
// the host can check that each one arrived intact:
//   out[0..5]  char, unsigned char, short, int, unsigned int, long long
//   out[6]     the bits of the float (low 32 bits)
//   out[7]     the bits of the double
//   out[8]     int(f * 2) + int(d * 2)   (arithmetic on the received values)
#include <cstdint>
#include <cstring>

extern "C" {

void scalars(char c, unsigned char uc, short s, int i, unsigned int u, long long ll, float f, double d,
             long long* out)
{
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem
#pragma HLS INTERFACE s_axilite port = c
#pragma HLS INTERFACE s_axilite port = uc
#pragma HLS INTERFACE s_axilite port = s
#pragma HLS INTERFACE s_axilite port = i
#pragma HLS INTERFACE s_axilite port = u
#pragma HLS INTERFACE s_axilite port = ll
#pragma HLS INTERFACE s_axilite port = f
#pragma HLS INTERFACE s_axilite port = d
#pragma HLS INTERFACE s_axilite port = out
#pragma HLS INTERFACE s_axilite port = return

  uint32_t fbits;
  uint64_t dbits;
  std::memcpy(&fbits, &f, sizeof fbits);
  std::memcpy(&dbits, &d, sizeof dbits);
  out[0] = c;
  out[1] = uc;
  out[2] = s;
  out[3] = i;
  out[4] = u;
  out[5] = ll;
  out[6] = static_cast<long long>(fbits);
  out[7] = static_cast<long long>(dbits);
  out[8] = static_cast<int>(f * 2) + static_cast<int>(d * 2);
}

}
