// Data-driven tasks joined by a stream of blocks: a control-driven load feeds `pack`
// (16 elements -> one block, scaled), `flip` turns each block around, and the store loop
// writes the result back. The two stages are hls::tasks: free-running threads that process
// whatever arrives and end with the run (hls_task.h).
//   out[16*b + j] = 3 * in[16*b + 15 - j] + 1
#include <hls_stream.h>
#include <hls_streamofblocks.h>
#include <hls_task.h>

static const int block_len = 16;
typedef int block_t[block_len];

static void pack(hls::stream<int>& in, hls::stream_of_blocks<block_t>& out)
{
  hls::write_lock<block_t> b(out);
  for (int i = 0; i < block_len; ++i) {
#pragma HLS PIPELINE II = 1
    b[i] = in.read() * 3;
  }
}

static void flip(hls::stream_of_blocks<block_t>& in, hls::stream<int>& out)
{
  hls::read_lock<block_t> b(in);
  for (int i = block_len - 1; i >= 0; --i) {
#pragma HLS PIPELINE II = 1
    out.write(b[i] + 1);
  }
}

extern "C" void task_blocks(const int* in, int* out, int blocks)
{
#pragma HLS INTERFACE m_axi port = in bundle = gmem0 max_read_burst_length = 64 \
    num_read_outstanding = 4
#pragma HLS INTERFACE m_axi port = out bundle = gmem1 max_write_burst_length = 64
#pragma HLS DATAFLOW
  hls_thread_local hls::stream<int, 64> to_pack("to_pack");
  hls_thread_local hls::stream<int, 64> flipped("flipped");
  hls_thread_local hls::stream_of_blocks<block_t, 2> packed;
  hls_thread_local hls::task t_pack(pack, to_pack, packed);
  hls_thread_local hls::task t_flip(flip, packed, flipped);

  for (int i = 0; i < blocks * block_len; ++i)
    to_pack.write(in[i]);
  for (int i = 0; i < blocks * block_len; ++i)
    out[i] = flipped.read();
}
