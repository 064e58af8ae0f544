// Subcommands of the xrtemu CLI, one file each.
#pragma once

#include <string>
#include <vector>

namespace xrtemu::cli {

int run_command(const std::vector<std::string>& args);
int package_command(const std::vector<std::string>& args);
int compile_command(const std::vector<std::string>& args);
int link_command(const std::vector<std::string>& args);
int vpp_command(const std::vector<std::string>& args);  // v++ -c / -l

// Platform directory (the XILINX_XRT the shim lives in) and platform files.
std::string platform_root();
std::string platform_file(const std::string& name_or_path);
// Our kernel headers (kernel_model.h, HLS compatibility headers).
std::string kernel_include_dir();

} // namespace xrtemu::cli
