// The swap example's kernel: out[i] = in1[i] + in2[i], one m_axi port per
// buffer so the link configuration can place each in its own bank.
extern "C" void krnl_vadd(const unsigned int* in1, const unsigned int* in2, unsigned int* out, int size)
{
#pragma HLS INTERFACE m_axi port = in1 bundle = gmem0
#pragma HLS INTERFACE m_axi port = in2 bundle = gmem1
#pragma HLS INTERFACE m_axi port = out bundle = gmem2
vadd:
  for (int i = 0; i < size; ++i) {
#pragma HLS PIPELINE II = 1
    out[i] = in1[i] + in2[i];
  }
}
