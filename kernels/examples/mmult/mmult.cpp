// Matrix multiply C = A x B of n x n int matrices (n <= 32), the classic
// Vitis example shape: both operands are burst-read from global memory into
// local arrays, multiplied there, and the result is burst-written back.
#define MMULT_MAX 32

extern "C" {

void mmult(const int* a, const int* b, int* c, int n)
{
#pragma HLS INTERFACE m_axi port = a offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = b offset = slave bundle = gmem1
#pragma HLS INTERFACE m_axi port = c offset = slave bundle = gmem0
#pragma HLS INTERFACE s_axilite port = a
#pragma HLS INTERFACE s_axilite port = b
#pragma HLS INTERFACE s_axilite port = c
#pragma HLS INTERFACE s_axilite port = n
#pragma HLS INTERFACE s_axilite port = return

  int A[MMULT_MAX][MMULT_MAX];
  int B[MMULT_MAX][MMULT_MAX];
  int C[MMULT_MAX][MMULT_MAX];
#pragma HLS ARRAY_PARTITION variable = B dim = 2 complete
#pragma HLS ARRAY_PARTITION variable = C dim = 2 complete

  if (n > MMULT_MAX)
    n = MMULT_MAX;

read_a:
  for (int i = 0; i < n * n; ++i) {
#pragma HLS PIPELINE II = 1
#pragma HLS LOOP_TRIPCOUNT min = 1024 max = 1024
    A[i / n][i % n] = a[i];
  }
read_b:
  for (int i = 0; i < n * n; ++i) {
#pragma HLS PIPELINE II = 1
#pragma HLS LOOP_TRIPCOUNT min = 1024 max = 1024
    B[i / n][i % n] = b[i];
  }

rows:
  for (int i = 0; i < n; ++i) {
#pragma HLS LOOP_TRIPCOUNT min = 32 max = 32
  cols:
    for (int j = 0; j < n; ++j) {
#pragma HLS PIPELINE II = 1
#pragma HLS LOOP_TRIPCOUNT min = 32 max = 32
      int sum = 0;
    dot:
      for (int k = 0; k < n; ++k) {
#pragma HLS LOOP_TRIPCOUNT min = 32 max = 32
        sum += A[i][k] * B[k][j];
      }
      C[i][j] = sum;
    }
  }

write_c:
  for (int i = 0; i < n * n; ++i) {
#pragma HLS PIPELINE II = 1
#pragma HLS LOOP_TRIPCOUNT min = 1024 max = 1024
    c[i] = C[i / n][i % n];
  }
}

}
