// RTL kernels: `xrtemu package_xo` (Vivado's package_xo, for an emulator).
// A Verilog/SystemVerilog kernel plus its Vitis kernel.xml becomes an .xo
// that `xrtemu link` takes like a compiled HLS kernel: Verilator turns the
// RTL into C++, a generated wrapper drives it through the bridges of
// kernels/include/xrtemu/rtl/ (kernel_runner.hpp) from the kernel model's
// run(argv), and everything is archived into the .xo.
#pragma once

#include "xrtemu/vpp/kernel_interface.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace xrtemu::vpp {

// One <port> of kernel.xml.
struct rtl_port
{
  std::string name;        // "m_axi_gmem", "s_axi_control", "s_axis_in"
  std::string mode;        // slave | master | read_only | write_only
  uint32_t data_width = 0; // bits
  std::string port_type;   // addressable | stream
  uint64_t range = 0;
};

struct rtl_kernel_xml
{
  std::string file;
  kernel_desc kernel;      // args with kernel.xml offsets; model_abi 2
  std::vector<rtl_port> ports;
  bool interrupt = false;  // <kernel interrupt="true">
};

// Reads a Vitis RTL kernel.xml (<root><kernel name hwControlProtocol>
// <ports><port .../></ports><args><arg .../></args></kernel></root>) and
// takes the kernel named `kernel` (the only one when empty).  Throws
// vpp::error naming the file and the element at fault.
rtl_kernel_xml read_kernel_xml(const std::string& path, const std::string& kernel);

// A top-module port as Verilator declares it in the generated class.
struct module_port
{
  std::string name;     // Verilog name: "interrupt"
  std::string member;   // C++ member: "__SYM__interrupt"
  bool input = false;
  uint32_t bits = 1;
};

// Ports from the generated V<prefix>.h (VL_IN8(&name,msb,lsb); ...).
std::vector<module_port> parse_verilated_ports(const std::string& header_text);

// How each kernel.xml interface maps onto module ports; checks names,
// directions and widths.  Throws vpp::error naming kernel.xml, the port and
// the module (and its file) on a mismatch; warnings go to `log`.
struct rtl_binding
{
  struct signal
  {
    std::string role;     // "AWVALID", "TDATA", ...
    const module_port* port = nullptr;
  };
  struct interface
  {
    const rtl_port* port = nullptr;
    std::vector<signal> signals;
  };
  const module_port* clock = nullptr;
  const module_port* reset_n = nullptr;
  const module_port* clock2 = nullptr;     // ap_clk_2, optional
  const module_port* reset_n2 = nullptr;   // ap_rst_n_2, optional
  const module_port* interrupt = nullptr;
  std::vector<interface> interfaces;   // in kernel.xml order
};
rtl_binding bind_rtl_ports(const rtl_kernel_xml& k, const std::vector<module_port>& ports,
                           const std::string& module_where, std::ostream& log);

// The wrapper's C++ (the model entry k.kernel.entry for the verilated class).
std::string rtl_wrapper_source(const rtl_kernel_xml& k, const rtl_binding& b, const std::string& verilated_class,
                               bool trace);

struct rtl_package_request
{
  std::string kernel;                   // --kernel_name
  std::string kernel_xml;               // --kernel_xml
  std::string kernel_xml_text;          // or kernel.xml itself (derived from component.xml)
  std::string output_kernel_xml;        // also write the kernel.xml used here
  std::vector<std::string> sw_model_sources;   // C/C++ model for sw_emu (-kernel_files)
  std::vector<std::string> sources;     // .v / .sv
  std::vector<std::string> includes;    // Verilog include directories
  std::vector<std::string> defines;     // Verilog defines NAME[=VALUE]
  std::string top;                      // top module, default: the kernel name
  std::string kernel_include_dir;       // our headers (kernel_model.h, xrtemu/rtl)
  std::string platform;                 // recorded in the .xo
  std::string output;                   // .xo
  std::string temps_dir;                // keep intermediates there
  bool trace = true;                    // build FST support (XRTEMU_WAVES)
  bool verbose = false;
};

void package_rtl_kernel(const rtl_package_request& req, std::ostream& log);

// package_xo -ip_directory: the sources, include directories and top module
// of the IP packaged there (component.xml), and unless req.kernel_xml is
// set, the kernel.xml derived from its interfaces and register map.  A
// directory without component.xml gives every .v/.sv below it as a source
// (.vh/.svh directories as include paths).
void use_ip_directory(rtl_package_request& req, const std::string& dir, const std::string& ctrl_protocol,
                      std::ostream& log);

} // namespace xrtemu::vpp
