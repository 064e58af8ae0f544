// v++ -c's `[hls] pre_tcl=<file>` (or --hls.pre_tcl): a Vitis HLS Tcl
// script run before synthesis.  Of its commands only `config_interface`'s
// -m_axi_auto_max_ports, -s_axilite_mailbox and -s_axilite_auto_restart_counter
// change what the kernel looks like to the host; the rest steer synthesis and
// are reported as having no effect.
#pragma once

#include "xrtemu/vpp/kernel_interface.h"

#include <string>
#include <vector>

namespace xrtemu::vpp {

// Reads the commands of `path` (one per line, `\` continues a line, `#`
// starts a comment) into `out`.  `notes` gets one "file:line: ..." for each
// command without effect.  Throws vpp::error naming file:line for a value
// config_interface cannot take, or when the file cannot be read.
void read_hls_pre_tcl(const std::string& path, hls_settings& out, std::vector<std::string>& notes);

} // namespace xrtemu::vpp
