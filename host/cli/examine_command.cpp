// `xrtemu examine`: what the emulated cards are and what they are doing.
//   xrtemu examine                     configured devices + processes using xrtemu now
//   xrtemu examine -p PID              the live status of that process's devices
//   xrtemu examine -d 0|0000:ee:00.1|PID:CARD
//   xrtemu examine --format json       the same as JSON (docs/inspect.md)
//   xrtemu examine --cleanup           remove status left by processes that died
#include "commands.h"
#include "inspect_view.h"

#include "xrtemu/cards/device_list.h"
#include "xrtemu/status/segment.h"

#include <boost/program_options.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>

namespace po = boost::program_options;
using json = nlohmann::ordered_json;

namespace xrtemu::cli {

namespace {

// Platforms a program started now would get: the shim's rules
// (cards/include/xrtemu/cards/device_list.h), --config / --platform first.
cards::device_list configured_platforms(const std::string& platform, const std::string& config)
{
  return cards::configured_devices(platform_catalog(), platform, config);
}

} // namespace

device_choice parse_device(const std::string& spec)
{
  device_choice c;
  std::smatch m;
  if (std::regex_match(spec, m, std::regex("([0-9]+)"))) {
    c.index = std::stoi(m[1]);
  }
  else if (std::regex_match(spec, m, std::regex("([0-9]+):([0-9]+)"))) {
    c.pid = std::stoi(m[1]);
    c.index = std::stoi(m[2]);
  }
  else if (std::regex_match(spec, m, std::regex("(?:([0-9a-fA-F]{1,4}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\\.([0-7])"))) {
    unsigned domain = m[1].matched ? std::stoul(m[1], nullptr, 16) : 0;
    unsigned bus = std::stoul(m[2], nullptr, 16), dev = std::stoul(m[3], nullptr, 16), fn = std::stoul(m[4]);
    c.bdf = spec;
    // Emulated cards are 0000:ee:<index>.1 (the shim's pcie_bdf answer).
    c.index = domain == 0 && bus == 0xee && fn == 1 ? static_cast<int>(dev) : -2;
  }
  else {
    throw std::runtime_error("cannot read device '" + spec +
                             "': expected an index (0), a BDF (0000:ee:00.1) or PID:CARD (1234:0)");
  }
  return c;
}

// The device a choice names among `n`, or an error naming what exists.
unsigned pick_device(const device_choice& c, const std::vector<std::string>& available)
{
  if (c.index >= 0 && static_cast<size_t>(c.index) < available.size())
    return static_cast<unsigned>(c.index);
  std::string list;
  for (size_t i = 0; i < available.size(); ++i)
    list += "\n  " + std::to_string(i) + ": [" + emulated_bdf(static_cast<unsigned>(i)) + "] " + available[i];
  std::string what = !c.bdf.empty() ? "no emulated device has BDF " + c.bdf
                                    : "no device " + std::to_string(c.index);
  throw std::runtime_error(what + " (" + std::to_string(available.size()) + " device" +
                           (available.size() == 1 ? "" : "s") + ":" + list + ")");
}

int examine_command(const std::vector<std::string>& args)
{
  po::options_description opts("xrtemu examine options");
  std::string format = "text", device, platform, config;
  int pid = 0;
  opts.add_options()
    ("help,h", "show this help")
    ("pid,p", po::value(&pid), "a running program's process id: show its devices' live status")
    ("device,d", po::value(&device), "one device: index, BDF (0000:ee:00.1) or PID:CARD")
    ("format,f", po::value(&format), "text (default) or json")
    ("platform", po::value(&platform), "without a process: the platform to describe (name or JSON file)")
    ("config,c", po::value(&config), "without a process: a device list JSON (XRTEMU_CONFIG)")
    ("cleanup", "remove the status left behind by programs that were killed");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(opts).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << "usage: xrtemu examine [-p PID] [-d DEVICE] [--format text|json] [--cleanup]\n"
                 "Without -p: the configured emulated devices and the processes using xrtemu now.\n"
                 "With -p PID (or -d PID:CARD): the live state of that program's devices: memory use\n"
                 "per bank, the loaded xclbin, CUs and their runs, stream links, commands.\n"
              << opts;
    return 0;
  }
  if (vm.count("pid") && pid <= 0)
    throw std::runtime_error("-p needs a process id (a positive number), not " + std::to_string(pid));
  if (format != "text" && format != "json")
    throw std::runtime_error("unknown format '" + format + "' (text or json)");
  bool as_json = format == "json";

