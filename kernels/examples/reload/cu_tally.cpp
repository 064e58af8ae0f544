// Kernel state that belongs to one CU, as each CU is its own hardware:
// cu_tally counts its runs in a static variable (a register on the card).
extern "C" void cu_tally(int* out)
{
#pragma HLS INTERFACE m_axi port = out bundle = gmem0
  static int runs = 0;
  out[0] = ++runs;
}
