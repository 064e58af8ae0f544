// Timed-mode kernel time test (e2e_timed_hls): a loop nest, rows x cols;
// the inner loop pipelines at II=1, the outer costs its iteration overhead.
extern "C" void ht_nested(const int* in, int* out, int rows, int cols)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem0
#pragma HLS INTERFACE m_axi port = out bundle = gmem0
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      out[r * cols + c] = in[r * cols + c] - r;
}
