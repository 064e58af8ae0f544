// Double buffering (ping-pong) against serial transfer-then-compute.  A
// stream of chunks goes through the db_scale kernel (out = in * a + b) two
// ways, each in a child process of this program with XRTEMU_PROFILE set:
//  - serial: per chunk, write it into the input buffer, sync it to the card,
//    run the kernel, sync the result back, check it in the output buffer;
//  - overlap: two input and two output buffers; at step t the host sends
//    chunk t into one input buffer while the kernel works on chunk t-1 from
//    the other and chunk t-2's result comes back from the output buffer the
//    kernel is not writing: three stages in flight (two host threads do the
//    transfers, the main thread starts and waits for the runs).
// Each child checks its results and prints its end-to-end time (host clock).
// The two ways take turns, R times each (--repeat, default 3); each way's
// figures are those of its median run (host clock).  The program reads the
// profiles (card time in timed mode): the time
// spent in input DMA, compute and output DMA, and how much of the run had
// two or three of them at once (the overlap), prints a table with the
// speed-up and writes an SVG timeline of both runs on one time axis.  Meant
// for the timed mode (XRTEMU_TIMED=1, docs/timing.md).  Native XRT API only.
//   double_buffer <double_buffer.xclbin> [--chunk-kib K] [--chunks C] [--passes P] [--repeat R]
//                 [--svg FILE] [--title TEXT] [--profile PREFIX]
//                 (--profile keeps the median runs' PREFIX_serial.json, PREFIX_overlap.json)
//   double_buffer <xclbin> --measure serial|overlap ...   the child: prints its end-to-end us
#include "measuring_child.h"
#include "svg_chart.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr float coef_a = 1.5f, coef_b = 0.25f;

struct settings
{
  int chunk_kib = 4096, chunks = 64, passes = 1, repeat = 3;
};

// A host thread that runs one job at a time for the main thread.
class helper_thread
{
public:
  helper_thread() : m_thread([this] { loop(); }) {}
  ~helper_thread()
  {
    {
      std::lock_guard<std::mutex> l(m_mutex);
      m_quit = true;
    }
    m_cv.notify_all();
    m_thread.join();
  }
  void post(std::function<void()> job)
  {
    std::lock_guard<std::mutex> l(m_mutex);
    m_job = std::move(job);
    m_busy = true;
    m_cv.notify_all();
  }
  // Waits for the job posted last; rethrows what it threw.
  void join()
  {
    std::unique_lock<std::mutex> l(m_mutex);
    m_cv.wait(l, [this] { return !m_busy; });
    if (m_error) {
      auto e = m_error;
      m_error = nullptr;
      std::rethrow_exception(e);
    }
  }

private:
  void loop()
  {
    std::unique_lock<std::mutex> l(m_mutex);
    for (;;) {
      m_cv.wait(l, [this] { return m_quit || m_job; });
      if (!m_job)
        return;
      auto job = std::move(m_job);
      m_job = nullptr;
      l.unlock();
      try {
        job();
      }
      catch (...) {
        l.lock();
        m_error = std::current_exception();
        l.unlock();
      }
      l.lock();
      m_busy = false;
      m_cv.notify_all();
    }
  }

  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::function<void()> m_job;
  std::exception_ptr m_error;
  bool m_busy = false, m_quit = false;
  std::thread m_thread;
};

