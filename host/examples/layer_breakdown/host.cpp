// Per-layer latency breakdown of a three-kernel pipeline, from the profile.
// Each inference syncs the input to the card, runs layer_scale, layer_bias
// and layer_relu in sequence (each reading the previous layer's output
// buffer) and syncs the result back.  The program runs the inferences in a
// child process of itself with XRTEMU_PROFILE set (the profile is written at
// exit), then reads the Chrome trace: the DMA slices on the host track (card
// time in timed mode), each layer's CU run (compute) and its command from
// queued to done (launch: queued -> CU start; completion: CU done -> command
// done).  Host overhead is the rest of the end-to-end time the child measured
// with its own clock.  Prints a table per inference (averages) and writes an
// SVG stacked bar.  Meant for the timed mode (XRTEMU_TIMED=1, docs/timing.md).
// Native XRT API only.
//   layer_breakdown <layer_breakdown.xclbin> [--n N] [--runs R] [--svg FILE] [--title TEXT] [--profile FILE]
//     (--profile keeps the child's profile there, for `xrtemu trace summary`/`plot`)
//   layer_breakdown <layer_breakdown.xclbin> --measure R --n N    the child: prints "e2e_us"
#include "measuring_child.h"
#include "svg_chart.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

const char* const layers[] = {"layer_scale", "layer_bias", "layer_relu"};
constexpr int n_layers = 3;
constexpr float scale = 0.5f, bias = -1.0f;

// The child: one warm-up inference, then `runs` timed ones.  Prints the sum
// of their end-to-end times (host clock, us).
int measure(const std::string& xclbin, int runs, int n)
{
  xrt::device device(0);
  auto uuid = device.load_xclbin(xclbin);
  std::vector<xrt::kernel> k;
  for (auto name : layers)
    k.emplace_back(device, uuid, name);
  size_t bytes = sizeof(float) * n;
  // buf[0] input, buf[i] output of layer i (on the bank of layer i-1's port).
  std::vector<xrt::bo> buf;
  buf.emplace_back(device, bytes, k[0].group_id(0));
  for (int i = 0; i < n_layers; ++i)
    buf.emplace_back(device, bytes, k[i].group_id(1));
  auto* in = buf[0].map<float*>();
  auto* out = buf[n_layers].map<float*>();
  for (int i = 0; i < n; ++i)
    in[i] = static_cast<float>(i % 17) - 8.0f;
  double e2e_us = 0;
  for (int r = 0; r <= runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    buf[0].sync(XCL_BO_SYNC_BO_TO_DEVICE);
    xrt::run run;
    for (int i = 0; i < n_layers; ++i) {
      if (i == 0) run = k[i](buf[i], buf[i + 1], scale, n);
      else if (i == 1) run = k[i](buf[i], buf[i + 1], bias, n);
      else run = k[i](buf[i], buf[i + 1], n);
      if (run.wait() != ERT_CMD_STATE_COMPLETED)
        throw std::runtime_error(std::string(layers[i]) + " did not complete");
    }
    buf[n_layers].sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    std::chrono::duration<double, std::micro> d = std::chrono::steady_clock::now() - t0;
    if (r > 0)
      e2e_us += d.count();
  }
  for (int i = 0; i < n; ++i)
    if (out[i] != std::max(0.0f, in[i] * scale + bias))
      throw std::runtime_error("wrong result at " + std::to_string(i));
  std::printf("%.3f\n", e2e_us);
  return 0;
}

// Per-inference averages, us.
struct breakdown
{
  double e2e = 0, dma_in = 0, dma_out = 0, host = 0;
  double compute[n_layers] = {}, launch[n_layers] = {}, completion[n_layers] = {};
};

