#include "triple_config.h"

extern "C" void triple(const int* in, int* out, int size)
{
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem1
#pragma HLS INTERFACE s_axilite port = in
#pragma HLS INTERFACE s_axilite port = out
#pragma HLS INTERFACE s_axilite port = size
#pragma HLS INTERFACE s_axilite port = return
  for (int i = 0; i < size; ++i)
    out[i] = triple_factor * in[i];
}
