// A compute-bound kernel: `rounds` rounds of 32-bit integer mixing per
// element, each round depending on the last, so the time goes into
// arithmetic, not memory traffic.  Deterministic; rounds = 0 copies `in`.
// The hosts in tests/stress and bench link this file for their reference.
extern "C" {

void spin_hash(const unsigned* in, unsigned* out, unsigned n, unsigned rounds)
{
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem1
#pragma HLS INTERFACE s_axilite port = in
#pragma HLS INTERFACE s_axilite port = out
#pragma HLS INTERFACE s_axilite port = n
#pragma HLS INTERFACE s_axilite port = rounds
#pragma HLS INTERFACE s_axilite port = return

elements:
  for (unsigned i = 0; i < n; ++i) {
#pragma HLS LOOP_TRIPCOUNT min = 1 max = 4096
    unsigned x = in[i];
  mix:
    for (unsigned r = 0; r < rounds; ++r) {
#pragma HLS LOOP_TRIPCOUNT min = 0 max = 1000
      // Adding the round number keeps x off the mixer's fixed point (0).
      x += r;
      x ^= x >> 16;
      x *= 0x7feb352dU;
      x ^= x >> 15;
      x *= 0x846ca68bU;
      x ^= x >> 16;
    }
    out[i] = x;
  }
}

}
