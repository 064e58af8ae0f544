// Stage 1 of the stream pipeline: reads n ints from global memory and sends
// them down an AXI4-Stream, TLAST on the last beat.
#include <ap_axi_sdata.h>
#include <hls_stream.h>

typedef ap_axiu<32, 0, 0, 0> pkt;

extern "C" void producer(const int* in, hls::stream<pkt>& out, int n)
{
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem0
#pragma HLS INTERFACE axis port = out
#pragma HLS INTERFACE s_axilite port = in
#pragma HLS INTERFACE s_axilite port = n
#pragma HLS INTERFACE s_axilite port = return

send:
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II = 1
    pkt v;
    v.data = static_cast<unsigned>(in[i]);
    v.keep = -1;
    v.strb = -1;
    v.user = 0;
    v.id = 0;
    v.dest = 0;
    v.last = i == n - 1;
    out.write(v);
  }
}
