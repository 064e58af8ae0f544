// Host for ap_scalars: the host passes each ap_[u]int scalar as a value of
// the kernel's host size (8 bytes for ap_uint<48>, 2 for ap_int<12>, 16 for
// ap_uint<96>), little-endian, as XRT does on a card.
//   usage: ap_scalars_host <ap_scalars.xclbin>
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdint>
#include <iostream>

struct u96 { uint64_t lo; uint64_t hi; };   // host image of ap_uint<96>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <ap_scalars.xclbin>\n";
    return 2;
  }
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    auto krnl = xrt::kernel(device, uuid, "ap_scalars");
    xrt::bo out(device, 4 * sizeof(long long), krnl.group_id(3));
    uint64_t a = 0x8765'4321'abcdULL;   // 48 bits
    int16_t b = -1234;                  // fits 12 bits signed
    u96 c{0x1122'3344'5566'7788ULL, 0x99aa'bbccULL};
    krnl(a, b, c, out).wait();
    out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    auto p = out.map<long long*>();
    bool ok = static_cast<uint64_t>(p[0]) == a && p[1] == b && static_cast<uint64_t>(p[2]) == c.lo &&
              static_cast<uint64_t>(p[3]) == c.hi;
    std::cout << std::hex << "a 0x" << p[0] << " b " << std::dec << p[1] << std::hex << " c 0x" << p[3] << "_"
              << p[2] << std::dec << "\n" << (ok ? "TEST PASSED" : "TEST FAILED") << "\n";
    return ok ? 0 : 1;
  }
  catch (const std::exception& e) {
    std::cout << "Error: " << e.what() << "\nTEST FAILED\n";
    return 1;
  }
}
