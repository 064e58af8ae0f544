// `xrtemu trace summary <trace.json>` and `xrtemu trace plot <trace.json>
// -o timeline.svg`: read the Chrome/Perfetto trace the shim writes at exit
// (XRTEMU_PROFILE, xrt.ini Debug.profile) and report per kernel (runs,
// total/avg/min/max time) and per bank (bytes moved by host DMA), or draw
// it as an SVG timeline with one lane per track.
#include "commands.h"
#include "inspect_view.h"

#include <boost/format.hpp>
#include <boost/program_options.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace po = boost::program_options;
using json = nlohmann::ordered_json;

namespace xrtemu::cli {

namespace {

struct slice
{
  int tid = 0;
  double t0 = 0, t1 = 0;   // microseconds
  std::string name, cat;
  json args;
};

struct instant
{
  int tid = 0;
  double t = 0;
  std::string name;
};

struct trace
{
  std::map<int, std::string> track_names;
  std::map<int, int> track_order;
  std::vector<slice> slices;
  std::vector<instant> instants;
  std::map<std::string, std::vector<std::pair<double, double>>> counters;   // name -> (t, value)
  json other;
  size_t unfinished = 0;   // begins without an end
  size_t skipped = 0;      // events we could not read
  double t_min = 0, t_max = 0;
};

trace load(const std::string& path)
{
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot read " + path);
  json j;
  try {
    in >> j;
  }
  catch (const json::exception& e) {
    throw std::runtime_error(path + " is not JSON: " + e.what());
  }
  // Both forms Chrome accepts: {"traceEvents": [...]} and a bare array.
  const json* events = nullptr;
  if (j.is_object() && j.contains("traceEvents") && j["traceEvents"].is_array())
    events = &j["traceEvents"];
  else if (j.is_array())
    events = &j;
  else
    throw std::runtime_error(path + " has no traceEvents array: not a Chrome trace (write one with XRTEMU_PROFILE=" +
                             path + ")");
  trace t;
  if (j.is_object() && j.contains("otherData"))
    t.other = j["otherData"];
  std::map<std::tuple<std::string, std::string, int>, std::vector<const json*>> open;
  bool first = true;
  auto seen = [&](double ts) {
    t.t_min = first ? ts : std::min(t.t_min, ts);
    t.t_max = first ? ts : std::max(t.t_max, ts);
    first = false;
  };
  for (auto& e : *events) {
    if (!e.is_object() || !e.contains("ph") || !e["ph"].is_string()) {
      ++t.skipped;
      continue;
    }
    auto ph = e["ph"].get<std::string>();
    int tid = e.value("tid", 0);
    if (ph == "M") {
      auto name = e.value("name", "");
      if (name == "thread_name" && e.contains("args") && e["args"].contains("name"))
        t.track_names[tid] = e["args"]["name"].get<std::string>();
      else if (name == "thread_sort_index" && e.contains("args"))
        t.track_order[tid] = e["args"].value("sort_index", 0);
      continue;
    }
    if (!e.contains("ts") || !e["ts"].is_number()) {
      ++t.skipped;
      continue;
    }
    double ts = e["ts"].get<double>();
    seen(ts);
    if (ph == "X") {
      slice s{tid, ts, ts + e.value("dur", 0.0), e.value("name", ""), e.value("cat", ""), e.value("args", json::object())};
      seen(s.t1);
      t.slices.push_back(std::move(s));
    }
    else if (ph == "b" || ph == "e") {
      auto id = e.contains("id") ? e["id"].dump() : std::string();
      auto key = std::make_tuple(e.value("cat", ""), id, tid);
      if (ph == "b") {
        open[key].push_back(&e);
        continue;
      }
      auto& q = open[key];
      if (q.empty()) {
        ++t.skipped;
        continue;
      }
      auto& b = *q.front();
      q.erase(q.begin());
      t.slices.push_back({tid, b["ts"].get<double>(), ts, b.value("name", ""), b.value("cat", ""),
                          b.value("args", json::object())});
    }
    else if (ph == "i" || ph == "I") {
      t.instants.push_back({tid, ts, e.value("name", "")});
    }
    else if (ph == "C") {
      auto values = e.value("args", json::object());
      for (auto& [k, v] : values.items())
        if (v.is_number())
          t.counters[e.value("name", "") + (k == "stalls" ? "" : " " + k)].push_back({ts, v.get<double>()});
    }
  }
  for (auto& [k, q] : open)
    t.unfinished += q.size();
  return t;
}

std::string duration(double us)
{
  if (us >= 1e6)
    return boost::str(boost::format("%.2f s") % (us / 1e6));
  if (us >= 1e3)
    return boost::str(boost::format("%.2f ms") % (us / 1e3));
  return boost::str(boost::format("%.1f us") % us);
}

struct stats
{
  uint64_t runs = 0;
  double total = 0, min = 0, max = 0;
  std::set<std::string> cus;
  void add(double d)
  {
    min = runs ? std::min(min, d) : d;
    max = runs ? std::max(max, d) : d;
    total += d;
    ++runs;
  }
  json to_json() const
  {
    return {{"runs", runs}, {"total_us", total}, {"avg_us", runs ? total / runs : 0.0}, {"min_us", min}, {"max_us", max}};
  }
};

// Time covered by a set of intervals (overlaps counted once).
double covered(std::vector<std::pair<double, double>> v)
{
  std::sort(v.begin(), v.end());
  double total = 0, start = 0, end = 0;
  bool open = false;
  for (auto& [a, b] : v) {
    if (open && a <= end) {
      end = std::max(end, b);
      continue;
    }
    if (open)
      total += end - start;
    start = a;
    end = b;
    open = true;
  }
  return open ? total + end - start : total;
}

json summarize(const trace& t)
{
  std::map<std::string, stats> kernels, cus;
  std::vector<std::string> kernel_order, cu_order;
  struct bank { uint64_t h2c = 0, c2h = 0, transfers = 0; double time = 0; };
  std::map<std::string, bank> banks;
  std::vector<std::string> bank_order;
  std::map<std::string, uint64_t> states;
  uint64_t commands = 0;
  struct direction { uint64_t bytes = 0, transfers = 0; double time = 0; };
  direction to_card, from_card;   // host DMA per direction (card time in timed mode)
  using spans = std::vector<std::pair<double, double>>;
  std::map<std::string, spans> cu_spans;
  spans compute, to_card_spans, from_card_spans;
  for (auto& s : t.slices) {
    double d = s.t1 - s.t0;
    if (s.cat == "cu_run") {
      auto cu = s.args.value("cu", s.name);
      auto k = s.args.value("kernel", cu);
      if (!kernels.count(k))
        kernel_order.push_back(k);
      if (!cus.count(cu))
        cu_order.push_back(cu);
      kernels[k].add(d);
      kernels[k].cus.insert(cu);
      cus[cu].add(d);
      cus[cu].cus.insert(k);
      cu_spans[cu].push_back({s.t0, s.t1});
      compute.push_back({s.t0, s.t1});
    }
    else if (s.cat == "dma") {
      auto tag = s.args.value("bank", "?");
      if (!banks.count(tag))
        bank_order.push_back(tag);
      auto& b = banks[tag];
      uint64_t n = s.args.value("bytes", uint64_t(0));
      bool c2h = s.args.value("direction", "") == "card_to_host";
      (c2h ? b.c2h : b.h2c) += n;
      ++b.transfers;
      b.time += d;
      auto& dir = c2h ? from_card : to_card;
      (c2h ? from_card_spans : to_card_spans).push_back({s.t0, s.t1});
      dir.bytes += n;
      ++dir.transfers;
      dir.time += d;
    }
    else if (s.cat == "command") {
      ++commands;
      ++states[s.args.value("state", "?")];
    }
  }
  json out = {{"duration_us", t.t_max - t.t_min}};
  if (t.other.is_object())
    out["platform"] = t.other.value("platform", "");
  json ks = json::array(), cs = json::array(), bs = json::array(), stalls = json::array();
  for (auto& k : kernel_order) {
    auto j = kernels[k].to_json();
    j["name"] = k;
    j["compute_units"] = std::vector<std::string>(kernels[k].cus.begin(), kernels[k].cus.end());
    ks.push_back(j);
  }
  double span = t.t_max - t.t_min;
  for (auto& c : cu_order) {
    auto j = cus[c].to_json();
    j["name"] = c;
    j["kernel"] = *cus[c].cus.begin();
    double busy = covered(cu_spans[c]);
    j["busy_us"] = busy;
    j["idle_us"] = std::max(0.0, span - busy);
    cs.push_back(j);
  }
  for (auto& tag : bank_order) {
    auto& b = banks[tag];
    bs.push_back({{"tag", tag}, {"host_to_card_bytes", b.h2c}, {"card_to_host_bytes", b.c2h},
                  {"transfers", b.transfers}, {"time_us", b.time}});
  }
  for (auto& [name, samples] : t.counters)
    if (name.rfind("stream stalls ", 0) == 0 && !samples.empty())
      stalls.push_back({{"cu", name.substr(14)}, {"stalls", samples.back().second}});
  out["kernels"] = ks;
  out["compute_units"] = cs;
  out["banks"] = bs;
  // Host DMA per direction: in timed mode the slices are card time
  // (docs/timing.md), so time and GB/s are the modeled card's.
  auto dir_json = [](const direction& d) {
    return json{{"bytes", d.bytes}, {"transfers", d.transfers}, {"time_us", d.time},
                {"gbps", d.time > 0 ? static_cast<double>(d.bytes) / (d.time * 1e3) : 0.0}};
  };
  out["dma"] = {{"timed", t.other.is_object() && t.other.value("timed", false)},
                {"host_to_card", dir_json(to_card)}, {"card_to_host", dir_json(from_card)}};
  // The card's time split: computing (any CU running), host DMA each way,
  // and idle (neither a run nor a transfer).  The parts overlap when a
  // transfer runs beside a kernel (double buffering).
  spans any = compute;
  any.insert(any.end(), to_card_spans.begin(), to_card_spans.end());
  any.insert(any.end(), from_card_spans.begin(), from_card_spans.end());
  out["activity"] = {{"span_us", span}, {"compute_us", covered(compute)},
                     {"dma_host_to_card_us", covered(to_card_spans)}, {"dma_card_to_host_us", covered(from_card_spans)},
                     {"idle_us", std::max(0.0, span - covered(any))}};
  out["commands"] = {{"total", commands}, {"by_state", states}};
  out["stream_stalls"] = stalls;
  out["unfinished_slices"] = t.unfinished;
  return out;
}

void print_summary(std::ostream& os, const std::string& path, const json& s)
{
  os << "Trace " << path;
  if (s.contains("platform") && !s["platform"].get<std::string>().empty())
    os << " (" << s["platform"].get<std::string>() << ")";
  os << ": " << duration(s["duration_us"].get<double>()) << ", " << s["commands"]["total"] << " commands";
  std::string states;
  for (auto& [k, v] : s["commands"]["by_state"].items())
    states += (states.empty() ? "" : ", ") + v.dump() + " " + k;
  os << (states.empty() ? "" : " (" + states + ")") << "\n";
  auto row = [](const json& j) {
    return boost::str(boost::format("%8d %12s %12s %12s %12s") % j["runs"].get<uint64_t>() %
                      duration(j["total_us"].get<double>()) % duration(j["avg_us"].get<double>()) %
                      duration(j["min_us"].get<double>()) % duration(j["max_us"].get<double>()));
  };
  os << "\nKernels\n";
  if (s["kernels"].empty())
    os << "  no kernel runs\n";
  else {
    os << boost::format("  %-20s %4s %8s %12s %12s %12s %12s\n") % "kernel" % "CUs" % "runs" % "total" % "avg" %
            "min" % "max";
    for (auto& k : s["kernels"])
      os << boost::format("  %-20s %4d ") % k["name"].get<std::string>() % k["compute_units"].size() << row(k) << "\n";
    os << "\nCompute units\n";
    os << boost::format("  %-25s %8s %12s %12s %12s %12s %12s %12s\n") % "CU" % "runs" % "total" % "avg" % "min" %
            "max" % "busy" % "idle";
    for (auto& c : s["compute_units"])
      os << boost::format("  %-25s ") % c["name"].get<std::string>() << row(c)
         << boost::format(" %12s %12s") % duration(c["busy_us"].get<double>()) % duration(c["idle_us"].get<double>()) << "\n";
  }
  os << "\nMemory banks (host DMA)\n";
  if (s["banks"].empty())
    os << "  no transfers\n";
  else {
    os << boost::format("  %-12s %14s %14s %10s\n") % "bank" % "host->card" % "card->host" % "transfers";
    for (auto& b : s["banks"])
      os << boost::format("  %-12s %14s %14s %10d\n") % b["tag"].get<std::string>() %
              human_bytes(b["host_to_card_bytes"].get<uint64_t>()) %
              human_bytes(b["card_to_host_bytes"].get<uint64_t>()) % b["transfers"].get<uint64_t>();
  }
  if (!s["banks"].empty()) {
    auto& dma = s["dma"];
    os << "\nHost DMA by direction (" << (dma["timed"].get<bool>() ? "card time, timed mode" : "host time") << ")\n";
    os << boost::format("  %-12s %14s %10s %12s %10s\n") % "direction" % "bytes" % "transfers" % "time" % "GB/s";
    for (const char* d : {"host_to_card", "card_to_host"}) {
      auto& j = dma[d];
      os << boost::format("  %-12s %14s %10d %12s %10.2f\n") % (std::string(d) == "host_to_card" ? "host->card" : "card->host") %
              human_bytes(j["bytes"].get<uint64_t>()) % j["transfers"].get<uint64_t>() % duration(j["time_us"].get<double>()) %
              j["gbps"].get<double>();
    }
  }
  {
    auto& a = s["activity"];
    double span = a["span_us"].get<double>();
    auto part = [&](const char* what, const char* key) {
      double v = a[key].get<double>();
      os << boost::format("  %-22s %12s %6.1f %%\n") % what % duration(v) % (span > 0 ? 100.0 * v / span : 0.0);
    };
    os << "\nCard activity (" << (s["dma"]["timed"].get<bool>() ? "card time" : "host time")
       << "; parts overlap when transfers run beside kernels)\n";
    part("compute (any CU)", "compute_us");
    part("DMA host->card", "dma_host_to_card_us");
    part("DMA card->host", "dma_card_to_host_us");
    part("idle", "idle_us");
  }
  if (!s["stream_stalls"].empty()) {
    os << "\nStream stalls (waits on an empty or full link)\n";
    for (auto& st : s["stream_stalls"])
      os << "  " << st["cu"].get<std::string>() << ": " << st["stalls"].get<double>() << "\n";
  }
  if (s["unfinished_slices"].get<size_t>())
    os << "\n" << s["unfinished_slices"] << " slices have a begin without an end (the program did not finish them)\n";
}

std::string xml(const std::string& s)
{
  std::string o;
  for (char c : s) {
    switch (c) {
    case '<': o += "&lt;"; break;
    case '>': o += "&gt;"; break;
    case '&': o += "&amp;"; break;
    case '"': o += "&quot;"; break;
    default: o += c;
    }
  }
  return o;
}

std::string color_for(const slice& s)
{
  static const char* palette[] = {"#4e79a7", "#59a14f", "#edc948", "#b07aa1", "#76b7b2", "#ff9da7", "#9c755f", "#af7aa1"};
  if (s.cat == "dma")
    return s.args.value("direction", "") == "card_to_host" ? "#f28e2b" : "#4e79a7";
  if (s.cat == "bo")
    return "#bab0ac";
  if (s.cat == "exec")
    return "#b07aa1";
  if (s.cat == "command")
    return s.args.value("state", "") == "COMPLETED" ? "#8cd17d" : "#e15759";
  auto key = s.args.value("kernel", s.name);
  return palette[std::hash<std::string>{}(key) % (sizeof palette / sizeof *palette)];
}

// A tick step of 1, 2 or 5 times a power of ten giving about `n` ticks.
double nice_step(double span, int n)
{
  double raw = span / n;
  double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * p)
      return m * p;
  return 10 * p;
}

void plot(const trace& t, std::ostream& os, int width)
{
  const int label_w = 220, row_h = 18, lane_gap = 6, top = 40, right = 20;
  double span = std::max(t.t_max - t.t_min, 1.0);
  double plot_w = width - label_w - right;
  auto x = [&](double ts) { return label_w + (ts - t.t_min) / span * plot_w; };

  // Lanes: named tracks in their sort order, then tracks only seen in
  // events, then one per counter.
  std::set<int> tids;
  for (auto& s : t.slices) tids.insert(s.tid);
  for (auto& i : t.instants) tids.insert(i.tid);
  for (auto& [tid, n] : t.track_names) tids.insert(tid);
  std::vector<int> lanes(tids.begin(), tids.end());
  std::stable_sort(lanes.begin(), lanes.end(), [&](int a, int b) {
    auto oa = t.track_order.count(a) ? t.track_order.at(a) : 1000000 + a;
    auto ob = t.track_order.count(b) ? t.track_order.at(b) : 1000000 + b;
    return oa < ob;
  });

  // Overlapping slices of one track (chain CUs, async commands) go to
  // sub-rows: the first row whose last slice ended before this one starts.
  std::map<int, std::vector<std::pair<const slice*, int>>> placed;
  std::map<int, int> rows;
  {
    std::vector<const slice*> sorted;
    for (auto& s : t.slices) sorted.push_back(&s);
    std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->t0 < b->t0; });
    std::map<int, std::vector<double>> row_end;
    for (auto* s : sorted) {
      auto& ends = row_end[s->tid];
      size_t r = 0;
      while (r < ends.size() && ends[r] > s->t0)
        ++r;
      if (r == ends.size())
        ends.push_back(0);
      ends[r] = s->t1;
      placed[s->tid].push_back({s, static_cast<int>(r)});
    }
    for (auto& [tid, ends] : row_end)
      rows[tid] = static_cast<int>(ends.size());
  }
  std::map<int, int> lane_y;
  int y = top;
  for (int tid : lanes) {
    lane_y[tid] = y;
    y += std::max(1, rows[tid]) * row_h + lane_gap;
  }
  std::map<std::string, int> counter_y;
  for (auto& [name, samples] : t.counters) {
    counter_y[name] = y;
    y += 2 * row_h + lane_gap;
  }
  int height = y + 10;

  os << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
     << "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  os << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  std::string title = "xrtemu trace";
  if (t.other.is_object() && t.other.contains("platform"))
    title += " - " + t.other["platform"].get<std::string>();
  os << "<text x=\"8\" y=\"16\" font-size=\"13\" font-weight=\"bold\">" << xml(title) << "</text>\n";
  // Time axis.
  double step = nice_step(span, 10);
  for (double v = 0; v <= span + step / 2; v += step) {
    double px = x(t.t_min + v);
    os << "<line x1=\"" << px << "\" y1=\"" << top - 6 << "\" x2=\"" << px << "\" y2=\"" << height - 10
       << "\" stroke=\"#e0e0e0\"/>\n";
    os << "<text x=\"" << px << "\" y=\"" << top - 10 << "\" text-anchor=\"middle\" fill=\"#555\">"
       << xml(duration(v)) << "</text>\n";
  }
  for (int tid : lanes) {
    auto name = t.track_names.count(tid) ? t.track_names.at(tid) : "track " + std::to_string(tid);
    int ly = lane_y[tid];
    int lh = std::max(1, rows[tid]) * row_h;
    os << "<rect x=\"0\" y=\"" << ly << "\" width=\"" << width << "\" height=\"" << lh << "\" fill=\"#f7f7f7\"/>\n";
    os << "<text x=\"8\" y=\"" << ly + 13 << "\">" << xml(name) << "</text>\n";
    for (auto& [s, r] : placed[tid]) {
      double x0 = x(s->t0), w = std::max(0.5, x(s->t1) - x0);
      os << "<rect x=\"" << x0 << "\" y=\"" << ly + r * row_h + 2 << "\" width=\"" << w << "\" height=\""
         << row_h - 4 << "\" fill=\"" << color_for(*s) << "\"><title>" << xml(s->name) << " (" << xml(s->cat)
         << "): " << xml(duration(s->t1 - s->t0)) << " at " << xml(duration(s->t0 - t.t_min))
         << (s->args.empty() ? "" : "\n" + xml(s->args.dump())) << "</title></rect>\n";
    }
  }
  for (auto& i : t.instants) {
    double px = x(i.t);
    int ly = lane_y.count(i.tid) ? lane_y[i.tid] : top;
    os << "<path d=\"M" << px - 4 << "," << ly << " L" << px + 4 << "," << ly << " L" << px << "," << ly + 8
       << " Z\" fill=\"#e15759\"><title>" << xml(i.name) << " at " << xml(duration(i.t - t.t_min))
       << "</title></path>\n";
  }
  for (auto& [name, samples] : t.counters) {
    int ly = counter_y[name];
    double vmax = 1;
    for (auto& [ts, v] : samples)
      vmax = std::max(vmax, v);
    os << "<rect x=\"0\" y=\"" << ly << "\" width=\"" << width << "\" height=\"" << 2 * row_h
       << "\" fill=\"#f7f7f7\"/>\n";
    os << "<text x=\"8\" y=\"" << ly + 13 << "\">" << xml(name) << "</text>\n";
    os << "<polyline fill=\"none\" stroke=\"#e15759\" points=\"" << label_w << "," << ly + 2 * row_h;
    double last = 0;
    for (auto& [ts, v] : samples) {
      // A step line: counters hold their value until the next sample.
      os << " " << x(ts) << "," << ly + 2 * row_h - last / vmax * (2 * row_h - 4);
      os << " " << x(ts) << "," << ly + 2 * row_h - v / vmax * (2 * row_h - 4);
      last = v;
    }
    os << "\"><title>" << xml(name) << ": up to " << vmax << "</title></polyline>\n";
  }
  os << "</svg>\n";
}

} // namespace

