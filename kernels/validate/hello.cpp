// The verify kernel of `xbutil validate` (verify.xclbin): writes the text
// "Hello World\n" into the buffer it is given.  XRT's verify test looks for a
// kernel whose name starts with "hello", runs it twice on two buffers and
// compares their first bytes with "Hello World".
extern "C" void hello(char* out)
{
#pragma HLS INTERFACE m_axi port = out bundle = gmem
#pragma HLS INTERFACE s_axilite port = out
#pragma HLS INTERFACE s_axilite port = return

  static const char text[] = "Hello World\n";
  for (unsigned i = 0; i < sizeof text; ++i)
    out[i] = text[i];   // the terminating NUL too
}
