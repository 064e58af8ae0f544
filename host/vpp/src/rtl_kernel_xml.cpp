// kernel.xml of an RTL kernel, the ports of its verilated top module, and
// how the two line up.  The XML follows the Vitis RTL kernel format
// (UG1393 "RTL Kernels": <kernel> with hwControlProtocol, <port> with
// mode/dataWidth/portType, <arg> with addressQualifier/port/offset/size);
// the signal names follow the Vitis convention <interface>_<SIGNAL>, in any
// case.
#include "xrtemu/vpp/rtl_kernel.h"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

namespace pt = boost::property_tree;

namespace xrtemu::vpp {

namespace {

std::string lower(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

uint64_t number(const std::string& text, const std::string& where)
{
  try {
    size_t used = 0;
    auto v = std::stoull(text, &used, 0);
    if (used == text.size())
      return v;
  }
  catch (const std::exception&) {
  }
  throw error(where + ": '" + text + "' is not a number");
}

std::string attr(const pt::ptree& node, const char* name)
{
  return node.get<std::string>(std::string("<xmlattr>.") + name, "");
}

} // namespace

rtl_kernel_xml read_kernel_xml(const std::string& path, const std::string& kernel)
{
  pt::ptree tree;
  try {
    pt::read_xml(path, tree);
  }
  catch (const pt::xml_parser_error& e) {
    throw error(path + ":" + std::to_string(e.line()) + ": not a kernel.xml: " + e.message());
  }
  auto root = tree.get_child_optional("root");
  if (!root)
    throw error(path + ": no <root> element (a Vitis kernel.xml is <root><kernel ...>)");
  const pt::ptree* kn = nullptr;
  std::string names;
  for (auto& [tag, node] : *root) {
    if (tag != "kernel")
      continue;
    auto n = attr(node, "name");
    names += (names.empty() ? "" : ", ") + n;
    if (kernel.empty() || n == kernel) {
      if (kn && kernel.empty())
        throw error(path + ": several <kernel> elements (" + names + "...); name one with --kernel_name");
      kn = &node;
    }
  }
  if (!kn)
    throw error(path + ": no <kernel name=\"" + kernel + "\"> (kernels: " + (names.empty() ? "none" : names) + ")");

  rtl_kernel_xml out;
  out.file = path;
  auto& k = out.kernel;
  k.name = attr(*kn, "name");
  if (k.name.empty())
    throw error(path + ": <kernel> without a name");
  std::string where = path + ": kernel '" + k.name + "'";
  k.control = attr(*kn, "hwControlProtocol");
  if (k.control.empty())
    k.control = "ap_ctrl_hs";
  // A user-managed kernel (newer Vitis) is started by the host through its
  // own registers (xrt::ip), never by XRT: to XRT 2.13 that is ap_ctrl_none,
  // and the live module answers the registers.
  if (k.control == "user_managed")
    k.control = "ap_ctrl_none";
  if (k.control != "ap_ctrl_hs" && k.control != "ap_ctrl_chain" && k.control != "ap_ctrl_none")
    throw error(where + ": hwControlProtocol=\"" + k.control +
                "\" is not supported (ap_ctrl_hs, ap_ctrl_chain, ap_ctrl_none or user_managed)");
  out.interrupt = lower(attr(*kn, "interrupt")) == "true";
  k.source = path;
  k.entry = "xrtemu_run_" + k.name;
  k.model_abi = 2;
  k.language = "ip_c";

  if (auto ports = kn->get_child_optional("ports"))
    for (auto& [tag, pn] : *ports) {
      if (tag != "port")
        continue;
      rtl_port p;
      p.name = attr(pn, "name");
      p.mode = attr(pn, "mode");
      p.port_type = attr(pn, "portType");
      auto pw = where + ": <port name=\"" + p.name + "\">";
      if (p.name.empty())
        throw error(where + ": <port> without a name");
      if (p.mode != "slave" && p.mode != "master" && p.mode != "read_only" && p.mode != "write_only")
        throw error(pw + ": mode=\"" + p.mode + "\" is not slave, master, read_only or write_only");
      auto dw = attr(pn, "dataWidth");
      p.data_width = dw.empty() ? 0 : static_cast<uint32_t>(number(dw, pw + ": dataWidth"));
      auto range = attr(pn, "range");
      p.range = range.empty() ? 0 : number(range, pw + ": range");
      for (auto& q : out.ports)
        if (lower(q.name) == lower(p.name))
          throw error(pw + ": declared twice");
      out.ports.push_back(p);
    }
  auto find_port = [&](const std::string& name) -> const rtl_port* {
    for (auto& p : out.ports)
      if (lower(p.name) == lower(name))
        return &p;
    return nullptr;
  };
  auto port_names = [&] {
    std::string s;
    for (auto& p : out.ports)
      s += (s.empty() ? "" : ", ") + p.name;
    return s.empty() ? std::string("none") : s;
  };
  if (std::count_if(out.ports.begin(), out.ports.end(), [](auto& p) { return p.mode == "slave"; }) > 1)
    throw error(where + ": more than one slave (AXI4-Lite control) port");
  if (k.control != "ap_ctrl_none" && !std::any_of(out.ports.begin(), out.ports.end(), [](auto& p) { return p.mode == "slave"; }))
    throw error(where + ": " + k.control + " needs an AXI4-Lite slave port (s_axi_control) for ap_start/ap_done");

  std::vector<std::pair<uint64_t, kernel_arg>> args;
  if (auto an = kn->get_child_optional("args"))
    for (auto& [tag, node] : *an) {
      if (tag != "arg")
        continue;
      kernel_arg a;
      a.name = attr(node, "name");
      if (a.name.empty())
        throw error(where + ": <arg> without a name");
      auto aw = where + ": <arg name=\"" + a.name + "\">";
      auto aq = attr(node, "addressQualifier");
      auto q = aq.empty() ? 0 : number(aq, aw + ": addressQualifier");
      a.port = attr(node, "port");
      const rtl_port* port = find_port(a.port);
      if (!port)
        throw error(aw + ": port=\"" + a.port + "\" is not among the kernel's <ports> (" + port_names() + ")");
      a.port = port->name;
      a.type = attr(node, "type");
      auto id = attr(node, "id");
      uint64_t order = id.empty() ? args.size() : number(id, aw + ": id");
      auto size = attr(node, "size");
      auto host = attr(node, "hostSize");
      if (q == 1) {
        if (port->mode != "master")
          throw error(aw + ": addressQualifier=1 (global memory) needs a master port; " + port->name + " is " + port->mode);
        a.kind = arg_kind::global;
        a.pointer = true;
        a.size = a.host_size = 8;
        a.bundle = port->name;
        if (a.type.empty())
          a.type = "void*";
      } else if (q == 4) {
        if (port->mode != "read_only" && port->mode != "write_only")
          throw error(aw + ": addressQualifier=4 (stream) needs a read_only or write_only port; " + port->name +
                      " is " + port->mode);
        a.kind = arg_kind::stream;
        a.size = 0;
        a.host_size = (port->data_width + 7) / 8;
        if (a.type.empty())
          a.type = "stream<ap_uint<" + std::to_string(port->data_width ? port->data_width : 32) + ">>";
      } else if (q == 0) {
        if (port->mode != "slave")
          throw error(aw + ": addressQualifier=0 (scalar) belongs on the slave port; " + port->name + " is " + port->mode);
        a.kind = arg_kind::scalar;
        a.size = size.empty() ? 4 : static_cast<uint32_t>(number(size, aw + ": size"));
        a.host_size = host.empty() ? a.size : static_cast<uint32_t>(number(host, aw + ": hostSize"));
        if (!a.size || a.size > 64)
          throw error(aw + ": size=" + size + " (1..64 bytes)");
        a.size = (a.size + 3) / 4 * 4;
        if (a.type.empty())
          a.type = a.host_size == 8 ? "unsigned long" : "unsigned int";
      } else {
        throw error(aw + ": addressQualifier=" + aq + " is not 0 (scalar), 1 (global) or 4 (stream)");
      }
      if (a.kind != arg_kind::stream) {
        auto off = attr(node, "offset");
        if (off.empty())
          throw error(aw + ": no offset (register offset in " + port->name + " is needed)");
        a.offset = static_cast<uint32_t>(number(off, aw + ": offset"));
        if (a.offset < 0x10 && k.control != "ap_ctrl_none")
          throw error(aw + ": offset " + off + " overlaps AP_CTRL/GIE/IER/ISR (arguments start at 0x10)");
        if (a.offset % 4)
          throw error(aw + ": offset " + off + " is not a multiple of 4");
      }
      for (auto& [o, b] : args)
        if (b.name == a.name)
          throw error(aw + ": declared twice");
      args.emplace_back(order, a);
    }
  std::stable_sort(args.begin(), args.end(), [](auto& x, auto& y) { return x.first < y.first; });
  for (auto& [o, a] : args)
    k.args.push_back(a);
  // Register words must not overlap.
  for (size_t i = 0; i < k.args.size(); ++i)
    for (size_t j = i + 1; j < k.args.size(); ++j) {
      auto& a = k.args[i];
      auto& b = k.args[j];
      if (a.kind == arg_kind::stream || b.kind == arg_kind::stream)
        continue;
      if (a.offset < b.offset + b.size && b.offset < a.offset + a.size)
        throw error(where + ": arguments '" + a.name + "' and '" + b.name + "' overlap in the register map");
    }
  // An address reaches a free-running RTL kernel only through its control
  // slave (the host writes it with xrt::ip).
  bool slave = std::any_of(out.ports.begin(), out.ports.end(), [](auto& p) { return p.mode == "slave"; });
  if (k.control == "ap_ctrl_none" && !slave)
    for (auto& a : k.args)
      if (a.kind == arg_kind::global)
        throw error(where + ": ap_ctrl_none without a control slave, but argument '" + a.name +
                    "' is an m_axi port: nothing could give it an address");
  return out;
}

std::vector<module_port> parse_verilated_ports(const std::string& header)
{
  static const std::regex decl(R"(VL_(IN|OUT|INOUT)(8|16|64|W)?\(&(\w+),(\d+),(\d+)(,\d+)?\);)");
  std::vector<module_port> out;
  for (std::sregex_iterator it(header.begin(), header.end(), decl), end; it != end; ++it) {
    auto& m = *it;
    module_port p;
    p.member = m[3];
    p.name = p.member;
    // Verilator renames ports that are C++ words (interrupt -> __SYM__interrupt).
    if (p.name.rfind("__SYM__", 0) == 0)
      p.name = p.name.substr(7);
    p.input = m[1] == "IN";
    p.bits = static_cast<uint32_t>(std::stoul(m[4]) - std::stoul(m[5]) + 1);
    if (m[1] == "INOUT")
      throw error("module port " + p.name + " is inout; kernel interfaces are inputs and outputs");
    out.push_back(p);
  }
  return out;
}

namespace {

struct role
{
  const char* name;
  bool input;      // direction as seen from the module
  bool required;
  char group;      // masters: 'w' write channels, 'r' read channels; else 0
};

// AXI4-Lite slave (s_axi_control): the module is the slave.
const role lite_roles[] = {
  {"AWVALID", true, true, 0}, {"AWREADY", false, true, 0}, {"AWADDR", true, true, 0},
  {"WVALID", true, true, 0},  {"WREADY", false, true, 0},  {"WDATA", true, true, 0},
  {"WSTRB", true, false, 0},  {"BVALID", false, true, 0},  {"BREADY", true, true, 0},
  {"BRESP", false, false, 0}, {"ARVALID", true, true, 0},  {"ARREADY", false, true, 0},
  {"ARADDR", true, true, 0},  {"RVALID", false, true, 0},  {"RREADY", true, true, 0},
  {"RDATA", false, true, 0},  {"RRESP", false, false, 0}};

// AXI4 master (m_axi_*): the module is the master.
const role master_roles[] = {
  {"AWVALID", false, true, 'w'}, {"AWREADY", true, true, 'w'}, {"AWADDR", false, true, 'w'},
  {"AWLEN", false, false, 'w'},  {"AWSIZE", false, false, 'w'}, {"AWBURST", false, false, 'w'},
  {"AWID", false, false, 'w'},   {"WVALID", false, true, 'w'},  {"WREADY", true, true, 'w'},
  {"WDATA", false, true, 'w'},   {"WSTRB", false, false, 'w'},  {"WLAST", false, false, 'w'},
  {"BVALID", true, true, 'w'},   {"BREADY", false, true, 'w'},  {"BRESP", true, false, 'w'},
  {"BID", true, false, 'w'},
  {"ARVALID", false, true, 'r'}, {"ARREADY", true, true, 'r'}, {"ARADDR", false, true, 'r'},
  {"ARLEN", false, false, 'r'},  {"ARSIZE", false, false, 'r'}, {"ARBURST", false, false, 'r'},
  {"ARID", false, false, 'r'},   {"RVALID", true, true, 'r'},   {"RREADY", false, true, 'r'},
  {"RDATA", true, true, 'r'},    {"RRESP", true, false, 'r'},   {"RLAST", true, false, 'r'},
  {"RID", true, false, 'r'}};

// AXI4-Stream into the module (read_only); write_only flips every direction.
const role stream_roles[] = {
  {"TVALID", true, true, 0}, {"TREADY", false, false, 0}, {"TDATA", true, true, 0},
  {"TKEEP", true, false, 0}, {"TSTRB", true, false, 0},   {"TLAST", true, false, 0},
  {"TUSER", true, false, 0}, {"TID", true, false, 0},     {"TDEST", true, false, 0}};

} // namespace

rtl_binding bind_rtl_ports(const rtl_kernel_xml& k, const std::vector<module_port>& ports,
                           const std::string& module_where, std::ostream& log)
{
  std::map<std::string, const module_port*> by_name;
  for (auto& p : ports)
    by_name[lower(p.name)] = &p;
  std::set<const module_port*> claimed;
  auto find = [&](const std::string& n) -> const module_port* {
    auto it = by_name.find(lower(n));
    return it == by_name.end() ? nullptr : it->second;
  };
  auto list = [&] {
    std::string s;
    for (auto& p : ports)
      s += (s.empty() ? "" : ", ") + p.name;
    return s;
  };
  auto xml = k.file + ": port '";

  rtl_binding b;
  b.clock = find("ap_clk");
  if (!b.clock || !b.clock->input)
    throw error(module_where + " has no input ap_clk; Vitis RTL kernels are clocked by ap_clk (ports: " + list() + ")");
  claimed.insert(b.clock);
  b.reset_n = find("ap_rst_n");
  if (b.reset_n) {
    if (!b.reset_n->input)
      throw error(module_where + ": ap_rst_n is an output; it is the kernel's active-low reset input");
    claimed.insert(b.reset_n);
  } else {
    log << "xrtemu package_xo: warning: " << module_where << " has no ap_rst_n; the kernel is never reset\n";
  }
  b.interrupt = find("interrupt");
  if (b.interrupt) {
    if (b.interrupt->input)
      throw error(module_where + ": interrupt is an input; it is the kernel's interrupt output");
    claimed.insert(b.interrupt);
  }
  // The optional second clock and its reset (UG1393), inputs like the first.
  b.clock2 = find("ap_clk_2");
  b.reset_n2 = find("ap_rst_n_2");
  for (auto* p : {b.clock2, b.reset_n2})
    if (p && !p->input)
      throw error(module_where + ": " + p->name + " is an output; it is an input of the kernel");
  claimed.insert(b.clock2);
  claimed.insert(b.reset_n2);

  for (auto& port : k.ports) {
    rtl_binding::interface itf;
    itf.port = &port;
    const role* roles;
    size_t n;
    bool flip = false;
    std::string what;
    if (port.mode == "slave") {
      roles = lite_roles;
      n = std::size(lite_roles);
      what = "an AXI4-Lite slave";
    } else if (port.mode == "master") {
      roles = master_roles;
      n = std::size(master_roles);
      what = "an AXI4 master";
    } else {
      roles = stream_roles;
      n = std::size(stream_roles);
      flip = port.mode == "write_only";
      what = flip ? "an AXI4-Stream output (write_only)" : "an AXI4-Stream input (read_only)";
    }
    bool any = false;
    for (size_t i = 0; i < n; ++i)
      any = any || find(port.name + "_" + roles[i].name);
    if (!any)
      throw error(xml + port.name + "' (" + what + ") has no signals in " + module_where + ": expected " + port.name +
                  "_" + roles[0].name + " and the like (ports: " + list() + ")");
    // A master may have only its read or only its write channels.
    bool has_w = find(port.name + "_AWVALID"), has_r = find(port.name + "_ARVALID");
    if (port.mode == "master" && !has_w && !has_r)
      throw error(xml + port.name + "': " + module_where + " has neither " + port.name + "_ARVALID nor " + port.name +
                  "_AWVALID");
    for (size_t i = 0; i < n; ++i) {
      auto& r = roles[i];
      if ((r.group == 'w' && !has_w) || (r.group == 'r' && !has_r))
        continue;
      auto sig = port.name + "_" + r.name;
      auto* mp = find(sig);
      bool input = flip ? !r.input : r.input;
      if (!mp) {
        if (r.required)
          throw error(xml + port.name + "' (" + what + "): " + module_where + " has no " + sig);
        continue;
      }
      if (mp->input != input)
        throw error(xml + port.name + "' (" + what + "): " + mp->name + " is an " + (mp->input ? "input" : "output") +
                    " of " + module_where + " but should be an " + (input ? "input" : "output"));
      claimed.insert(mp);
      itf.signals.push_back({r.name, mp});
    }
    // Widths kernel.xml states must be what the module has.
    auto width_of = [&](const char* r) -> const module_port* {
      for (auto& s : itf.signals)
        if (s.role == r)
          return s.port;
      return nullptr;
    };
    for (const char* data : {"RDATA", "WDATA", "TDATA"}) {
      auto* mp = width_of(data);
      if (!mp)
        continue;
      uint32_t want = port.mode == "slave" ? 32 : port.data_width;
      if (want && mp->bits != want)
        throw error(xml + port.name + "': dataWidth is " + std::to_string(want) + " but " + mp->name + " of " +
                    module_where + " is " + std::to_string(mp->bits) + " bits");
      if (mp->bits % 8)
        throw error(xml + port.name + "': " + mp->name + " of " + module_where + " is " + std::to_string(mp->bits) +
                    " bits; data buses are whole bytes");
    }
    for (const char* addr : {"ARADDR", "AWADDR"})
      if (auto* mp = width_of(addr); mp && mp->bits > 64)
        throw error(xml + port.name + "': " + mp->name + " is wider than 64 bits");
    b.interfaces.push_back(std::move(itf));
  }
  // Arguments must name interfaces that exist in the module (read_kernel_xml
  // already matched them to <port>s); report inputs nothing drives.
  for (auto& p : ports) {
    if (claimed.count(&p) || !p.input)
      continue;
    std::string owner;
    for (auto& port : k.ports)
      if (lower(p.name).rfind(lower(port.name) + "_", 0) == 0)
        owner = port.name;
    log << "xrtemu package_xo: warning: input " << p.name << " of " << module_where
        << (owner.empty() ? " belongs to no kernel.xml port" : " (port " + owner + ") is not modelled")
        << "; it is held at 0\n";
  }
  return b;
}

} // namespace xrtemu::vpp
