// Timed-mode kernel time test (e2e_timed_hls): 512-bit words in and out of
// one bank at II=1 move 128 bytes a cycle, more than a DDR4 bank's 19.2 GB/s
// at 300 MHz: the bank's bandwidth bounds the run.
#include <ap_int.h>

extern "C" void ht_wide(const ap_uint<512>* in, ap_uint<512>* out, int n)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem0
#pragma HLS INTERFACE m_axi port = out bundle = gmem1
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II = 1
    out[i] = in[i] + 1;
  }
}