// The child: runs the stream one way, checks it, prints the host-clock time.
int measure(const std::string& xclbin, const std::string& mode, const settings& s)
{
  xrt::device device(0);
  auto uuid = device.load_xclbin(xclbin);
  xrt::kernel k(device, uuid, "db_scale");
  size_t n = static_cast<size_t>(s.chunk_kib) * 1024 / sizeof(float);
  n -= n % 8;
  if (n == 0)
    throw std::runtime_error("--chunk-kib is too small");
  size_t bytes = n * sizeof(float);
  int slots = mode == "overlap" ? 2 : 1;
  std::vector<xrt::bo> in, out;
  std::vector<xrt::run> runs;   // one per buffer pair, arguments set once
  for (int i = 0; i < slots; ++i) {
    in.emplace_back(device, bytes, k.group_id(0));
    out.emplace_back(device, bytes, k.group_id(1));
    runs.emplace_back(k);
    runs.back().set_arg(0, in.back());
    runs.back().set_arg(1, out.back());
    runs.back().set_arg(2, static_cast<int>(n));
    runs.back().set_arg(3, coef_a);
    runs.back().set_arg(4, coef_b);
    runs.back().set_arg(5, s.passes);
  }
  // The producer writes each chunk straight into the buffer it goes out
  // from, the consumer checks each result where it came back: no copies on
  // the host beyond the transfers themselves.  Chunk c is the 1,024-float
  // pattern rotated by (n * c) mod 1024, so both are block copies and
  // compares, as a host whose data is ready does: the lanes measure the
  // transfers and the kernel, not the host computing test data.
  std::vector<float> pattern(2048), expect(2048);
  for (size_t j = 0; j < pattern.size(); ++j) {
    pattern[j] = static_cast<float>(j & 1023) * 0.5f - 100.0f;
    expect[j] = pattern[j] * coef_a + coef_b;
  }
  std::vector<size_t> wrong(s.chunks + 1, 0);
  auto send = [&](int chunk, int slot) {
    auto* p = in[slot].map<float*>();
    size_t rot = (n * static_cast<size_t>(chunk)) & 1023;
    for (size_t i = 0; i < n; i += 1024)
      std::memcpy(p + i, pattern.data() + rot, std::min<size_t>(1024, n - i) * sizeof(float));
    in[slot].sync(XCL_BO_SYNC_BO_TO_DEVICE);
  };
  auto compute = [&](int slot) {
    runs[slot].start();
    if (runs[slot].wait() != ERT_CMD_STATE_COMPLETED)
      throw std::runtime_error("a db_scale run did not complete");
  };
  auto receive = [&](int chunk, int slot) {
    out[slot].sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    auto* p = out[slot].map<const float*>();
    size_t rot = (n * static_cast<size_t>(chunk)) & 1023, bad = 0;
    for (size_t i = 0; i < n; i += 1024) {
      size_t len = std::min<size_t>(1024, n - i);
      if (std::memcmp(p + i, expect.data() + rot, len * sizeof(float)) != 0)
        for (size_t j = 0; j < len; ++j)
          bad += p[i + j] != expect[rot + j];
    }
    wrong[chunk] += bad;
  };
  // One chunk through every buffer first, so both ways start warm (the
  // first touch of a buffer's pages costs the host far more than a copy).
  for (int slot = 0; slot < slots; ++slot) {
    send(0, slot);
    compute(slot);
    receive(0, slot);
  }
  auto t0 = std::chrono::steady_clock::now();
  if (mode == "serial") {
    for (int c = 0; c < s.chunks; ++c) {
      send(c, 0);
      compute(0);
      receive(c, 0);
    }
  }
  else {
    helper_thread sender, receiver;
    for (int t = 0; t < s.chunks + 2; ++t) {
      bool sending = t < s.chunks, computing = t >= 1 && t <= s.chunks, receiving = t >= 2;
      if (sending)
        sender.post([&, t] { send(t, t % 2); });
      if (receiving)
        receiver.post([&, t] { receive(t - 2, t % 2); });
      if (computing)
        compute((t - 1) % 2);
      if (sending)
        sender.join();
      if (receiving)
        receiver.join();
    }
  }
  std::chrono::duration<double, std::micro> d = std::chrono::steady_clock::now() - t0;
  for (int c = 0; c < s.chunks; ++c)
    if (wrong[c])
      throw std::runtime_error(mode + ": " + std::to_string(wrong[c]) + " wrong results in chunk " + std::to_string(c));
  std::printf("%.3f\n", d.count());
  return 0;
}

// One activity of the card in a profile: [begin, end) in us.
struct span
{
  double begin, end;
};

enum lane { dma_in, kernel_run, dma_out, lanes };
const char* const lane_names[lanes] = {"input DMA", "compute", "output DMA"};
const char* const lane_colours[lanes] = {"#ff7f0e", "#1f77b4", "#d62728"};

struct timeline
{
  double e2e_us = 0;                 // the child's own clock
  std::vector<span> lane[lanes];     // the measured chunks only (warm-up dropped)
  double busy[lanes] = {};
  double first = 0, last = 0;        // card time of the first start and the last end
  double overlapped = 0;             // time with two or more lanes busy
};

