// `xrtemu top [-p PID] [--interval MS] [--iterations N]`: a refreshing view
// of one program's emulated devices: CU activity (runs per second), bank
// traffic, stream links and commands waiting.  Reads the status mirror the
// program publishes; with --iterations it stops after N refreshes.
#include "commands.h"
#include "inspect_view.h"

#include "xrtemu/kernel_model.h"
#include "xrtemu/status/segment.h"

#include <boost/format.hpp>
#include <boost/program_options.hpp>

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <sstream>
#include <thread>

namespace po = boost::program_options;

namespace xrtemu::cli {

namespace {

// The one program using xrtemu, when -p is not given.
int only_live_process()
{
  std::vector<int> live;
  for (int p : status::list()) {
    if (p == ::getpid())
      continue;
    try {
      status::read(p);
      live.push_back(p);
    }
    catch (const status::read_error&) {
    }
  }
  if (live.empty())
    throw std::runtime_error("no program is using xrtemu now (start one with 'xrtemu run -- ./host ...')");
  if (live.size() > 1) {
    std::string list;
    for (int p : live)
      list += " " + std::to_string(p);
    throw std::runtime_error("several programs use xrtemu (pids" + list + "); choose one with -p PID");
  }
  return live.front();
}

std::string rate(double per_s)
{
  return boost::str(boost::format(per_s >= 100 ? "%.0f" : "%.1f") % per_s);
}

std::string bytes_rate(double per_s) { return human_bytes(static_cast<uint64_t>(per_s)) + "/s"; }

void frame(std::ostream& os, const status::segment& prev, const status::segment& now, double seconds,
           int only_card)
{
  auto& h = now.head;
  os << "xrtemu top - process " << h.pid << " (" << status::text(h.program) << "), over the last "
     << boost::str(boost::format("%.0f") % (seconds * 1000)) << " ms\n";
  for (unsigned c = 0; c < h.num_cards; ++c) {
    if (only_card >= 0 && static_cast<unsigned>(only_card) != c)
      continue;
    auto& a = prev.cards[c];
    auto& b = now.cards[c];
    // A new xclbin resets the counters: rates from zero then.
    bool same = a.xclbin_loads == b.xclbin_loads && a.num_cus == b.num_cus;
    auto delta = [&](uint64_t before, uint64_t after) { return same && after >= before ? double(after - before) : double(after); };
    os << "\nDevice " << c << " [" << emulated_bdf(c) << "] " << status::text(b.platform);
    if (!b.xclbin_loaded)
      os << "  (no xclbin loaded)";
    os << "\n";
    uint64_t outstanding = b.submitted - b.completed;
    os << "  commands: " << rate(delta(a.completed, b.completed) / seconds) << " done/s, " << b.queued
       << " queued, " << (outstanding >= b.queued ? outstanding - b.queued : 0) << " running, " << b.completed
       << " done in all\n";
    if (b.num_cus) {
      os << "  " << boost::format("%-20s %-12s %-14s %-13s %10s %10s\n") % "CU" % "kernel" % "protocol" % "state" %
              "runs/s" % "runs";
      for (unsigned i = 0; i < b.num_cus; ++i) {
        auto& u = b.cus[i];
        uint64_t before = i < a.num_cus ? a.cus[i].runs : 0;
        const char* proto = u.protocol == XRTEMU_CTRL_CHAIN ? "ap_ctrl_chain"
                          : u.protocol == XRTEMU_CTRL_NONE  ? "ap_ctrl_none" : "ap_ctrl_hs";
        const char* state = u.protocol == XRTEMU_CTRL_NONE ? "free-running" : u.busy ? "running" : "idle";
        os << "  " << boost::format("%-20s %-12s %-14s %-13s %10s %10d\n") % status::text(u.name) %
                status::text(u.kernel) % proto % state % rate(delta(before, u.runs) / seconds) % u.runs;
      }
    }
    // Banks with something in them or moving; a 40-bank card lists only those.
    bool header = false;
    for (unsigned i = 0; i < b.num_banks; ++i) {
      auto& x = b.banks[i];
      auto& y = a.banks[i];
      if (!x.in_xclbin && !x.allocated && !x.to_device && !x.from_device)
        continue;
      if (!header) {
        os << "  " << boost::format("%-12s %12s %6s %14s %14s\n") % "bank" % "allocated" % "BOs" % "host->card" %
                "card->host";
        header = true;
      }
      os << "  " << boost::format("%-12s %12s %6d %14s %14s\n") % status::text(x.tag) % human_bytes(x.allocated) %
              x.bo_count % bytes_rate((x.to_device - std::min(x.to_device, y.to_device)) / seconds) %
              bytes_rate((x.from_device - std::min(x.from_device, y.from_device)) / seconds);
    }
    for (unsigned i = 0; i < b.num_links; ++i) {
      auto& l = b.links[i];
      uint64_t before_beats = i < a.num_links ? a.links[i].beats : 0;
      uint64_t before_stalls = i < a.num_links ? a.links[i].read_stalls + a.links[i].write_stalls : 0;
      os << "  link " << status::text(l.name) << ": " << rate(delta(before_beats, l.beats) / seconds)
         << " beats/s, " << rate(delta(before_stalls, l.read_stalls + l.write_stalls) / seconds) << " stalls/s, "
         << l.fill << "/" << l.depth << " full\n";
    }
  }
}

} // namespace

int top_command(const std::vector<std::string>& args)
{
  po::options_description opts("xrtemu top options");
  int pid = 0, interval = 1000, iterations = 0;
  std::string device;
  opts.add_options()
    ("help,h", "show this help")
    ("pid,p", po::value(&pid), "the program to watch (default: the only one using xrtemu)")
    ("device,d", po::value(&device), "one device: index, BDF or PID:CARD")
    ("interval,i", po::value(&interval), "refresh period in milliseconds (default 1000)")
    ("iterations,n", po::value(&iterations), "stop after this many refreshes (default: until interrupted)");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(opts).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << "usage: xrtemu top [-p PID] [-d DEVICE] [--interval MS] [--iterations N]\n" << opts;
    return 0;
  }
  if (vm.count("pid") && pid <= 0)
    throw std::runtime_error("-p needs a process id (a positive number), not " + std::to_string(pid));
  if (interval <= 0)
    throw std::runtime_error("--interval must be a positive number of milliseconds");
  if (iterations < 0)
    throw std::runtime_error("--iterations must not be negative");
  int card = -1;
  if (!device.empty()) {
    auto c = parse_device(device);
    if (c.pid) {
      if (pid && pid != c.pid)
        throw std::runtime_error("-p and -d name different processes");
      pid = c.pid;
    }
    card = c.index;
  }
  if (!pid)
    pid = only_live_process();

