// kernel.xml from a packaged IP core, as Vivado's package_xo derives it
// when no -kernel_xml is given: ports from the bus interfaces, arguments
// from the control slave's register map (ASSOCIATED_BUSIF makes a register
// a pointer into that AXI4 master) and from the AXI4-Stream interfaces.
// The register map is checked against the RTL ports on the way.
#include "xrtemu/vpp/ip_core.h"
#include "xrtemu/vpp/kernel_interface.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <sstream>

namespace xrtemu::vpp {

namespace {

std::string hex(uint64_t v)
{
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llX", static_cast<unsigned long long>(v));
  return buf;
}

std::string upper(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string xml_escape(const std::string& s)
{
  std::string out;
  for (char c : s)
    out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : c == '"' ? "&quot;" : std::string(1, c);
  return out;
}

// Width of the port a bus interface maps `logical` onto (0 when unmapped).
uint32_t width_of(const ip_core& core, const ip_bus_interface& b, const std::string& logical)
{
  if (auto* phys = b.physical(logical))
    if (auto* p = core.find_port(*phys))
      return p->width();
  return 0;
}

bool is_control_register(const ip_register& r)
{
  auto n = upper(r.name);
  return n == "CTRL" || n == "GIER" || n == "IP_IER" || n == "IP_ISR";
}

} // namespace

std::string kernel_xml_from_ip(const ip_core& core, const std::string& kernel, const std::string& ctrl_protocol,
                               std::ostream& log)
{
  auto who = "kernel '" + kernel + "' (IP " + core.vlnv() + ", module " + core.top + ")";
  std::vector<const ip_bus_interface*> slaves, masters, streams;
  const ip_bus_interface* interrupt = nullptr;
  for (auto& b : core.bus_interfaces) {
    auto k = b.kind();
    if (k == "aximm")
      (b.mode == "slave" ? slaves : masters).push_back(&b);
    else if (k == "axis")
      streams.push_back(&b);
    else if (k == "interrupt")
      interrupt = &b;
  }
  if (slaves.size() > 1) {
    std::string names;
    for (auto* s : slaves)
      names += (names.empty() ? "" : ", ") + s->name;
    throw error(who + ": more than one AXI4-Lite slave (" + names + "); a Vitis kernel has one control slave");
  }
  const ip_bus_interface* slave = slaves.empty() ? nullptr : slaves.front();
  auto protocol = ctrl_protocol.empty() ? (slave ? "ap_ctrl_hs" : "ap_ctrl_none") : ctrl_protocol;
  if (protocol != "ap_ctrl_hs" && protocol != "ap_ctrl_chain" && protocol != "ap_ctrl_none" && protocol != "user_managed")
    throw error("-ctrl_protocol " + protocol + ": not ap_ctrl_hs, ap_ctrl_chain, ap_ctrl_none or user_managed");
  bool started_by_xrt = protocol == "ap_ctrl_hs" || protocol == "ap_ctrl_chain";
  if (started_by_xrt && !slave)
    throw error(who + ": " + protocol + " needs an AXI4-Lite slave interface (s_axi_control) with the control "
                "registers; the core has none (use -ctrl_protocol ap_ctrl_none for a free-running kernel)");
  if (!core.find_bus_interface("ap_clk") && !core.find_port("ap_clk"))
    log << "vivado: warning: " << who << " has no ap_clk; Vitis kernels are clocked by ap_clk\n";

  // The slave's register map.
  const ip_memory_map* map = nullptr;
  if (slave) {
    auto& maps = core.memory_maps;
    for (auto* name : {&slave->memory_map_ref, &slave->name})
      for (auto& m : maps)
        if (!map && !name->empty() && upper(m.name) == upper(*name))
          map = &m;
    if (!map && maps.size() == 1)
      map = &maps.front();
    if (!map && started_by_xrt)
      throw error(who + ": the control slave " + slave->name + " has no memory map; add one with "
                  "ipx::add_memory_map and its registers (ipx::add_register) for the arguments");
  }
  uint32_t addr_bits = slave ? std::max(width_of(core, *slave, "AWADDR"), width_of(core, *slave, "ARADDR")) : 0;
  uint64_t slave_range = 0x1000;
  if (map && !map->blocks.empty())
    slave_range = std::max<uint64_t>(map->blocks.front().range, 1);

  std::ostringstream args;
  unsigned id = 0;
  std::vector<std::pair<const ip_register*, std::pair<uint64_t, uint64_t>>> taken;   // register, [first, last]
  std::vector<std::string> masters_used;
  auto master_names = [&] {
    std::string s;
    for (auto* m : masters)
      s += (s.empty() ? "" : ", ") + m->name;
    return s.empty() ? std::string("none") : s;
  };
  if (map)
    for (auto& block : map->blocks)
      for (auto& r : block.registers) {
        if (is_control_register(r) || (started_by_xrt && block.base + r.offset < 0x10))
          continue;
        auto at = block.base + r.offset;
        auto rw = "register '" + r.name + "' (" + hex(at) + ", memory map " + map->name + ", address block " +
                  block.name + ") of " + who;
        uint64_t bytes = (r.size + 7) / 8;
        if (bytes == 0)
          throw error(rw + ": size 0");
        if (addr_bits && addr_bits < 64 && at + bytes > (uint64_t(1) << addr_bits)) {
          auto* phys = slave->physical("AWADDR");
          throw error(rw + ": bytes " + hex(at) + "-" + hex(at + bytes - 1) + " lie beyond the " +
                      std::to_string(addr_bits) + " address bits of " + (phys ? *phys : slave->name + "_AWADDR") +
                      " (0x0-" + hex((uint64_t(1) << addr_bits) - 1) + ")");
        }
        for (auto& [other, span] : taken)
          if (at <= span.second && span.first <= at + bytes - 1)
            throw error(rw + ": overlaps register '" + other->name + "' (" + hex(span.first) + "-" + hex(span.second) + ")");
        taken.push_back({&r, {at, at + bytes - 1}});
        auto* busif = find_param(r.params, "ASSOCIATED_BUSIF");
        if (busif && !busif->value.empty()) {
          auto* b = core.find_bus_interface(busif->value);
          if (!b)
            throw error(rw + ": ASSOCIATED_BUSIF " + busif->value + " is no bus interface of the core (AXI4 masters: " +
                        master_names() + ")");
          if (b->kind() == "axis")
            throw error(rw + ": ASSOCIATED_BUSIF " + b->name + " is an AXI4-Stream interface; only a pointer into an "
                        "AXI4 master takes a register (AXI4 masters: " + master_names() + ")");
          if (b->kind() != "aximm" || b->mode != "master")
            throw error(rw + ": ASSOCIATED_BUSIF " + b->name + " is not an AXI4 master (" + b->kind() + " " + b->mode +
                        "); AXI4 masters: " + master_names());
          if (bytes != 8)
            throw error(rw + ": holds the address for " + b->name + " but is " + std::to_string(r.size) +
                        " bits; a device address takes a 64-bit register");
          masters_used.push_back(b->name);
          args << "      <arg name=\"" << xml_escape(r.name) << "\" addressQualifier=\"1\" id=\"" << id++
               << "\" port=\"" << xml_escape(b->name) << "\" size=\"0x8\" offset=\"" << hex(at)
               << "\" hostOffset=\"0x0\" hostSize=\"0x8\" type=\"void*\"/>\n";
        } else {
          if (!slave)
            throw error(rw + ": a scalar register without an AXI4-Lite slave to hold it");
          auto type = bytes <= 4 ? "unsigned int" : bytes == 8 ? "unsigned long" : "ap_uint<" + std::to_string(r.size) + ">";
          args << "      <arg name=\"" << xml_escape(r.name) << "\" addressQualifier=\"0\" id=\"" << id++
               << "\" port=\"" << xml_escape(slave->name) << "\" size=\"" << hex(bytes) << "\" offset=\"" << hex(at)
               << "\" hostOffset=\"0x0\" hostSize=\"" << hex(bytes) << "\" type=\"" << xml_escape(type) << "\"/>\n";
        }
      }
  for (auto* s : streams) {
    auto w = width_of(core, *s, "TDATA");
    if (!w)
      throw error(who + ": AXI4-Stream interface " + s->name + " maps no TDATA port");
    args << "      <arg name=\"" << xml_escape(s->name) << "\" addressQualifier=\"4\" id=\"" << id++ << "\" port=\""
         << xml_escape(s->name) << "\" size=\"0x0\" offset=\"0x0\" hostOffset=\"0x0\" hostSize=\"" << hex((w + 7) / 8)
         << "\" type=\"stream&lt;ap_uint&lt;" << w << "&gt;&gt;\"/>\n";
  }
  for (auto* m : masters)
    if (std::find(masters_used.begin(), masters_used.end(), m->name) == masters_used.end())
      log << "vivado: warning: AXI4 master " << m->name << " of " << who
          << " has no register with ASSOCIATED_BUSIF naming it; no argument reaches it\n";

  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<!-- Derived by xrtemu's vivado from IP " << xml_escape(core.vlnv()) << " (component.xml) -->\n"
    << "<root versionMajor=\"1\" versionMinor=\"6\">\n"
    << "  <kernel name=\"" << xml_escape(kernel) << "\" language=\"ip_c\" vlnv=\"" << xml_escape(core.vlnv())
    << "\" attributes=\"\" preferredWorkGroupSizeMultiple=\"0\" workGroupSize=\"1\" interrupt=\""
    << (interrupt ? "true" : "false") << "\" hwControlProtocol=\"" << protocol << "\">\n"
    << "    <ports>\n";
  if (slave)
    x << "      <port name=\"" << xml_escape(slave->name) << "\" mode=\"slave\" range=\"" << hex(slave_range)
      << "\" dataWidth=\"" << std::max(width_of(core, *slave, "WDATA"), width_of(core, *slave, "RDATA"))
      << "\" portType=\"addressable\" base=\"0x0\"/>\n";
  for (auto* m : masters)
    x << "      <port name=\"" << xml_escape(m->name) << "\" mode=\"master\" range=\"0xFFFFFFFFFFFFFFFF\" dataWidth=\""
      << std::max(width_of(core, *m, "WDATA"), width_of(core, *m, "RDATA")) << "\" portType=\"addressable\" base=\"0x0\"/>\n";
  for (auto* s : streams)
    x << "      <port name=\"" << xml_escape(s->name) << "\" mode=\"" << (s->mode == "master" ? "write_only" : "read_only")
      << "\" dataWidth=\"" << width_of(core, *s, "TDATA") << "\" portType=\"stream\"/>\n";
  x << "    </ports>\n    <args>\n" << args.str() << "    </args>\n  </kernel>\n</root>\n";
  return x.str();
}

} // namespace xrtemu::vpp
