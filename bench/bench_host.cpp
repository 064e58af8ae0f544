// The measured side of xrtemu_bench: an ordinary XRT host program (linked
// only with libxrt_coreutil) that times one thing and prints one number.
// The same binary runs on our shim and on stock libxrt_noop.so.2.
//   bench_host open_load_run <xclbin dir>   -> milliseconds
//   bench_host empty_runs <xclbin dir> <n>  -> runs per second
//   bench_host empty_latency <xclbin dir> <n> -> median microseconds of one
//                                              empty-kernel start(); wait()
//   bench_host empty_inflight <xclbin dir> <n> <depth>
//                                           -> runs per second, <depth> runs
//                                              kept in flight
//   bench_host empty_batch <xclbin dir> <n> [reps]
//                                           -> commands per second: n runs
//                                              started, then all waited;
//                                              median of reps such batches
//   bench_host empty_batch_pairs <xclbin dir> <small> <large> <pairs>
//                                           -> "ratio large/s small/s": pairs
//                                              of (7 batches of small, 1 of
//                                              large) in one process; medians
//   bench_host sync <bytes> <iterations>    -> GB/s of bo.sync(TO_DEVICE)
//   bench_host memcpy <bytes> <iterations>  -> GB/s of memcpy
//   bench_host dma_both <bytes> <iterations>
//                                           -> wall GB/s of bo.sync to the card
//                                              and back, <iterations> each (P8
//                                              runs it in timed mode and reads
//                                              the card time from the profile)
//   bench_host rss <bytes>                  -> MiB of peak RSS after writing and
//                                              syncing <bytes> of buffers (P6)
//   bench_host map_write_sync <bytes> <iterations>
//                                           -> GB/s of copying into bo.map()
//                                              then bo.sync(TO_DEVICE) (P11's
//                                              C++ side; bench/pyxrt_map_write_sync.py
//                                              is its Python side)
//   bench_host vadd_xrt <xclbin dir> <n> <reps>  -> median ms of a vadd run
//                                                   of n elements (start->wait)
//   bench_host vadd_native <n> <reps>       -> median ms of calling the same
//                                              kernel function (kernels/vadd/
//                                              vadd.cpp, linked in) directly
//   bench_host compute <xclbin> <runs> <n> <rounds> <in flight>
//                                           -> runs per second of spin_hash
//                                              (compute-bound), <in flight>
//                                              runs kept submitted at once
//   bench_host compute_native <runs> <n> <rounds> <threads>
//                                           -> runs per second of calling
//                                              spin_hash directly on <threads>
//                                              threads (how many cores are free)
#include "batch_pairs.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using clk = std::chrono::steady_clock;

// The kernel's own source, compiled into this program (bench/CMakeLists.txt).
extern "C" void vadd(const unsigned int* in1, const unsigned int* in2, unsigned int* out, int size);
extern "C" void spin_hash(const unsigned* in, unsigned* out, unsigned n, unsigned rounds);

static double median_ms(std::vector<double> v)
{
  std::sort(v.begin(), v.end());
  return v[v.size() / 2] * 1e3;
}

