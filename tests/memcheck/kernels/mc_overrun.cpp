// Memory checker test kernel: writes one element past the end of `out`
// (an off-by-one loop bound).
extern "C" void mc_overrun(const int* in, int* out, int n)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem
#pragma HLS INTERFACE m_axi port = out bundle = gmem
  for (int i = 0; i <= n; ++i)
    out[i] = in[i < n ? i : 0] + 1;   // i == n: one past the end (MC_OVERRUN_LINE)
}
