// `platforminfo` (also `xrtemu platforminfo`): what Vitis's tool of that
// name reports about a platform, for the Makefiles and Tcl scripts that ask
// it (UG1393 "platforminfo Utility" lists the options):
//   platforminfo -p <platform>                 a text report ("FPGA Family", "CPU Type" ...)
//   platforminfo -d <platform>                 the same (the hardware platform, .xsa/.xpfm or name)
//   platforminfo -j[<path>] -p <platform>      JSON, or the value at a dotted path
//                                              ("hardwarePlatform.devices[0].fpgaPart")
//   platforminfo -k -p <platform>              the JSON paths there are
//   platforminfo ... -o <file> [-f]            write to a file (-f: overwrite it)
//   platforminfo -l [-e]                       the platforms xrtemu knows (-e: with details)
// -s (software platform) and -v (verbose) are accepted.
#include "commands.h"

#include <boost/program_options.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace po = boost::program_options;
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace xrtemu::cli {

namespace {

// "xcu250-figd2104-2L-e" -> "xilinx:xcu250:figd2104:-2L:e", the spelling of
// the JSON's devices[].fpgaPart (vendor:device:package:speed:temperature).
std::string fpga_part(const std::string& part)
{
  std::vector<std::string> f;
  std::stringstream ss(part);
  std::string piece;
  while (std::getline(ss, piece, '-'))
    f.push_back(piece);
  if (f.size() != 4)
    return "xilinx:" + part;
  return "xilinx:" + f[0] + ":" + f[1] + ":-" + f[2] + ":" + f[3];
}

std::string cpu_type(const cards::platform_desc& p) { return p.shell == "edge" ? "cortex-a53" : "x86"; }

json describe(const cards::platform_desc& p)
{
  json j;
  auto& hw = j["hardwarePlatform"];
  hw["name"] = p.vbnv;
  hw["vendor"] = "xilinx";
  hw["description"] = "xrtemu emulated card (" + p.name + ")";
  hw["file"] = p.file;
  // "part" first and never last in its object: scripts read it off a line
  // of the pretty-printed JSON ending in a comma.
  hw["board"] = {{"part", p.part}, {"name", p.name}, {"vendor", "xilinx.com"}};
  hw["devices"] = json::array({{{"name", p.part.substr(0, p.part.find('-'))},
                                {"fpgaPart", fpga_part(p.part)},
                                {"part", {{"name", p.part}, {"architecture", p.family}}}}});
  hw["systemClocks"] = json::array();
  for (auto& [n, mhz] : p.clocks_mhz)
    hw["systemClocks"].push_back({{"name", n}, {"frequencyMHz", mhz}});
  hw["memories"] = json::array();
  for (auto& b : p.banks)
    hw["memories"].push_back({{"tag", b.tag}, {"type", cards::to_string(b.kind)}, {"size", b.size}});
  hw["emulation"] = {{"hardware", true}, {"software", true}};
  j["softwarePlatform"] = {{"cpuType", cpu_type(p)}, {"systemConfigurations", json::array()}};
  return j;
}

void print_text(const cards::platform_desc& p, std::ostream& out)
{
  auto row = [&](const std::string& k, const std::string& v) {
    out << std::left << std::setw(34) << (k + ":") << v << "\n";
  };
  out << "==========================\nBasic Platform Information\n==========================\n";
  row("Platform", p.vbnv);
  row("File", p.file);
  row("Description", "xrtemu emulated card (" + p.name + ")");
  out << "\n=====================================\nHardware Platform (Shell) Information\n"
         "=====================================\n";
  row("Vendor", "xilinx");
  row("Name", p.vbnv);
  row("Hardware", "1");
  row("Software Emulation", "1");
  row("Hardware Emulation", "1");
  row("FPGA Family", p.family);
  row("FPGA Device", p.part.substr(0, p.part.find('-')));
  row("Board Part", p.part);
  out << "\n=================\nClock Information\n=================\n";
  unsigned i = 0;
  for (auto& [n, mhz] : p.clocks_mhz)
    out << "  Clock Index:         " << i++ << " (" << n << ")\n    Frequency:         " << std::fixed
        << std::setprecision(6) << mhz << "\n";
  out << "\n==================\nMemory Information\n==================\n";
  for (auto& b : p.banks)
    out << "  Bus SP Tag: " << b.tag << "  (" << cards::to_string(b.kind) << ", " << (b.size >> 20) << " MiB)\n";
  out << "\n=============================\nSoftware Platform Information\n=============================\n";
  row("Processor CPU Type", cpu_type(p));
}

// Every leaf's path, as -j<path> takes it.
void keys(const json& j, const std::string& at, std::ostream& out)
{
  if (j.is_object()) {
    for (auto& [k, v] : j.items())
      keys(v, at.empty() ? k : at + "." + k, out);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i)
      keys(j[i], at + "[" + std::to_string(i) + "]", out);
  } else {
    out << at << "\n";
  }
}

// "hardwarePlatform.devices[0].part.architecture"
const json& at_path(const json& j, const std::string& path, const std::string& vbnv)
{
  const json* at = &j;
  std::string part;
  std::stringstream ss(path);
  auto missing = [&]() { return std::runtime_error("platform " + vbnv + " has no '" + path + "' (-k lists the keys)"); };
  while (std::getline(ss, part, '.')) {
    std::string key = part;
    int index = -1;
    if (auto lb = part.find('['); lb != std::string::npos) {
      key = part.substr(0, lb);
      try {
        index = std::stoi(part.substr(lb + 1));
      }
      catch (const std::exception&) {
        throw missing();
      }
    }
    if (!at->is_object() || !at->contains(key))
      throw missing();
    at = &(*at)[key];
    if (index >= 0) {
      if (!at->is_array() || index >= static_cast<int>(at->size()))
        throw missing();
      at = &(*at)[static_cast<size_t>(index)];
    }
  }
  return *at;
}

void list(bool extended, std::ostream& out)
{
  auto all = platform_catalog().all();
  out << "Platforms known to xrtemu:\n";
  for (auto& p : all) {
    out << "  " << p.vbnv << (p.vbnv == p.name ? "" : " (" + p.name + ")") << "\n";
    if (extended)
      out << "    File: " << p.file << "\n    FPGA part: " << p.part << ", family " << p.family << ", "
          << p.banks.size() << " memories, CPU type " << cpu_type(p) << "\n";
  }
}

} // namespace

