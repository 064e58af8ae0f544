// Subcommands of the xrtemu CLI, one file each.
#pragma once

#include <string>
#include <vector>

namespace xrtemu::cli {

int run_command(const std::vector<std::string>& args);
int package_command(const std::vector<std::string>& args);

// Platform directory (the XILINX_XRT the shim lives in) and platform files.
std::string platform_root();
std::string platform_file(const std::string& name_or_path);

} // namespace xrtemu::cli
