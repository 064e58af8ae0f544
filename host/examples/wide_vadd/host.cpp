// Host for the ap_uint<512> vadd: plain 32-bit integers on the host side,
// sixteen per 512-bit word on the device side.
//   usage: wide_vadd_host <wide_vadd.xclbin> [elements, multiple of 16]
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <wide_vadd.xclbin> [elements]\n";
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 1 << 16;
  if (n % 16) {
    std::cerr << "elements must be a multiple of 16\n";
    return 2;
  }
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    auto krnl = xrt::kernel(device, uuid, "wide_vadd");
    xrt::bo a(device, n * sizeof(uint32_t), krnl.group_id(0));
    xrt::bo b(device, n * sizeof(uint32_t), krnl.group_id(1));
    xrt::bo c(device, n * sizeof(uint32_t), krnl.group_id(2));
    auto pa = a.map<uint32_t*>();
    auto pb = b.map<uint32_t*>();
    for (int i = 0; i < n; ++i) {
      pa[i] = 0xfffff000u + static_cast<uint32_t>(i);   // lanes wrap: no carry between lanes
      pb[i] = static_cast<uint32_t>(i) * 3;
    }
    a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    krnl(a, b, c, n / 16).wait();
    c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    auto pc = c.map<uint32_t*>();
    for (int i = 0; i < n; ++i)
      if (pc[i] != pa[i] + pb[i]) {
        std::cout << "Mismatch at " << i << ": " << pc[i] << " != " << pa[i] + pb[i] << "\nTEST FAILED\n";
        return 1;
      }
    std::cout << "wide_vadd of " << n << " elements (" << n / 16 << " 512-bit words)\nTEST PASSED\n";
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "Error: " << e.what() << "\nTEST FAILED\n";
    return 1;
  }
}
