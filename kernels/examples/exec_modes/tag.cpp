// out[0] = value: the smallest kernel that shows a run happened.
extern "C" {

void tag(int* out, int value)
{
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem0
#pragma HLS INTERFACE s_axilite port = return
  out[0] = value;
}

}