// Keeps slot.size() runs submitted until `runs` have completed: waits for
// the oldest, starts it again.  False when a run did not complete.
static bool keep_in_flight(std::vector<xrt::run>& slot, int runs)
{
  const int depth = static_cast<int>(slot.size());
  int started = 0;
  for (; started < depth && started < runs; ++started) slot[started].start();
  for (int done = 0; done < runs; ++done) {
    auto& r = slot[done % depth];
    if (r.wait() != ERT_CMD_STATE_COMPLETED)
      return false;
    if (started < runs) {
      r.start();
      ++started;
    }
  }
  return true;
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
  if (what == "empty_latency") {
    int n = argc > 3 ? std::atoi(argv[3]) : 10000;
    xrt::device d(0);
    auto uuid = d.load_xclbin(std::string(argv[2]) + "/empty.xclbin");
    auto k = xrt::kernel(d, uuid, "empty_kernel");
    xrt::run r(k);
    r.set_arg(0, 1);
    for (int i = 0; i < 100; ++i) { r.start(); r.wait(); }   // warm up
    std::vector<double> t(n);
    for (int i = 0; i < n; ++i) {
      auto t0 = clk::now();
      r.start();
      r.wait();
      t[i] = seconds_since(t0);
    }
    std::cout << median_ms(t) * 1e3 << "\n";
    return 0;
  }
  if (what == "empty_inflight") {
    int n = argc > 3 ? std::atoi(argv[3]) : 10000;
    int depth = argc > 4 ? std::atoi(argv[4]) : 16;
    xrt::device d(0);
    auto uuid = d.load_xclbin(std::string(argv[2]) + "/empty.xclbin");
    auto k = xrt::kernel(d, uuid, "empty_kernel");
    std::vector<xrt::run> slot;
    for (int s = 0; s < depth; ++s) {
      slot.emplace_back(k);
      slot[s].set_arg(0, 1);
    }
    for (int i = 0; i < 100; ++i) { slot[0].start(); slot[0].wait(); }   // warm up
    auto t0 = clk::now();
    if (!keep_in_flight(slot, n))
      return 1;
    std::cout << n / seconds_since(t0) << "\n";
    return 0;
  }
  if (what == "empty_batch" || what == "empty_batch_pairs") {
    const bool pairs = what == "empty_batch_pairs";
    const int n = argc > 3 ? std::atoi(argv[3]) : 10000;
    const int large = pairs && argc > 4 ? std::atoi(argv[4]) : n;
    const int reps = argc > (pairs ? 5 : 4) ? std::atoi(argv[pairs ? 5 : 4]) : 1;
    xrt::device d(0);
    auto uuid = d.load_xclbin(std::string(argv[2]) + "/empty.xclbin");
    auto k = xrt::kernel(d, uuid, "empty_kernel");
    std::vector<xrt::run> runs;
    const int total = std::max(n, large);
    runs.reserve(total);
    for (int s = 0; s < total; ++s) {
      runs.emplace_back(k);
      runs[s].set_arg(0, 1);
    }
    for (int i = 0; i < 100; ++i) { runs[0].start(); runs[0].wait(); }   // warm up
    // One batch: start the first `count` runs, then wait for each; its rate.
    auto batch = [&](int count) {
      auto t0 = clk::now();
      for (int s = 0; s < count; ++s) runs[s].start();
      for (int s = 0; s < count; ++s)
        if (runs[s].wait() != ERT_CMD_STATE_COMPLETED)
          std::exit(1);
      return count / seconds_since(t0);
    };
    if (!pairs) {
      // The median of reps batches.
      std::vector<double> rate;
      for (int rep = 0; rep < reps; ++rep)
        rate.push_back(batch(n));
      std::cout << bench::median_of(rate) << "\n";
      return 0;
    }
    // reps pairs, each 7 batches of n (their median) then one of `large`:
    // prints the median ratio large/small, then the median rates.
    auto r = bench::batch_pairs(batch, n, large, reps);
    std::cout << r[0] << " " << r[1] << " " << r[2] << "\n";
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
  if (what == "compute") {
    if (argc < 7)
      return 2;
    const int runs = std::atoi(argv[3]);
    const unsigned n = unsigned(std::atoi(argv[4]));
    const unsigned rounds = unsigned(std::atoi(argv[5]));
    const int depth = std::atoi(argv[6]);
    xrt::device d(0);
    auto uuid = d.load_xclbin(argv[2]);
    auto k = xrt::kernel(d, uuid, "spin_hash");   // every CU of the xclbin
    const size_t bytes = size_t(n) * 4;
    xrt::bo in(d, bytes, k.group_id(0));
    auto pin = in.map<unsigned*>();
    for (unsigned i = 0; i < n; ++i) pin[i] = i * 2654435761u;
    in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    // One output and one run object per slot; all slots read the same input.
    std::vector<xrt::bo> out;
    std::vector<xrt::run> slot;
    for (int s = 0; s < depth; ++s) {
      out.emplace_back(d, bytes, k.group_id(1));
      slot.emplace_back(k);
      slot[s].set_arg(0, in);
      slot[s].set_arg(1, out[s]);
      slot[s].set_arg(2, n);
      slot[s].set_arg(3, rounds);
    }
    for (auto& r : slot) r.start();   // warm up: each CU's worker, first touch of the pages
    for (auto& r : slot) r.wait();
    auto t0 = clk::now();
    if (!keep_in_flight(slot, runs))
      return 1;
    double secs = seconds_since(t0);
    std::vector<unsigned> expect(n), got(n);
    spin_hash(pin, expect.data(), n, rounds);
    for (auto& o : out) {
      o.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      o.read(got.data());
      if (got != expect)
        return 1;
    }
    std::cout << runs / secs << "\n";
    return 0;
  }
  if (what == "compute_native") {
    if (argc < 6)
      return 2;
    const int runs = std::atoi(argv[2]);
    const unsigned n = unsigned(std::atoi(argv[3]));
    const unsigned rounds = unsigned(std::atoi(argv[4]));
    const int threads = std::atoi(argv[5]);
    std::vector<unsigned> in(n);
    for (unsigned i = 0; i < n; ++i) in[i] = i * 2654435761u;
    auto t0 = clk::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        std::vector<unsigned> out(n);
        for (int r = t; r < runs; r += threads)
          spin_hash(in.data(), out.data(), n, rounds);
        asm volatile("" : : "r"(out.data()) : "memory");
      });
    for (auto& t : pool) t.join();
    std::cout << runs / seconds_since(t0) << "\n";
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
  if (what == "map_write_sync") {
    xrt::device d(0);
    xrt::bo bo(d, bytes, xrt::bo::flags::normal, 0);
    std::vector<char> src(bytes, 3);
    auto dst = bo.map<char*>();
    std::memcpy(dst, src.data(), bytes);   // first touch of the host and card pages
    bo.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    auto t0 = clk::now();
    for (int i = 0; i < iters; ++i) {
      std::memcpy(dst, src.data(), bytes);
      bo.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    }
    std::cout << bytes * double(iters) / seconds_since(t0) / 1e9 << "\n";
    return 0;
  }
  if (what == "dma_both") {
    xrt::device d(0);
    xrt::bo bo(d, bytes, xrt::bo::flags::normal, 0);
    std::memset(bo.map(), 1, bytes);
    auto t0 = clk::now();
    for (int i = 0; i < iters; ++i) bo.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    for (int i = 0; i < iters; ++i) bo.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    std::cout << 2 * bytes * double(iters) / seconds_since(t0) / 1e9 << "\n";
    return 0;
  }
  if (what == "rss") {
    // 16 MiB buffers on the card's first bank, each written and synced.
    xrt::device d(0);
    std::vector<xrt::bo> bos;
    const size_t chunk = 16u << 20;
    for (size_t done = 0; done < bytes; done += chunk) {
      size_t n = std::min(chunk, bytes - done);
      bos.emplace_back(d, n, xrt::bo::flags::normal, 0);
      std::memset(bos.back().map(), 5, n);
      bos.back().sync(XCL_BO_SYNC_BO_TO_DEVICE);
    }
    std::ifstream st("/proc/self/status");
    std::string line;
    while (std::getline(st, line))
      if (line.rfind("VmHWM:", 0) == 0)
        std::cout << std::strtod(line.c_str() + 6, nullptr) / 1024.0 << "\n";
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
