// Stage 2 of the stream pipeline: a free-running (ap_ctrl_none) CU with no
// control registers.  It multiplies every beat by 3 and passes TLAST on;
// the card restarts it whenever its input delivers more data.
#include <ap_axi_sdata.h>
#include <hls_stream.h>

typedef ap_axiu<32, 0, 0, 0> pkt;

extern "C" void filter(hls::stream<pkt>& in, hls::stream<pkt>& out)
{
#pragma HLS INTERFACE axis port = in
#pragma HLS INTERFACE axis port = out
#pragma HLS INTERFACE ap_ctrl_none port = return

triple:
  for (;;) {
#pragma HLS PIPELINE II = 1
    pkt v = in.read();
    v.data = static_cast<unsigned>(static_cast<int>(v.data) * 3);
    out.write(v);
    if (v.last)
      break;
  }
}
