// The configured device list (see device_list.h for the rules).
#include "xrtemu/cards/device_list.h"
#include "xrtemu/cards/emconfig.h"
#include "json_file.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <cstring>
#include <fstream>

namespace xrtemu::cards {

std::vector<std::string> read_device_config(const std::string& path)
{
  auto j = read_json_file(path, "the device list (XRTEMU_CONFIG)");
  const std::string shape = " (expected {\"devices\": [{\"platform\": NAME}, ...]})";
  if (!j.is_object() || !j.contains("devices") || !j["devices"].is_array())
    throw error(path + ": key 'devices': missing or not an array" + shape);
  std::vector<std::string> out;
  for (size_t i = 0; i < j["devices"].size(); ++i) {
    auto& d = j["devices"][i];
    if (!d.is_object() || !d.contains("platform") || !d["platform"].is_string())
      throw error(path + ": key 'devices[" + std::to_string(i) + "].platform': missing or not a string" + shape);
    out.push_back(d["platform"].get<std::string>());
  }
  return out;
}

namespace {

bool emulation_mode()
{
  const char* m = std::getenv("XCL_EMULATION_MODE");
  return m && (std::strcmp(m, "hw_emu") == 0 || std::strcmp(m, "sw_emu") == 0);
}

std::vector<platform_desc> load_all(const catalog& cat, const std::vector<std::string>& names,
                                    const std::string& from)
{
  std::vector<platform_desc> out;
  for (auto& n : names) {
    try {
      out.push_back(cat.find(n));
    }
    catch (const error& e) {
      throw error(from + ": " + e.what());
    }
  }
  return out;
}

} // namespace

device_list configured_devices(const catalog& cat, const std::string& platform, const std::string& config)
{
  device_list l;
  if (!config.empty()) {
    l.source = config;
    l.cards = load_all(cat, read_device_config(config), config);
    return l;
  }
  if (!platform.empty()) {
    l.source = "platform " + platform;
    l.cards.push_back(cat.find(platform));
    return l;
  }
  if (emulation_mode()) {
    if (auto f = find_emconfig(); !f.empty()) {
      l.source = f;
      l.cards = load_all(cat, read_emconfig(f), f);
      return l;
    }
  }
  if (const char* c = std::getenv("XRTEMU_CONFIG"); c && *c) {
    l.source = std::string("XRTEMU_CONFIG=") + c;
    l.cards = load_all(cat, read_device_config(c), c);
    return l;
  }
  const char* p = std::getenv("XRTEMU_PLATFORM");
  std::string name = p && *p ? p : "xrtemu_u250";
  l.source = p && *p ? "XRTEMU_PLATFORM=" + name : "the default platform";
  l.cards.push_back(cat.find(name));
  return l;
}

} // namespace xrtemu::cards
