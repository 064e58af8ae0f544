// bandwidth2 of `xbutil validate`'s bandwidth.xclbin: the block copy of
// bandwidth_copy.h on its own pair of banks.  Arguments (out, in, blocks,
// reps), the order XRT's bandwidth test passes.
#include "bandwidth_copy.h"

extern "C" void bandwidth2(ap_uint<512>* out, const ap_uint<512>* in, unsigned blocks, unsigned reps)
{
#pragma HLS INTERFACE m_axi port = out bundle = gmem0
#pragma HLS INTERFACE m_axi port = in bundle = gmem1
#pragma HLS INTERFACE s_axilite port = blocks
#pragma HLS INTERFACE s_axilite port = reps
#pragma HLS INTERFACE s_axilite port = return
  bandwidth_copy(out, in, blocks, reps);
}
