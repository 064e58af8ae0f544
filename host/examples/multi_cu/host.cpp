// multi_cu host: an xclbin with two kernels (vscale, vinc), two CUs each,
// every CU on its own DDR bank. The host picks CUs by name
// ("vscale:{vscale_1}"), places each CU's buffers in that CU's bank with
// group_id, starts all four runs at once and waits for them all.
//   usage: multi_cu_host <multi_cu.xclbin> [elements]
//          multi_cu_host <multi_cu.xclbin> --wrong-bank
// --wrong-bank passes vscale_1 a buffer in vscale_2's bank. As an xrt::bo,
// stock XRT copies it into the connected bank (and warns); as a raw device
// address the run must fail (ERT_CMD_STATE_ERROR or an exception), and a
// correct run right after must work.
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdlib>
#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace {

struct cu_job
{
  std::string name;     // "vscale:{vscale_1}"
  bool scale;           // vscale or vinc
  int operand;          // factor or increment
  xrt::kernel kernel;
  xrt::bo in, out;
  xrt::run run;
};

int expected(const cu_job& j, int x) { return j.scale ? x * j.operand : x + j.operand; }

bool run_vscale_1(xrt::device& device, const xrt::uuid& uuid, int size)
{
  auto k = xrt::kernel(device, uuid, "vscale:{vscale_1}");
  xrt::bo in(device, size * sizeof(int), k.group_id(0));
  xrt::bo out(device, size * sizeof(int), k.group_id(1));
  auto pi = in.map<int*>();
  auto po = out.map<int*>();
  for (int i = 0; i < size; ++i) pi[i] = i, po[i] = 0;
  in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  out.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  auto state = k(in, out, 3, size).wait();
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  for (int i = 0; i < size; ++i)
    if (po[i] != 3 * i)
      return false;
  return state == ERT_CMD_STATE_COMPLETED;
}

int wrong_bank(xrt::device& device, const xrt::uuid& uuid)
{
  const int size = 1024;
  auto k1 = xrt::kernel(device, uuid, "vscale:{vscale_1}");
  auto k2 = xrt::kernel(device, uuid, "vscale:{vscale_2}");
  std::cout << "vscale_1 in bank group " << k1.group_id(0) << ", vscale_2 in bank group " << k2.group_id(0)
            << std::endl;
  xrt::bo in(device, size * sizeof(int), k2.group_id(0));   // vscale_2's bank
  xrt::bo out(device, size * sizeof(int), k1.group_id(1));
  auto pi = in.map<int*>();
  for (int i = 0; i < size; ++i) pi[i] = i;
  in.sync(XCL_BO_SYNC_BO_TO_DEVICE);

  // Given the xrt::bo itself, stock XRT notices the missing connection,
  // warns and copies the buffer into the CU's bank: that run works.
  auto state = k1(in, out, 3, size).wait();
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  auto po = out.map<int*>();
  if (state != ERT_CMD_STATE_COMPLETED || po[size - 1] != 3 * (size - 1)) {
    std::cout << "XRT's copy into the connected bank did not work (state " << state << ")\nTEST FAILED" << std::endl;
    return 1;
  }
  std::cout << "xrt::bo in the wrong bank: XRT copied it, run completed" << std::endl;

  // Given the buffer's raw device address, XRT cannot check it: the card
  // must refuse the access from a port not connected to that bank.
  bool failed = false;
  try {
    xrt::run r(k1);
    r.set_arg(0, in.address());
    r.set_arg(1, out);
    r.set_arg(2, 3);
    r.set_arg(3, size);
    r.start();
    state = r.wait();
    std::cout << "run with an address in the wrong bank ended in state " << state << std::endl;
    failed = state == ERT_CMD_STATE_ERROR;
  }
  catch (const std::exception& e) {
    std::cout << "run with an address in the wrong bank threw: " << e.what() << std::endl;
    failed = true;
  }
  if (!failed) {
    std::cout << "the run did not fail\nTEST FAILED" << std::endl;
    return 1;
  }
  if (!run_vscale_1(device, uuid, size)) {
    std::cout << "the correct run after the failed one did not work\nTEST FAILED" << std::endl;
    return 1;
  }
  std::cout << "the correct run after it worked\nTEST PASSED" << std::endl;
  return 0;
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <multi_cu.xclbin> [elements | --wrong-bank]\n";
    return 2;
  }
  const std::string mode = argc > 2 ? argv[2] : "";
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    if (mode == "--wrong-bank")
      return wrong_bank(device, uuid);
    const int size = mode.empty() ? 1 << 16 : std::atoi(mode.c_str());

    std::vector<cu_job> jobs = {
      {"vscale:{vscale_1}", true, 3, {}, {}, {}, {}},
      {"vscale:{vscale_2}", true, -7, {}, {}, {}, {}},
      {"vinc:{vinc_1}", false, 100, {}, {}, {}, {}},
      {"vinc:{vinc_2}", false, -1000, {}, {}, {}, {}},
    };
    std::set<int> banks;
    for (auto& j : jobs) {
      j.kernel = xrt::kernel(device, uuid, j.name);
      j.in = xrt::bo(device, size * sizeof(int), j.kernel.group_id(0));
      j.out = xrt::bo(device, size * sizeof(int), j.kernel.group_id(1));
      std::cout << j.name << ": in/out in bank group " << j.kernel.group_id(0) << "/" << j.kernel.group_id(1)
                << std::endl;
      banks.insert(j.kernel.group_id(0));
      auto pi = j.in.map<int*>();
      auto po = j.out.map<int*>();
      for (int i = 0; i < size; ++i) pi[i] = i - size / 2, po[i] = 0;
      j.in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      j.out.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    }
    if (banks.size() != jobs.size()) {
      std::cout << "expected every CU on its own bank, got " << banks.size() << " banks\nTEST FAILED" << std::endl;
      return 1;
    }
    // All four CUs run at once.
    for (auto& j : jobs)
      j.run = j.kernel(j.in, j.out, j.operand, size);
    for (auto& j : jobs) {
      auto state = j.run.wait();
      if (state != ERT_CMD_STATE_COMPLETED) {
        std::cout << j.name << " ended in state " << state << "\nTEST FAILED" << std::endl;
        return 1;
      }
    }
    for (auto& j : jobs) {
      j.out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      auto po = j.out.map<int*>();
      for (int i = 0; i < size; ++i)
        if (po[i] != expected(j, i - size / 2)) {
          std::cout << j.name << ": out[" << i << "] = " << po[i] << ", expected " << expected(j, i - size / 2)
                    << "\nTEST FAILED" << std::endl;
          return 1;
        }
      std::cout << j.name << ": " << size << " elements correct" << std::endl;
    }
    std::cout << "TEST PASSED" << std::endl;
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "Error: " << e.what() << "\nTEST FAILED" << std::endl;
    return 1;
  }
}
