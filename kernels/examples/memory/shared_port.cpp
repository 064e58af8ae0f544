// Three pointer arguments on one AXI master (bundle gmem): the link config
// maps two of them to different banks, so the port reaches both.
extern "C" void shared_port(const int* a, const int* b, int* out, int n)
{
#pragma HLS INTERFACE m_axi port = a bundle = gmem
#pragma HLS INTERFACE m_axi port = b bundle = gmem
#pragma HLS INTERFACE m_axi port = out bundle = gmem
  for (int i = 0; i < n; ++i)
    out[i] = a[i] * 2 + b[i];
}
