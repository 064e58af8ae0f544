// Host of the RTL Kernel Wizard tests (e2e_wizard): plain XRT on the
// kernels tests/rtl/wizard/*.tcl make with our vivado.
//   wizard_host mm <xclbin>
//     wiz_mm(uint s0, ulong s1, a, b, c): a and b on m00_axi, c on m01_axi;
//     the example adds 1 to the first 4096 words of each buffer, in place
//     (words past them stay as they were).
//   wizard_host chain <xclbin>
//     wiz_chain (the wizard's defaults: one scalar, one pointer on m00_axi;
//     ap_ctrl_chain, two clocks, no reset): runs in flight, each +1.
//   wizard_host stream <xclbin> <n> <adders> [kernel...]
//     producer -> <adders> wizard kernels -> consumer: out[i] == in[i] +
//     adders; the named kernels are ap_ctrl_hs and started, the others run
//     free.
// Prints TEST PASSED / TEST FAILED with the first wrong word.
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

int check(const int* got, const std::vector<int>& want, const std::string& what)
{
  for (size_t i = 0; i < want.size(); ++i)
    if (got[i] != want[i]) {
      std::cout << "TEST FAILED: " << what << "[" << i << "] = " << got[i] << ", expected " << want[i] << "\n";
      return 1;
    }
  return 0;
}

int memory_mapped(const std::string& xclbin)
{
  xrt::device device(0);
  auto uuid = device.load_xclbin(xclbin);
  xrt::kernel k(device, uuid, "wiz_mm");
  const int words = 4096, total = words + 64;   // 64 words past the example's range
  std::vector<xrt::bo> bos;
  std::vector<std::vector<int>> want(3);
  for (int b = 0; b < 3; ++b) {
    bos.emplace_back(device, total * sizeof(int), k.group_id(2 + b));
    auto p = bos.back().map<int*>();
    for (int i = 0; i < total; ++i) {
      p[i] = i * (b + 3) - 1000;
      want[b].push_back(p[i] + (i < words ? 2 : 0));   // two runs
    }
    bos.back().sync(XCL_BO_SYNC_BO_TO_DEVICE);
  }
  for (int run = 0; run < 2; ++run)
    k(7u, 0x100000000ull, bos[0], bos[1], bos[2]).wait();
  for (int b = 0; b < 3; ++b) {
    bos[b].sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    if (check(bos[b].map<int*>(), want[b], std::string("buffer ") + char('a' + b)))
      return 1;
  }
  std::cout << "TEST PASSED\n";
  return 0;
}

// wiz_chain(uint scalar00, axi00_ptr0), ap_ctrl_chain: four runs in flight
// on four buffers, then the first buffer once more.
int chained(const std::string& xclbin)
{
  xrt::device device(0);
  auto uuid = device.load_xclbin(xclbin);
  xrt::kernel k(device, uuid, "wiz_chain");
  const int words = 4096;
  std::vector<xrt::bo> bos;
  std::vector<std::vector<int>> want(4);
  for (int b = 0; b < 4; ++b) {
    bos.emplace_back(device, words * sizeof(int), k.group_id(1));
    auto p = bos.back().map<int*>();
    for (int i = 0; i < words; ++i) {
      p[i] = i ^ (b << 20);
      want[b].push_back(p[i] + (b == 0 ? 2 : 1));
    }
    bos.back().sync(XCL_BO_SYNC_BO_TO_DEVICE);
  }
  std::vector<xrt::run> runs;
  for (int b = 0; b < 4; ++b)
    runs.push_back(k(unsigned(b), bos[b]));
  for (auto& r : runs)
    r.wait();
  k(0u, bos[0]).wait();
  for (int b = 0; b < 4; ++b) {
    bos[b].sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    if (check(bos[b].map<int*>(), want[b], "buffer " + std::to_string(b)))
      return 1;
  }
  std::cout << "TEST PASSED\n";
  return 0;
}

int streaming(const std::string& xclbin, int n, int adders, const std::vector<std::string>& started)
{
  xrt::device device(0);
  auto uuid = device.load_xclbin(xclbin);
  xrt::kernel producer(device, uuid, "producer"), consumer(device, uuid, "consumer");
  xrt::bo in(device, n * sizeof(int), producer.group_id(0)), out(device, n * sizeof(int), consumer.group_id(1));
  auto pi = in.map<int*>(), po = out.map<int*>();
  std::vector<int> want(n);
  for (int i = 0; i < n; ++i) {
    pi[i] = i * 7 - 3;
    po[i] = 0;
    want[i] = pi[i] + adders;
  }
  in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  out.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  // Stream arguments are not set: the link connects them.
  xrt::run rc(consumer);
  rc.set_arg(1, out);
  rc.set_arg(2, n);
  rc.start();
  std::vector<xrt::run> runs;
  for (auto& name : started) {
    runs.emplace_back(xrt::kernel(device, uuid, name));
    runs.back().start();
  }
  xrt::run rp(producer);
  rp.set_arg(0, in);
  rp.set_arg(2, n);
  rp.start();
  for (auto* r : {&rp, &rc})
    if (r->wait() != ERT_CMD_STATE_COMPLETED) {
      std::cout << "TEST FAILED: a data mover did not complete\n";
      return 1;
    }
  for (auto& r : runs)
    if (r.wait() != ERT_CMD_STATE_COMPLETED) {
      std::cout << "TEST FAILED: a wizard kernel did not complete\n";
      return 1;
    }
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  if (check(po, want, "out"))
    return 1;
  std::cout << "TEST PASSED\n";
  return 0;
}

} // namespace

int main(int argc, char** argv)
{
  try {
    std::string mode = argc > 2 ? argv[1] : "";
    if (mode == "mm")
      return memory_mapped(argv[2]);
    if (mode == "chain")
      return chained(argv[2]);
    if (mode == "stream" && argc > 4)
      return streaming(argv[2], std::atoi(argv[3]), std::atoi(argv[4]), std::vector<std::string>(argv + 5, argv + argc));
    std::cerr << "usage: wizard_host mm|chain <xclbin> | stream <xclbin> <n> <adders> [started kernel...]\n";
    return 2;
  }
  catch (const std::exception& e) {
    std::cout << "TEST FAILED: " << e.what() << "\n";
    return 1;
  }
}
