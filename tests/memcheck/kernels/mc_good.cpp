// Memory checker test kernel that stays inside its buffers.
extern "C" void mc_good(const int* in, int* out, int n)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem
#pragma HLS INTERFACE m_axi port = out bundle = gmem
  for (int i = 0; i < n; ++i)
    out[i] = in[i] * 2;
}
