// Stage 3 of the stream pipeline: stores beats into global memory until
// TLAST or n values, whichever comes first.
#include <ap_axi_sdata.h>
#include <hls_stream.h>

typedef ap_axiu<32, 0, 0, 0> pkt;

extern "C" void consumer(hls::stream<pkt>& in, int* out, int n)
{
#pragma HLS INTERFACE axis port = in
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem0
#pragma HLS INTERFACE s_axilite port = out
#pragma HLS INTERFACE s_axilite port = n
#pragma HLS INTERFACE s_axilite port = return

receive:
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II = 1
    pkt v = in.read();
    out[i] = static_cast<int>(v.data);
    if (v.last)
      break;
  }
}
