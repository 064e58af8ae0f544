// HLS C++ kernel runs through the native XRT API, for the timed-mode kernel
// time test (e2e_timed_hls): three runs of one kernel of timed_hls.xclbin
// with the sizes given, each result checked.  Links only stock
// libxrt_coreutil; the test reads each run's card time from the profile.
//   timed_hls_host <timed_hls.xclbin> ht_scale|ht_ii2 <n>
//   timed_hls_host <timed_hls.xclbin> ht_nested <rows> <cols>
//   timed_hls_host <timed_hls.xclbin> ht_wide <n>      (n 512-bit words)
#include "three_checked_runs.h"

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv)
{
  if (argc < 4) {
    std::cerr << "usage: timed_hls_host <xclbin> <kernel> <n> [<cols>]\n";
    return 2;
  }
  try {
    const std::string name = argv[2];
    const int n = std::atoi(argv[3]);
    const int cols = argc > 4 ? std::atoi(argv[4]) : 1;
    const bool wide = name == "ht_wide";
    const size_t words = static_cast<size_t>(n) * cols * (wide ? 16 : 1);   // 32-bit words
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    xrt::kernel k(device, uuid, name);
    return three_checked_runs(
      device, k, words,
      [&](xrt::bo& in, xrt::bo& out) { return name == "ht_nested" ? k(in, out, n, cols) : k(in, out, n); },
      [&](size_t i, uint32_t v) {
        return name == "ht_scale"    ? v * 3
               : name == "ht_ii2"    ? v + 7
               : name == "ht_nested" ? v - static_cast<uint32_t>(i / cols)
                                     : (i % 16 == 0 ? v + 1 : v);
      });
  }
  catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\n";
    return 1;
  }
}
