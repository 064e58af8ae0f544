// xbutil validate's "iops" test (xrtemu's own program, installed as
// /opt/xilinx/xrt/test/xcl_iops_test.exe): loads verify.xclbin, keeps a queue
// of `hello` runs in flight and restarts each as it completes until `total`
// runs are done, then prints the command rate on a line with "IOPS:" (which
// xbutil shows) and "TEST PASSED".  Exit code 0 when every run completed.
//
// Usage: xcl_iops_test.exe -k verify.xclbin [-d <index or BDF>] [-l queue] [-a total]
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>
#include <experimental/xrt_xclbin.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct options
{
  std::string xclbin;
  std::string device = "0";
  unsigned queue = 128;
  unsigned total = 50000;
};

unsigned positive(const std::string& flag, const std::string& value)
{
  try {
    size_t used = 0;
    long v = std::stol(value, &used, 0);
    if (used == value.size() && v > 0)
      return static_cast<unsigned>(v);
  }
  catch (const std::exception&) {
  }
  throw std::invalid_argument("option " + flag + ": '" + value + "' is not a positive number");
}

options parse(int argc, char** argv)
{
  options o;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc)
      throw std::invalid_argument("option " + flag + " needs a value");
    std::string value = argv[++i];
    if (flag == "-k" || flag == "--kernel")
      o.xclbin = value;
    else if (flag == "-d" || flag == "--device")
      o.device = value;
    else if (flag == "-l" || flag == "--length")
      o.queue = positive(flag, value);
    else if (flag == "-a" || flag == "--total")
      o.total = positive(flag, value);
    else
      throw std::invalid_argument("unknown option " + flag);
  }
  if (o.xclbin.empty())
    throw std::invalid_argument("no xclbin given (-k verify.xclbin)");
  return o;
}

xrt::device open_device(const std::string& d)
{
  if (!d.empty() && d.find_first_not_of("0123456789") == std::string::npos)
    return xrt::device(static_cast<unsigned>(std::stoul(d)));
  return xrt::device(d);   // a BDF
}

std::string hello_kernel(const xrt::xclbin& x)
{
  for (auto& k : x.get_kernels())
    if (k.get_name().rfind("hello", 0) == 0)
      return k.get_name();
  throw std::runtime_error("the xclbin has no kernel named hello*");
}

void run(const options& o)
{
  auto device = open_device(o.device);
  xrt::xclbin xclbin(o.xclbin);
  auto uuid = device.load_xclbin(xclbin);
  auto name = hello_kernel(xclbin);
  xrt::kernel kernel(device, uuid, name);
  xrt::bo out(device, 4096, kernel.group_id(0));

  unsigned depth = std::min(o.queue, o.total);
  std::vector<xrt::run> runs;
  for (unsigned i = 0; i < depth; ++i) {
    runs.emplace_back(kernel);
    runs.back().set_arg(0, out);
  }
  auto start = std::chrono::steady_clock::now();
  unsigned started = 0, done = 0;
  for (auto& r : runs) {
    r.start();
    ++started;
  }
  while (done < o.total) {
    for (auto& r : runs) {
      if (done == o.total)
        break;
      auto state = r.wait();
      if (state != ERT_CMD_STATE_COMPLETED)
        throw std::runtime_error("a run ended in state " + std::to_string(state));
      ++done;
      if (started < o.total) {
        r.start();
        ++started;
      }
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "Commands: " << o.total << ", queue length: " << depth << ", kernel: " << name
            << ", IOPS: " << static_cast<unsigned long>(o.total / seconds) << "\n";
}

} // namespace

int main(int argc, char** argv)
{
  try {
    run(parse(argc, argv));
  }
  catch (const std::exception& e) {
    std::cout << "Error: " << e.what() << "\nTEST FAILED" << std::endl;
    return EXIT_FAILURE;
  }
  std::cout << "TEST PASSED" << std::endl;
  return EXIT_SUCCESS;
}
