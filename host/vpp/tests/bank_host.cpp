// Host program for the compile/link test: runs vadd on every CU named on
// the command line through stock XRT and prints each argument's bank
// (group id) so the test can check the link's sp placement.
//   vpp_bank_host app.xclbin --alloc <memidx>: only allocates a buffer in
//   that memory index and reports what the driver said.
//   vpp_bank_host app.xclbin --n <elements> cu...: vectors of that length
//   (default 256), e.g. larger than a bank's platform size.
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
  if (argc < 3) {
    std::cerr << "usage: vpp_bank_host app.xclbin cu...\n";
    return 2;
  }
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    if (std::string(argv[2]) == "--alloc" && argc > 3) {
      xrt::bo bo(device, 4096, xrt::bo::flags::normal, static_cast<xrt::memory_group>(std::stoi(argv[3])));
      std::cout << "allocated at 0x" << std::hex << bo.address() << std::dec << "\n";
      return 0;
    }
    int n = 256, first = 2;
    if (std::string(argv[2]) == "--n" && argc > 4)
      n = std::stoi(argv[3]), first = 4;
    for (int c = first; c < argc; ++c) {
      std::string cu = argv[c];
      xrt::kernel k(device, uuid, "vadd:{" + cu + "}");
      for (int a = 0; a < 3; ++a)
        std::cout << cu << ".arg" << a << " group " << k.group_id(a) << "\n";
      std::cout << cu << " buffers of " << n * sizeof(unsigned) << " bytes\n";
      xrt::bo in1(device, n * sizeof(unsigned), k.group_id(0)), in2(device, n * sizeof(unsigned), k.group_id(1)),
        out(device, n * sizeof(unsigned), k.group_id(2));
      std::vector<unsigned> a(n), b(n), r(n);
      for (int i = 0; i < n; ++i)
        a[i] = i, b[i] = 1000u * c;
      in1.write(a.data());
      in2.write(b.data());
      in1.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      in2.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      k(in1, in2, out, n).wait();
      out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      out.read(r.data());
      for (int i = 0; i < n; ++i)
        if (r[i] != a[i] + b[i]) {
          std::cout << cu << " MISMATCH at " << i << "\n";
          return 1;
        }
      std::cout << cu << " OK\n";
    }
  }
  catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
