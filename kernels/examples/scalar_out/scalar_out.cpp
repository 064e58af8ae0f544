// Scalar outputs: arguments an HLS kernel takes by reference are output
// registers in its AXI4-Lite control block. After a run, `count` holds how
// many inputs exceed `threshold` and `sum` their sum; the host reads both
// back with xrt::kernel::read_register at the offsets the xclbin gives.
extern "C" {

void scalar_out(const int* in, int n, const int& threshold, int& count, long long& sum)
{
#pragma HLS INTERFACE m_axi port = in offset = slave bundle = gmem
#pragma HLS INTERFACE s_axilite port = in
#pragma HLS INTERFACE s_axilite port = n
#pragma HLS INTERFACE s_axilite port = threshold
#pragma HLS INTERFACE s_axilite port = count
#pragma HLS INTERFACE s_axilite port = sum
#pragma HLS INTERFACE s_axilite port = return

  int c = 0;
  long long s = 0;
  for (int i = 0; i < n; ++i)
    if (in[i] > threshold) {
      ++c;
      s += in[i];
    }
  count = c;
  sum = s;
}

}
