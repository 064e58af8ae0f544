// xrtemu_bench: the performance figures, each a ratio (or a time) measured
// in this one run against a baseline measured beside it.  Prints one line
// per figure: "P<n> <what>: <value> (goal <goal>)".
//
// Each measurement runs bench_host in a child process, because a process
// can load only one XRT shim: ours (XILINX_XRT = our platform directory) or
// the stock libxrt_noop.so.2 (XCL_EMULATION_MODE=noop, XILINX_XRT = a
// directory that links to Debian's copy).
#include <sys/stat.h>
#include <unistd.h>

#include "xrtemu/cards/platform.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string host() { return std::string(XRTEMU_BUILD_DIR) + "/bin/bench_host"; }
std::string xclbins() { return std::string(XRTEMU_BUILD_DIR) + "/xclbin"; }

double measure(const std::string& env, const std::string& args)
{
  std::string cmd = "env " + env + " " + host() + " " + args;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p)
    throw std::runtime_error("cannot run " + cmd);
  char buf[256] = {};
  std::string out;
  while (std::fgets(buf, sizeof buf, p))
    out = buf;
  if (::pclose(p) != 0)
    throw std::runtime_error("failed: " + cmd);
  return std::stod(out);
}

// Median of a few runs: the box has 2 cores and neighbours.
double median(const std::string& env, const std::string& args, int runs = 3)
{
  std::vector<double> v;
  for (int i = 0; i < runs; ++i)
    v.push_back(measure(env, args));
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Median of the ratio a/b over interleaved pairs of runs, so that load from
// neighbours that comes and goes hits both sides alike.
double median_ratio(const std::string& env, const std::string& a, const std::string& b, int pairs = 5)
{
  std::vector<double> v;
  for (int i = 0; i < pairs; ++i)
    v.push_back(measure(env, a) / measure(env, b));
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string noop_dir()
{
  auto dir = fs::temp_directory_path() / ("xrtemu_bench_noop_" + std::to_string(::getpid()));
  fs::create_directories(dir / "lib");
  auto link = dir / "lib" / "libxrt_noop.so.2";
  if (!fs::exists(link))
    fs::create_symlink(std::string(XRT_LIB_DIR) + "/libxrt_noop.so.2", link);
  return dir.string();
}

// Runs a command, returns its standard output.
std::string output_of(const std::string& cmd)
{
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p)
    throw std::runtime_error("cannot run " + cmd);
  std::string out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, p))
    out += buf;
  if (::pclose(p) != 0)
    throw std::runtime_error("failed: " + cmd);
  return out;
}

// P5: cycles a second of the RTL vadd, {platform, bare testbench}.  The
// platform's cycles come from the kernel runner (XRTEMU_RTL_STATS, one line
// a run: "<cu> <kernel> <cycles>"; the last `runs` lines are the timed
// runs), its time from the host around run.start()/wait().
std::pair<double, double> rtl_rates(int n, int runs)
{
  auto stats = fs::temp_directory_path() / ("xrtemu_bench_rtl_" + std::to_string(::getpid()));
  fs::remove(stats);
  auto out = output_of("env XILINX_XRT=" + std::string(XRTEMU_PLATFORM_DIR) + " XRTEMU_RTL_STATS=" + stats.string() +
                       " " + XRTEMU_BUILD_DIR + "/bin/rtl_vadd_host " + xclbins() + "/examples/rtl_mixed.xclbin --time " +
                       std::to_string(n) + " " + std::to_string(runs));
  auto in = out.find(" in ");
  if (in == std::string::npos)
    throw std::runtime_error("rtl_vadd_host said: " + out);
  double seconds = std::stod(out.substr(in + 4));
  std::vector<double> cycles;
  FILE* f = std::fopen(stats.c_str(), "r");
  char cu[128], kernel[128];
  unsigned long long c;
  while (f && std::fscanf(f, "%127s %127s %llu", cu, kernel, &c) == 3)
    cycles.push_back(double(c));
  if (f)
    std::fclose(f);
  fs::remove(stats);
  if (cycles.size() < size_t(runs))
    throw std::runtime_error("XRTEMU_RTL_STATS recorded " + std::to_string(cycles.size()) + " runs");
  double timed = 0;
  for (size_t i = cycles.size() - runs; i < cycles.size(); ++i)
    timed += cycles[i];
  auto bare = output_of(std::string(XRTEMU_BUILD_DIR) + "/bin/rtl_vadd_bare " + std::to_string(n) + " " +
                        std::to_string(runs));
  double bare_cycles = 0, bare_seconds = 0;
  if (std::sscanf(bare.c_str(), "%lf %lf", &bare_cycles, &bare_seconds) != 2)
    throw std::runtime_error("rtl_vadd_bare said: " + bare);
  return {timed / seconds, bare_cycles / bare_seconds};
}

