// Platform JSON (share/xrtemu/platforms/*.json):
//   name        short name, also the file's stem            (required)
//   vbnv        the board's VBNV string                      (required)
//   aliases     other shell names of the same board and memory map (optional)
//   family      FPGA family platforminfo prints ("virtexuplus"; default by shell)
//   part        FPGA part ("xcu250-figd2104-2L-e"), optional
//   shell       "pcie" or "edge"                             (default "pcie")
//   banks       [{tag, type: DDR|HBM|PLRAM|HOST|BRAM, base, size}]  (required, non-empty)
//               base/size: a number, or a string "0x..", "123", "16G", "256M", "128K"
//   clocks_mhz  {"ap_clk": 300, "ap_clk_2": 500}
//   max_cus     CU slots the card elaborates                 (default 64)
//   cu_base, cu_stride  where CU control blocks go            (defaults 0x1800000, 0x10000)
//   dma         {"h2c_gbps", "c2h_gbps", "latency_us", "channels"}  host DMA for the
//               timed mode (docs/timing.md); an older "pcie": {"gbps", "latency_us"}
//               sets both directions
//   bank_gbps   {"DDR": 19.2, "HBM": 14.4, ...}  one bank's bandwidth per memory type
//   command_latency_us  {"interrupt": .., "polling": ..}  ap_done to COMPLETED (timed mode)
//   shell_ids   {"logic_uuid": "<32 hex>", "interface_uuid": "<32 hex>"},
//               optional (dashes allowed); default: derived from the VBNV
//   description free text, ignored; other unknown keys are ignored too
// Errors throw cards::error "<file>: key '<key>': <what is wrong>".
#include "xrtemu/cards/platform.h"
#include "json_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace xrtemu::cards {

namespace {

struct context
{
  std::string file;
  [[noreturn]] void fail(const std::string& key, const std::string& what) const
  {
    throw error(file + ": key '" + key + "': " + what);
  }
};

uint64_t to_bytes(const context& cx, const std::string& key, const nlohmann::json& v)
{
  if (v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0))
    return v.get<uint64_t>();
  if (!v.is_string())
    cx.fail(key, "expected a number or a string such as \"0x400000000\" or \"16G\"");
  auto s = v.get<std::string>();
  try {
    size_t pos = 0;
    uint64_t n = std::stoull(s, &pos, 0);
    if (pos == s.size())
      return n;
    if (pos + 1 == s.size()) {
      switch (std::toupper(static_cast<unsigned char>(s[pos]))) {
      case 'K': return n << 10;
      case 'M': return n << 20;
      case 'G': return n << 30;
      case 'T': return n << 40;
      }
    }
  }
  catch (const std::exception&) {
  }
  cx.fail(key, "cannot read '" + s + "' as a size or address");
}

template <typename T>
T get(const context& cx, const nlohmann::json& j, const std::string& key, const std::string& path)
{
  if (!j.contains(key))
    cx.fail(path + key, "missing");
  try {
    return j.at(key).get<T>();
  }
  catch (const nlohmann::json::exception&) {
    cx.fail(path + key, "has the wrong type");
  }
}

} // namespace

bank_kind parse_bank_kind(const std::string& s)
{
  std::string u(s);
  std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return std::toupper(c); });
  if (u == "DDR" || u == "DDR4" || u == "DRAM") return bank_kind::ddr;
  if (u == "HBM") return bank_kind::hbm;
  if (u == "PLRAM") return bank_kind::plram;
  if (u == "HOST") return bank_kind::host;
  if (u == "BRAM" || u == "URAM") return bank_kind::bram;
  if (u == "STREAMING") return bank_kind::streaming;
  throw error("unknown memory type '" + s + "' (DDR, HBM, PLRAM, HOST, BRAM)");
}

const char* to_string(bank_kind k)
{
  switch (k) {
  case bank_kind::ddr: return "DDR";
  case bank_kind::hbm: return "HBM";
  case bank_kind::plram: return "PLRAM";
  case bank_kind::host: return "HOST";
  case bank_kind::bram: return "BRAM";
  case bank_kind::streaming: return "STREAMING";
  }
  return "?";
}

const bank_desc* platform_desc::find_bank(const std::string& tag) const
{
  for (auto& b : banks)
    if (b.tag == tag)
      return &b;
  return nullptr;
}

