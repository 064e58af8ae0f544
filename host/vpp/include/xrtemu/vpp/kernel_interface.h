// What the v++-like front end knows about one HLS kernel: read from the
// kernel source with libclang (signature + INTERFACE pragmas), carried
// inside the .xo as JSON, turned into model tables and xclbin metadata.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace xrtemu::vpp {

// Any user-facing failure of the front end; the message already names the
// file (and line and key where there is one).
struct error : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

enum class arg_kind { scalar, global, stream };

struct kernel_arg
{
  std::string name;
  std::string type;        // C type as Vitis records it: "unsigned int*", "int"
  arg_kind kind = arg_kind::scalar;
  bool pointer = false;
  uint32_t size = 0;       // register bytes (pointers 8, scalars sizeof rounded up to 4)
  uint32_t host_size = 0;  // sizeof on the host
  uint32_t offset = 0;     // control register offset (0 for streams)
  std::string port;        // "m_axi_gmem0", "s_axi_control", axis port name
  std::string bundle;      // m_axi bundle (defaults: see hls_defaults)
};

struct kernel_desc
{
  std::string name;
  std::string control = "ap_ctrl_hs"; // ap_ctrl_hs | ap_ctrl_chain | ap_ctrl_none
  std::vector<kernel_arg> args;
  std::string source;      // file the top function was found in
  std::string entry;       // symbol of the generated call thunk
  unsigned model_abi = 1;  // kernel_model.h ABI the entry needs (2: RTL kernels)
  std::string language = "c";   // "c" (HLS C++) or "ip_c" (RTL, as Vitis writes it)
  bool debug = false;      // built with v++ -g: the memory checker checks its runs
  // config_interface -s_axilite_mailbox / -s_axilite_auto_restart_counter:
  // the control words 0x10-0x18 (xrtemu/control_registers.h), arguments
  // from 0x1c, and the kernel XML's mailbox / countedAutoRestart attributes.
  std::string mailbox;     // "" (none), "in", "out", "both"
  bool counted_auto_restart = false;
};

void to_json(nlohmann::json& j, const kernel_desc& k);
void from_json(const nlohmann::json& j, kernel_desc& k);

// Settings of Vitis HLS's `config_interface` that change the interface
// (from a v++ `[hls] pre_tcl` script, see hls_pre_tcl.h).  The m_axi
// bundle of a pointer without `bundle=`, as Vitis HLS 2022.1 names it:
//  - a kernel with no m_axi INTERFACE pragma: every pointer on `gmem`;
//  - pragmas without bundle=: those pointers (and any without a pragma) on `gmem0`;
//  - m_axi_auto_max_ports: one port per such pointer, gmem0, gmem1, ... in
//    argument order (names a bundle= already uses are skipped).
// s_axilite_mailbox / s_axilite_auto_restart_counter: see kernel_desc.
struct hls_settings
{
  bool m_axi_auto_max_ports = false;
  std::string s_axilite_mailbox;            // "", "in", "out", "both"
  bool s_axilite_auto_restart_counter = false;
};

// Parses `source` with libclang (clang_args: -I/-D/-std...) and describes
// the extern "C" function `kernel`.  Throws vpp::error with the compiler's
// diagnostics, or with the list of functions found when `kernel` is absent.
kernel_desc extract_kernel(const std::string& source, const std::string& kernel,
                           const std::vector<std::string>& clang_args, const hls_settings& hls = {});

// The extern "C" functions defined in `source` (to tell which of several
// sources holds the kernel); throws on compile errors like extract_kernel.
std::vector<std::string> list_kernels(const std::string& source,
                                      const std::vector<std::string>& clang_args);

} // namespace xrtemu::vpp