int trace_command(const std::vector<std::string>& args)
{
  std::string usage = "usage: xrtemu trace summary <trace.json> [--format text|json]\n"
                      "       xrtemu trace plot <trace.json> -o timeline.svg [--width PX]\n"
                      "Reads the profile written at exit with XRTEMU_PROFILE=<trace.json> or xrt.ini\n"
                      "[Debug] profile=true (see docs/inspect.md).\n";
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << usage;
    return args.empty() ? 2 : 0;
  }
  auto what = args[0];
  if (what != "summary" && what != "plot")
    throw std::runtime_error("unknown trace command '" + what + "'\n" + usage);
  po::options_description opts("xrtemu trace options");
  std::string input, output, format = "text";
  int width = 1400;
  opts.add_options()
    ("help,h", "show this help")
    ("input", po::value(&input), "the trace file")
    ("output,o", po::value(&output), "plot: the SVG file to write")
    ("width", po::value(&width), "plot: picture width in pixels (default 1400)")
    ("format,f", po::value(&format), "summary: text (default) or json");
  po::positional_options_description pos;
  pos.add("input", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(std::vector<std::string>(args.begin() + 1, args.end()))
              .options(opts).positional(pos).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << usage << opts;
    return 0;
  }
  if (input.empty())
    throw std::runtime_error("no trace file given\n" + usage);
  auto t = load(input);
  if (what == "summary") {
    if (format != "text" && format != "json")
      throw std::runtime_error("unknown format '" + format + "' (text or json)");
    auto s = summarize(t);
    if (format == "json")
      std::cout << s.dump(2) << "\n";
    else
      print_summary(std::cout, input, s);
    return 0;
  }
  if (output.empty())
    throw std::runtime_error("plot needs an output file: -o timeline.svg");
  if (width < 400 || width > 100000)
    throw std::runtime_error("--width must be between 400 and 100000 pixels");
  std::ofstream out(output);
  if (!out)
    throw std::runtime_error("cannot write " + output);
  plot(t, out, width);
  out.close();
  if (!out)
    throw std::runtime_error("writing " + output + " failed");
  std::cout << "timeline of " << t.slices.size() << " slices on " << t.track_names.size() << " tracks written to "
            << output << "\n";
  return 0;
}

} // namespace xrtemu::cli
