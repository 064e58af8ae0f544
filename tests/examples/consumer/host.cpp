#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <iostream>

int main(int argc, char** argv)
{
  if (argc < 2)
    return 2;
  const int size = 1000;
  xrt::device device(0);
  auto uuid = device.load_xclbin(argv[1]);
  xrt::kernel k(device, uuid, "triple");
  xrt::bo in(device, size * sizeof(int), k.group_id(0));
  xrt::bo out(device, size * sizeof(int), k.group_id(1));
  auto p = in.map<int*>();
  for (int i = 0; i < size; ++i) p[i] = i;
  in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  k(in, out, size).wait();
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  auto q = out.map<int*>();
  for (int i = 0; i < size; ++i)
    if (q[i] != 3 * i) {
      std::cout << "out[" << i << "] = " << q[i] << "\nTEST FAILED" << std::endl;
      return 1;
    }
  std::cout << "TEST PASSED" << std::endl;
  return 0;
}
