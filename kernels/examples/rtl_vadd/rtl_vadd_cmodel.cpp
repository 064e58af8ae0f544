// rtl_vadd's C model: what the RTL computes, with the kernel's argument
// list, for software emulation.  package_rtl_vadd.tcl hands it to
// package_xo -kernel_files; `v++ -l -t sw_emu` links it instead of the
// verilated RTL.  The pragmas only describe the interface (as for HLS).
extern "C" void rtl_vadd(const int* a, const int* b, int* c, unsigned int n)
{
#pragma HLS INTERFACE m_axi port = a bundle = gmem
#pragma HLS INTERFACE m_axi port = b bundle = gmem
#pragma HLS INTERFACE m_axi port = c bundle = gmem
  for (unsigned int i = 0; i < n; ++i)
    c[i] = a[i] + b[i];
}