// P8: timed-mode syncs of `bytes` (bench_host dma_both), the median card
// time of each direction from the profile, {to card, from card} in ns.
std::pair<double, double> dma_card_ns(const std::string& env, uint64_t bytes, int iters)
{
  auto trace = fs::temp_directory_path() / ("xrtemu_bench_dma_" + std::to_string(::getpid()) + ".json");
  fs::remove(trace);
  measure(env + " XRTEMU_TIMED=1 XRTEMU_PROFILE=" + trace.string(),
          "dma_both " + std::to_string(bytes) + " " + std::to_string(iters));
  std::ifstream in(trace);
  nlohmann::json j;
  in >> j;
  fs::remove(trace);
  std::vector<double> to, from;
  for (auto& e : j["traceEvents"])
    if (e.value("name", "") == "sync_bo" && e["args"].value("bytes", uint64_t(0)) == bytes && e["args"].contains("card_ns"))
      (e["args"]["direction"] == "host_to_card" ? to : from).push_back(e["args"]["card_ns"].get<double>());
  if (to.empty() || from.empty())
    throw std::runtime_error("no timed syncs of " + std::to_string(bytes) + " bytes in the profile");
  std::sort(to.begin(), to.end());
  std::sort(from.begin(), from.end());
  return {to[to.size() / 2], from[from.size() / 2]};
}

// P8: the CU runs a timed host leaves in its profile: per run the cu_run
// slice's length (µs) and the args of its begin.
std::vector<std::pair<double, nlohmann::json>> timed_cu_runs(const std::string& name, const std::string& command)
{
  auto trace = fs::temp_directory_path() / ("xrtemu_bench_" + name + "_" + std::to_string(::getpid()) + ".json");
  fs::remove(trace);
  output_of("env XILINX_XRT=" + std::string(XRTEMU_PLATFORM_DIR) + " XRTEMU_TIMED=1 XRTEMU_PROFILE=" + trace.string() +
            " " + command);
  std::ifstream in(trace);
  nlohmann::json j;
  in >> j;
  fs::remove(trace);
  std::map<uint64_t, std::pair<double, double>> slice;   // id -> {begin, end} µs
  std::map<uint64_t, nlohmann::json> args;
  for (auto& e : j["traceEvents"]) {
    if (e.value("cat", "") != "cu_run")
      continue;
    auto id = e["id"].get<uint64_t>();
    if (e["ph"] == "b") {
      slice[id].first = e["ts"].get<double>();
      args[id] = e.value("args", nlohmann::json::object());
    }
    else {
      slice[id].second = e["ts"].get<double>();
    }
  }
  std::vector<std::pair<double, nlohmann::json>> out;
  for (auto& [id, a] : args)
    out.push_back({slice[id].second - slice[id].first, a});
  return out;
}

