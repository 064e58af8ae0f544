// Timed-mode kernel time test (e2e_timed_hls): the same loop at II=2.
extern "C" void ht_ii2(const int* in, int* out, int n)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem0
#pragma HLS INTERFACE m_axi port = out bundle = gmem0
  for (int i = 0; i < n; ++i) {
#pragma HLS pipeline II=2
    out[i] = in[i] + 7;
  }
}
