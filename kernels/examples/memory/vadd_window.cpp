// out[i] = a[i] + b[i] for i in [first, first + n): a window anywhere in
// buffers that may be larger than one memory bank.
extern "C" void vadd_window(const int* a, const int* b, int* out, long first, int n)
{
#pragma HLS INTERFACE m_axi port = a bundle = gmem0
#pragma HLS INTERFACE m_axi port = b bundle = gmem1
#pragma HLS INTERFACE m_axi port = out bundle = gmem2
  for (long i = first; i < first + n; ++i)
    out[i] = a[i] + b[i];
}