double median_of(std::vector<double> v, const char* what)
{
  if (v.empty())
    throw std::runtime_error(std::string("no ") + what + " in the profile");
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// P8: timed-mode runs of the RTL vadd (rtl_vadd_host --time); per run the
// profile's CU slice length over its cycles / ap_clk, the median.
double rtl_card_ratio(double ap_clk_mhz)
{
  std::vector<double> ratios;
  for (auto& [us, a] : timed_cu_runs("rtlt", std::string(XRTEMU_BUILD_DIR) + "/bin/rtl_vadd_host " + xclbins() +
                                                 "/examples/rtl_mixed.xclbin --time 4096 5"))
    if (a.value("cycles", uint64_t(0)) > 0)
      ratios.push_back(us / (static_cast<double>(a["cycles"].get<uint64_t>()) / ap_clk_mhz));
  return median_of(ratios, "timed RTL runs");
}

// P8: timed-mode runs of an HLS C++ kernel built by our v++ (timed_hls_host:
// ht_scale, one pipelined loop of n iterations at II=1); per run the
// profile's CU slice length over the estimate's formula, (n + 32 cycles of
// run overhead) / ap_clk (docs/timing.md), the median.
double hls_card_ratio(double ap_clk_mhz)
{
  const uint64_t n = 65536;
  std::vector<double> ratios;
  for (auto& [us, a] : timed_cu_runs("hlst", std::string(XRTEMU_BUILD_DIR) + "/bin/timed_hls_host " + xclbins() +
                                                 "/timed_hls.xclbin ht_scale " + std::to_string(n)))
    if (a.value("estimate", false))
      ratios.push_back(us / (static_cast<double>(n + 32) / ap_clk_mhz));
  return median_of(ratios, "timed HLS runs");
}

void line(const std::string& id, const std::string& what, double value, const std::string& unit,
          const std::string& goal)
{
  std::printf("%s %s: %.3g%s (goal %s)\n", id.c_str(), what.c_str(), value, unit.c_str(), goal.c_str());
  std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
  // xrtemu_bench [runs for P2] [figures, e.g. P7 ...]: all figures by default.
  int runs = argc > 1 ? std::atoi(argv[1]) : 20000;
  std::vector<std::string> only(argv + std::min(argc, 2), argv + argc);
  auto want = [&](const std::string& id) { return only.empty() || std::count(only.begin(), only.end(), id) > 0; };
  const std::string ours = "XILINX_XRT=" + std::string(XRTEMU_PLATFORM_DIR);
  try {
    if (want("P1")) {
      auto p1 = median(ours, "open_load_run " + xclbins());
      line("P1", "device open + xclbin load + first vadd run", p1, " ms", "< 50 ms");
    }

    if (want("P2")) {
      // The launch path (docs/architecture.md, "The launch path").  P2a: one
      // empty run's start->wait; P2b: runs/s with 16 kept in flight; P2c:
      // n runs enqueued then waited, commands/s at 50,000 vs at 1,000 (the
      // cost per command must not grow with the number outstanding); each
      // side the median of several batches in a process, and of 3 processes.
      auto p2a = median(ours, "empty_latency " + xclbins() + " " + std::to_string(runs));
      line("P2a", "empty-kernel start->wait median", p2a, " us", "<= 10");
      auto p2b = median(ours, "empty_inflight " + xclbins() + " " + std::to_string(runs * 5) + " 16");
      line("P2b", "empty-kernel runs with 16 in flight", p2b / 1e3, " k runs/s", ">= 500");
      // P2c: each process alternates batches of 1,000 and of 50,000 (pairs:
      // 7 small batches, then a large one) and prints the median ratio, so
      // that neighbours' load that comes and goes hits both sides alike; the
      // median of 3 processes counts.  Each host also runs on stock
      // libxrt_noop.so.2, which completes every command inside exec_buf (a
      // card that costs nothing): how much of the slope is stock XRT's own
      // host side, printed as information.
      auto nd = noop_dir();
      const std::string noop = "XILINX_XRT=" + nd + " XCL_EMULATION_MODE=noop";
      auto p2c = [&](const std::string& env, const std::string& cmd, const std::string& what) {
        std::vector<std::array<double, 3>> v;   // ratio, large/s, small/s
        for (int i = 0; i < 3; ++i) {
          std::istringstream in(output_of("env " + env + " " + cmd));
          std::array<double, 3> r{};
          if (!(in >> r[0] >> r[1] >> r[2]))
            throw std::runtime_error("no ratio from " + cmd);
          v.push_back(r);
        }
        std::sort(v.begin(), v.end());
        auto& m = v[1];
        line("P2c", what + " (" + std::to_string(int(m[1])) + " vs " + std::to_string(int(m[2])) + "/s)", m[0], "",
             env == ours ? ">= 0.8" : "none");
      };
      const std::string native = host() + " empty_batch_pairs " + xclbins() + " 1000 50000 5";
      const std::string native_what = "N runs enqueued then waited, cmds/s at N=50000 vs N=1000";
      p2c(ours, native, "native: " + native_what);
      p2c(noop, native, "native on stock libxrt_noop, information: " + native_what);
#ifdef XRTEMU_BENCH_OCL
      const std::string ocl = std::string(XRTEMU_BUILD_DIR) + "/bin/bench_ocl " + xclbins() +
                              "/empty.xclbin pairs 1000 50000 5";
      const std::string ocl_what = "N tasks on an out-of-order queue then clFinish, cmds/s at N=50000 vs N=1000";
      p2c(ours, ocl, "OpenCL: " + ocl_what);
      p2c(noop, ocl, "OpenCL on stock libxrt_noop, information: " + ocl_what);
#endif
      // Information: the same start+wait loop on stock libxrt_noop.so.2.
      auto ours_rate = median(ours, "empty_runs " + xclbins() + " " + std::to_string(runs));
      auto noop_rate = median(noop, "empty_runs " + xclbins() + " " + std::to_string(runs));
      fs::remove_all(nd);
      line("P2", "empty-kernel start+wait rate vs stock libxrt_noop, information (" + std::to_string(int(ours_rate)) +
           "/s vs " + std::to_string(int(noop_rate)) + "/s)", ours_rate / noop_rate, "", "none");
    }

    if (want("P3")) {
      const std::string mb16 = std::to_string(16 << 20);
      auto sync = median(ours, "sync " + mb16 + " 40");
      auto copy = median(ours, "memcpy " + mb16 + " 40");
      line("P3", "bo.sync of 16 MB vs memcpy of 16 MB (" + std::to_string(sync).substr(0, 5) + " vs " +
           std::to_string(copy).substr(0, 5) + " GB/s)", sync / copy, "", ">= 0.8");
    }

    if (want("P8")) {
      // P8: timed mode (docs/timing.md).  The card time the profile gives a
      // 16 MB sync, as throughput, against the platform file's bandwidth;
      // a 4 KB sync's card time against latency + size / bandwidth.
      auto p = xrtemu::cards::load_platform(std::string(XRTEMU_PLATFORM_DIR) +
                                            "/share/xrtemu/platforms/xrtemu_u250.json");
      auto rate = [&](bool to_card) {
        double link = to_card ? p.dma.h2c_gbps : p.dma.c2h_gbps, bank = p.bank_gbps_of(0);
        return bank > 0 ? std::min(link, bank) : link;
      };
      const uint64_t mb16 = 16u << 20, kb4 = 4096;
      auto [to16, from16] = dma_card_ns(ours, mb16, 5);
      auto gbps = [](uint64_t b, double ns) { return static_cast<double>(b) / ns; };
      char what[160];
      std::snprintf(what, sizeof what, "16 MB DMA card-time throughput / platform figure, host to card (%.2f vs %.2f GB/s)",
                    gbps(mb16, to16), p.dma.h2c_gbps);
      line("P8", what, gbps(mb16, to16) / p.dma.h2c_gbps, "", "within 0.95..1.05");
      std::snprintf(what, sizeof what, "16 MB DMA card-time throughput / platform figure, card to host (%.2f vs %.2f GB/s)",
                    gbps(mb16, from16), p.dma.c2h_gbps);
      line("P8", what, gbps(mb16, from16) / p.dma.c2h_gbps, "", "within 0.95..1.05");
      auto [to4, from4] = dma_card_ns(ours, kb4, 50);
      double lat = p.dma.latency_us * 1000.0;
      double want_to = lat + kb4 / rate(true), want_from = lat + kb4 / rate(false);
      std::snprintf(what, sizeof what, "4 KB DMA card time / (latency + size/bw), host to card (%.0f vs %.0f ns)", to4,
                    want_to);
      line("P8", what, to4 / want_to, "", "within 0.95..1.05");
      std::snprintf(what, sizeof what, "4 KB DMA card time / (latency + size/bw), card to host (%.0f vs %.0f ns)", from4,
                    want_from);
      line("P8", what, from4 / want_from, "", "within 0.95..1.05");
      line("P8", "RTL run card time / (cycles / ap_clk)", rtl_card_ratio(p.clocks_mhz.at("ap_clk")), "", "== 1");
      line("P8", "HLS run card time / estimate formula ((n + 32) / ap_clk, n = 65536 at II=1)",
           hls_card_ratio(p.clocks_mhz.at("ap_clk")), "", "== 1");
      // The double-buffering example (docs/timing.md): ping-pong against
      // serial transfer-then-compute, host clock, the median of 3 runs a way.
      {
        std::string cmd = "env " + ours + " XRTEMU_TIMED=1 " + std::string(XRTEMU_BUILD_DIR) + "/bin/double_buffer_host " +
                          xclbins() + "/examples/double_buffer.xclbin --svg /dev/null 2>/dev/null";
        FILE* f = ::popen(cmd.c_str(), "r");
        char buf[256] = {};
        double speedup = 0;
        while (f && std::fgets(buf, sizeof buf, f))
          std::sscanf(buf, "speed-up (host clock): %lf", &speedup);
        if (!f || ::pclose(f) != 0 || speedup <= 0)
          throw std::runtime_error("double_buffer_host failed");
        line("P8", "double buffering speed-up over serial (64 x 4 MiB, db_scale, host clock, median of 3 a way)", speedup, "", ">= 1.5");
      }
    }

    if (want("P6")) {
      // P6: card memory is reserved lazily; a host that touches 64 MiB costs
      // about its own buffers and the card pages behind them.
      for (const char* card : {"xrtemu_u280", "xrtemu_u250"}) {
        auto mib = median(ours + " XRTEMU_PLATFORM=" + card, "rss " + std::to_string(64u << 20));
        line("P6", std::string("peak RSS of a host touching 64 MiB on ") + card, mib, " MiB", "< 200");
      }
    }

    if (want("P4")) {
      // P4: the same kernel function, called directly vs run through XRT
      // (start -> wait; buffers synced beforehand). Each side is the median of
      // 5 runs in a process, and of 3 processes.
      const std::string m16 = std::to_string(16 << 20);
      auto native_ms = median(ours, "vadd_native " + m16 + " 5");
      auto xrt_ms = median(ours, "vadd_xrt " + xclbins() + " " + m16 + " 5");
      line("P4", "vadd of 16M elements through the emulator vs native call (" + std::to_string(xrt_ms).substr(0, 5) +
           " vs " + std::to_string(native_ms).substr(0, 5) + " ms)", native_ms / xrt_ms, "", ">= 0.9");
    }

    if (want("P13")) {
      // P13: the HLS vadd (16M elements) with every run memory-checked
      // (XRTEMU_MEMCHECK=1: the banks become a memory file, each m_axi
      // argument a guarded view) vs unchecked; throughput ratio, median of
      // 5 interleaved pairs of processes (each the median of 5 runs after a
      // warm-up run).
      const std::string args = "vadd_xrt " + xclbins() + " " + std::to_string(16 << 20) + " 5";
      std::vector<double> v;
      double checked_ms = 0, plain_ms = 0;
      for (int i = 0; i < 5; ++i) {
        double c = measure(ours + " XRTEMU_MEMCHECK=1", args);
        double u = measure(ours, args);
        v.push_back(u / c);
        checked_ms += c / 5;
        plain_ms += u / 5;
      }
      std::sort(v.begin(), v.end());
      line("P13", "memory checker cost on HLS vadd (checked/unchecked throughput; " +
           std::to_string(checked_ms).substr(0, 5) + " vs " + std::to_string(plain_ms).substr(0, 5) + " ms)",
           v[2], "", ">= 0.5");
    }

    if (want("P5")) {
      // P5: the same verilated rtl_vadd (1M elements, 3 timed runs) through
      // the card (stock XRT host, AXI bridges, CU) vs a bare testbench;
      // median of 5 interleaved pairs (neighbours' load comes and goes).
      std::vector<std::pair<double, double>> pairs;
      for (int i = 0; i < 5; ++i)
        pairs.push_back(rtl_rates(1000000, 3));
      std::sort(pairs.begin(), pairs.end(),
                [](auto& x, auto& y) { return x.first / x.second < y.first / y.second; });
      auto [ours, bare] = pairs[2];
      auto ratio = [](const std::pair<double, double>& p) { return std::to_string(p.first / p.second).substr(0, 5); };
      line("P5", "RTL vadd cycles/s through the platform vs a bare Verilator testbench (" +
                   std::to_string(ours / 1e6).substr(0, 5) + " vs " + std::to_string(bare / 1e6).substr(0, 5) +
                   " Mcycles/s; median of 5 pairs, spread " + ratio(pairs.front()) + "-" + ratio(pairs.back()) + ")",
           ours / bare, "", ">= 0.85");
    }
    if (want("P7")) {
      // P7: the same compute-bound work (64 spin_hash runs of 4096 elements x
      // 500 rounds) on an xclbin with 4 CUs and one with 1 CU; the host keeps
      // 8 runs submitted so every CU always has the next run queued.  On the
      // 2-core box the ceiling is 2.
      const std::string work = " 64 4096 500 8";
      auto p7 = median_ratio(ours, "compute " + xclbins() + "/examples/compute_4cu.xclbin" + work,
                             "compute " + xclbins() + "/examples/compute_1cu.xclbin" + work);
      line("P7", "4 CUs vs 1 CU (compute-bound)", p7, "", ">= 1.8");
      // Control: the same work called natively on 2 threads vs 1.  Below 1.8
      // the box did not have two free cores and P7 says nothing about us.
      const std::string native = " 64 4096 500";
      auto cores = median_ratio(ours, "compute_native" + native + " 2", "compute_native" + native + " 1");
      if (cores < 1.8)
        std::printf("P7 note: native spin_hash on 2 threads vs 1 reached only %.3g in this run: "
                    "the box lacked two free cores\n", cores);
    }
    if (want("P9")) {
      // P9: the swap example's `make run` (v++ -c/-l/-p, emconfigutil, the
      // host's g++ build, the run) from a clean copy, settings64.sh sourced.
      auto work = std::string(XRTEMU_BUILD_DIR) + "/bench_swap";
      auto cmd = std::string(XRTEMU_SOURCE_DIR) + "/tests/swap/make_run.sh " + XRTEMU_BUILD_DIR + " " +
                 XRTEMU_SOURCE_DIR + "/examples/swap " + work + " hw_emu xilinx_u250_gen3x16_xdma_4_1_202210_1";
      auto t0 = std::chrono::steady_clock::now();
      auto out = output_of(cmd + " 2>&1");
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (out.find("TEST PASSED") == std::string::npos)
        throw std::runtime_error("the swap example failed:\n" + out);
      fs::remove_all(work);
      line("P9", "swap example make run from clean", s, " s", "< 20");
    }
    if (want("P10")) {
      // P10: one work-group of 64 items of an OpenCL C kernel (each item
      // 20000 spin_hash rounds, a barrier, results through __local memory)
      // vs the HLS C++ spin_hash loop over the same 64 elements; both through
      // XRT on one CU, 8 runs per measurement.
      const std::string work = " 8 64 20000 1";
      auto p10 = median_ratio(ours, "compute " + xclbins() + "/examples/compute_wg.xclbin" + work,
                              "compute " + xclbins() + "/examples/compute_1cu.xclbin" + work);
      line("P10", "OpenCL C work-group vs HLS C++ loop", p10, "", ">= 0.5");
    }
#ifdef XRTEMU_PYTHON
    if (want("P11")) {
      // P11: the same 16 MB copied into the BO's mapping and synced to the
      // card, 20 times, from Python (pyxrt map() + NumPy copyto) and from C++
      // (map<char*>() + memcpy); median of 5 interleaved pairs.
      const std::string py = std::string(XRTEMU_PYTHON) + " " + XRTEMU_SOURCE_DIR + "/bench/pyxrt_map_write_sync.py";
      const std::string args = " " + std::to_string(16 << 20) + " 20";
      std::vector<double> v;
      double py_rate = 0, cpp_rate = 0;
      for (int i = 0; i < 5; ++i) {
        double p = std::stod(output_of("env " + ours + " PYTHONPATH=" + XRTEMU_PLATFORM_DIR + "/python " + py + args));
        double c = measure(ours, "map_write_sync" + args);
        v.push_back(p / c);
        py_rate += p / 5;
        cpp_rate += c / 5;
      }
      std::sort(v.begin(), v.end());
      line("P11", "python bo.map + numpy write + sync 16MB vs C++ (" + std::to_string(py_rate).substr(0, 5) + " vs " +
           std::to_string(cpp_rate).substr(0, 5) + " GB/s)", v[2], "", ">= 0.8");
    }
#endif
#ifdef XRTEMU_MATMUL_RT
    if (want("P12")) {
      // P12: 200 jobs of 128x128x128 through the matmul runtime (2 CUs),
      // jobs/s with the device-buffer pool vs allocating per job; median of
      // 5 interleaved pairs.
      const std::string bench = std::string(XRTEMU_BUILD_DIR) + "/bin/matmul_rt_bench " + XRTEMU_BUILD_DIR +
                                "/xclbin/matmul_rt.xclbin ";
      const std::string shape = " 128 128 128 200";
      std::vector<double> v;
      for (int i = 0; i < 5; ++i) {
        double pooled = std::stod(output_of("env " + ours + " " + bench + "1" + shape));
        double unpooled = std::stod(output_of("env " + ours + " " + bench + "0" + shape));
        v.push_back(pooled / unpooled);
      }
      std::sort(v.begin(), v.end());
      line("P12", "matmul with buffer pool vs without", v[2], "", "> 1");
    }
#endif
  }
  catch (const std::exception& e) {
    std::cerr << "xrtemu_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
