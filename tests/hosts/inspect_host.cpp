// Host programs for the inspection tests, written as any XRT user would
// (stock coreutil, public API only).
//   inspect_host info <xclbin dir>
//       prints what xrt::device::get_info reports before and after loading
//       vadd.xclbin, with buffers allocated and runs done, as sections
//       "@@ <name>" followed by the value (JSON for the report keys).
//   inspect_host platform
//       the same with nothing loaded, on whatever platform is configured.
//   inspect_host loop <xclbin dir> <stop file> [vadd|pipeline]
//       loads an xclbin and runs kernels with short pauses until <stop file>
//       exists, printing "RUNNING" after the first round; for the live
//       status tests (xrtemu examine -p / top).
#include "scenario.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

namespace {

std::string dir;
std::vector<std::string> extra;   // arguments after the xclbin dir

template <xrt::info::device key>
void show(const xrt::device& d, const char* name)
{
  std::cout << "@@ " << name << "\n" << d.get_info<key>() << "\n";
}

void show_all(const xrt::device& d, const std::string& phase)
{
  std::cout << "@@@ " << phase << "\n";
  show<xrt::info::device::name>(d, "name");
  show<xrt::info::device::bdf>(d, "bdf");
  std::cout << "@@ interface_uuid\n" << d.get_info<xrt::info::device::interface_uuid>().to_string() << "\n";
  show<xrt::info::device::kdma>(d, "kdma");
  show<xrt::info::device::max_clock_frequency_mhz>(d, "max_clock_frequency_mhz");
  show<xrt::info::device::m2m>(d, "m2m");
  show<xrt::info::device::nodma>(d, "nodma");
  show<xrt::info::device::offline>(d, "offline");
  show<xrt::info::device::platform>(d, "platform");
  show<xrt::info::device::pcie_info>(d, "pcie_info");
  show<xrt::info::device::memory>(d, "memory");
  show<xrt::info::device::dynamic_regions>(d, "dynamic_regions");
  // Sensors are not modelled: these must still come back (empty reports).
  show<xrt::info::device::thermal>(d, "thermal");
  show<xrt::info::device::electrical>(d, "electrical");
  show<xrt::info::device::mechanical>(d, "mechanical");
}

void info()
{
  xrt::device d(0);
  show_all(d, "before");
  auto uuid = d.load_xclbin(dir + "/vadd.xclbin");
  std::cout << "@@ loaded_uuid\n" << uuid.to_string() << "\n";
  xrt::kernel k(d, uuid, "vadd");
  const size_t n = 1024, bytes = n * sizeof(unsigned);
  // Three buffers of 4 KiB in the vadd CU's banks, plus one of 1 MiB.
  xrt::bo a(d, bytes, k.group_id(0)), b(d, bytes, k.group_id(1)), c(d, bytes, k.group_id(2));
  xrt::bo big(d, 1 << 20, k.group_id(0));
  auto pa = a.map<unsigned*>(), pb = b.map<unsigned*>();
  for (size_t i = 0; i < n; ++i) {
    pa[i] = unsigned(i);
    pb[i] = 1;
  }
  a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  for (int r = 0; r < 3; ++r)
    EXPECT(k(a, b, c, int(n)).wait() == ERT_CMD_STATE_COMPLETED);
  c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  std::cout << "@@ group_ids\n" << k.group_id(0) << " " << k.group_id(1) << " " << k.group_id(2) << "\n";
  show_all(d, "after");
  std::cout << "@@@ end\n";
}

// What a device reports with nothing loaded (any platform).
void platform()
{
  xrt::device d(0);
  show_all(d, "before");
  std::cout << "@@@ end\n";
}

bool stop_requested(const std::string& file) { return std::ifstream(file).good(); }

void loop_vadd(xrt::device& d, const std::string& stop)
{
  auto uuid = d.load_xclbin(dir + "/vadd.xclbin");
  xrt::kernel k(d, uuid, "vadd");
  const size_t n = 256, bytes = n * sizeof(unsigned);
  xrt::bo a(d, bytes, k.group_id(0)), b(d, bytes, k.group_id(1)), c(d, bytes, k.group_id(2));
  a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  for (bool first = true; !stop_requested(stop); first = false) {
    for (int r = 0; r < 5; ++r)
      EXPECT(k(a, b, c, int(n)).wait() == ERT_CMD_STATE_COMPLETED);
    c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    if (first)
      std::cout << "RUNNING" << std::endl;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// producer_1 -> filter_1 (free-running) -> consumer_1, as the example host.
void loop_pipeline(xrt::device& d, const std::string& stop)
{
  auto uuid = d.load_xclbin(dir + "/examples/stream_pipeline.xclbin");
  xrt::kernel producer(d, uuid, "producer"), consumer(d, uuid, "consumer");
  const int n = 512;
  xrt::bo in(d, n * sizeof(int), producer.group_id(0)), out(d, n * sizeof(int), consumer.group_id(1));
  in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  for (bool first = true; !stop_requested(stop); first = false) {
    xrt::run c(consumer);
    c.set_arg(1, out);
    c.set_arg(2, n);
    c.start();
    xrt::run p(producer);
    p.set_arg(0, in);
    p.set_arg(2, n);
    p.start();
    EXPECT(p.wait() == ERT_CMD_STATE_COMPLETED);
    EXPECT(c.wait() == ERT_CMD_STATE_COMPLETED);
    out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    if (first)
      std::cout << "RUNNING" << std::endl;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void loop()
{
  if (extra.empty())
    throw std::runtime_error("usage: inspect_host loop <xclbin dir> <stop file> [vadd|pipeline]");
  auto kind = extra.size() > 1 ? extra[1] : "vadd";
  xrt::device d(0);
  if (kind == "pipeline")
    loop_pipeline(d, extra[0]);
  else
    loop_vadd(d, extra[0]);
  std::cout << "stopped" << std::endl;
}

} // namespace

int main(int argc, char** argv)
{
  for (int i = 3; i < argc; ++i)
    extra.push_back(argv[i]);
  return scenario::main(argc, argv, {{"info", info}, {"platform", platform}, {"loop", loop}}, dir);
}
