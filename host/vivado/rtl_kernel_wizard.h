// The RTL Kernel Wizard (create_ip -name rtl_kernel_wizard) in xrtemu's
// `vivado`: its CONFIG.* properties (checked as they are set), the kernel
// they describe, and the example project open_example_project writes from
// it: the top-level Verilog, the AXI4-Lite control slave, the example logic
// (every 32-bit word +1), kernel.xml, package_kernel.tcl and a C model.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace xrtemu::vivado {

struct wizard_scalar
{
  std::string name, type;   // type: uint, int, float, ulong, long, double
  uint32_t bytes = 4;
  uint32_t offset = 0;      // control register offset
};

struct wizard_master
{
  std::string name;          // the AXI4 interface (m00_axi)
  uint32_t data_bytes = 64;
  struct pointer { std::string name; uint32_t offset = 0; };
  std::vector<pointer> args;
};

struct wizard_stream
{
  std::string name;
  bool input = false;        // read_only (into the kernel); else write_only
  uint32_t bytes = 64;
};

struct wizard_spec
{
  std::string module;        // the IP's module name (<module>_ex)
  std::string kernel, vendor, library;
  std::string control;       // ap_ctrl_hs, ap_ctrl_chain, ap_ctrl_none
  int clocks = 1, resets = 1;
  std::vector<wizard_scalar> scalars;
  std::vector<wizard_master> masters;
  std::vector<wizard_stream> streams;
  bool has_slave() const { return control != "ap_ctrl_none" || !scalars.empty() || !masters.empty(); }
  uint32_t arg_words() const;   // 32-bit argument words from 0x10
};

// Bytes each pointer argument of the example logic works on (4096 words).
constexpr uint32_t wizard_example_bytes = 16384;

// Checks one CONFIG.<name> (without "CONFIG.", any case) and its value;
// throws tcl_error naming the property.
void check_wizard_property(const std::string& name, const std::string& value);

// The kernel the IP's CONFIG.* describe, defaults filled in; throws naming
// the property that makes it inconsistent (two arguments of one name...).
wizard_spec read_wizard_spec(const std::string& module, const std::map<std::string, std::string>& config);

// open_example_project: writes <ex_dir>/imports/ (Verilog, kernel.xml,
// package_kernel.tcl, <kernel>_cmodel.cpp); returns the Verilog files.
std::vector<std::string> write_wizard_example(const wizard_spec& spec, const std::string& ex_dir);

// The generated texts (wizard_rtl.cpp, wizard_files.cpp).
std::map<std::string, std::string> wizard_verilog(const wizard_spec& spec);   // file name -> text
std::string wizard_kernel_xml(const wizard_spec& spec);
std::string wizard_package_tcl(const wizard_spec& spec);
std::string wizard_cmodel(const wizard_spec& spec);

} // namespace xrtemu::vivado
