// Subcommands of the xrtemu CLI, one file each.
#pragma once

#include "xrtemu/cards/catalog.h"

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace xrtemu::cli {

int run_command(const std::vector<std::string>& args);
int package_command(const std::vector<std::string>& args);
int compile_command(const std::vector<std::string>& args);
int link_command(const std::vector<std::string>& args);
int vpp_command(const std::vector<std::string>& args);  // v++ -c / -l / -p

// How v++ (vpp_command) runs compile and link: strictly (unknown options
// fail), with its --temp_dir and --package.out_dir.
struct vpp_context
{
  bool strict = false;
  std::string temp_dir;
  std::string package_out_dir;
};
int compile_main(const std::vector<std::string>& args, const vpp_context& cx);
int link_main(const std::vector<std::string>& args, const vpp_context& cx);
// Where --save-temps keeps a step's intermediate files: under --temp_dir
// if given, else beside the output.
std::string temps_dir_for(const std::string& output, const vpp_context& cx);
int examine_command(const std::vector<std::string>& args);  // inspection (docs/inspect.md)
int top_command(const std::vector<std::string>& args);
int trace_command(const std::vector<std::string>& args);
int package_xo_command(const std::vector<std::string>& args);  // RTL kernel -> .xo
int emconfigutil_command(const std::vector<std::string>& args);  // emconfig.json
int platforminfo_command(const std::vector<std::string>& args);  // platform report
int install_validate_command(const std::vector<std::string>& args);  // xbutil validate's files (docs/validate.md)

// v++-style option parsing shared by compile and link: positional inputs
// go to "input-file"; unknown options are reported as ignored, or with
// `strict` (v++) fail naming the option.  Returns false after printing --help.
bool parse_tool_options(const std::vector<std::string>& args, const boost::program_options::options_description& opts,
                        const std::string& command, const std::string& usage,
                        boost::program_options::variables_map& vm, bool strict = false);

// Platform directory (the XILINX_XRT the shim lives in) and platform files.
std::string platform_root();
// The platform files (cards/): by name, real shell name, .xpfm or JSON path.
cards::catalog platform_catalog();
cards::platform_desc find_platform(const std::string& name_or_path);
// Our kernel headers (kernel_model.h, HLS compatibility headers).
std::string kernel_include_dir();

} // namespace xrtemu::cli