  if (vm.count("cleanup")) {
    json removed = json::array(), kept = json::array();
    for (int p : status::list()) {
      std::string why;
      try {
        status::read(p);
        continue;   // live and readable
      }
      catch (const status::read_error& e) {
        if (e.reason != status::read_error::stale)
          continue;   // damaged segments of live processes are left alone
      }
      if (status::remove(p, why))
        removed.push_back(p);
      else
        kept.push_back({{"pid", p}, {"reason", why}});
    }
    if (as_json)
      std::cout << json{{"removed", removed}, {"kept", kept}}.dump(2) << "\n";
    else {
      for (auto& p : removed)
        std::cout << "removed the stale status of process " << p << "\n";
      for (auto& k : kept)
        std::cout << "kept " << k["pid"] << ": " << k["reason"].get<std::string>() << "\n";
      if (removed.empty() && kept.empty())
        std::cout << "no stale status to remove\n";
    }
    return kept.empty() ? 0 : 1;
  }

  std::optional<device_choice> choice;
  if (!device.empty()) {
    choice = parse_device(device);
    if (choice->pid) {
      if (pid && pid != choice->pid)
        throw std::runtime_error("-p " + std::to_string(pid) + " and -d " + device + " name different processes");
      pid = choice->pid;
    }
  }

  json out = {{"schema_version", inspect_schema_version}};
  if (pid) {
    std::unique_ptr<status::segment> s;
    try {
      s = status::read(pid);
    }
    catch (const status::read_error& e) {
      std::string hint = e.reason == status::read_error::stale ? " (remove it with 'xrtemu examine --cleanup')" : "";
      throw std::runtime_error(std::string(e.what()) + hint);
    }
    std::vector<std::string> names;
    for (unsigned c = 0; c < s->head.num_cards; ++c)
      names.push_back(status::text(s->cards[c].platform));
    out["source"] = "live";
    out["process"] = process_json(*s);
    out["devices"] = json::array();
    if (choice)
      out["devices"].push_back(live_device_json(*s, pick_device(*choice, names)));
    else
      for (unsigned c = 0; c < s->head.num_cards; ++c)
        out["devices"].push_back(live_device_json(*s, c));
    if (as_json) {
      std::cout << out.dump(2) << "\n";
      return 0;
    }
    auto& p = out["process"];
    std::cout << "Process " << p["pid"] << " (" << p["program"].get<std::string>() << "), status "
              << p["status_age_ms"] << " ms old\n";
    if (p["truncated"].get<bool>())
      std::cout << "(some CUs, banks or links did not fit in the status segment and are not shown)\n";
    for (auto& d : out["devices"]) {
      std::cout << "\n";
      print_device(std::cout, d);
    }
    return 0;
  }

  auto configured = configured_platforms(platform, config);
  auto& platforms = configured.cards;
  std::vector<std::string> names;
  for (auto& p : platforms)
    names.push_back(p.name);
  out["source"] = "configuration";
  out["devices"] = json::array();
  if (choice)
    out["devices"].push_back(configured_device_json(platforms[pick_device(*choice, names)], choice->index));
  else
    for (unsigned i = 0; i < platforms.size(); ++i)
      out["devices"].push_back(configured_device_json(platforms[i], i));
  out["processes"] = process_list_json(static_cast<int>(::getpid()));
  if (as_json) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << "Emulated devices a program started now would get (from " << configured.source << "):\n";
  for (auto& d : out["devices"]) {
    std::cout << "\n";
    print_device(std::cout, d);
  }
  std::cout << "\nPrograms using xrtemu now ('xrtemu examine -p PID' for one's live status):\n";
  print_process_list(std::cout, out["processes"]);
  return 0;
}

} // namespace xrtemu::cli
