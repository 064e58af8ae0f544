// DMA throughput sweep: host -> card and card -> host bo.sync for sizes from
// 1 KB to 16 MB (doubling), timed with the host's clock as a user measures a
// card; prints a table and writes an SVG plot of GB/s against size.  Meant
// for the timed mode (XRTEMU_TIMED=1, docs/timing.md), where a sync returns
// no earlier than the modeled card would finish.  Native XRT API only.
//   dma_sweep [--min BYTES] [--max BYTES] [--reps N] [--svg FILE] [--title TEXT]
#include "svg_chart.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct point
{
  uint64_t bytes;
  double to_card_gbps, from_card_gbps;
};

std::string size_text(uint64_t b)
{
  if (b >= (1u << 20))
    return std::to_string(b >> 20) + " MB";
  if (b >= 1024)
    return std::to_string(b >> 10) + " KB";
  return std::to_string(b) + " B";
}

// Best of `reps` (the least disturbed by other load on the host), in GB/s.
double best_gbps(xrt::bo& bo, xclBOSyncDirection dir, uint64_t bytes, int reps)
{
  double best = 1e30;
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    bo.sync(dir, bytes, 0);
    std::chrono::duration<double, std::nano> ns = std::chrono::steady_clock::now() - t0;
    best = std::min(best, ns.count());
  }
  return static_cast<double>(bytes) / best;   // bytes per ns = GB/s
}

// A log-x plot with both directions; plain SVG, no libraries.
void write_svg(const std::string& path, const std::string& title, const std::vector<point>& pts)
{
  const double W = 640, H = 400, L = 60, R = 20, T = 40, B = 50;
  double ymax = 0;
  for (auto& p : pts)
    ymax = std::max({ymax, p.to_card_gbps, p.from_card_gbps});
  ymax = std::ceil(ymax / 2.0) * 2.0;
  if (ymax <= 0)
    ymax = 1;
  double x0 = std::log2(static_cast<double>(pts.front().bytes)), x1 = std::log2(static_cast<double>(pts.back().bytes));
  if (x1 <= x0)
    x1 = x0 + 1;
  auto X = [&](uint64_t b) { return L + (std::log2(static_cast<double>(b)) - x0) / (x1 - x0) * (W - L - R); };
  auto Y = [&](double g) { return H - B - g / ymax * (H - T - B); };
  std::ofstream o(path);
  char buf[256];
  svg_chart::open(o, W, H, title, 15);
  svg_chart::value_grid(o, L, W - R, ymax, Y);
  for (auto& p : pts) {
    if (std::log2(static_cast<double>(p.bytes)) != std::floor(std::log2(static_cast<double>(p.bytes))) ||
        (static_cast<int>(std::log2(static_cast<double>(p.bytes))) % 2))
      continue;   // label every other power of two
    std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%g\" text-anchor=\"middle\">%s</text>\n", X(p.bytes),
                  H - B + 18, size_text(p.bytes).c_str());
    o << buf;
  }
  std::snprintf(buf, sizeof buf,
                "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"black\"/><line x1=\"%g\" y1=\"%g\" x2=\"%g\" "
                "y2=\"%g\" stroke=\"black\"/>\n",
                L, H - B, W - R, H - B, L, T, L, H - B);
  o << buf;
  o << "<text x=\"" << (L + W - R) / 2 << "\" y=\"" << H - 12 << "\" text-anchor=\"middle\">transfer size</text>\n";
  o << "<text x=\"16\" y=\"" << (T + H - B) / 2 << "\" text-anchor=\"middle\" transform=\"rotate(-90 16 "
    << (T + H - B) / 2 << ")\">GB/s</text>\n";
  auto series = [&](bool to_card, const char* colour, const char* name, double ly) {
    o << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\" points=\"";
    for (auto& p : pts) {
      std::snprintf(buf, sizeof buf, "%.1f,%.1f ", X(p.bytes), Y(to_card ? p.to_card_gbps : p.from_card_gbps));
      o << buf;
    }
    o << "\"/>\n";
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"%s\" stroke-width=\"2\"/><text x=\"%g\" "
                  "y=\"%g\">%s</text>\n",
                  L + 16, ly, L + 40, ly, colour, L + 46, ly + 4, name);
    o << buf;
  };
  series(true, "#1f77b4", "host to card", T + 12);
  series(false, "#d62728", "card to host", T + 30);
  svg_chart::close(o);
}

} // namespace

int main(int argc, char** argv)
{
  uint64_t lo = 1024, hi = 16u << 20;
  int reps = 5;
  std::string svg = "dma_sweep.svg", title = "DMA throughput";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--min") lo = std::strtoull(argv[i + 1], nullptr, 0);
    else if (a == "--max") hi = std::strtoull(argv[i + 1], nullptr, 0);
    else if (a == "--reps") reps = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--svg") svg = argv[i + 1];
    else if (a == "--title") title = argv[i + 1];
    else {
      std::cerr << "usage: dma_sweep [--min BYTES] [--max BYTES] [--reps N] [--svg FILE] [--title TEXT]\n";
      return 2;
    }
  }
  if (lo == 0 || hi < lo) {
    std::cerr << "dma_sweep: need 0 < --min <= --max\n";
    return 2;
  }
  try {
    xrt::device device(0);
    xrt::bo bo(device, hi, xrt::bo::flags::normal, 0);   // the card's first memory bank
    std::memset(bo.map(), 0x5a, hi);
    bo.sync(XCL_BO_SYNC_BO_TO_DEVICE);   // first touch of the card's pages
    std::vector<point> pts;
    std::printf("%10s  %14s  %14s\n", "size", "to card GB/s", "from card GB/s");
    for (uint64_t b = lo; b <= hi; b *= 2) {
      point p{b, best_gbps(bo, XCL_BO_SYNC_BO_TO_DEVICE, b, reps), best_gbps(bo, XCL_BO_SYNC_BO_FROM_DEVICE, b, reps)};
      std::printf("%10s  %14.3f  %14.3f\n", size_text(b).c_str(), p.to_card_gbps, p.from_card_gbps);
      pts.push_back(p);
    }
    write_svg(svg, title, pts);
    std::printf("plot written to %s\nTEST PASSED\n", svg.c_str());
    return 0;
  }
  catch (const std::exception& e) {
    std::cerr << "dma_sweep: " << e.what() << "\n";
    return 1;
  }
}
