// The measured side of xrtemu_bench: an ordinary XRT host program (linked
// only with libxrt_coreutil) that times one thing and prints one number.
// The same binary runs on our shim and on stock libxrt_noop.so.2.
//   bench_host open_load_run <xclbin dir>   -> milliseconds
//   bench_host empty_runs <xclbin dir> <n>  -> runs per second
//   bench_host sync <bytes> <iterations>    -> GB/s of bo.sync(TO_DEVICE)
//   bench_host memcpy <bytes> <iterations>  -> GB/s of memcpy
//   bench_host vadd_xrt <xclbin dir> <n> <reps>  -> median ms of a vadd run
//                                                   of n elements (start->wait)
//   bench_host vadd_native <n> <reps>       -> median ms of calling the same
//                                              kernel function (kernels/vadd/
//                                              vadd.cpp, linked in) directly
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

using clk = std::chrono::steady_clock;

// The kernel's own source, compiled into this program (bench/CMakeLists.txt).
extern "C" void vadd(const unsigned int* in1, const unsigned int* in2, unsigned int* out, int size);

static double median_ms(std::vector<double> v)
{
  std::sort(v.begin(), v.end());
  return v[v.size() / 2] * 1e3;
}

static double seconds_since(clk::time_point t0)
{
  return std::chrono::duration<double>(clk::now() - t0).count();
}

int main(int argc, char** argv)
{
  if (argc < 3)
    return 2;
  std::string what = argv[1];
  if (what == "open_load_run") {
    auto t0 = clk::now();
    xrt::device d(0);
    auto uuid = d.load_xclbin(std::string(argv[2]) + "/vadd.xclbin");
    auto k = xrt::kernel(d, uuid, "vadd");
    const int n = 1024;
    xrt::bo a(d, n * 4, k.group_id(0)), b(d, n * 4, k.group_id(1)), c(d, n * 4, k.group_id(2));
    a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    k(a, b, c, n).wait();
    c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    std::cout << seconds_since(t0) * 1e3 << "\n";
    return 0;
  }
  if (what == "empty_runs") {
    int n = argc > 3 ? std::atoi(argv[3]) : 10000;
    xrt::device d(0);
    auto uuid = d.load_xclbin(std::string(argv[2]) + "/empty.xclbin");
    auto k = xrt::kernel(d, uuid, "empty_kernel");
    xrt::run r(k);
    r.set_arg(0, 1);
    for (int i = 0; i < 100; ++i) { r.start(); r.wait(); }   // warm up
    auto t0 = clk::now();
    for (int i = 0; i < n; ++i) { r.start(); r.wait(); }
    std::cout << n / seconds_since(t0) << "\n";
    return 0;
  }
  if (what == "vadd_xrt") {
    const int n = argc > 3 ? std::atoi(argv[3]) : 16 << 20;
    const int reps = argc > 4 ? std::atoi(argv[4]) : 5;
    xrt::device d(0);
    auto uuid = d.load_xclbin(std::string(argv[2]) + "/vadd.xclbin");
    auto k = xrt::kernel(d, uuid, "vadd");
    const size_t bytes = size_t(n) * 4;
    xrt::bo a(d, bytes, k.group_id(0)), b(d, bytes, k.group_id(1)), c(d, bytes, k.group_id(2));
    auto pa = a.map<unsigned int*>();
    auto pb = b.map<unsigned int*>();
    for (int i = 0; i < n; ++i) pa[i] = i, pb[i] = 3 * i;
    a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    c.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    xrt::run r(k);
    r.set_arg(0, a);
    r.set_arg(1, b);
    r.set_arg(2, c);
    r.set_arg(3, n);
    r.start();
    r.wait();   // warm up: first touch of the card's pages
    std::vector<double> t;
    for (int i = 0; i < reps; ++i) {
      auto t0 = clk::now();
      r.start();
      r.wait();
      t.push_back(seconds_since(t0));
    }
    c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    auto pc = c.map<unsigned int*>();
    if (pc[n - 1] != 4u * unsigned(n - 1))
      return 1;
    std::cout << median_ms(t) << "\n";
    return 0;
  }
  if (what == "vadd_native") {
    const int n = std::atoi(argv[2]);
    const int reps = argc > 3 ? std::atoi(argv[3]) : 5;
    std::vector<unsigned int> a(n), b(n), c(n);
    for (int i = 0; i < n; ++i) a[i] = i, b[i] = 3 * i;
    vadd(a.data(), b.data(), c.data(), n);   // warm up
    std::vector<double> t;
    for (int i = 0; i < reps; ++i) {
      auto t0 = clk::now();
      vadd(a.data(), b.data(), c.data(), n);
      asm volatile("" : : "r"(c.data()) : "memory");
      t.push_back(seconds_since(t0));
    }
    if (c[n - 1] != 4u * unsigned(n - 1))
      return 1;
    std::cout << median_ms(t) << "\n";
    return 0;
  }
  size_t bytes = std::strtoull(argv[2], nullptr, 0);
  int iters = argc > 3 ? std::atoi(argv[3]) : 20;
  if (what == "sync") {
    xrt::device d(0);
    xrt::bo bo(d, bytes, xrt::bo::flags::normal, 0);
    std::memset(bo.map(), 1, bytes);
    bo.sync(XCL_BO_SYNC_BO_TO_DEVICE);     // first touch of the card's pages
    auto t0 = clk::now();
    for (int i = 0; i < iters; ++i) bo.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    std::cout << bytes * double(iters) / seconds_since(t0) / 1e9 << "\n";
    return 0;
  }
  if (what == "memcpy") {
    std::vector<char> src(bytes, 1), dst(bytes, 0);
    std::memcpy(dst.data(), src.data(), bytes);
    auto t0 = clk::now();
    for (int i = 0; i < iters; ++i) {
      std::memcpy(dst.data(), src.data(), bytes);
      asm volatile("" : : "r"(dst.data()) : "memory");
    }
    std::cout << bytes * double(iters) / seconds_since(t0) / 1e9 << "\n";
    return 0;
  }
  return 2;
}
