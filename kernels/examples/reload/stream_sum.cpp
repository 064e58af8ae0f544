// Kernel state that belongs to one CU: stream_sum passes data between
// dataflow stages through a static array of hls::stream (FIFOs inside the
// CU), the way Vitis examples do, and two CUs of it run at the same time.
#include <hls_stream.h>

namespace {

constexpr int lanes = 4;

void produce(const int* in, hls::stream<int> s[lanes], int n)
{
  for (int i = 0; i < n; ++i)
    s[i % lanes].write(in[i]);
}

void consume(hls::stream<int> s[lanes], int* out, int n, int scale)
{
  for (int i = 0; i < n; ++i) {
    long acc = 0;
    // Busy work, so that runs of two CUs overlap in time.
    for (int k = 0; k < 200; ++k)
      acc += (k ^ i) & 1;
    out[i] = s[i % lanes].read() * scale + static_cast<int>(acc - acc);
  }
}

} // namespace

extern "C" void stream_sum(const int* in, int* out, int n, int scale)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem0
#pragma HLS INTERFACE m_axi port = out bundle = gmem1
  static hls::stream<int> s[lanes];
#pragma HLS STREAM variable = s depth = 1024
#pragma HLS DATAFLOW
  produce(in, s, n);
  consume(s, out, n, scale);
}
