// out[i] = in[i] + inc
extern "C" {

void vinc(const int* in, int* out, int inc, int size)
{
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem1
#pragma HLS INTERFACE s_axilite port = in
#pragma HLS INTERFACE s_axilite port = out
#pragma HLS INTERFACE s_axilite port = inc
#pragma HLS INTERFACE s_axilite port = size
#pragma HLS INTERFACE s_axilite port = return

increment:
  for (int i = 0; i < size; ++i) {
#pragma HLS PIPELINE II = 1
    out[i] = in[i] + inc;
  }
}

}
