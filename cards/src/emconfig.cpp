// Reading and writing emconfig.json (XRT's emulation device list).
#include "xrtemu/cards/emconfig.h"
#include "json_file.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace xrtemu::cards {

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& key, const std::string& what)
{
  throw error(file + ": key '" + key + "': " + what);
}

// XRT reads counts with boost::property_tree, so "2" and 2 both work; as
// there, a count is a whole number ("2.0", "2x" and 1e30 are not).  A number
// too large for 64 bits parses as a double, which must not be converted.
unsigned count_of(const std::string& file, const std::string& key, const json& v)
{
  try {
    long n = -1;
    if (v.is_string()) {
      const auto& s = v.get_ref<const std::string&>();
      size_t used = 0;
      n = std::stol(s, &used);
      if (used != s.size())
        n = -1;
    }
    else if (v.is_number_unsigned()) {
      n = v.get<uint64_t>() <= 64 ? static_cast<long>(v.get<uint64_t>()) : -1;
    }
    else if (v.is_number_integer()) {   // a negative integer; never a double
      n = v.get<long>();
    }
    if (n >= 0 && n <= 64)
      return static_cast<unsigned>(n);
  }
  catch (const std::exception&) {
  }
  fail(file, key, "expected a count from 0 to 64, such as \"1\"");
}

} // namespace

std::vector<std::string> read_emconfig(const std::string& path)
{
  auto j = read_json_file<json>(path, "emconfig.json");
  if (!j.is_object())
    fail(path, "", "expected an object with \"Platform\" and \"Version\"");
  if (j.contains("Version")) {
    auto& v = j["Version"];
    if (!v.is_object())
      fail(path, "Version", "expected an object such as {\"FileVersion\": \"2.0\"}");
    if (v.contains("FileVersion") && v["FileVersion"] != "2.0")
      fail(path, "Version.FileVersion", "is " + v["FileVersion"].dump() +
                                          "; XRT reads version \"2.0\" (regenerate it with emconfigutil)");
  }
  if (!j.contains("Platform") || !j["Platform"].is_object())
    fail(path, "Platform", "missing or not an object");
  auto& plat = j["Platform"];
  if (!plat.contains("Boards") || !plat["Boards"].is_array())
    fail(path, "Platform.Boards", "missing or not an array");
  std::vector<std::string> out;
  auto& boards = plat["Boards"];
  for (size_t b = 0; b < boards.size(); ++b) {
    auto at = "Platform.Boards[" + std::to_string(b) + "]";
    auto& board = boards[b];
    if (!board.is_object())
      fail(path, at, "expected an object");
    unsigned num_boards = board.contains("NumBoards") ? count_of(path, at + ".NumBoards", board["NumBoards"]) : 1;
    if (!board.contains("Devices") || !board["Devices"].is_array())
      fail(path, at + ".Devices", "missing or not an array");
    for (unsigned copy = 0; copy < num_boards; ++copy) {
      auto& devices = board["Devices"];
      for (size_t d = 0; d < devices.size(); ++d) {
        auto dat = at + ".Devices[" + std::to_string(d) + "]";
        auto& dev = devices[d];
        if (!dev.is_object() || !dev.contains("Name") || !dev["Name"].is_string() ||
            dev["Name"].get<std::string>().empty())
          fail(path, dat + ".Name", "missing or not a platform name");
        unsigned n = dev.contains("NumDevices") ? count_of(path, dat + ".NumDevices", dev["NumDevices"]) : 1;
        for (unsigned i = 0; i < n; ++i)
          out.push_back(dev["Name"].get<std::string>());
      }
    }
  }
  return out;
}

void write_emconfig(const std::string& path, const platform_desc& p, unsigned count)
{
  json j;
  j["Platform"]["Boards"] = json::array({{
    {"Name", p.vbnv},
    {"Devices", json::array({{{"Name", p.vbnv}, {"NumDevices", std::to_string(count)}}})},
  }});
  j["Version"] = {{"FileVersion", "2.0"}, {"ToolVersion", "2022.1"}, {"Generator", "xrtemu emconfigutil"}};
  std::ofstream out(path);
  if (!out)
    throw error("cannot write " + path);
  out << j.dump(4) << "\n";
  if (!out)
    throw error("cannot write " + path);
}

std::string find_emconfig()
{
  std::vector<fs::path> candidates;
  if (const char* dir = std::getenv("EMCONFIG_PATH"); dir && *dir) {
    candidates.push_back(fs::path(dir) / "emconfig.json");
  }
  else {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
      candidates.push_back(exe.parent_path() / "emconfig.json");
    candidates.push_back(fs::current_path(ec) / "emconfig.json");
  }
  for (auto& c : candidates)
    if (std::error_code ec; fs::is_regular_file(c, ec))
      return c.string();
  return "";
}

} // namespace xrtemu::cards