int platform_desc::bank_index_at(uint64_t addr) const
{
  for (size_t i = 0; i < banks.size(); ++i)
    if (addr >= banks[i].base && addr - banks[i].base < banks[i].window())
      return static_cast<int>(i);
  return -1;
}

const bank_desc* platform_desc::bank_at(uint64_t addr) const
{
  int i = bank_index_at(addr);
  return i < 0 ? nullptr : &banks[static_cast<size_t>(i)];
}

double platform_desc::bank_gbps_of(unsigned i) const
{
  if (i >= banks.size())
    return 0;
  auto it = bank_gbps.find(banks[i].kind);
  return it == bank_gbps.end() ? 0 : it->second;
}

bool platform_desc::answers_to(const std::string& n) const
{
  return n == name || n == vbnv || std::find(aliases.begin(), aliases.end(), n) != aliases.end();
}

std::string derived_shell_id(const std::string& salt, const std::string& vbnv)
{
  // Two FNV-1a passes over the salted name: stable across builds and hosts.
  auto fnv = [](const std::string& s, uint64_t h) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    return h;
  };
  uint64_t hi = fnv(salt + vbnv, 0xcbf29ce484222325ULL);
  uint64_t lo = fnv(vbnv + salt, hi ^ 0x9e3779b97f4a7c15ULL);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(hi),
                static_cast<unsigned long long>(lo));
  return buf;
}

