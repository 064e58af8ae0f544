// Timed-mode kernel time test (e2e_timed_hls): one pipelined loop whose trip
// count is the scalar n; HLS runs it at II=1.
extern "C" void ht_scale(const int* in, int* out, int n)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem0
#pragma HLS INTERFACE m_axi port = out bundle = gmem0
scale:
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II = 1
    out[i] = in[i] * 3;
  }
}
