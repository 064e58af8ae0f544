// The RTL Kernel Wizard's CONFIG.* properties: which exist, what values
// they take, their defaults, and the kernel they describe (wizard_spec).
// A property is checked when set_property sets it, so a bad one fails at
// the script's line; the whole set is checked again when it is used.
#include "rtl_kernel_wizard.h"
#include "vivado_session.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

namespace xrtemu::vivado {

namespace {

std::string upper(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string two(int i) { return (i < 10 ? "0" : "") + std::to_string(i); }

bool identifier(const std::string& v) { return std::regex_match(v, std::regex("[A-Za-z_][A-Za-z0-9_]*")); }

int integer(const std::string& prop, const std::string& v, int lo, int hi)
{
  if (!std::regex_match(v, std::regex("[0-9]+")) || std::stol(v) < lo || std::stol(v) > hi)
    throw tcl_error("CONFIG." + prop + ": '" + v + "' is not a whole number from " + std::to_string(lo) + " to " +
                    std::to_string(hi));
  return std::stoi(v);
}

void one_of(const std::string& prop, const std::string& v, const std::vector<std::string>& allowed)
{
  if (std::find(allowed.begin(), allowed.end(), v) != allowed.end())
    return;
  std::string list;
  for (auto& a : allowed)
    list += (list.empty() ? "" : ", ") + a;
  throw tcl_error("CONFIG." + prop + ": '" + v + "' is not one of " + list);
}

void name_value(const std::string& prop, const std::string& v)
{
  if (!identifier(v))
    throw tcl_error("CONFIG." + prop + ": '" + v + "' is not a name (letters, digits and _, not starting with a digit)");
}

const std::vector<std::string> scalar_types = {"uint", "int", "float", "ulong", "long", "double"};
const std::vector<std::string> byte_widths = {"1", "2", "4", "8", "16", "32", "64"};

} // namespace

uint32_t wizard_spec::arg_words() const
{
  uint32_t end = 0x10;
  for (auto& s : scalars)
    end = std::max(end, s.offset + 8);
  for (auto& m : masters)
    for (auto& p : m.args)
      end = std::max(end, p.offset + 8);
  return (end - 0x10) / 4;
}

void check_wizard_property(const std::string& name, const std::string& v)
{
  auto n = upper(name);
  std::smatch m;
  if (n == "COMPONENT_NAME" || n == "KERNEL_NAME")
    return name_value(name, v);
  if (n == "KERNEL_VENDOR" || n == "KERNEL_LIBRARY") {
    if (v.empty() || v.find_first_of(": \t") != std::string::npos)
      throw tcl_error("CONFIG." + name + ": '" + v + "' is not a VLNV part (no spaces or ':')");
    return;
  }
  if (n == "KERNEL_TYPE") {
    if (v == "Block_Design")
      throw tcl_error("CONFIG." + name + ": 'Block_Design' (an IP integrator kernel) is not supported by xrtemu's "
                      "vivado; only RTL");
    return one_of(name, v, {"RTL"});
  }
  if (n == "KERNEL_CTRL")
    return one_of(name, v, {"ap_ctrl_hs", "ap_ctrl_chain", "ap_ctrl_none"});
  if (n == "NUM_CLOCKS")
    return (void)integer(name, v, 1, 2);
  if (n == "NUM_RESETS")
    return (void)integer(name, v, 0, 2);
  if (n == "DEBUG_ENABLED")
    return one_of(name, v, {"0", "1"});
  if (n == "NUM_INPUT_ARGS")
    return (void)integer(name, v, 0, 64);
  if (n == "NUM_M_AXI")
    return (void)integer(name, v, 0, 16);
  if (n == "NUM_AXIS")
    return (void)integer(name, v, 0, 32);
  if (std::regex_match(n, m, std::regex("ARG([0-9]{2})_(NAME|TYPE)"))) {
    integer(name + " (argument index)", m[1], 0, 63);
    return m[2] == "NAME" ? name_value(name, v) : one_of(name, v, scalar_types);
  }
  if (std::regex_match(n, m, std::regex("M([0-9]{2})_AXI_(NAME|DATA_WIDTH|NUM_ARGS|ADDR_WIDTH)"))) {
    integer(name + " (interface index)", m[1], 0, 15);
    if (m[2] == "NAME")
      return name_value(name, v);
    if (m[2] == "DATA_WIDTH")   // bytes, as the wizard's Width (in bytes)
      return one_of(name, v, {"4", "8", "16", "32", "64"});
    if (m[2] == "ADDR_WIDTH")
      return one_of(name, v, {"64"});
    return (void)integer(name, v, 1, 16);
  }
  if (std::regex_match(n, m, std::regex("M([0-9]{2})_AXI_ARG([0-9]{2})_(NAME|INTF)"))) {
    integer(name + " (interface index)", m[1], 0, 15);
    integer(name + " (argument index)", m[2], 0, 15);
    return name_value(name, v);
  }
  if (std::regex_match(n, m, std::regex("AXIS([0-9]{2})_(NAME|MODE|NUM_BYTES)"))) {
    integer(name + " (interface index)", m[1], 0, 31);
    if (m[2] == "NAME")
      return name_value(name, v);
    if (m[2] == "MODE")
      return one_of(name, v, {"read_only", "write_only"});
    return one_of(name, v, byte_widths);
  }
  throw tcl_error("CONFIG." + name + " is not a property of the RTL Kernel Wizard (rtl_kernel_wizard; see "
                  "docs/vivado.md for the ones xrtemu knows)");
}

wizard_spec read_wizard_spec(const std::string& module, const std::map<std::string, std::string>& config)
{
  // CONFIG.<name> in any case.
  std::map<std::string, std::string> cfg;
  for (auto& [k, v] : config)
    if (upper(k).rfind("CONFIG.", 0) == 0) {
      check_wizard_property(k.substr(7), v);
      cfg[upper(k.substr(7))] = v;
    }
  auto get = [&](const std::string& k, const std::string& def) {
    auto it = cfg.find(k);
    return it == cfg.end() ? def : it->second;
  };
  wizard_spec s;
  s.module = module;
  s.kernel = get("KERNEL_NAME", module);
  s.vendor = get("KERNEL_VENDOR", "mycompany.com");
  s.library = get("KERNEL_LIBRARY", "kernel");
  s.control = get("KERNEL_CTRL", "ap_ctrl_hs");
  s.clocks = std::stoi(get("NUM_CLOCKS", "1"));
  s.resets = std::stoi(get("NUM_RESETS", "1"));
  if (s.resets > s.clocks)
    throw tcl_error("CONFIG.NUM_RESETS " + std::to_string(s.resets) + ": more resets than clocks (CONFIG.NUM_CLOCKS " +
                    std::to_string(s.clocks) + "); each reset belongs to one clock");

  // Argument registers from 0x10, 8 bytes each: scalars, then pointers.
  uint32_t offset = 0x10;
  int nscalars = std::stoi(get("NUM_INPUT_ARGS", "1"));
  for (int i = 0; i < nscalars; ++i) {
    wizard_scalar a;
    a.name = get("ARG" + two(i) + "_NAME", "scalar" + two(i));
    a.type = get("ARG" + two(i) + "_TYPE", "uint");
    a.bytes = a.type == "ulong" || a.type == "long" || a.type == "double" ? 8 : 4;
    a.offset = offset;
    offset += 8;
    s.scalars.push_back(a);
  }
  int nmasters = std::stoi(get("NUM_M_AXI", "1"));
  for (int i = 0; i < nmasters; ++i) {
    auto p = "M" + two(i) + "_AXI_";
    wizard_master m;
    m.name = get(p + "NAME", "m" + two(i) + "_axi");
    m.data_bytes = static_cast<uint32_t>(std::stoi(get(p + "DATA_WIDTH", "64")));
    int nargs = std::stoi(get(p + "NUM_ARGS", "1"));
    for (int j = 0; j < nargs; ++j) {
      auto intf = get(p + "ARG" + two(j) + "_INTF", m.name);
      if (intf != m.name)
        throw tcl_error("CONFIG." + p + "ARG" + two(j) + "_INTF: '" + intf + "' is not this argument's interface (" +
                        p + "NAME is '" + m.name + "')");
      m.args.push_back({get(p + "ARG" + two(j) + "_NAME", "axi" + two(i) + "_ptr" + std::to_string(j)), offset});
      offset += 8;
    }
    s.masters.push_back(m);
  }
  int nstreams = std::stoi(get("NUM_AXIS", "0"));
  for (int i = 0; i < nstreams; ++i) {
    auto p = "AXIS" + two(i) + "_";
    wizard_stream st;
    st.name = get(p + "NAME", "axis" + two(i));
    // Default: even interfaces send (write_only), odd ones receive, so
    // NUM_AXIS 2 is an output and an input, as the Vitis examples expect.
    st.input = get(p + "MODE", i % 2 ? "read_only" : "write_only") == "read_only";
    st.bytes = static_cast<uint32_t>(std::stoi(get(p + "NUM_BYTES", "64")));
    s.streams.push_back(st);
  }
  if (offset > 0x1000)
    throw tcl_error("the kernel's " + std::to_string((offset - 0x10) / 8) + " arguments need registers up to 0x" +
                    std::to_string(offset) + ", beyond the control slave's 4 KiB (CONFIG.NUM_INPUT_ARGS, CONFIG.Mnn_AXI_NUM_ARGS)");

  // Every argument and interface name once (they become ports and C names).
  std::map<std::string, std::string> seen;   // name -> property
  auto claim = [&](const std::string& n, const std::string& prop) {
    auto key = upper(n);
    if (seen.count(key))
      throw tcl_error("CONFIG." + prop + ": name '" + n + "' is already used by CONFIG." + seen[key]);
    static const std::set<std::string> reserved = {"AP_CLK", "AP_CLK_2", "AP_RST_N", "AP_RST_N_2", "INTERRUPT",
                                                   "S_AXI_CONTROL"};
    if (reserved.count(key))
      throw tcl_error("CONFIG." + prop + ": name '" + n + "' is the kernel's own port " + n);
    seen[key] = prop;
  };
  for (size_t i = 0; i < s.scalars.size(); ++i)
    claim(s.scalars[i].name, "ARG" + two(static_cast<int>(i)) + "_NAME");
  for (size_t i = 0; i < s.masters.size(); ++i) {
    claim(s.masters[i].name, "M" + two(static_cast<int>(i)) + "_AXI_NAME");
    for (size_t j = 0; j < s.masters[i].args.size(); ++j)
      claim(s.masters[i].args[j].name, "M" + two(static_cast<int>(i)) + "_AXI_ARG" + two(static_cast<int>(j)) + "_NAME");
  }
  for (size_t i = 0; i < s.streams.size(); ++i)
    claim(s.streams[i].name, "AXIS" + two(static_cast<int>(i)) + "_NAME");
  return s;
}

} // namespace xrtemu::vivado
