// Memory connectivity through the native XRT API: buffers in a group of
// HBM pseudo-channels, larger than one channel, and a kernel whose single
// AXI master port reaches two banks.  Links only stock libxrt_coreutil.
//   memory_scenarios <scenario> <xclbin dir>      (one scenario per process)
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include "../hosts/scenario.h"

#include <iostream>
#include <string>
#include <vector>

namespace {

std::string dir;
constexpr uint64_t MiB = 1ull << 20;

// Three 1 GiB buffers on a 32 x 256 MiB HBM card; a window of each that
// crosses from the first pseudo-channel into the second is computed.
void hbm_group()
{
  xrt::device device(0);
  auto uuid = device.load_xclbin(dir + "/examples/hbm_group.xclbin");
  xrt::kernel k(device, uuid, "vadd_window");
  std::cout << "group ids " << k.group_id(0) << " " << k.group_id(1) << " " << k.group_id(2) << "\n";
  const size_t size = 1024 * MiB;
  xrt::bo a(device, size, k.group_id(0)), b(device, size, k.group_id(1)), out(device, size, k.group_id(2));
  std::cout << "buffers at 0x" << std::hex << a.address() << " 0x" << b.address() << " 0x" << out.address()
            << std::dec << "\n";
  const int n = 4096;
  const long first = static_cast<long>(256 * MiB / sizeof(int)) - n / 2;   // straddles 256 MiB
  const size_t off = first * sizeof(int), bytes = n * sizeof(int);
  std::vector<int> va(n), vb(n), vo(n);
  for (int i = 0; i < n; ++i) { va[i] = i * 5; vb[i] = 7 - i; }
  a.write(va.data(), bytes, off);
  b.write(vb.data(), bytes, off);
  a.sync(XCL_BO_SYNC_BO_TO_DEVICE, bytes, off);
  b.sync(XCL_BO_SYNC_BO_TO_DEVICE, bytes, off);
  EXPECT(k(a, b, out, first, n).wait() == ERT_CMD_STATE_COMPLETED);
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE, bytes, off);
  out.read(vo.data(), bytes, off);
  int wrong = 0;
  for (int i = 0; i < n; ++i)
    wrong += vo[i] != va[i] + vb[i];
  std::cout << "window across pseudo-channels: " << wrong << " wrong of " << n << "\n";
  EXPECT(wrong == 0);
}

// a on DDR[0], b on DDR[1], both through the kernel's one m_axi port.
void shared_port()
{
  xrt::device device(0);
  auto uuid = device.load_xclbin(dir + "/examples/shared_port.xclbin");
  xrt::kernel k(device, uuid, "shared_port");
  std::cout << "group ids " << k.group_id(0) << " " << k.group_id(1) << " " << k.group_id(2) << "\n";
  EXPECT(k.group_id(0) != k.group_id(1));
  const int n = 1000;
  xrt::bo a(device, n * sizeof(int), k.group_id(0)), b(device, n * sizeof(int), k.group_id(1)),
      out(device, n * sizeof(int), k.group_id(2));
  std::cout << "a at 0x" << std::hex << a.address() << ", b at 0x" << b.address() << std::dec << "\n";
  std::vector<int> va(n), vb(n), vo(n);
  for (int i = 0; i < n; ++i) { va[i] = i; vb[i] = 3 * i + 1; }
  a.write(va.data());
  b.write(vb.data());
  a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  EXPECT(k(a, b, out, n).wait() == ERT_CMD_STATE_COMPLETED);
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  out.read(vo.data());
  int wrong = 0;
  for (int i = 0; i < n; ++i)
    wrong += vo[i] != 2 * va[i] + vb[i];
  std::cout << "shared port: " << wrong << " wrong of " << n << "\n";
  EXPECT(wrong == 0);
}

} // namespace

int main(int argc, char** argv)
{
  return scenario::main(argc, argv, {{"hbm_group", hbm_group}, {"shared_port", shared_port}}, dir);
}
