// Subcommands of the xrtemu CLI, one file each.
#pragma once

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace xrtemu::cli {

int run_command(const std::vector<std::string>& args);
int package_command(const std::vector<std::string>& args);
int compile_command(const std::vector<std::string>& args);
int link_command(const std::vector<std::string>& args);
int vpp_command(const std::vector<std::string>& args);  // v++ -c / -l
int examine_command(const std::vector<std::string>& args);  // inspection (docs/inspect.md)
int top_command(const std::vector<std::string>& args);
int trace_command(const std::vector<std::string>& args);
int package_xo_command(const std::vector<std::string>& args);  // RTL kernel -> .xo

// v++-style option parsing shared by compile and link: positional inputs
// go to "input-file", unknown options are reported as ignored (v++ has many
// that mean nothing here).  Returns false after printing --help.
bool parse_tool_options(const std::vector<std::string>& args, const boost::program_options::options_description& opts,
                        const std::string& command, const std::string& usage,
                        boost::program_options::variables_map& vm);

// Platform directory (the XILINX_XRT the shim lives in) and platform files.
std::string platform_root();
std::string platform_file(const std::string& name_or_path);
// Our kernel headers (kernel_model.h, HLS compatibility headers).
std::string kernel_include_dir();

} // namespace xrtemu::cli
