// Element-wise product; one of the two kernels a kernel-swap host loads in turn.
extern "C" void krnl_vmul(const int* a, const int* b, int* out, int n)
{
#pragma HLS INTERFACE m_axi port = a bundle = gmem0
#pragma HLS INTERFACE m_axi port = b bundle = gmem1
#pragma HLS INTERFACE m_axi port = out bundle = gmem0
  for (int i = 0; i < n; ++i)
    out[i] = a[i] * b[i];
}