  auto read = [&] {
    try {
      return status::read(pid);
    }
    catch (const status::read_error& e) {
      std::string hint = e.reason == status::read_error::stale ? " (remove it with 'xrtemu examine --cleanup')" : "";
      throw std::runtime_error(std::string(e.what()) + hint);
    }
  };
  auto prev = read();
  if (card != -1) {
    std::vector<std::string> names;
    for (unsigned c = 0; c < prev->head.num_cards; ++c)
      names.push_back(status::text(prev->cards[c].platform));
    device_choice c;
    c.index = card;
    card = static_cast<int>(pick_device(c, names));
  }
  bool tty = ::isatty(STDOUT_FILENO);
  auto t0 = std::chrono::steady_clock::now();
  for (int n = 0; iterations == 0 || n < iterations; ++n) {
    std::this_thread::sleep_for(std::chrono::milliseconds(interval));
    std::unique_ptr<status::segment> now;
    try {
      now = status::read(pid);
    }
    catch (const status::read_error& e) {
      if (e.reason == status::read_error::missing) {
        std::cout << "process " << pid << " has finished\n";
        return 0;
      }
      throw std::runtime_error(e.what());
    }
    auto t1 = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(t1 - t0).count();
    std::ostringstream os;
    frame(os, *prev, *now, seconds, card);
    // Redraw in place on a terminal; one frame after another otherwise.
    std::cout << (tty ? "\033[H\033[2J" : (n ? "\n" : "")) << os.str() << std::flush;
    prev = std::move(now);
    t0 = t1;
  }
  return 0;
}

} // namespace xrtemu::cli
