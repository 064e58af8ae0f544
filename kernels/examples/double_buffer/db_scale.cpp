// The double-buffering example (host/examples/double_buffer, docs/timing.md):
// out = in * a + b over one chunk, eight floats per pipelined iteration, so a
// 300 MHz CU moves 32 bytes in and 32 out per cycle, as much as one DDR4 bank
// carries: a kernel about as fast as the DMA that feeds it.  `passes` repeats
// the pass to make the kernel slower than the DMA when a run wants that.
extern "C" {

void db_scale(const float* in, float* out, int n, float a, float b, int passes)
{
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem1
#pragma HLS INTERFACE s_axilite port = return
  for (int p = 0; p < passes; ++p) {
    for (int i = 0; i < n / 8; ++i) {
#pragma HLS PIPELINE II = 1
      out[8 * i + 0] = in[8 * i + 0] * a + b;
      out[8 * i + 1] = in[8 * i + 1] * a + b;
      out[8 * i + 2] = in[8 * i + 2] * a + b;
      out[8 * i + 3] = in[8 * i + 3] * a + b;
      out[8 * i + 4] = in[8 * i + 4] * a + b;
      out[8 * i + 5] = in[8 * i + 5] * a + b;
      out[8 * i + 6] = in[8 * i + 6] * a + b;
      out[8 * i + 7] = in[8 * i + 7] * a + b;
    }
  }
}
}
