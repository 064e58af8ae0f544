// matmul_tiled: C = A x B for row-major float matrices (A is m x k, B is
// k x n, C is m x n) of any size, the accelerator behind the matmul
// runtime.  Written as a Vitis HLS kernel: C is produced one TILE x TILE
// block at a time; for each block the matching tiles of A and B are
// burst-read into local memories (zero-padded at the edges), multiplied
// with a pipelined inner loop over the tile's columns, and accumulated in a
// local block that is written back once.
#define TILE 32

extern "C" {

void matmul_tiled(const float* a, const float* b, float* c, int m, int n, int k)
{
#pragma HLS INTERFACE m_axi port = a offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = b offset = slave bundle = gmem1
#pragma HLS INTERFACE m_axi port = c offset = slave bundle = gmem0
#pragma HLS INTERFACE s_axilite port = a
#pragma HLS INTERFACE s_axilite port = b
#pragma HLS INTERFACE s_axilite port = c
#pragma HLS INTERFACE s_axilite port = m
#pragma HLS INTERFACE s_axilite port = n
#pragma HLS INTERFACE s_axilite port = k
#pragma HLS INTERFACE s_axilite port = return

  float A[TILE][TILE];
  float B[TILE][TILE];
  float C[TILE][TILE];
#pragma HLS ARRAY_PARTITION variable = B dim = 2 complete
#pragma HLS ARRAY_PARTITION variable = C dim = 2 complete

row_blocks:
  for (int i0 = 0; i0 < m; i0 += TILE) {
  col_blocks:
    for (int j0 = 0; j0 < n; j0 += TILE) {
    clear_c:
      for (int i = 0; i < TILE; ++i)
        for (int j = 0; j < TILE; ++j)
          C[i][j] = 0.0f;

    depth_blocks:
      for (int k0 = 0; k0 < k; k0 += TILE) {
      load_a:
        for (int i = 0; i < TILE; ++i)
          for (int kk = 0; kk < TILE; ++kk) {
#pragma HLS PIPELINE II = 1
            bool in = i0 + i < m && k0 + kk < k;
            A[i][kk] = in ? a[(i0 + i) * k + k0 + kk] : 0.0f;
          }
      load_b:
        for (int kk = 0; kk < TILE; ++kk)
          for (int j = 0; j < TILE; ++j) {
#pragma HLS PIPELINE II = 1
            bool in = k0 + kk < k && j0 + j < n;
            B[kk][j] = in ? b[(k0 + kk) * n + j0 + j] : 0.0f;
          }
      multiply:
        for (int i = 0; i < TILE; ++i)
          for (int kk = 0; kk < TILE; ++kk) {
#pragma HLS PIPELINE II = 1
            float aik = A[i][kk];
            for (int j = 0; j < TILE; ++j)
              C[i][j] += aik * B[kk][j];
          }
      }

    store_c:
      for (int i = 0; i < TILE && i0 + i < m; ++i)
        for (int j = 0; j < TILE && j0 + j < n; ++j) {
#pragma HLS PIPELINE II = 1
          c[(i0 + i) * n + j0 + j] = C[i][j];
        }
    }
  }
}

}