timeline read_profile(const std::string& path, int chunks, int warmups)
{
  std::ifstream f(path);
  if (!f)
    throw std::runtime_error("no profile at " + path);
  auto trace = nlohmann::json::parse(f);
  timeline t;
  std::map<long long, double> begins;
  for (auto& e : trace.at("traceEvents")) {
    std::string ph = e.value("ph", ""), cat = e.value("cat", "");
    if (ph == "X" && cat == "dma" && e.value("name", "") == "sync_bo") {
      double ts = e["ts"].get<double>();
      t.lane[e["args"].value("direction", "") == "host_to_card" ? dma_in : dma_out].push_back({ts, ts + e["dur"].get<double>()});
    }
    else if (cat == "cu_run" && ph == "b")
      begins[e["id"].get<long long>()] = e["ts"].get<double>();
    else if (cat == "cu_run" && ph == "e")
      t.lane[kernel_run].push_back({begins[e["id"].get<long long>()], e["ts"].get<double>()});
  }
  for (int l = 0; l < lanes; ++l) {
    auto& v = t.lane[l];
    std::sort(v.begin(), v.end(), [](const span& a, const span& b) { return a.begin < b.begin; });
    if (static_cast<int>(v.size()) != chunks + warmups)
      throw std::runtime_error(path + ": " + std::to_string(v.size()) + " " + lane_names[l] + " slices, expected " +
                               std::to_string(chunks + warmups));
    v.erase(v.begin(), v.begin() + warmups);   // the warm-up chunks
    for (auto& s : v)
      t.busy[l] += s.end - s.begin;
  }
  t.first = std::min({t.lane[0][0].begin, t.lane[1][0].begin, t.lane[2][0].begin});
  t.last = 0;
  // Sweep the slices' edges: time with two or more lanes busy.
  std::vector<std::pair<double, int>> edges;
  for (auto& v : t.lane)
    for (auto& s : v) {
      edges.push_back({s.begin, +1});
      edges.push_back({s.end, -1});
      t.last = std::max(t.last, s.end);
    }
  std::sort(edges.begin(), edges.end());
  int active = 0;
  double prev = t.first;
  for (auto& [at, delta] : edges) {
    if (active >= 2)
      t.overlapped += at - prev;
    active += delta;
    prev = at;
  }
  return t;
}

// Both runs as lanes of bars on one time axis, the serial one above.
void write_svg(const std::string& path, const std::string& title, const timeline& serial, const timeline& overlap,
               double speedup)
{
  const double W = 760, L = 150, R = 20, laneH = 18, gap = 4, top = 50;
  double span_us = std::max(serial.last - serial.first, overlap.last - overlap.first);
  double px = (W - L - R) / (span_us > 0 ? span_us : 1);
  double H = top + 2 * (lanes * (laneH + gap) + 40) + 40;
  std::ofstream o(path);
  char buf[512];
  svg_chart::open(o, W, H, title, 14, 24);
  double y = top;
  for (auto* t : {&serial, &overlap}) {
    bool first = t == &serial;
    std::snprintf(buf, sizeof buf, "<text x=\"%g\" y=\"%g\" font-weight=\"bold\">%s: %.0f us card time, %.0f %% overlapped</text>\n",
                  L, y, first ? "serial" : "double buffered", t->last - t->first,
                  100 * t->overlapped / std::max(1e-9, t->last - t->first));
    o << buf;
    y += 8;
    for (int l = 0; l < lanes; ++l) {
      std::snprintf(buf, sizeof buf, "<text x=\"%g\" y=\"%g\" text-anchor=\"end\">%s</text>\n", L - 8, y + laneH - 5,
                    lane_names[l]);
      o << buf;
      for (auto& s : t->lane[l]) {
        std::snprintf(buf, sizeof buf,
                      "<rect x=\"%.2f\" y=\"%g\" width=\"%.2f\" height=\"%g\" fill=\"%s\" stroke=\"white\" stroke-width=\"0.5\"/>\n",
                      L + (s.begin - t->first) * px, y, std::max(0.5, (s.end - s.begin) * px), laneH, lane_colours[l]);
        o << buf;
      }
      y += laneH + gap;
    }
    y += 32;
  }
  std::snprintf(buf, sizeof buf,
                "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#444\"/><text x=\"%g\" y=\"%g\">0</text>"
                "<text x=\"%g\" y=\"%g\" text-anchor=\"end\">%.0f us (card time from the first transfer)</text>\n"
                "<text x=\"%g\" y=\"%g\">speed-up (host clock): %.2f</text>\n",
                L, y - 20, W - R, y - 20, L, y - 4, W - R, y - 4, span_us, L, y + 14, speedup);
  o << buf;
  svg_chart::close(o);
}

