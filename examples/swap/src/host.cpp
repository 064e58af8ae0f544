// The swap example's host: XRT's native API, nothing emulator-specific.  The
// same binary runs on an Alveo card (hw) and on xrtemu (hw_emu / sw_emu with
// XCL_EMULATION_MODE and emconfig.json, as Vitis emulation runs).
//   ./swap_host -x build_dir.hw_emu.<platform>/vadd.xclbin
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
  std::string xclbin;
  unsigned device_index = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "-x") == 0 || std::strcmp(argv[i], "--xclbin_file") == 0)
      xclbin = argv[i + 1];
    else if (std::strcmp(argv[i], "-d") == 0 || std::strcmp(argv[i], "--device_id") == 0)
      device_index = static_cast<unsigned>(std::stoul(argv[i + 1]));
  }
  if (xclbin.empty()) {
    std::cerr << "usage: " << argv[0] << " -x <vadd.xclbin> [-d <device>]\n";
    return EXIT_FAILURE;
  }

  constexpr int size = 4096;
  std::cout << "Open the device " << device_index << "\n";
  xrt::device device(device_index);
  std::cout << "Load the xclbin " << xclbin << "\n";
  auto uuid = device.load_xclbin(xclbin);
  xrt::kernel krnl(device, uuid, "krnl_vadd");

  std::cout << "Allocate buffers in global memory\n";
  const size_t bytes = size * sizeof(unsigned int);
  xrt::bo in1(device, bytes, krnl.group_id(0));
  xrt::bo in2(device, bytes, krnl.group_id(1));
  xrt::bo out(device, bytes, krnl.group_id(2));
  auto* a = in1.map<unsigned int*>();
  auto* b = in2.map<unsigned int*>();
  std::vector<unsigned int> expected(size);
  for (int i = 0; i < size; ++i) {
    a[i] = static_cast<unsigned int>(i);
    b[i] = static_cast<unsigned int>(3 * i + 1);
    expected[i] = a[i] + b[i];
  }
  in1.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  in2.sync(XCL_BO_SYNC_BO_TO_DEVICE);

  std::cout << "Execution of the kernel\n";
  auto run = krnl(in1, in2, out, size);
  run.wait();

  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  auto* c = out.map<unsigned int*>();
  for (int i = 0; i < size; ++i)
    if (c[i] != expected[i]) {
      std::cout << "Mismatch at " << i << ": " << c[i] << " != " << expected[i] << "\nTEST FAILED\n";
      return EXIT_FAILURE;
    }
  std::cout << "TEST PASSED\n";
  return EXIT_SUCCESS;
}
