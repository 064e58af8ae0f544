// A different kernel under the same name as krnl_vadd.cpp's: it subtracts.
// Two xclbins may name kernels alike; each load must run its own.
extern "C" void krnl_vadd(const int* a, const int* b, int* out, int n)
{
#pragma HLS INTERFACE m_axi port = a bundle = gmem0
#pragma HLS INTERFACE m_axi port = b bundle = gmem1
#pragma HLS INTERFACE m_axi port = out bundle = gmem0
  for (int i = 0; i < n; ++i)
    out[i] = a[i] - b[i];
}