int platforminfo_command(const std::vector<std::string>& args)
{
  po::options_description opts("platforminfo options");
  std::string platform, hw, sw, output;
  std::vector<std::string> rest;
  opts.add_options()
    ("help,h", "show this help")
    ("platform,p", po::value(&platform), "platform: real shell name, .xpfm path or xrtemu name")
    ("hw,d", po::value(&hw), "hardware platform (.xsa/.xpfm path or name), as -p")
    ("sw,s", po::value(&sw), "software platform (.spfm): accepted")
    ("json,j", po::value<std::string>()->implicit_value(""), "JSON output, or the value at a dotted path")
    ("keys,k", "list the JSON paths")
    ("output,o", po::value(&output), "write the report to this file")
    ("force,f", "overwrite the -o file")
    ("list,l", "list the known platforms")
    ("extended,e", "with -l: details of each platform")
    ("verbose,v", "accepted")
    ("input-file", po::value(&rest), "platform");
  po::variables_map vm;
  if (!parse_tool_options(args, opts, "platforminfo",
                          "usage: platforminfo -p|-d <platform> [-j[<path>]] [-k] [-o file [-f]] | -l [-e]\n", vm, true))
    return 0;

  std::ostringstream text;
  if (vm.count("list")) {
    list(vm.count("extended") > 0, text);
  } else {
    if (platform.empty())
      platform = hw;
    if (platform.empty() && !rest.empty())
      platform = rest.front();
    if (platform.empty())
      throw std::runtime_error("no platform given (platforminfo -p <platform>, or -d <platform>)");
    auto p = find_platform(platform);
    if (vm.count("keys")) {
      keys(describe(p), "", text);
    } else if (!vm.count("json")) {
      print_text(p, text);
    } else {
      auto j = describe(p);
      auto path = vm["json"].as<std::string>();
      if (path.empty()) {
        text << j.dump(4) << "\n";
      } else {
        auto& v = at_path(j, path, p.vbnv);
        text << (v.is_string() ? v.get<std::string>() : v.dump(4)) << "\n";
      }
    }
  }
  if (output.empty()) {
    std::cout << text.str();
    return 0;
  }
  if (fs::exists(output) && !vm.count("force"))
    throw std::runtime_error("output file " + output + " exists (-f overwrites it)");
  std::ofstream out(output, std::ios::trunc);
  if (!(out << text.str()))
    throw std::runtime_error("cannot write " + output);
  return 0;
}

} // namespace xrtemu::cli
