// The per-layer latency breakdown example (host/examples/layer_breakdown,
// docs/timing.md), layer 1: out = in * scale; reads the previous layer's
// output buffer and writes its own.
extern "C" {

void layer_scale(const float* in, float* out, float scale, int n)
{
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = out offset = slave bundle = gmem1
#pragma HLS INTERFACE s_axilite port = return
  for (int i = 0; i < n; ++i) {
#pragma HLS PIPELINE II = 1
    out[i] = in[i] * scale;
  }
}
}
