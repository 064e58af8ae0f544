// OpenCL C kernel runs through the native XRT API, for the timed-mode kernel
// time test (e2e_timed_ocl): three runs of one kernel of timed_ocl.xclbin,
// each result checked.  A native host starts work-group 0 (docs/opencl_kernels.md),
// so a run is one work-group.  Links only stock libxrt_coreutil; the test
// reads each run's card time from the profile.
//   timed_ocl_host <timed_ocl.xclbin> ot_scale|ot_ii2 <n>
//   timed_ocl_host <timed_ocl.xclbin> ot_wide <n>          (n 512-bit vectors)
//   timed_ocl_host <timed_ocl.xclbin> ot_items|ot_block    (one group of 16 items)
#include "three_checked_runs.h"

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv)
{
  if (argc < 3) {
    std::cerr << "usage: timed_ocl_host <xclbin> <kernel> [<n>]\n";
    return 2;
  }
  try {
    const std::string name = argv[2];
    const bool group = name == "ot_items" || name == "ot_block";
    const int n = group ? 16 : argc > 3 ? std::atoi(argv[3]) : 0;
    const size_t words = static_cast<size_t>(n) * (name == "ot_wide" ? 16 : 1);   // 32-bit words
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    xrt::kernel k(device, uuid, name);
    // Signed words in the kernels; the same bits as unsigned here.
    return three_checked_runs(
      device, k, words, [&](xrt::bo& in, xrt::bo& out) { return group ? k(in, out) : k(in, out, n); },
      [&](size_t, uint32_t v) { return name == "ot_scale" ? v * 3 : name == "ot_ii2" ? v + 7 : v + 1; });
  }
  catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\n";
    return 1;
  }
}
