// Memory checker test kernel: reads the element before the start of `in`.
extern "C" void mc_underrun(const int* in, int* out, int n)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem
#pragma HLS INTERFACE m_axi port = out bundle = gmem
  for (int i = 0; i < n; ++i)
    out[i] = in[i - 1];   // i == 0: one before the start
}