// Reads the profile: drops the warm-up (the first of each kind, in time
// order), checks there are `runs` of each and that every CU run lies within
// its command, and adds them up.
breakdown from_profile(const std::string& path, int runs, double e2e_total)
{
  std::ifstream f(path);
  if (!f)
    throw std::runtime_error("no profile at " + path);
  auto trace = nlohmann::json::parse(f);
  std::vector<double> dma_in, dma_out;               // card durations
  std::map<std::string, std::vector<std::pair<double, double>>> cmd, cu;   // kernel -> [begin, end]
  std::map<std::string, std::string> cu_kernel;      // CU name -> kernel
  std::map<long long, double> cmd_begin, cu_begin;   // async ids -> begin
  std::map<long long, std::string> cmd_cu;
  auto events = trace.at("traceEvents");
  for (auto& e : events) {
    std::string ph = e.value("ph", ""), cat = e.value("cat", "");
    if (ph == "X" && cat == "dma" && e.value("name", "") == "sync_bo") {
      auto dir = e["args"].value("direction", "");
      (dir == "host_to_card" ? dma_in : dma_out).push_back(e["ts"].get<double>());
      (dir == "host_to_card" ? dma_in : dma_out).push_back(e["dur"].get<double>());
    }
    else if (cat == "cu_run" && ph == "b") {
      cu_begin[e["id"].get<long long>()] = e["ts"].get<double>();
      cu_kernel[e["name"].get<std::string>()] = e["args"].value("kernel", "");
    }
    else if (cat == "cu_run" && ph == "e") {
      auto name = cu_kernel[e["name"].get<std::string>()];
      cu[name].push_back({cu_begin[e["id"].get<long long>()], e["ts"].get<double>()});
    }
    else if (cat == "command" && ph == "b") {
      cmd_begin[e["id"].get<long long>()] = e["ts"].get<double>();
      cmd_cu[e["id"].get<long long>()] = e["args"].value("cu", "");
    }
    else if (cat == "command" && ph == "e") {
      auto id = e["id"].get<long long>();
      cmd[cu_kernel.count(cmd_cu[id]) ? cu_kernel[cmd_cu[id]] : cmd_cu[id]].push_back({cmd_begin[id], e["ts"].get<double>()});
    }
  }
  // Commands may precede the first CU run of their CU in the file: map again.
  std::map<std::string, std::vector<std::pair<double, double>>> by_kernel;
  for (auto& [name, v] : cmd)
    for (auto& s : v)
      by_kernel[cu_kernel.count(name) ? cu_kernel[name] : name].push_back(s);
  breakdown b;
  auto dma_sum = [&](std::vector<double>& v, const char* what) {
    std::vector<std::pair<double, double>> s;
    for (size_t i = 0; i + 1 < v.size(); i += 2)
      s.push_back({v[i], v[i + 1]});
    std::sort(s.begin(), s.end());
    if (static_cast<int>(s.size()) != runs + 1)
      throw std::runtime_error(std::string("profile has ") + std::to_string(s.size()) + " " + what + " syncs, expected " +
                               std::to_string(runs + 1));
    double t = 0;
    for (size_t i = 1; i < s.size(); ++i)
      t += s[i].second;
    return t / runs;
  };
  b.dma_in = dma_sum(dma_in, "host_to_card");
  b.dma_out = dma_sum(dma_out, "card_to_host");
  for (int l = 0; l < n_layers; ++l) {
    auto c = by_kernel[layers[l]], r = cu[layers[l]];
    std::sort(c.begin(), c.end());
    std::sort(r.begin(), r.end());
    if (static_cast<int>(c.size()) != runs + 1 || static_cast<int>(r.size()) != runs + 1)
      throw std::runtime_error(std::string(layers[l]) + ": " + std::to_string(c.size()) + " commands and " +
                               std::to_string(r.size()) + " CU runs in the profile, expected " + std::to_string(runs + 1));
    for (int i = 1; i <= runs; ++i) {
      if (r[i].first < c[i].first || r[i].second > c[i].second)
        throw std::runtime_error(std::string(layers[l]) + ": a CU run outside its command");
      b.compute[l] += (r[i].second - r[i].first) / runs;
      b.launch[l] += (r[i].first - c[i].first) / runs;
      b.completion[l] += (c[i].second - r[i].second) / runs;
    }
  }
  b.e2e = e2e_total / runs;
  double parts = b.dma_in + b.dma_out;
  for (int l = 0; l < n_layers; ++l)
    parts += b.compute[l] + b.launch[l] + b.completion[l];
  b.host = b.e2e - parts;
  if (b.host < 0)
    throw std::runtime_error("the profile's parts (" + std::to_string(parts) + " us) exceed the end-to-end time (" +
                             std::to_string(b.e2e) + " us)");
  return b;
}

struct part
{
  std::string name;
  double us;
  const char* colour;
};

std::vector<part> parts_of(const breakdown& b)
{
  const char* compute_colours[] = {"#1f77b4", "#2ca02c", "#9467bd"};
  std::vector<part> p = {{"input DMA (host->card)", b.dma_in, "#ff7f0e"}};
  for (int l = 0; l < n_layers; ++l) {
    p.push_back({std::string(layers[l]) + " compute", b.compute[l], compute_colours[l]});
    p.push_back({std::string(layers[l]) + " command", b.launch[l] + b.completion[l], "#c7c7c7"});
  }
  p.push_back({"output DMA (card->host)", b.dma_out, "#d62728"});
  p.push_back({"host overhead", b.host, "#8c564b"});
  return p;
}

