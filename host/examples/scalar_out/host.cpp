// scalar_out host: a kernel's output scalars (HLS `int&` arguments) read
// back from its control registers, the way Vitis hosts do it: open the
// kernel with exclusive CU access, run, then read_register at the
// argument's offset. The word after the data holds <arg>_ap_vld.
//   usage: scalar_out_host <scalar_out.xclbin>
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdint>
#include <iostream>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <scalar_out.xclbin>\n";
    return 2;
  }
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    xrt::kernel krnl(device, uuid, "scalar_out", xrt::kernel::cu_access_mode::exclusive);
    const int n = 1000;
    xrt::bo in(device, n * sizeof(int), krnl.group_id(0));
    auto p = in.map<int*>();
    int failures = 0;
    for (int threshold : {500, -1, 2000}) {
      int want_count = 0;
      long long want_sum = 0;
      for (int i = 0; i < n; ++i) {
        p[i] = (i * 7919) % 1000 + 3 * 1000 * (i % 3 == 0);   // some values above 3000
        if (p[i] > threshold) {
          ++want_count;
          want_sum += p[i];
        }
      }
      in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      auto run = krnl(in, n, threshold, 0, 0LL);
      if (auto state = run.wait(); state != ERT_CMD_STATE_COMPLETED) {
        std::cout << "run ended in state " << state << "\nTEST FAILED" << std::endl;
        return 1;
      }
      int count = static_cast<int>(krnl.read_register(krnl.offset(3)));
      uint32_t count_vld = krnl.read_register(krnl.offset(3) + 4);
      uint64_t sum_lo = krnl.read_register(krnl.offset(4));
      uint64_t sum_hi = krnl.read_register(krnl.offset(4) + 4);
      long long sum = static_cast<long long>(sum_lo | sum_hi << 32);
      uint32_t again = krnl.read_register(krnl.offset(3) + 4);   // ap_vld clears on read
      std::cout << "threshold " << threshold << ": count " << count << " (vld " << (count_vld & 1) << "), sum "
                << sum << std::endl;
      if (count != want_count || sum != want_sum || !(count_vld & 1) || (again & 1)) {
        std::cout << "  expected count " << want_count << ", sum " << want_sum
                  << ", ap_vld set once then clear" << std::endl;
        ++failures;
      }
    }
    std::cout << (failures ? "TEST FAILED" : "TEST PASSED") << std::endl;
    return failures ? 1 : 0;
  } catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\nTEST FAILED" << std::endl;
    return 1;
  }
}
