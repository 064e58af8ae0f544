// The IP core model (ip_core.h): look-ups, Vivado-style interface
// inference from port names, and the top module's ports read from
// Verilator's XML view of the design.
#include "xrtemu/vpp/ip_core.h"
#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/run_tool.h"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
namespace pt = boost::property_tree;

namespace xrtemu::vpp {

namespace {

std::string upper(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

bool iequal(const std::string& a, const std::string& b) { return upper(a) == upper(b); }

const std::set<std::string> aximm_signals = {
  "AWID", "AWADDR", "AWLEN", "AWSIZE", "AWBURST", "AWLOCK", "AWCACHE", "AWPROT", "AWQOS", "AWREGION", "AWUSER",
  "AWVALID", "AWREADY", "WID", "WDATA", "WSTRB", "WLAST", "WUSER", "WVALID", "WREADY", "BID", "BRESP", "BUSER",
  "BVALID", "BREADY", "ARID", "ARADDR", "ARLEN", "ARSIZE", "ARBURST", "ARLOCK", "ARCACHE", "ARPROT", "ARQOS",
  "ARREGION", "ARUSER", "ARVALID", "ARREADY", "RID", "RDATA", "RRESP", "RLAST", "RUSER", "RVALID", "RREADY"};
const std::set<std::string> axis_signals = {"TDATA", "TVALID", "TREADY", "TKEEP", "TSTRB", "TLAST", "TID", "TDEST", "TUSER"};

// "m_axi_gmem_AWVALID" -> ("m_axi_gmem", "AWVALID") when the tail is a bus signal.
bool split_signal(const std::string& port, const std::set<std::string>& signals, std::string& prefix, std::string& role)
{
  auto us = port.rfind('_');
  if (us == std::string::npos || us == 0)
    return false;
  auto tail = upper(port.substr(us + 1));
  if (!signals.count(tail))
    return false;
  prefix = port.substr(0, us);
  role = tail;
  return true;
}

bool is_clock_name(const std::string& n)
{
  auto u = upper(n);
  return u.find("CLK") != std::string::npos || u.find("CLOCK") != std::string::npos;
}

bool is_reset_name(const std::string& n)
{
  auto u = upper(n);
  return u.find("RST") != std::string::npos || u.find("RESET") != std::string::npos;
}

bool active_low(const std::string& n)
{
  auto u = upper(n);
  return !u.empty() && (u.back() == 'N' || u.size() > 2 && u.compare(u.size() - 2, 2, "_B") == 0);
}

ip_bus_interface signal_interface(const std::string& port, const std::string& kind, const std::string& logical)
{
  ip_bus_interface b;
  b.name = port;
  b.bus_type = "xilinx.com:signal:" + kind + ":1.0";
  b.abstraction = "xilinx.com:signal:" + kind + "_rtl:1.0";
  b.mode = kind == "interrupt" ? "master" : "slave";
  b.port_maps.push_back({logical, port});
  if (kind == "reset")
    b.params.push_back({"POLARITY", active_low(port) ? "ACTIVE_LOW" : "ACTIVE_HIGH"});
  if (kind == "interrupt")
    b.params.push_back({"SENSITIVITY", "LEVEL_HIGH"});
  return b;
}

// The aximm or axis interface named `prefix` over every matching port.
ip_bus_interface bus_interface(const ip_core& core, const std::string& prefix, bool stream)
{
  ip_bus_interface b;
  b.name = prefix;
  auto kind = stream ? std::string("axis") : std::string("aximm");
  b.bus_type = "xilinx.com:interface:" + kind + ":1.0";
  b.abstraction = "xilinx.com:interface:" + kind + "_rtl:1.0";
  std::string p, role;
  for (auto& port : core.ports)
    if (split_signal(port.name, stream ? axis_signals : aximm_signals, p, role) && p == prefix)
      b.port_maps.push_back({role, port.name});
  auto dir_of = [&](const char* role_name) -> std::string {
    if (auto* phys = b.physical(role_name))
      if (auto* port = core.find_port(*phys))
        return port->direction;
    return "";
  };
  if (stream) {
    b.mode = dir_of("TVALID") == "out" ? "master" : "slave";
  } else {
    auto v = dir_of("AWVALID");
    if (v.empty())
      v = dir_of("ARVALID");
    b.mode = v == "out" ? "master" : "slave";
    bool full = b.physical("AWLEN") || b.physical("ARLEN");
    b.params.push_back({"PROTOCOL", full ? "AXI4" : "AXI4LITE"});
  }
  return b;
}

} // namespace

const ip_param* find_param(const std::vector<ip_param>& params, const std::string& name)
{
  for (auto& p : params)
    if (iequal(p.name, name))
      return &p;
  return nullptr;
}

void set_param(std::vector<ip_param>& params, const std::string& name, const std::string& value)
{
  for (auto& p : params)
    if (iequal(p.name, name)) {
      p.value = value;
      return;
    }
  params.push_back({name, value});
}

std::string ip_bus_interface::kind() const
{
  auto a = bus_type.find(':'), b = a == std::string::npos ? a : bus_type.find(':', a + 1);
  if (b == std::string::npos)
    return bus_type;
  auto c = bus_type.find(':', b + 1);
  return bus_type.substr(b + 1, c == std::string::npos ? std::string::npos : c - b - 1);
}

const std::string* ip_bus_interface::physical(const std::string& logical) const
{
  auto* p = find_param(port_maps, logical);
  return p ? &p->value : nullptr;
}

ip_bus_interface* ip_core::find_bus_interface(const std::string& n)
{
  for (auto& b : bus_interfaces)
    if (iequal(b.name, n))
      return &b;
  return nullptr;
}

const ip_bus_interface* ip_core::find_bus_interface(const std::string& n) const
{
  return const_cast<ip_core*>(this)->find_bus_interface(n);
}

const ip_port* ip_core::find_port(const std::string& n) const
{
  for (auto& p : ports)
    if (p.name == n)
      return &p;
  return nullptr;
}

ip_memory_map* ip_core::find_memory_map(const std::string& n)
{
  for (auto& m : memory_maps)
    if (iequal(m.name, n))
      return &m;
  return nullptr;
}

std::vector<std::string> ip_core::hdl_sources() const
{
  std::vector<std::string> out;
  for (auto& f : files) {
    auto ext = fs::path(f.name).extension().string();
    bool hdl = f.type == "verilogSource" || f.type == "systemVerilogSource" ||
               (f.type.empty() && (ext == ".v" || ext == ".sv"));
    if (!hdl || f.include || ext == ".vh" || ext == ".svh")
      continue;
    auto p = fs::path(f.name).is_absolute() ? fs::path(f.name) : fs::path(root_dir) / f.name;
    auto s = p.lexically_normal().string();
    if (std::find(out.begin(), out.end(), s) == out.end())
      out.push_back(s);
  }
  return out;
}

std::vector<std::string> ip_core::include_dirs() const
{
  std::vector<std::string> out;
  for (auto& f : files) {
    auto ext = fs::path(f.name).extension().string();
    if (!f.include && ext != ".vh" && ext != ".svh" && f.type != "verilogHeader" && f.type != "systemVerilogHeader")
      continue;
    auto p = fs::path(f.name).is_absolute() ? fs::path(f.name) : fs::path(root_dir) / f.name;
    auto d = p.parent_path().lexically_normal().string();
    if (std::find(out.begin(), out.end(), d) == out.end())
      out.push_back(d);
  }
  return out;
}

ip_bus_interface infer_bus_interface(const ip_core& core, const std::string& name, const std::string& vlnv)
{
  ip_bus_interface probe;
  probe.bus_type = vlnv;
  auto kind = probe.kind();
  // The abstraction's name: clock_rtl -> clock.
  if (kind.size() > 4 && kind.compare(kind.size() - 4, 4, "_rtl") == 0)
    kind = kind.substr(0, kind.size() - 4);
  if (kind == "clock" || kind == "reset" || kind == "interrupt") {
    auto* port = core.find_port(name);
    if (!port)
      throw error("no port '" + name + "' on module " + core.top + " to infer a " + kind + " interface on");
    return signal_interface(name, kind, kind == "clock" ? "CLK" : kind == "reset" ? "RST" : "INTERRUPT");
  }
  if (kind != "aximm" && kind != "axis")
    throw error("cannot infer a " + vlnv + " interface (xrtemu knows aximm, axis, clock, reset, interrupt)");
  auto b = bus_interface(core, name, kind == "axis");
  if (b.port_maps.empty())
    throw error("no ports named " + name + "_<" + (kind == "axis" ? "TDATA" : "AWADDR") + "...> on module " +
                core.top + " to infer a " + kind + " interface on");
  return b;
}

void infer_bus_interfaces(ip_core& core, std::ostream& log)
{
  std::vector<std::string> prefixes;
  std::map<std::string, bool> is_stream;
  std::vector<ip_bus_interface> found;
  for (auto& port : core.ports) {
    std::string prefix, role;
    bool mm = split_signal(port.name, aximm_signals, prefix, role);
    bool st = !mm && split_signal(port.name, axis_signals, prefix, role);
    if ((mm || st) && !is_stream.count(prefix)) {
      prefixes.push_back(prefix);
      is_stream[prefix] = st;
    }
  }
  for (auto& prefix : prefixes) {
    auto b = bus_interface(core, prefix, is_stream[prefix]);
    bool has_valid = b.physical("TVALID") || b.physical("AWVALID") || b.physical("ARVALID");
    if (has_valid)
      found.push_back(b);
  }
  std::vector<std::string> clocks;
  for (auto& port : core.ports) {
    if (std::any_of(found.begin(), found.end(), [&](auto& b) {
          return std::any_of(b.port_maps.begin(), b.port_maps.end(), [&](auto& m) { return m.value == port.name; });
        }))
      continue;
    if (port.width() != 1 || port.vector)
      continue;
    if (port.direction == "in" && is_clock_name(port.name)) {
      found.push_back(signal_interface(port.name, "clock", "CLK"));
      clocks.push_back(port.name);
    } else if (port.direction == "in" && is_reset_name(port.name)) {
      found.push_back(signal_interface(port.name, "reset", "RST"));
    } else if (port.direction == "out" && (iequal(port.name, "interrupt") || iequal(port.name, "irq"))) {
      found.push_back(signal_interface(port.name, "interrupt", "INTERRUPT"));
    }
  }
  // Clock association: the clock whose name the reset/interface shares a
  // suffix with (ap_clk_2 <-> ap_rst_n_2), else the first clock.
  auto clock_for = [&](const std::string& name) -> ip_bus_interface* {
    if (clocks.empty())
      return nullptr;
    auto suffix = [](const std::string& n) {
      auto us = n.rfind('_');
      return us != std::string::npos && std::all_of(n.begin() + us + 1, n.end(), ::isdigit) ? n.substr(us) : std::string();
    };
    for (auto& c : clocks)
      if (!suffix(c).empty() && suffix(c) == suffix(name))
        return &*std::find_if(found.begin(), found.end(), [&](auto& b) { return b.name == c; });
    return &*std::find_if(found.begin(), found.end(), [&](auto& b) { return b.name == clocks.front(); });
  };
  std::vector<std::pair<std::string, std::string>> assoc;   // clock, what
  for (auto& b : found) {
    if (b.kind() != "aximm" && b.kind() != "axis")
      continue;
    if (clocks.empty())
      log << "vivado: warning: interface " << b.name << " has no clock to be associated with\n";
    else
      assoc.push_back({clock_for("")->name, b.name});
  }
  for (auto& b : found) {
    if (b.kind() == "reset" && !clocks.empty()) {
      auto* c = clock_for(b.name);
      auto* cur = find_param(c->params, "ASSOCIATED_RESET");
      set_param(c->params, "ASSOCIATED_RESET", cur && !cur->value.empty() ? cur->value + ":" + b.name : b.name);
    }
  }
  for (auto& [clock, what] : assoc) {
    auto c = std::find_if(found.begin(), found.end(), [&](auto& b) { return b.name == clock; });
    auto* cur = find_param(c->params, "ASSOCIATED_BUSIF");
    set_param(c->params, "ASSOCIATED_BUSIF", cur && !cur->value.empty() ? cur->value + ":" + what : what);
  }
  for (auto& b : found) {
    if (core.find_bus_interface(b.name))
      continue;
    log << "vivado: inferred " << b.kind() << " interface " << b.name << " (" << b.mode << ")\n";
    core.bus_interfaces.push_back(b);
  }
}

rtl_top read_rtl_top(const std::vector<std::string>& sources, const std::vector<std::string>& includes,
                     const std::vector<std::string>& defines, const std::string& top,
                     const std::string& kernel_include_dir)
{
  work_dir tmp("");
  std::vector<std::string> argv = {"verilator", "--xml-only", "--Mdir", tmp.path(), "--xml-output",
                                   (fs::path(tmp.path()) / "design.xml").string(), "-Wno-fatal", "-Wno-lint",
                                   "-Wno-style"};
  auto xpm = fs::path(kernel_include_dir) / "xrtemu" / "rtl" / "xpm";
  if (!kernel_include_dir.empty() && fs::is_directory(xpm))
    argv.push_back("-y"), argv.push_back(xpm.string());
  if (!top.empty())
    argv.push_back("--top-module"), argv.push_back(top);
  for (auto& i : includes)
    argv.push_back("-I" + fs::absolute(i).string());
  for (auto& d : defines)
    argv.push_back("-D" + d);
  for (auto& s : sources)
    argv.push_back(fs::absolute(s).string());
  auto log = (fs::path(tmp.path()) / "verilator.log").string();
  int rc = run_logged(argv, log, false);
  std::ifstream lin(log);
  std::string text{std::istreambuf_iterator<char>(lin), {}};
  if (rc != 0) {
    std::string errs;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l) && errs.size() < 4000;)
      if (l.rfind("%Error", 0) == 0 || (!errs.empty() && l.rfind(" ", 0) == 0))
        errs += l + "\n";
    throw error("Verilator cannot elaborate the design:\n" + (errs.empty() ? text : errs));
  }
  pt::ptree tree;
  pt::read_xml((fs::path(tmp.path()) / "design.xml").string(), tree);
  auto& root = tree.get_child("verilator_xml");
  std::map<std::string, std::string> file_ids;
  if (auto files = root.get_child_optional("files"))
    for (auto& [tag, f] : *files)
      if (tag == "file")
        file_ids[f.get<std::string>("<xmlattr>.id", "")] = f.get<std::string>("<xmlattr>.filename", "");
  std::map<std::string, std::pair<int, int>> dtypes;   // id -> (left, right); absent: 1 bit
  std::set<std::string> vector_types;
  const pt::ptree* netlist = nullptr;
  for (auto& [tag, n] : root)
    if (tag == "netlist")
      netlist = &n;
  if (!netlist)
    throw error("Verilator's XML has no netlist");
  if (auto tt = netlist->get_child_optional("typetable"))
    for (auto& [tag, d] : *tt) {
      auto id = d.get<std::string>("<xmlattr>.id", "");
      auto l = d.get_optional<int>("<xmlattr>.left");
      auto r = d.get_optional<int>("<xmlattr>.right");
      if (l && r) {
        dtypes[id] = {*l, *r};
        vector_types.insert(id);
      }
    }
  rtl_top out;
  for (auto& [tag, m] : *netlist) {
    if (tag != "module" || m.get<std::string>("<xmlattr>.topModule", "") != "1")
      continue;
    out.module = m.get<std::string>("<xmlattr>.origName", m.get<std::string>("<xmlattr>.name", ""));
    auto loc = m.get<std::string>("<xmlattr>.loc", "");
    out.file = file_ids[loc.substr(0, loc.find(','))];
    for (auto& [vt, v] : m) {
      if (vt != "var")
        continue;
      auto name = v.get<std::string>("<xmlattr>.origName", v.get<std::string>("<xmlattr>.name", ""));
      auto dir = v.get<std::string>("<xmlattr>.dir", "");
      if (v.get<std::string>("<xmlattr>.param", "") == "true") {
        std::string value;
        if (auto c = v.get_child_optional("const"))
          value = c->get<std::string>("<xmlattr>.name", "");
        // Verilator spells constants 32'sh20: keep the number.
        if (auto q = value.find('\''); q != std::string::npos && q + 2 < value.size()) {
          auto base = value[q + 1] == 's' ? value[q + 2] : value[q + 1];
          auto digits = value.substr(value.find_first_not_of("sbodhSBODH", q + 1));
          try {
            value = std::to_string(std::stoull(digits, nullptr, base == 'h' ? 16 : base == 'b' ? 2 : base == 'o' ? 8 : 10));
          }
          catch (const std::exception&) {
          }
        }
        out.params.push_back({name, value});
        continue;
      }
      if (dir.empty())
        continue;
      ip_port p;
      p.name = name;
      p.direction = dir == "input" ? "in" : dir == "output" ? "out" : "inout";
      auto id = v.get<std::string>("<xmlattr>.dtype_id", "");
      if (auto it = dtypes.find(id); it != dtypes.end()) {
        p.left = it->second.first;
        p.right = it->second.second;
        p.vector = true;
      }
      out.ports.push_back(p);
    }
    break;
  }
  if (out.module.empty())
    throw error("Verilator found no top module in the design");
  return out;
}

} // namespace xrtemu::vpp