double run_child(const std::string& xclbin, const std::string& mode, const settings& s, const std::string& profile)
{
  return measuring_child::run("XRTEMU_PROFILE='" + profile + "'",
                              "'" + xclbin + "' --measure " + mode + " --chunk-kib " + std::to_string(s.chunk_kib) +
                                " --chunks " + std::to_string(s.chunks) + " --passes " + std::to_string(s.passes),
                              1, "the " + mode + " child")[0];
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: double_buffer <double_buffer.xclbin> [--chunk-kib K] [--chunks C] [--passes P] [--repeat R] "
                 "[--svg FILE] [--title TEXT] [--profile PREFIX]\n";
    return 2;
  }
  std::string xclbin = argv[1], svg = "double_buffer.svg", title = "Double buffering vs serial transfer-then-compute",
              keep, mode;
  settings s;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--measure") mode = argv[i + 1];
    else if (a == "--chunk-kib") s.chunk_kib = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--chunks") s.chunks = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--passes") s.passes = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--repeat") s.repeat = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--svg") svg = argv[i + 1];
    else if (a == "--title") title = argv[i + 1];
    else if (a == "--profile") keep = argv[i + 1];
    else {
      std::cerr << "double_buffer: unknown option " << a << "\n";
      return 2;
    }
  }
  try {
    if (!mode.empty()) {
      if (mode != "serial" && mode != "overlap")
        throw std::runtime_error("--measure takes serial or overlap, not " + mode);
      return measure(xclbin, mode, s);
    }
    std::string prefix = keep.empty() ? "/tmp/double_buffer_" + std::to_string(::getpid()) : keep;
    // The ways take turns, so a stretch of load on the host falls on both;
    // each way keeps its median run (host clock) and that run's profile.
    struct measured
    {
      timeline t;
      std::string profile;
    };
    std::vector<measured> runs[2];
    const char* modes[2] = {"serial", "overlap"};
    for (int r = 0; r < s.repeat; ++r)
      for (int m = 0; m < 2; ++m) {
        std::string profile = prefix + "_" + modes[m] + "_" + std::to_string(r) + ".json";
        double e2e = run_child(xclbin, modes[m], s, profile);
        runs[m].push_back({read_profile(profile, s.chunks, m + 1), profile});   // one warm-up per buffer
        runs[m].back().t.e2e_us = e2e;
      }
    timeline t[2];
    for (int m = 0; m < 2; ++m) {
      auto& v = runs[m];
      std::sort(v.begin(), v.end(), [](const measured& a, const measured& b) { return a.t.e2e_us < b.t.e2e_us; });
      t[m] = v[v.size() / 2].t;
      for (size_t i = 0; i < v.size(); ++i)
        if (!keep.empty() && i == v.size() / 2)
          std::rename(v[i].profile.c_str(), (prefix + "_" + modes[m] + ".json").c_str());
        else
          std::remove(v[i].profile.c_str());
    }
    double speedup = t[0].e2e_us / t[1].e2e_us;
    std::printf("Double buffering: %d chunks of %d KiB through db_scale (passes %d; median of %d runs a way)\n",
                s.chunks, s.chunk_kib, s.passes, s.repeat);
    std::printf("%-16s %12s %12s %12s %12s %12s %12s\n", "way", "host us", "card us", "input DMA", "compute",
                "output DMA", "overlapped");
    for (int m = 0; m < 2; ++m)
      std::printf("%-16s %12.1f %12.1f %12.1f %12.1f %12.1f %11.1f%%\n", m ? "double buffered" : "serial", t[m].e2e_us,
                  t[m].last - t[m].first, t[m].busy[dma_in], t[m].busy[kernel_run], t[m].busy[dma_out],
                  100 * t[m].overlapped / std::max(1e-9, t[m].last - t[m].first));
    std::printf("speed-up (host clock): %.2f\nspeed-up (card time): %.2f\n", speedup,
                (t[0].last - t[0].first) / std::max(1e-9, t[1].last - t[1].first));
    // The serial run can never overlap (each step waits for the one before);
    // the double buffered one overlaps unless this host ran its threads one
    // after the other (a loaded host), which is worth a note, not a failure.
    if (t[0].overlapped > 1e-3)
      throw std::runtime_error("the serial run overlaps in the profile (" + std::to_string(t[0].overlapped) + " us)");
    if (s.chunks > 1 && t[1].overlapped <= 0)
      std::printf("note: the double buffered run shows no overlap: this host ran its threads one after the other\n");
    write_svg(svg, title, t[0], t[1], speedup);
    std::printf("plot written to %s\nTEST PASSED\n", svg.c_str());
    return 0;
  }
  catch (const std::exception& e) {
    std::cerr << "double_buffer: " << e.what() << "\n";
    return 1;
  }
}
