// `platforminfo` (also `xrtemu platforminfo`): what Vitis's tool of that
// name prints about a platform, for the Makefiles that ask it (they grep
// "FPGA Family" and "CPU Type" to pick the host architecture):
//   platforminfo -p <platform>             a text report
//   platforminfo -j[<path>] -p <platform>  JSON, or the value at a dotted path
//   platforminfo -l                        the platforms xrtemu knows
#include "commands.h"

#include <boost/program_options.hpp>

#include <nlohmann/json.hpp>

#include <iomanip>
#include <sstream>
#include <iostream>

namespace po = boost::program_options;
using json = nlohmann::ordered_json;

namespace xrtemu::cli {

namespace {

json describe(const cards::platform_desc& p)
{
  json j;
  auto& hw = j["hardwarePlatform"];
  hw["name"] = p.vbnv;
  hw["description"] = "xrtemu emulated card (" + p.name + ")";
  hw["board"]["part"] = p.part;
  hw["devices"] = json::array({{{"part", {{"architecture", p.family}, {"name", p.part}}}}});
  hw["systemClocks"] = json::array();
  for (auto& [n, mhz] : p.clocks_mhz)
    hw["systemClocks"].push_back({{"name", n}, {"frequencyMHz", mhz}});
  hw["memories"] = json::array();
  for (auto& b : p.banks)
    hw["memories"].push_back({{"tag", b.tag}, {"type", cards::to_string(b.kind)}, {"size", b.size}});
  j["softwarePlatform"]["cpuType"] = p.shell == "edge" ? "cortex-a53" : "x86";
  return j;
}

void print_text(const cards::platform_desc& p)
{
  auto row = [](const std::string& k, const std::string& v) {
    std::cout << std::left << std::setw(34) << (k + ":") << v << "\n";
  };
  std::cout << "==========================\nBasic Platform Information\n==========================\n";
  row("Platform", p.vbnv);
  row("File", p.file);
  row("Description", "xrtemu emulated card (" + p.name + ")");
  std::cout << "\n=====================================\nHardware Platform (Shell) Information\n"
               "=====================================\n";
  row("Vendor", "xilinx");
  row("Name", p.vbnv);
  row("Hardware", "1");
  row("Software Emulation", "1");
  row("Hardware Emulation", "1");
  row("FPGA Family", p.family);
  row("FPGA Device", p.part.substr(0, p.part.find('-')));
  row("Board Part", p.part);
  std::cout << "\n=================\nClock Information\n=================\n";
  unsigned i = 0;
  for (auto& [n, mhz] : p.clocks_mhz)
    std::cout << "  Clock Index:         " << i++ << " (" << n << ")\n    Frequency:         " << std::fixed
              << std::setprecision(6) << mhz << "\n";
  std::cout << "\n==================\nMemory Information\n==================\n";
  for (auto& b : p.banks)
    std::cout << "  Bus SP Tag: " << b.tag << "  (" << cards::to_string(b.kind) << ", " << (b.size >> 20) << " MiB)\n";
  std::cout << "\n=============================\nSoftware Platform Information\n=============================\n";
  row("Processor CPU Type", p.shell == "edge" ? "cortex-a53" : "x86");
}

} // namespace

int platforminfo_command(const std::vector<std::string>& args)
{
  po::options_description opts("platforminfo options");
  std::string platform;
  std::vector<std::string> rest;
  opts.add_options()
    ("help,h", "show this help")
    ("platform,p", po::value(&platform), "platform: real shell name, .xpfm path or xrtemu name")
    ("json,j", po::value<std::string>()->implicit_value(""), "JSON output, or the value at a dotted path")
    ("list,l", "list the known platforms")
    (",d", po::value(&platform), "platform (as -p)")
    ("input-file", po::value(&rest), "platform");
  po::variables_map vm;
  if (!parse_tool_options(args, opts, "platforminfo", "usage: platforminfo -p <platform> [-j[<path>]] | -l\n", vm, true))
    return 0;
  if (vm.count("list")) {
    std::cout << "Platforms known to xrtemu:" << platform_catalog().known_list() << "\n";
    return 0;
  }
  if (platform.empty() && !rest.empty())
    platform = rest.front();
  if (platform.empty())
    throw std::runtime_error("no platform given (platforminfo -p <platform>)");
  auto p = find_platform(platform);
  if (!vm.count("json")) {
    print_text(p);
    return 0;
  }
  auto j = describe(p);
  auto path = vm["json"].as<std::string>();
  if (path.empty()) {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  // "hardwarePlatform.devices[0].part.architecture"
  json* at = &j;
  std::string part;
  std::stringstream ss(path);
  while (std::getline(ss, part, '.')) {
    std::string key = part;
    int index = -1;
    if (auto lb = part.find('['); lb != std::string::npos) {
      key = part.substr(0, lb);
      index = std::stoi(part.substr(lb + 1));
    }
    if (!at->is_object() || !at->contains(key))
      throw std::runtime_error("platform " + p.vbnv + " has no '" + path + "'");
    at = &(*at)[key];
    if (index >= 0) {
      if (!at->is_array() || index >= static_cast<int>(at->size()))
        throw std::runtime_error("platform " + p.vbnv + " has no '" + path + "'");
      at = &(*at)[static_cast<size_t>(index)];
    }
  }
  std::cout << (at->is_string() ? at->get<std::string>() : at->dump()) << "\n";
  return 0;
}

} // namespace xrtemu::cli
