// Host DMA through the native XRT API, for the timed-mode tests: for each
// size given, one buffer on the vadd kernel's first bank, synced to the card
// and back twice, the data checked.  Links only stock libxrt_coreutil; the
// test reads the card time of each sync from the profile.
//   timed_dma_host <vadd.xclbin> <bytes>...
//   timed_dma_host <vadd.xclbin> runs <n>   n vadd runs of 256 elements, one
//                                           after the other (start, wait)
//   timed_dma_host <vadd.xclbin> copy <bytes>   one card-side copy (xrt::bo::copy)
//                                           between two buffers on that bank
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
  if (argc < 3) {
    std::cerr << "usage: timed_dma_host <vadd.xclbin> <bytes>...\n";
    return 2;
  }
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    xrt::kernel k(device, uuid, "vadd");
    if (std::string(argv[2]) == "runs" && argc > 3) {
      const int n = 256, runs = std::atoi(argv[3]);
      xrt::bo a(device, n * 4, k.group_id(0)), b(device, n * 4, k.group_id(1)), out(device, n * 4, k.group_id(2));
      for (int i = 0; i < runs; ++i)
        if (k(a, b, out, n).wait() != ERT_CMD_STATE_COMPLETED) {
          std::cout << "run " << i << " did not complete\n";
          return 1;
        }
      std::cout << runs << " runs\nSCENARIO PASSED\n";
      return 0;
    }
    if (std::string(argv[2]) == "copy" && argc > 3) {
      size_t bytes = std::strtoull(argv[3], nullptr, 0);
      xrt::bo src(device, bytes, k.group_id(0)), dst(device, bytes, k.group_id(0));
      auto* s = src.map<uint8_t*>();
      for (size_t i = 0; i < bytes; ++i)
        s[i] = static_cast<uint8_t>(i * 13 + 5);
      src.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      dst.copy(src);
      dst.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      if (std::memcmp(dst.map<uint8_t*>(), s, bytes) != 0) {
        std::cout << "the copy of " << bytes << " bytes came back wrong\n";
        return 1;
      }
      std::cout << "SCENARIO PASSED\n";
      return 0;
    }
    for (int a = 2; a < argc; ++a) {
      size_t bytes = std::strtoull(argv[a], nullptr, 0);
      xrt::bo bo(device, bytes, k.group_id(0));
      auto* p = bo.map<uint8_t*>();
      std::vector<uint8_t> want(bytes);
      for (size_t i = 0; i < bytes; ++i)
        want[i] = static_cast<uint8_t>(i * 7 + a);
      for (int rep = 0; rep < 2; ++rep) {
        std::memcpy(p, want.data(), bytes);
        auto t0 = std::chrono::steady_clock::now();
        bo.sync(XCL_BO_SYNC_BO_TO_DEVICE);
        auto t1 = std::chrono::steady_clock::now();
        std::memset(p, 0, bytes);
        bo.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
        auto t2 = std::chrono::steady_clock::now();
        if (std::memcmp(p, want.data(), bytes) != 0) {
          std::cout << "data of " << bytes << " bytes came back wrong\n";
          return 1;
        }
        using us = std::chrono::duration<double, std::micro>;
        std::cout << bytes << " bytes: to card " << us(t1 - t0).count() << " us, from card " << us(t2 - t1).count()
                  << " us (wall clock)\n";
      }
    }
    std::cout << "SCENARIO PASSED\n";
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\n";
    return 1;
  }
}
