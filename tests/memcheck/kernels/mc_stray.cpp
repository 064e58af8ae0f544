// Memory checker test kernel: writes `delta` bytes away from `out`, which the
// host points into another buffer of the same bank.
extern "C" void mc_stray(int* out, long long delta, int n)
{
#pragma HLS INTERFACE m_axi port = out bundle = gmem
  for (int i = 0; i < n; ++i)
    out[i] = i;
  out[delta / 4] = 42;
}
