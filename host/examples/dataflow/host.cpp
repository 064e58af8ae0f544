// Host for the DATAFLOW load-compute-store kernel: out[i] = in[i] * scale + 1.
//   usage: dataflow_host <dataflow.xclbin> [elements]
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <dataflow.xclbin> [elements]\n";
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 10000;
  const int scale = 7;
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    auto krnl = xrt::kernel(device, uuid, "dataflow_scale");
    xrt::bo in(device, n * sizeof(int), krnl.group_id(0));
    xrt::bo out(device, n * sizeof(int), krnl.group_id(1));
    auto pin = in.map<int*>();
    for (int i = 0; i < n; ++i)
      pin[i] = i - n / 2;
    in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    krnl(in, out, scale, n).wait();
    out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    auto pout = out.map<int*>();
    for (int i = 0; i < n; ++i)
      if (pout[i] != pin[i] * scale + 1) {
        std::cout << "Mismatch at " << i << "\nTEST FAILED\n";
        return 1;
      }
    std::cout << "dataflow_scale of " << n << " elements\nTEST PASSED\n";
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "Error: " << e.what() << "\nTEST FAILED\n";
    return 1;
  }
}
