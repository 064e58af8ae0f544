#include "profile_trace.h"

#include "card_state.h"

#include <ert.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>

namespace xrtemu::shim {

namespace {

double us(uint64_t ns) { return static_cast<double>(ns) / 1000.0; }

// Timed mode: a transfer's or copy's slice is its card time; the host's own
// duration of the call stays in args.
void in_card_time(nlohmann::json& slice, nlohmann::json& args, const host_event& h)
{
  if (h.card_t1_ns <= h.card_t0_ns)
    return;
  slice["ts"] = us(h.card_t0_ns);
  slice["dur"] = us(h.card_t1_ns - h.card_t0_ns);
  args["card_ns"] = h.card_t1_ns - h.card_t0_ns;
  args["host_ns"] = h.t1_ns >= h.t0_ns ? h.t1_ns - h.t0_ns : 0;
}

// Track numbers.  Viewers sort by thread_sort_index: host calls, commands, CUs.
constexpr int host_tid = 100000;
constexpr int commands_tid = 0;
int cu_tid(int cu) { return cu + 1; }

const char* state_name(uint32_t s)
{
  switch (static_cast<emu::cmd_state>(s)) {
  case emu::cmd_state::completed: return "COMPLETED";
  case emu::cmd_state::error: return "ERROR";
  case emu::cmd_state::abort: return "ABORT";
  case emu::cmd_state::timeout: return "TIMEOUT";
  default: return "?";
  }
}

std::string opcode_name(uint64_t op)
{
  switch (op) {
  case ERT_START_CU: return "START_CU";
  case ERT_EXEC_WRITE: return "EXEC_WRITE";
  case ERT_CONFIGURE: return "CONFIGURE";
  case ERT_ABORT: return "ABORT";
  default: return "opcode " + std::to_string(op);
  }
}

} // namespace

nlohmann::json trace_json(const trace_input& in, const emu::card_options& opts, const std::string& platform)
{
  using nlohmann::json;
  json meta = json::array();
  json out = json::array();
  auto track = [&](int tid, const std::string& name, int order) {
    meta.push_back({{"ph", "M"}, {"name", "thread_name"}, {"pid", 1}, {"tid", tid}, {"args", {{"name", name}}}});
    meta.push_back({{"ph", "M"}, {"name", "thread_sort_index"}, {"pid", 1}, {"tid", tid}, {"args", {{"sort_index", order}}}});
  };
  meta.push_back({{"ph", "M"}, {"name", "process_name"}, {"pid", 1}, {"args", {{"name", "xrtemu " + platform}}}});
  track(host_tid, "host (driver calls)", -2);
  track(commands_tid, "commands", -1);
  auto& cus = in.cus;
  for (size_t i = 0; i < cus.size(); ++i)
    track(cu_tid(static_cast<int>(i)), "CU " + cus[i].name, static_cast<int>(i));
  auto cu_name = [&](int cu) { return cu >= 0 && static_cast<size_t>(cu) < cus.size() ? cus[cu].name : std::string("CU"); };
  auto bank_tag = [&](int b) {
    return b >= 0 && static_cast<size_t>(b) < in.bank_tags.size() ? in.bank_tags[b] : std::string("host memory");
  };

  // A CU's runs end in start order (chain CUs overlap two), so pair FIFO.
  std::map<int, std::deque<uint64_t>> started;
  std::map<uint64_t, uint64_t> queued_at;
  std::map<uint64_t, int> cmd_cu;
  for (auto& e : in.events) {
    int tid = cu_tid(e.cu);
    switch (e.what) {
    case emu::profile_event::cmd_queued:
      queued_at[e.cmd] = e.host_ns;
      break;
    case emu::profile_event::cmd_started:
      cmd_cu[e.cmd] = e.cu;
      break;
    case emu::profile_event::cu_start:
      started[e.cu].push_back(e.host_ns);
      break;
    case emu::profile_event::cu_done: {
      auto& q = started[e.cu];
      if (q.empty())
        break;
      uint64_t t0 = q.front();
      q.pop_front();
      json args = {{"cu", cu_name(e.cu)}};
      if (e.cu >= 0 && static_cast<size_t>(e.cu) < cus.size())
        args["kernel"] = cus[e.cu].kernel;
      // Async slices: two runs of one chain CU may overlap on its track.
      json a = {{"cat", "cu_run"}, {"name", cu_name(e.cu)}, {"pid", 1}, {"tid", tid}, {"id", e.seq}, {"args", args}};
      double t1 = us(e.host_ns);
      if (opts.timed && e.cycles && e.clock_mhz > 0) {
        // Timed mode, an RTL run: the slice is its card time, cycles /
        // ap_clk; an HLS run: its estimate's card time (docs/timing.md);
        // the host's own time of the run stays in args.
        double card_ns = e.card_ns > 0 ? e.card_ns : static_cast<double>(e.cycles) * 1000.0 / e.clock_mhz;
        if (e.estimate)
          a["args"]["estimate"] = true;
        t1 = us(t0) + card_ns / 1000.0;
        a["args"]["cycles"] = e.cycles;
        a["args"]["clock_mhz"] = e.clock_mhz;
        a["args"]["card_ns"] = card_ns;
        a["args"]["host_ns"] = e.host_ns >= t0 ? e.host_ns - t0 : 0;
      }
      a["ph"] = "b";
      a["ts"] = us(t0);
      out.push_back(a);
      a["ph"] = "e";
      a["ts"] = t1;
      a.erase("args");
      out.push_back(a);
      break;
    }
    case emu::profile_event::cmd_done: {
      uint64_t t0 = queued_at.count(e.cmd) ? queued_at[e.cmd] : e.host_ns;
      json args = {{"state", state_name(e.state)}, {"completion", e.via}};
      if (cmd_cu.count(e.cmd) && cmd_cu[e.cmd] >= 0 && static_cast<size_t>(cmd_cu[e.cmd]) < cus.size())
        args["cu"] = cus[cmd_cu[e.cmd]].name;
      json a = {{"cat", "command"}, {"name", "command " + std::to_string(e.cmd)}, {"pid", 1}, {"tid", commands_tid},
                {"id", e.cmd}, {"args", args}};
      a["ph"] = "b";
      a["ts"] = us(t0);
      out.push_back(a);
      a["ph"] = "e";
      a["ts"] = us(e.host_ns);
      out.push_back(a);
      break;
    }
    case emu::profile_event::cu_reset:
      out.push_back({{"ph", "i"}, {"s", "t"}, {"name", "CU reset"}, {"pid", 1}, {"tid", tid}, {"ts", us(e.host_ns)}});
      break;
    case emu::profile_event::deadlock:
      out.push_back({{"ph", "i"}, {"s", "p"}, {"name", "stream deadlock"}, {"pid", 1}, {"tid", commands_tid},
                     {"ts", us(e.host_ns)}});
      break;
    }
  }

  // Driver calls: complete events on the host track.  DMA ones carry what
  // `xrtemu trace summary` adds up per bank.
  for (auto& h : in.host) {
    json a = {{"ph", "X"}, {"pid", 1}, {"tid", host_tid}, {"ts", us(h.t0_ns)},
              {"dur", us(h.t1_ns >= h.t0_ns ? h.t1_ns - h.t0_ns : 0)}};
    json args = json::object();
    switch (h.what) {
    case host_event::alloc:
    case host_event::release:
      a["cat"] = "bo";
      a["name"] = h.what == host_event::alloc ? "alloc_bo" : "free_bo";
      args = {{"bytes", h.bytes}, {"bank", bank_tag(h.bank)}, {"handle", h.handle}};
      break;
    case host_event::sync_to_device:
    case host_event::sync_from_device:
    case host_event::read:
    case host_event::write: {
      bool to_card = h.what == host_event::sync_to_device || h.what == host_event::write;
      a["cat"] = "dma";
      a["name"] = h.what == host_event::read ? "read" : h.what == host_event::write ? "write" : "sync_bo";
      args = {{"bytes", h.bytes}, {"bank", bank_tag(h.bank)}, {"direction", to_card ? "host_to_card" : "card_to_host"}};
      if (h.what == host_event::sync_to_device || h.what == host_event::sync_from_device)
        args["handle"] = h.handle;
      in_card_time(a, args, h);
      break;
    }
    case host_event::copy:
      a["cat"] = "bo";
      a["name"] = "copy_bo";
      args = {{"bytes", h.bytes}, {"bank", bank_tag(h.bank)}};
      in_card_time(a, args, h);
      break;
    case host_event::exec:
      a["cat"] = "exec";
      a["name"] = "exec_buf";
      args = {{"opcode", opcode_name(h.handle)}};
      break;
    }
    a["args"] = args;
    out.push_back(a);
  }
  for (auto& s : in.stalls)
    out.push_back({{"ph", "C"}, {"pid", 1}, {"name", "stream stalls " + cu_name(static_cast<int>(s.cu))},
                   {"ts", us(s.t_ns)}, {"args", {{"stalls", s.stalls}}}});

  // Time order (stable: a zero-length slice keeps its begin before its end).
  std::stable_sort(out.begin(), out.end(),
                   [](const json& a, const json& b) { return a["ts"].get<double>() < b["ts"].get<double>(); });
  for (auto& e : out)
    meta.push_back(std::move(e));
  return {{"traceEvents", meta},
          {"displayTimeUnit", "ns"},
          {"otherData",
           {{"generator", "xrtemu"},
            {"platform", platform},
            {"completion", opts.polling ? "polling" : "interrupt"},
            {"cu_timeout_ms", opts.cu_timeout_ms},
            {"timed", opts.timed},
            // Timed mode: how far the host's clock followed card time
            // (docs/timing.md).
            {"timed_dma",
             {{"transfers", in.dma.transfers},
              {"paced_us", us(in.dma.paced_ns)},
              {"late_transfers", in.dma.late},
              {"late_us", us(in.dma.lag_ns)}}}}}};
}

void write_traces(const std::string& path, const emu::card_options& opts,
                  const std::vector<std::unique_ptr<card_state>>& cards)
{
  for (unsigned i = 0; i < cards.size(); ++i) {
    auto& cs = *cards[i];
    auto& c = cs.card();
    trace_input in;
    in.events = c.events();
    if (cs.profile()) {
      in.host = cs.profile()->events();
      in.stalls = cs.profile()->stalls();
    }
    if (in.events.empty() && in.host.empty())
      continue;
    for (auto& b : c.platform().banks)
      in.bank_tags.push_back(b.tag);
    in.dma = c.dma();
    std::filesystem::path p(path);
    if (i)
      p.replace_filename(p.stem().string() + "_card" + std::to_string(i) + p.extension().string());
    try {
      in.cus = c.status();
    }
    catch (...) {
      // The simulation already stopped: names are not essential.
    }
    std::ofstream f(p);
    if (!f) {
      std::fprintf(stderr, "[xrtemu] cannot write profile %s\n", p.c_str());
      continue;
    }
    f << trace_json(in, opts, c.platform().name).dump(1) << "\n";
    std::fprintf(stderr, "[xrtemu] profile written to %s\n", p.c_str());
  }
}

} // namespace xrtemu::shim
