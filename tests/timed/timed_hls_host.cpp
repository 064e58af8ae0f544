// HLS C++ kernel runs through the native XRT API, for the timed-mode kernel
// time test (e2e_timed_hls): three runs of one kernel of timed_hls.xclbin
// with the sizes given, each result checked.  Links only stock
// libxrt_coreutil; the test reads each run's card time from the profile.
//   timed_hls_host <timed_hls.xclbin> ht_scale|ht_ii2 <n>
//   timed_hls_host <timed_hls.xclbin> ht_nested <rows> <cols>
//   timed_hls_host <timed_hls.xclbin> ht_wide <n>      (n 512-bit words)
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

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
    xrt::bo in(device, words * 4, k.group_id(0)), out(device, words * 4, k.group_id(1));
    auto* pin = in.map<uint32_t*>();
    auto* pout = out.map<uint32_t*>();
    for (size_t i = 0; i < words; ++i)
      pin[i] = static_cast<uint32_t>(i % 1000);
    in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    for (int run = 0; run < 3; ++run) {
      std::memset(pout, 0xff, words * 4);
      out.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      auto r = name == "ht_nested" ? k(in, out, n, cols) : k(in, out, n);
      if (r.wait() != ERT_CMD_STATE_COMPLETED) {
        std::cout << "run " << run << " did not complete\n";
        return 1;
      }
      out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      for (size_t i = 0; i < words; ++i) {
        uint32_t v = pin[i];
        uint32_t want = name == "ht_scale" ? v * 3
                      : name == "ht_ii2"   ? v + 7
                      : name == "ht_nested" ? v - static_cast<uint32_t>(i / cols)
                                            : (i % 16 == 0 ? v + 1 : v);
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
