// Load-compute-store in a DATAFLOW region: three functions connected by
// hls::stream FIFOs, the structure most streaming Vitis kernels share.
#include <hls_stream.h>

static void load(const int* in, hls::stream<int>& s, int n)
{
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II = 1
    s.write(in[i]);
  }
}

static void compute(hls::stream<int>& in, hls::stream<int>& out, int scale, int n)
{
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II = 1
    out.write(in.read() * scale + 1);
  }
}

static void store(hls::stream<int>& s, int* out, int n)
{
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II = 1
    out[i] = s.read();
  }
}

extern "C" void dataflow_scale(const int* in, int* out, int scale, int n)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem0
#pragma HLS INTERFACE m_axi port = out bundle = gmem1
#pragma HLS INTERFACE s_axilite port = scale
#pragma HLS INTERFACE s_axilite port = n
#pragma HLS INTERFACE s_axilite port = return
#pragma HLS DATAFLOW
  hls::stream<int> loaded("loaded"), computed("computed");
#pragma HLS STREAM variable = loaded depth = 32
#pragma HLS STREAM variable = computed depth = 32
  load(in, loaded, n);
  compute(loaded, computed, scale, n);
  store(computed, out, n);
}
