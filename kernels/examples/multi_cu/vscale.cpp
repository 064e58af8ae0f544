// out[i] = in[i] * factor
extern "C" {

void vscale(const int* in, int* out, int factor, int size)
{
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem1
#pragma HLS INTERFACE s_axilite port = in
#pragma HLS INTERFACE s_axilite port = out
#pragma HLS INTERFACE s_axilite port = factor
#pragma HLS INTERFACE s_axilite port = size
#pragma HLS INTERFACE s_axilite port = return

scale:
  for (int i = 0; i < size; ++i) {
#pragma HLS PIPELINE II = 1
    out[i] = in[i] * factor;
  }
}

}
