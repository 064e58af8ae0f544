// mmult host: C = A x B for n x n int matrices (n <= 32) on the card.
//   usage: mmult_host <mmult.xclbin> [n]
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdlib>
#include <iostream>
#include <vector>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <mmult.xclbin> [n]\n";
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 32;
  const size_t bytes = sizeof(int) * n * n;
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    auto krnl = xrt::kernel(device, uuid, "mmult");
    xrt::bo a(device, bytes, krnl.group_id(0));
    xrt::bo b(device, bytes, krnl.group_id(1));
    xrt::bo c(device, bytes, krnl.group_id(2));
    auto pa = a.map<int*>();
    auto pb = b.map<int*>();
    auto pc = c.map<int*>();
    for (int i = 0; i < n * n; ++i) {
      pa[i] = i % 17 - 8;
      pb[i] = (i * 7) % 13 - 6;
      pc[i] = 0;
    }
    std::vector<int> expected(n * n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        int sum = 0;
        for (int k = 0; k < n; ++k)
          sum += pa[i * n + k] * pb[k * n + j];
        expected[i * n + j] = sum;
      }
    a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    c.sync(XCL_BO_SYNC_BO_TO_DEVICE);

    auto run = krnl(a, b, c, n);
    auto state = run.wait();
    if (state != ERT_CMD_STATE_COMPLETED) {
      std::cout << "run ended in state " << state << "\nTEST FAILED" << std::endl;
      return 1;
    }
    c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    for (int i = 0; i < n * n; ++i)
      if (pc[i] != expected[i]) {
        std::cout << "C[" << i / n << "][" << i % n << "] = " << pc[i] << ", expected " << expected[i]
                  << "\nTEST FAILED" << std::endl;
        return 1;
      }
    std::cout << "mmult " << n << "x" << n << ": C[" << n - 1 << "][" << n - 1 << "] = " << pc[n * n - 1] << std::endl;
    std::cout << "TEST PASSED" << std::endl;
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "Error: " << e.what() << "\nTEST FAILED" << std::endl;
    return 1;
  }
}
