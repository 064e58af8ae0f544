// Host for the hls::task + stream_of_blocks kernel: out[16*b + j] = 3 * in[16*b + 15 - j] + 1.
// Several runs in a row, each with its own block count (tasks start and end with each run).
//   usage: task_blocks_host <task_blocks.xclbin> [blocks] [runs]
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <task_blocks.xclbin> [blocks] [runs]\n";
    return 2;
  }
  const int blocks = argc > 2 ? std::atoi(argv[2]) : 64;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  const int n = blocks * 16;
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    auto krnl = xrt::kernel(device, uuid, "task_blocks");
    xrt::bo in(device, n * sizeof(int), krnl.group_id(0));
    xrt::bo out(device, n * sizeof(int), krnl.group_id(1));
    auto pin = in.map<int*>();
    auto pout = out.map<int*>();
    for (int r = 0; r < runs; ++r) {
      int used = blocks - r % 2;  // a different amount of data each run
      for (int i = 0; i < n; ++i)
        pin[i] = i * (r + 1) - n / 2;
      for (int i = 0; i < n; ++i)
        pout[i] = -1;
      in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      out.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      krnl(in, out, used).wait();
      out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      for (int i = 0; i < n; ++i) {
        int b = i / 16, j = i % 16;
        int want = b < used ? 3 * pin[16 * b + 15 - j] + 1 : -1;
        if (pout[i] != want) {
          std::cout << "run " << r << ": mismatch at " << i << ": " << pout[i] << " != " << want << "\nTEST FAILED\n";
          return 1;
        }
      }
      std::cout << "run " << r << ": " << used << " blocks through the tasks\n";
    }
    std::cout << "TEST PASSED\n";
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "Error: " << e.what() << "\nTEST FAILED\n";
    return 1;
  }
}
