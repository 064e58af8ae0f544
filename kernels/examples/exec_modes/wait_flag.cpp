// Spins until *flag becomes non-zero, then writes how often it looked.
// With nobody setting the flag it never finishes: a hung kernel.
extern "C" {

void wait_flag(volatile const int* flag, int* polls)
{
#pragma HLS INTERFACE m_axi port = flag offset = slave bundle = gmem0
#pragma HLS INTERFACE m_axi port = polls offset = slave bundle = gmem0
#pragma HLS INTERFACE s_axilite port = return
  int n = 0;
  while (*flag == 0)
    ++n;
  *polls = n;
}

}
