// The body of the `xbutil validate` bandwidth kernels (bandwidth1.cpp,
// bandwidth2.cpp): copies `blocks` 512-bit words from `in` to `out`, `reps`
// times over, so a run moves 2 x 64 x blocks x reps bytes through the two
// memory ports.
#pragma once

#include <ap_int.h>

namespace {
inline void bandwidth_copy(ap_uint<512>* out, const ap_uint<512>* in, unsigned blocks, unsigned reps)
{
  for (unsigned r = 0; r < reps; ++r)
    for (unsigned i = 0; i < blocks; ++i) {
#pragma HLS PIPELINE II = 1
      out[i] = in[i];
    }
}
} // namespace
