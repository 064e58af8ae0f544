// out[i] = in[i] + inc, with the ap_ctrl_chain protocol: the CU takes the
// next start as soon as it has read its arguments.
extern "C" {

void vinc_chain(const int* in, int* out, int inc, int size)
{
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem1
#pragma HLS INTERFACE s_axilite port = in
#pragma HLS INTERFACE s_axilite port = out
#pragma HLS INTERFACE s_axilite port = inc
#pragma HLS INTERFACE s_axilite port = size
#pragma HLS INTERFACE ap_ctrl_chain port = return
#pragma HLS INTERFACE s_axilite port = return
  for (int i = 0; i < size; ++i) {
#pragma HLS PIPELINE II = 1
    out[i] = in[i] + inc;
  }
}

}