platform_desc load_platform(const std::string& path)
{
  context cx{path};
  auto j = read_json_file(path, "platform file");
  platform_desc p;
  p.file = path;
  p.name = get<std::string>(cx, j, "name", "");
  p.vbnv = get<std::string>(cx, j, "vbnv", "");
  p.shell = j.contains("shell") ? get<std::string>(cx, j, "shell", "") : "pcie";
  if (p.shell != "pcie" && p.shell != "edge")
    cx.fail("shell", "must be \"pcie\" or \"edge\"");
  if (j.contains("aliases"))
    p.aliases = get<std::vector<std::string>>(cx, j, "aliases", "");
  p.family = j.contains("family") ? get<std::string>(cx, j, "family", "")
                                  : (p.shell == "edge" ? "zynquplus" : "virtexuplus");
  if (j.contains("part"))
    p.part = get<std::string>(cx, j, "part", "");
  if (!j.contains("banks") || !j["banks"].is_array() || j["banks"].empty())
    cx.fail("banks", "missing or empty (a card needs at least one memory bank)");
  for (size_t i = 0; i < j["banks"].size(); ++i) {
    auto& b = j["banks"][i];
    auto at = "banks[" + std::to_string(i) + "].";
    bank_desc d;
    d.tag = get<std::string>(cx, b, "tag", at);
    try {
      d.kind = parse_bank_kind(get<std::string>(cx, b, "type", at));
    }
    catch (const std::runtime_error& e) {
      cx.fail(at + "type", e.what());
    }
    if (!b.contains("base")) cx.fail(at + "base", "missing");
    if (!b.contains("size")) cx.fail(at + "size", "missing");
    d.base = to_bytes(cx, at + "base", b["base"]);
    d.size = to_bytes(cx, at + "size", b["size"]);
    if (d.size == 0)
      cx.fail(at + "size", "must not be zero");
    if (b.contains("max_size")) {
      d.max_size = to_bytes(cx, at + "max_size", b["max_size"]);
      if (d.max_size < d.size)
        cx.fail(at + "max_size", "smaller than the bank's size");
    }
    // A bank that may grow keeps its largest extent clear of its neighbours.
    for (auto& o : p.banks)
      if (d.base < o.base + o.window() && o.base < d.base + d.window())
        cx.fail(at + (d.max_size ? "max_size" : "base"), "bank " + d.tag + " overlaps bank " + o.tag +
                (d.max_size || o.max_size ? " (at their max_size)" : ""));
    p.banks.push_back(d);
  }
  if (j.contains("clocks_mhz")) {
    if (!j["clocks_mhz"].is_object())
      cx.fail("clocks_mhz", "expected an object such as {\"ap_clk\": 300}");
    for (auto& [k, v] : j["clocks_mhz"].items()) {
      if (!v.is_number())
        cx.fail("clocks_mhz." + k, "expected a number of MHz");
      p.clocks_mhz[k] = v.get<double>();
    }
  }
  else {
    p.clocks_mhz["ap_clk"] = 300;
  }
  if (j.contains("max_cus")) {
    if (!j["max_cus"].is_number_unsigned() || j["max_cus"].get<uint64_t>() == 0 || j["max_cus"].get<uint64_t>() > 128)
      cx.fail("max_cus", "expected a number from 1 to 128");
    p.max_cus = j["max_cus"].get<uint32_t>();
  }
  if (j.contains("cu_base")) p.cu_base = to_bytes(cx, "cu_base", j["cu_base"]);
  if (j.contains("cu_stride")) p.cu_stride = to_bytes(cx, "cu_stride", j["cu_stride"]);
  auto positive = [&](const nlohmann::json& o, const std::string& key, const std::string& at, double& out) {
    if (!o.contains(key))
      return;
    out = get<double>(cx, o, key, at);
    if (!(out > 0))
      cx.fail(at + key, "must be greater than zero");
  };
  if (j.contains("pcie")) {
    auto& pc = j["pcie"];
    double gbps = 0;
    positive(pc, "gbps", "pcie.", gbps);
    if (gbps > 0)
      p.dma.h2c_gbps = p.dma.c2h_gbps = gbps;
    if (pc.contains("latency_us")) p.dma.latency_us = get<double>(cx, pc, "latency_us", "pcie.");
  }
  if (j.contains("dma")) {
    auto& d = j["dma"];
    if (!d.is_object())
      cx.fail("dma", "expected an object such as {\"h2c_gbps\": 11, \"c2h_gbps\": 12, \"latency_us\": 8, \"channels\": 2}");
    positive(d, "h2c_gbps", "dma.", p.dma.h2c_gbps);
    positive(d, "c2h_gbps", "dma.", p.dma.c2h_gbps);
    if (d.contains("latency_us")) {
      p.dma.latency_us = get<double>(cx, d, "latency_us", "dma.");
      if (p.dma.latency_us < 0)
        cx.fail("dma.latency_us", "must not be negative");
    }
    if (d.contains("channels")) {
      if (!d["channels"].is_number_unsigned() || d["channels"].get<uint64_t>() == 0 || d["channels"].get<uint64_t>() > 16)
        cx.fail("dma.channels", "expected a number from 1 to 16");
      p.dma.channels = d["channels"].get<unsigned>();
    }
  }
  if (j.contains("command_latency_us")) {
    auto& c = j["command_latency_us"];
    if (!c.is_object())
      cx.fail("command_latency_us", "expected an object such as {\"interrupt\": 10, \"polling\": 4.7}");
    for (auto [key, out] : {std::pair<const char*, double*>{"interrupt", &p.command_latency.interrupt_us},
                            std::pair<const char*, double*>{"polling", &p.command_latency.polling_us}})
      if (c.contains(key)) {
        *out = get<double>(cx, c, key, "command_latency_us.");
        if (*out < 0)
          cx.fail(std::string("command_latency_us.") + key, "must not be negative");
      }
  }
  if (j.contains("bank_gbps")) {
    if (!j["bank_gbps"].is_object())
      cx.fail("bank_gbps", "expected an object such as {\"DDR\": 19.2, \"HBM\": 14.4}");
    for (auto& [k, v] : j["bank_gbps"].items()) {
      bank_kind kind;
      try {
        kind = parse_bank_kind(k);
      }
      catch (const std::runtime_error& e) {
        cx.fail("bank_gbps." + k, e.what());
      }
      if (!v.is_number() || !(v.get<double>() > 0))
        cx.fail("bank_gbps." + k, "expected a number of GB/s greater than zero");
      p.bank_gbps[kind] = v.get<double>();
    }
  }
  p.logic_uuid = derived_shell_id("logic", p.vbnv);
  p.interface_uuid = derived_shell_id("interface", p.vbnv);
  if (j.contains("shell_ids")) {
    auto& ids = j["shell_ids"];
    if (!ids.is_object())
      cx.fail("shell_ids", "expected an object such as {\"logic_uuid\": \"<32 hex digits>\"}");
    for (auto [key, field] : {std::pair{"logic_uuid", &p.logic_uuid},
                              std::pair{"interface_uuid", &p.interface_uuid}}) {
      if (!ids.contains(key))
        continue;
      auto text = get<std::string>(cx, ids, key, "shell_ids.");
      std::string hex;
      for (char c : text)
        if (c != '-')
          hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (hex.size() != 32 || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
        cx.fail(std::string("shell_ids.") + key, "expected a UUID of 32 hex digits, got \"" + text + "\"");
      *field = hex;
    }
  }
  return p;
}

} // namespace xrtemu::cards
