#include "profile_trace.h"

#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>

namespace xrtemu::shim {

namespace {

double us(uint64_t ns) { return static_cast<double>(ns) / 1000.0; }

// An async slice: a begin and an end event sharing base's name, track and id.
void slice(nlohmann::json& out, nlohmann::json base, uint64_t t0, uint64_t t1)
{
  base["ph"] = "b";
  base["ts"] = us(t0);
  out.push_back(base);
  base["ph"] = "e";
  base["ts"] = us(t1);
  out.push_back(std::move(base));
}

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

} // namespace

nlohmann::json trace_json(const std::vector<emu::profile_event>& events, const std::vector<emu::cu_status>& cus,
                          const emu::card_options& opts, const std::string& platform)
{
  using nlohmann::json;
  json out = json::array();
  auto meta = [&](int tid, const std::string& name) {
    out.push_back({{"ph", "M"}, {"name", "thread_name"}, {"pid", 1}, {"tid", tid}, {"args", {{"name", name}}}});
  };
  out.push_back({{"ph", "M"}, {"name", "process_name"}, {"pid", 1}, {"args", {{"name", "xrtemu " + platform}}}});
  meta(0, "commands");
  for (size_t i = 0; i < cus.size(); ++i)
    meta(static_cast<int>(i) + 1, "CU " + cus[i].name);

  // A CU's runs end in start order (chain CUs overlap two), so pair FIFO.
  std::map<int, std::deque<uint64_t>> started;
  std::map<uint64_t, uint64_t> queued_at;
  std::map<uint64_t, int> cmd_cu;
  for (auto& e : events) {
    int tid = e.cu + 1;
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
      auto name = e.cu >= 0 && static_cast<size_t>(e.cu) < cus.size() ? cus[e.cu].name : "CU";
      // Async slices: two runs of one chain CU may overlap on its track.
      slice(out, {{"cat", "cu_run"}, {"name", name}, {"pid", 1}, {"tid", tid}, {"id", e.seq}}, t0, e.host_ns);
      break;
    }
    case emu::profile_event::cmd_done: {
      uint64_t t0 = queued_at.count(e.cmd) ? queued_at[e.cmd] : e.host_ns;
      json args = {{"state", state_name(e.state)}, {"completion", e.via}};
      if (cmd_cu.count(e.cmd) && cmd_cu[e.cmd] >= 0 && static_cast<size_t>(cmd_cu[e.cmd]) < cus.size())
        args["cu"] = cus[cmd_cu[e.cmd]].name;
      slice(out, {{"cat", "command"}, {"name", "command " + std::to_string(e.cmd)}, {"pid", 1}, {"tid", 0},
                  {"id", e.cmd}, {"args", args}}, t0, e.host_ns);
      break;
    }
    case emu::profile_event::cu_reset:
      out.push_back({{"ph", "i"}, {"s", "t"}, {"name", "CU reset"}, {"pid", 1}, {"tid", tid}, {"ts", us(e.host_ns)}});
      break;
    case emu::profile_event::deadlock:
      out.push_back({{"ph", "i"}, {"s", "p"}, {"name", "stream deadlock"}, {"pid", 1}, {"tid", 0},
                     {"ts", us(e.host_ns)}});
      break;
    }
  }
  return {{"traceEvents", out},
          {"displayTimeUnit", "ns"},
          {"otherData",
           {{"generator", "xrtemu"},
            {"platform", platform},
            {"completion", opts.polling ? "polling" : "interrupt"},
            {"cu_timeout_ms", opts.cu_timeout_ms}}}};
}

void write_traces(const std::string& path, const emu::card_options& opts)
{
  auto* sim = emu::simulation::running();
  if (!sim)
    return;
  for (unsigned i = 0; i < sim->num_cards(); ++i) {
    auto& c = sim->get(i);
    auto events = c.events();
    if (events.empty())
      continue;
    std::filesystem::path p(path);
    if (i)
      p.replace_filename(p.stem().string() + "_card" + std::to_string(i) + p.extension().string());
    std::vector<emu::cu_status> cus;
    try {
      cus = c.status();
    }
    catch (...) {
      // The simulation already stopped: names are not essential.
    }
    std::ofstream f(p);
    if (!f) {
      std::fprintf(stderr, "[xrtemu] cannot write profile %s\n", p.c_str());
      continue;
    }
    f << trace_json(events, cus, opts, c.platform().name).dump(1) << "\n";
    std::fprintf(stderr, "[xrtemu] profile written to %s\n", p.c_str());
  }
}

} // namespace xrtemu::shim
