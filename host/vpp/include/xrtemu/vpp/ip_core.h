// An IP core as Vivado's IP packager (ipx::*) describes it and writes it to
// component.xml (IP-XACT, IEEE 1685-2009 "spirit" schema): the top module's
// ports, bus interfaces (AXI4, AXI4-Lite, AXI4-Stream, clock, reset,
// interrupt) with their port maps and parameters, memory maps with
// registers, the files.  The `vivado` command builds one from RTL
// (ipx::package_project), edits it from Tcl and saves it; package_xo reads
// it back and derives the Vitis kernel.xml from it.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace xrtemu::vpp {

struct ip_param
{
  std::string name;
  std::string value;
};

// Looks a parameter up by name (case-insensitive); nullptr when absent.
const ip_param* find_param(const std::vector<ip_param>& params, const std::string& name);
void set_param(std::vector<ip_param>& params, const std::string& name, const std::string& value);

struct ip_port
{
  std::string name;
  std::string direction;   // in | out | inout
  int left = 0, right = 0; // vector bounds; both 0 for a scalar
  bool vector = false;
  uint32_t width() const { return static_cast<uint32_t>((left > right ? left - right : right - left) + 1); }
};

struct ip_bus_interface
{
  std::string name;
  std::string bus_type;     // VLNV: xilinx.com:interface:aximm:1.0
  std::string abstraction;  // VLNV: xilinx.com:interface:aximm_rtl:1.0
  std::string mode;         // master | slave
  std::vector<ip_param> port_maps;   // logical (AWVALID) -> physical port (m_axi_gmem_AWVALID)
  std::vector<ip_param> params;      // ASSOCIATED_BUSIF, POLARITY, PROTOCOL...
  std::string memory_map_ref;        // a slave's memory map

  // The short bus type: aximm, axis, clock, reset, interrupt (or the VLNV's name).
  std::string kind() const;
  const std::string* physical(const std::string& logical) const;
};

struct ip_field
{
  std::string name;
  std::vector<ip_param> props;   // ACCESS, BIT_OFFSET, BIT_WIDTH, DESCRIPTION...
};

struct ip_register
{
  std::string name;
  std::string description;
  uint64_t offset = 0;       // bytes from the address block's base
  uint32_t size = 32;        // bits
  std::vector<ip_param> params;  // ASSOCIATED_BUSIF
  std::vector<ip_field> fields;
};

struct ip_address_block
{
  std::string name;
  uint64_t base = 0;
  uint64_t range = 4096;
  uint32_t width = 32;
  std::string usage = "register";
  std::vector<ip_register> registers;
};

struct ip_memory_map
{
  std::string name;
  std::vector<ip_address_block> blocks;
};

struct ip_file
{
  std::string name;   // relative to the core's root directory (or absolute)
  std::string type;   // verilogSource | systemVerilogSource | verilogHeader ...
  bool include = false;
};

struct ip_core
{
  std::string vendor = "user.org", library = "user", name, version = "1.0";
  std::string top;            // HDL module (modelName)
  std::string root_dir;       // directory of component.xml
  std::string description;
  std::vector<ip_file> files;
  std::vector<ip_port> ports;
  std::vector<ip_bus_interface> bus_interfaces;
  std::vector<ip_memory_map> memory_maps;
  std::vector<ip_param> model_params;  // HDL parameters (name, default)
  std::vector<ip_param> user_params;
  std::map<std::string, std::string> properties;   // core_revision, sdx_kernel, sdx_kernel_type, ...

  std::string vlnv() const { return vendor + ":" + library + ":" + name + ":" + version; }
  ip_bus_interface* find_bus_interface(const std::string& name);
  const ip_bus_interface* find_bus_interface(const std::string& name) const;
  const ip_port* find_port(const std::string& name) const;
  ip_memory_map* find_memory_map(const std::string& name);
  // The absolute paths of the HDL sources and include directories.
  std::vector<std::string> hdl_sources() const;
  std::vector<std::string> include_dirs() const;
};

// Vivado's interface inference on the top module's ports: groups of
// <prefix>_<AXI signal> become aximm (master when AWVALID/ARVALID are
// outputs) or axis interfaces (master when TVALID is an output), 1-bit
// inputs named like clocks and resets become clock and reset interfaces
// (active low when the name ends in n), an output named interrupt an
// interrupt; with one clock, every interface is associated with it.
void infer_bus_interfaces(ip_core& core, std::ostream& log);

// ipx::infer_bus_interface(s): one interface of the given bus type on the
// named port (clock/reset/interrupt) or port prefix (aximm/axis).  Throws
// vpp::error when no port matches.
ip_bus_interface infer_bus_interface(const ip_core& core, const std::string& name, const std::string& vlnv);

// component.xml.  read throws vpp::error naming the file and element.
ip_core read_component_xml(const std::string& path);
void write_component_xml(const ip_core& core, const std::string& path);

// The Vitis kernel.xml of an RTL kernel packaged as `core`: the AXI4-Lite
// slave and AXI4 masters become addressable ports, AXI4-Stream interfaces
// stream ports; each register of the slave's memory map beyond the control
// registers (CTRL, GIER, IP_IER, IP_ISR) is an argument (a pointer when it
// names an AXI4 master in ASSOCIATED_BUSIF), then each stream interface.
// `ctrl_protocol` empty: ap_ctrl_hs, or ap_ctrl_none without a slave.
// Throws vpp::error naming the register and the port when the register map
// disagrees with the RTL (an unknown or non-master ASSOCIATED_BUSIF, a
// pointer register narrower than 64 bits, a register outside the slave's
// address bits or overlapping another).
std::string kernel_xml_from_ip(const ip_core& core, const std::string& kernel, const std::string& ctrl_protocol,
                               std::ostream& log);

// The top module's ports and parameters as Verilator elaborates them
// (verilator --xml-only).  `top` empty: the module nobody instantiates.
struct rtl_top
{
  std::string module;
  std::string file;
  std::vector<ip_port> ports;
  std::vector<ip_param> params;
};
rtl_top read_rtl_top(const std::vector<std::string>& sources, const std::vector<std::string>& includes,
                     const std::vector<std::string>& defines, const std::string& top,
                     const std::string& kernel_include_dir);

} // namespace xrtemu::vpp
