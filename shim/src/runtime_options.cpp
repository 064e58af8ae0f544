#include "runtime_options.h"

#include "config.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace xrtemu::shim {

namespace {

void from_ini(runtime_options& o)
{
  using xrt_core::config::detail::get_bool_value;
  o.card.polling = get_bool_value("Runtime.ert_polling", o.card.polling);
  o.card.profile = get_bool_value("Debug.profile", false) || get_bool_value("Debug.timeline_trace", false) ||
                   get_bool_value("Debug.native_xrt_trace", false) || o.card.profile;
  o.card.memcheck = get_bool_value("Emulation.memcheck", o.card.memcheck);
  o.card.timed = get_bool_value("Emulation.timed", o.card.timed);
  auto sharing = xrt_core::config::detail::get_string_value("Emulation.card_sharing", "");
  if (!sharing.empty())
    o.sharing = parse_card_sharing(sharing, "xrt.ini [Emulation] card_sharing");
}

void from_config_file(runtime_options& o, const char* path)
{
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error(std::string("XRTEMU_CONFIG: cannot read ") + path);
  nlohmann::json j;
  try {
    in >> j;
    if (!j.contains("runtime"))
      return;
    auto& r = j.at("runtime");
    if (r.contains("completion")) {
      auto c = r.at("completion").get<std::string>();
      if (c != "polling" && c != "interrupt")
        throw std::runtime_error(std::string(path) + ": runtime.completion is '" + c +
                                 "'; expected \"polling\" or \"interrupt\"");
      o.card.polling = c == "polling";
    }
    o.card.cu_timeout_ms = r.value("cu_timeout_ms", o.card.cu_timeout_ms);
    o.card.deadlock_ms = r.value("deadlock_timeout_ms", o.card.deadlock_ms);
    o.card.inline_body_us = r.value("inline_body_us", o.card.inline_body_us);
    o.card.profile = r.value("profile", o.card.profile);
    o.card.timed = r.value("timed", o.card.timed);
    if (r.contains("trace_file")) {
      o.trace_file = r.at("trace_file").get<std::string>();
      o.card.profile = true;
    }
  }
  catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string(path) + ": runtime section: " + e.what());
  }
}

unsigned number(const char* name, const char* text)
{
  char* end = nullptr;
  auto v = std::strtoul(text, &end, 10);
  if (!*text || *end)
    throw std::runtime_error(std::string(name) + "='" + text + "' is not a number of milliseconds");
  return static_cast<unsigned>(v);
}

// An on/off environment switch: 1/true/on/yes or 0/false/off/no; unset or empty keeps `value`.
void switch_from_env(const char* name, bool& value)
{
  const char* m = std::getenv(name);
  if (!m || !*m)
    return;
  std::string v = m;
  if (v == "1" || v == "true" || v == "on" || v == "yes")
    value = true;
  else if (v == "0" || v == "false" || v == "off" || v == "no")
    value = false;
  else
    throw std::runtime_error(std::string(name) + "='" + v + "': expected 1 or 0");
}

} // namespace

runtime_options load_runtime_options()
{
  runtime_options o;
  from_ini(o);
  if (const char* cfg = std::getenv("XRTEMU_CONFIG"))
    from_config_file(o, cfg);
  if (const char* p = std::getenv("XRTEMU_PROFILE"); p && *p) {
    o.trace_file = p;
    o.card.profile = true;
  }
  if (const char* t = std::getenv("XRTEMU_CU_TIMEOUT_MS"); t && *t)
    o.card.cu_timeout_ms = number("XRTEMU_CU_TIMEOUT_MS", t);
  if (const char* t = std::getenv("XRTEMU_INLINE_BODY_US"); t && *t)
    o.card.inline_body_us = number("XRTEMU_INLINE_BODY_US", t);
  switch_from_env("XRTEMU_MEMCHECK", o.card.memcheck);
  switch_from_env("XRTEMU_TIMED", o.card.timed);
  if (const char* s = std::getenv("XRTEMU_CARD_SHARING"); s && *s)
    o.sharing = parse_card_sharing(s, "XRTEMU_CARD_SHARING");
  return o;
}

} // namespace xrtemu::shim
