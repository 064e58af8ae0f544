#include "runtime_options.h"

#include "config.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace xrtemu::shim {

namespace {

// "k:scale[:extra_cycles],..." (xrt.ini [Emulation] kernel_time).
void parse_kernel_time(const std::string& spec, const std::string& where, emu::card_options& o)
{
  size_t p = 0;
  while (p <= spec.size()) {
    size_t comma = std::min(spec.find(',', p), spec.size());
    std::string item = spec.substr(p, comma - p);
    p = comma + 1;
    if (item.empty())
      continue;
    auto c1 = item.find(':');
    auto c2 = c1 == std::string::npos ? std::string::npos : item.find(':', c1 + 1);
    std::string kernel = item.substr(0, c1);
    emu::kernel_time_calibration cal;
    bool ok = c1 != std::string::npos && !kernel.empty();
    if (ok) {
      std::string scale = item.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
      char* end = nullptr;
      cal.scale = std::strtod(scale.c_str(), &end);
      ok = !scale.empty() && !*end && cal.scale > 0 && std::isfinite(cal.scale);
      if (ok && c2 != std::string::npos) {
        std::string extra = item.substr(c2 + 1);
        cal.extra_cycles = std::strtoull(extra.c_str(), &end, 10);
        ok = !extra.empty() && !*end && extra[0] != '-';
      }
    }
    if (!ok)
      throw std::runtime_error(where + ": '" + item +
                               "' is not <kernel>:<scale>[:<extra_cycles>] (scale a number > 0, extra_cycles a "
                               "whole number)");
    o.kernel_time[kernel] = cal;
  }
}

// The memory checker switch (docs/memcheck.md): on, off, or strict (also
// fail accesses into the rest of a buffer's last page).
void memcheck_from(const std::string& v, const std::string& where, emu::card_options& card)
{
  if (v == "1" || v == "true" || v == "on" || v == "yes")
    card.memcheck = true, card.memcheck_strict = false;
  else if (v == "strict")
    card.memcheck = true, card.memcheck_strict = true;
  else if (v == "0" || v == "false" || v == "off" || v == "no")
    card.memcheck = false, card.memcheck_strict = false;
  else
    throw std::runtime_error(where + "='" + v + "': expected 1, 0 or strict");
}

void from_ini(runtime_options& o)
{
  using xrt_core::config::detail::get_bool_value;
  o.card.polling = get_bool_value("Runtime.ert_polling", o.card.polling);
  o.card.profile = get_bool_value("Debug.profile", false) || get_bool_value("Debug.timeline_trace", false) ||
                   get_bool_value("Debug.native_xrt_trace", false) || o.card.profile;
  auto memcheck = xrt_core::config::detail::get_string_value("Emulation.memcheck", "");
  if (!memcheck.empty())
    memcheck_from(memcheck, "xrt.ini [Emulation] memcheck", o.card);
  o.card.timed = get_bool_value("Emulation.timed", o.card.timed);
  auto cal = xrt_core::config::detail::get_string_value("Emulation.kernel_time", "");
  if (!cal.empty())
    parse_kernel_time(cal, "xrt.ini [Emulation] kernel_time", o.card);
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
    if (r.contains("kernel_time")) {
      auto& kt = r.at("kernel_time");
      if (!kt.is_object())
        throw std::runtime_error(std::string(path) + ": runtime.kernel_time must be an object of kernels");
      for (auto& [kernel, v] : kt.items()) {
        auto key = std::string(path) + ": runtime.kernel_time." + kernel;
        if (!v.is_object())
          throw std::runtime_error(key + " must be an object {\"scale\": x, \"extra_cycles\": n}");
        emu::kernel_time_calibration cal;
        for (auto& [name, x] : v.items()) {
          if (name == "scale" && x.is_number() && x.get<double>() > 0)
            cal.scale = x.get<double>();
          else if (name == "extra_cycles" && x.is_number_unsigned())
            cal.extra_cycles = x.get<uint64_t>();
          else
            throw std::runtime_error(key + "." + name + ": " + x.dump() +
                                     (name == "scale" ? " is not a number > 0"
                                      : name == "extra_cycles" ? " is not a whole number >= 0"
                                                               : " is not a key (scale, extra_cycles)"));
        }
        o.card.kernel_time[kernel] = cal;
      }
    }
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
  if (const char* m = std::getenv("XRTEMU_MEMCHECK"); m && *m)
    memcheck_from(m, "XRTEMU_MEMCHECK", o.card);
  switch_from_env("XRTEMU_TIMED", o.card.timed);
  if (const char* s = std::getenv("XRTEMU_CARD_SHARING"); s && *s)
    o.sharing = parse_card_sharing(s, "XRTEMU_CARD_SHARING");
  return o;
}

} // namespace xrtemu::shim
