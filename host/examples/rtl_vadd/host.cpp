// rtl_vadd host: an xclbin holding an RTL kernel (rtl_vadd, Verilog run by
// Verilator inside the card) and an HLS C++ kernel (vinc).  Plain XRT: the
// host cannot tell which is which.
//   usage: rtl_vadd_host <rtl_mixed.xclbin> [elements] [runs]
// Each run: c = a + b on rtl_vadd_1, then d = c + 7 on vinc_1; both checked.
//   rtl_vadd_host <xclbin> --time <elements> <runs>
// only times the RTL kernel: prints "rtl_vadd: <runs> runs of <n> in <s> s"
// (bench P5 reads it).
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <xclbin> [elements] [runs] | --time <elements> <runs>\n";
    return 2;
  }
  bool timing = argc > 2 && std::string(argv[2]) == "--time";
  int a0 = timing ? 3 : 2;
  int n = argc > a0 ? std::atoi(argv[a0]) : 1000;
  int runs = argc > a0 + 1 ? std::atoi(argv[a0 + 1]) : 3;
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    xrt::kernel vadd(device, uuid, "rtl_vadd");
    size_t bytes = size_t(n) * sizeof(int);
    xrt::bo a(device, bytes, vadd.group_id(0)), b(device, bytes, vadd.group_id(1)), c(device, bytes, vadd.group_id(2));
    auto pa = a.map<int*>(), pb = b.map<int*>(), pc = c.map<int*>();
    if (timing) {
      for (int i = 0; i < n; ++i)
        pa[i] = i, pb[i] = 2 * i;
      a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      vadd(a, b, c, n).wait();   // warm-up: first run pays for page faults
      auto t0 = std::chrono::steady_clock::now();
      for (int r = 0; r < runs; ++r)
        vadd(a, b, c, n).wait();
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      for (int i = 0; i < n; ++i)
        if (pc[i] != 3 * i) {
          std::cout << "TEST FAILED: c[" << i << "] = " << pc[i] << "\n";
          return 1;
        }
      std::cout << "rtl_vadd: " << runs << " runs of " << n << " in " << s << " s\n";
      return 0;
    }
    xrt::kernel vinc(device, uuid, "vinc");
    xrt::bo d(device, bytes, vinc.group_id(1));
    auto pd = d.map<int*>();
    for (int r = 0; r < runs; ++r) {
      for (int i = 0; i < n; ++i) {
        pa[i] = i * (r + 1) - 500;
        pb[i] = 3 * i + r;
        pc[i] = pd[i] = -1;
      }
      for (auto* bo : {&a, &b, &c, &d})
        bo->sync(XCL_BO_SYNC_BO_TO_DEVICE);
      auto s1 = vadd(a, b, c, n).wait();
      auto s2 = vinc(c, d, 7, n).wait();
      c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      d.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      if (s1 != ERT_CMD_STATE_COMPLETED || s2 != ERT_CMD_STATE_COMPLETED) {
        std::cout << "TEST FAILED: run " << r << " ended in states " << s1 << ", " << s2 << "\n";
        return 1;
      }
      for (int i = 0; i < n; ++i) {
        int want = pa[i] + pb[i];
        if (pc[i] != want || pd[i] != want + 7) {
          std::cout << "TEST FAILED: run " << r << " element " << i << ": c = " << pc[i] << ", d = " << pd[i]
                    << ", expected " << want << " and " << want + 7 << "\n";
          return 1;
        }
      }
    }
    std::cout << "rtl_vadd + vinc: " << runs << " runs of " << n << " elements\nTEST PASSED\n";
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "TEST FAILED: " << e.what() << "\n";
    return 1;
  }
}