// One horizontal stacked bar, a legend with each part's share.
void write_svg(const std::string& path, const std::string& title, const breakdown& b)
{
  auto p = parts_of(b);
  const double W = 640, L = 30, R = 30, barY = 50, barH = 50;
  double H = barY + barH + 40 + 20 * p.size() + 20;
  std::ofstream o(path);
  char buf[512];
  svg_chart::open(o, W, H, title, 14, 24);
  double x = L, scale_px = (W - L - R) / (b.e2e > 0 ? b.e2e : 1);
  for (auto& q : p) {
    std::snprintf(buf, sizeof buf, "<rect x=\"%.2f\" y=\"%g\" width=\"%.2f\" height=\"%g\" fill=\"%s\" stroke=\"white\" stroke-width=\"0.5\"/>\n",
                  x, barY, q.us * scale_px, barH, q.colour);
    o << buf;
    x += q.us * scale_px;
  }
  std::snprintf(buf, sizeof buf,
                "<text x=\"%g\" y=\"%g\">0</text><text x=\"%g\" y=\"%g\" text-anchor=\"end\">%.1f us end to end (one inference, average)</text>\n",
                L, barY + barH + 16, W - R, barY + barH + 16, b.e2e);
  o << buf;
  double y = barY + barH + 40;
  for (auto& q : p) {
    std::snprintf(buf, sizeof buf,
                  "<rect x=\"%g\" y=\"%g\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%g\" y=\"%g\">%s</text>"
                  "<text x=\"%g\" y=\"%g\" text-anchor=\"end\">%.1f us</text><text x=\"%g\" y=\"%g\" text-anchor=\"end\">%.1f %%</text>\n",
                  L, y - 10, q.colour, L + 20, y, q.name.c_str(), L + 330, y, q.us, L + 400, y, 100 * q.us / b.e2e);
    o << buf;
    y += 20;
  }
  svg_chart::close(o);
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: layer_breakdown <layer_breakdown.xclbin> [--n N] [--runs R] [--svg FILE] [--title TEXT]\n";
    return 2;
  }
  std::string xclbin = argv[1], svg = "layer_breakdown.svg", title = "Per-layer latency breakdown", keep;
  int runs = 20, n = 1 << 20, child_runs = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--measure") child_runs = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--n") n = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--svg") svg = argv[i + 1];
    else if (a == "--title") title = argv[i + 1];
    else if (a == "--profile") keep = argv[i + 1];
  }
  try {
    if (child_runs)
      return measure(xclbin, child_runs, n);
    std::string profile = keep.empty() ? "/tmp/layer_breakdown_" + std::to_string(::getpid()) + ".json" : keep;
    double e2e_total = measuring_child::run("XRTEMU_PROFILE=" + profile,
                                            "'" + xclbin + "' --measure " + std::to_string(runs) + " --n " + std::to_string(n),
                                            1, "the measuring child")[0];
    auto b = from_profile(profile, runs, e2e_total);
    if (keep.empty())
      std::remove(profile.c_str());

    std::printf("Per-layer breakdown of one inference (%d floats, average of %d), us\n", n, runs);
    std::printf("%-12s %10s %10s %12s %10s %8s\n", "layer", "compute", "launch", "completion", "total", "share");
    for (int l = 0; l < n_layers; ++l) {
      double t = b.compute[l] + b.launch[l] + b.completion[l];
      std::printf("%-12s %10.2f %10.2f %12.2f %10.2f %7.1f%%\n", layers[l], b.compute[l], b.launch[l], b.completion[l], t,
                  100 * t / b.e2e);
    }
    double sum = 0;
    std::printf("\n%-26s %10s %8s\n", "part", "us", "share");
    for (auto& q : parts_of(b)) {
      std::printf("%-26s %10.2f %7.1f%%\n", q.name.c_str(), q.us, 100 * q.us / b.e2e);
      sum += q.us;
    }
    std::printf("%-26s %10.2f %7.1f%%\n", "sum of parts", sum, 100 * sum / b.e2e);
    std::printf("%-26s %10.2f\n", "end to end (host clock)", b.e2e);
    if (std::fabs(sum - b.e2e) > 1e-6 * std::max(1.0, b.e2e))
      throw std::runtime_error("the parts do not add up to the end-to-end time");
    write_svg(svg, title, b);
    std::printf("plot written to %s\nTEST PASSED\n", svg.c_str());
    return 0;
  }
  catch (const std::exception& e) {
    std::cerr << "layer_breakdown: " << e.what() << "\n";
    return 1;
  }
}
