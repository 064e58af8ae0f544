// scalars host: passes one value of each C scalar type to the kernel and
// checks that each came back intact (sign extension of char/short/int,
// zero extension of the unsigned types, float and double bit patterns).
//   usage: scalars_host <scalars.xclbin>
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdint>
#include <cstring>
#include <iostream>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <scalars.xclbin>\n";
    return 2;
  }
  const char c = -5;
  const unsigned char uc = 250;
  const short s = -12345;
  const int i = -1234567;
  const unsigned int u = 0xfffffff0u;
  const long long ll = -(1LL << 40) - 7;
  const float f = -3.25f;
  const double d = 1.0e300 / 7.0;
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    auto krnl = xrt::kernel(device, uuid, "scalars");
    const size_t words = 9;
    xrt::bo out(device, words * sizeof(long long), krnl.group_id(8));
    auto p = out.map<long long*>();
    std::memset(p, 0xa5, words * sizeof(long long));
    out.sync(XCL_BO_SYNC_BO_TO_DEVICE);

    // First run with d = 2.5, so out[8] has a small exact value to check;
    // the second passes the large double whose bit pattern is checked.
    auto run = krnl(c, uc, s, i, u, ll, f, 2.5, out);
    auto state = run.wait();
    if (state != ERT_CMD_STATE_COMPLETED) {
      std::cout << "run ended in state " << state << "\nTEST FAILED" << std::endl;
      return 1;
    }
    out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    int failures = 0;
    auto check = [&](const char* what, long long got, long long want) {
      std::cout << what << ": " << got << (got == want ? "" : " (expected ") ;
      if (got != want) {
        std::cout << want << ")";
        ++failures;
      }
      std::cout << std::endl;
    };
    check("out[8] int(f*2)+int(d*2)", p[8], -6 + 5);

    run = krnl(c, uc, s, i, u, ll, f, d, out);
    if ((state = run.wait()) != ERT_CMD_STATE_COMPLETED) {
      std::cout << "run ended in state " << state << "\nTEST FAILED" << std::endl;
      return 1;
    }
    out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    uint32_t fbits;
    uint64_t dbits;
    std::memcpy(&fbits, &f, sizeof fbits);
    std::memcpy(&dbits, &d, sizeof dbits);
    check("char", p[0], c);
    check("unsigned char", p[1], uc);
    check("short", p[2], s);
    check("int", p[3], i);
    check("unsigned int", p[4], u);
    check("long long", p[5], ll);
    check("float bits", p[6], fbits);
    check("double bits", p[7], static_cast<long long>(dbits));
    if (failures) {
      std::cout << failures << " value(s) did not round-trip\nTEST FAILED" << std::endl;
      return 1;
    }
    std::cout << "TEST PASSED" << std::endl;
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "Error: " << e.what() << "\nTEST FAILED" << std::endl;
    return 1;
  }
}
