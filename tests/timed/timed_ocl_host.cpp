// OpenCL C kernel runs through the native XRT API, for the timed-mode kernel
// time test (e2e_timed_ocl): three runs of one kernel of timed_ocl.xclbin,
// each result checked.  A native host starts work-group 0 (docs/opencl_kernels.md),
// so a run is one work-group.  Links only stock libxrt_coreutil; the test
// reads each run's card time from the profile.
//   timed_ocl_host <timed_ocl.xclbin> ot_scale|ot_ii2 <n>
//   timed_ocl_host <timed_ocl.xclbin> ot_wide <n>          (n 512-bit vectors)
//   timed_ocl_host <timed_ocl.xclbin> ot_items|ot_block    (one group of 16 items)
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
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
    xrt::bo in(device, words * 4, k.group_id(0)), out(device, words * 4, k.group_id(1));
    auto* pin = in.map<int32_t*>();
    auto* pout = out.map<int32_t*>();
    for (size_t i = 0; i < words; ++i)
      pin[i] = static_cast<int32_t>(i % 1000);
    in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    for (int run = 0; run < 3; ++run) {
      std::memset(pout, 0xff, words * 4);
      out.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      auto r = group ? k(in, out) : k(in, out, n);
      if (r.wait() != ERT_CMD_STATE_COMPLETED) {
        std::cout << "run " << run << " did not complete\n";
        return 1;
      }
      out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      for (size_t i = 0; i < words; ++i) {
        int32_t v = pin[i];
        int32_t want = name == "ot_scale" ? v * 3 : name == "ot_ii2" ? v + 7 : v + 1;
        if (pout[i] != want) {
          std::cout << "run " << run << ": word " << i << " is " << pout[i] << ", expected " << want << "\n";
          return 1;
        }
      }
    }
    std::cout << "TEST PASSED\n";
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\n";
    return 1;
  }
}
