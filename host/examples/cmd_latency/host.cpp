// Interrupt vs polling completion latency: empty-kernel runs started and
// waited one at a time, with completion learnt by interrupt (the default)
// and by polling (xrt.ini [Runtime] ert_polling=true).  XRT reads that key
// once per process, so the program runs itself once per mode, with an
// xrt.ini of its own, and then prints a table and writes an SVG bar chart
// of the median, 10th and 90th percentile of start -> wait.  Meant for the
// timed mode (XRTEMU_TIMED=1, docs/timing.md).  Native XRT API only.
//   cmd_latency <empty.xclbin> [--runs N] [--svg FILE] [--title TEXT]
//   cmd_latency <empty.xclbin> --measure N     one mode: prints "p10 p50 p90" in us
#include "measuring_child.h"
#include "svg_chart.h"

#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

int measure(const std::string& xclbin, int runs)
{
  xrt::device device(0);
  auto uuid = device.load_xclbin(xclbin);
  xrt::kernel k(device, uuid, "empty_kernel");
  std::vector<double> us;
  for (int i = 0; i < runs + 10; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto state = k(i).wait();
    std::chrono::duration<double, std::micro> d = std::chrono::steady_clock::now() - t0;
    if (state != ERT_CMD_STATE_COMPLETED) {
      std::cerr << "run " << i << " ended in state " << state << "\n";
      return 1;
    }
    if (i >= 10)   // the first runs warm up caches and threads
      us.push_back(d.count());
  }
  std::sort(us.begin(), us.end());
  auto at = [&](double q) { return us[static_cast<size_t>(q * (us.size() - 1))]; };
  std::printf("%.2f %.2f %.2f\n", at(0.1), at(0.5), at(0.9));
  return 0;
}

struct mode
{
  const char* name;
  const char* ini;
  double p10 = 0, p50 = 0, p90 = 0;
};

void write_svg(const std::string& path, const std::string& title, const std::vector<mode>& modes)
{
  const double W = 480, H = 360, L = 60, B = 50, T = 40, bar = 90;
  double ymax = 0;
  for (auto& m : modes)
    ymax = std::max(ymax, m.p90);
  ymax = ymax > 0 ? ymax * 1.15 : 1;
  auto Y = [&](double v) { return H - B - v / ymax * (H - T - B); };
  std::ofstream o(path);
  char buf[400];
  svg_chart::open(o, W, H, title);
  svg_chart::value_grid(o, L, W - 20, ymax, Y);
  const char* colours[] = {"#1f77b4", "#d62728"};
  for (size_t i = 0; i < modes.size(); ++i) {
    double x = L + 50 + i * (bar + 80);
    auto& m = modes[i];
    std::snprintf(buf, sizeof buf,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%g\" height=\"%.1f\" fill=\"%s\"/>"
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>"
                  "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.1f us</text>"
                  "<text x=\"%.1f\" y=\"%g\" text-anchor=\"middle\">%s</text>\n",
                  x, Y(m.p50), bar, H - B - Y(m.p50), colours[i % 2], x + bar / 2, Y(m.p10), x + bar / 2, Y(m.p90),
                  x + bar / 2, Y(m.p90) - 6, m.p50, x + bar / 2, H - B + 18, m.name);
    o << buf;
  }
  o << "<line x1=\"" << L << "\" y1=\"" << H - B << "\" x2=\"" << W - 20 << "\" y2=\"" << H - B
    << "\" stroke=\"black\"/>\n";
  o << "<text x=\"16\" y=\"" << (T + H - B) / 2 << "\" text-anchor=\"middle\" transform=\"rotate(-90 16 "
    << (T + H - B) / 2 << ")\">start to wait, us (median; whisker 10-90 %)</text>\n";
  svg_chart::close(o);
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: cmd_latency <empty.xclbin> [--runs N] [--svg FILE] [--title TEXT]\n";
    return 2;
  }
  std::string xclbin = argv[1], svg = "cmd_latency.svg", title = "Command completion latency";
  int runs = 500;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--measure")
      return measure(xclbin, std::max(1, std::atoi(argv[i + 1])));
    if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--svg") svg = argv[i + 1];
    else if (a == "--title") title = argv[i + 1];
  }
  try {
    std::vector<mode> modes = {{"interrupt", "[Runtime]\nert_polling=false\n"}, {"polling", "[Runtime]\nert_polling=true\n"}};
    for (auto& m : modes) {
      std::string ini = "/tmp/cmd_latency_" + std::to_string(::getpid()) + "_" + m.name + ".ini";
      std::ofstream(ini) << m.ini;
      auto v = measuring_child::run("XRT_INI_PATH=" + ini, "'" + xclbin + "' --measure " + std::to_string(runs), 3,
                                    "measuring " + std::string(m.name));
      m.p10 = v[0], m.p50 = v[1], m.p90 = v[2];
      std::remove(ini.c_str());
    }
    std::printf("%-10s %10s %10s %10s   (start -> wait of an empty kernel, us, %d runs)\n", "completion", "p10",
                "median", "p90", runs);
    for (auto& m : modes)
      std::printf("%-10s %10.2f %10.2f %10.2f\n", m.name, m.p10, m.p50, m.p90);
    std::printf("interrupt - polling, median: %.2f us\n", modes[0].p50 - modes[1].p50);
    write_svg(svg, title, modes);
    std::printf("plot written to %s\nTEST PASSED\n", svg.c_str());
    return 0;
  }
  catch (const std::exception& e) {
    std::cerr << "cmd_latency: " << e.what() << "\n";
    return 1;
  }
}
