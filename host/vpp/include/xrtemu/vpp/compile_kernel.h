// `v++ -c`: kernel source(s) -> .xo (interface JSON + object code).
#pragma once

#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/xo_file.h"

#include <ostream>
#include <string>
#include <vector>

namespace xrtemu::vpp {

struct compile_request
{
  std::string kernel;
  std::vector<std::string> sources;
  std::vector<std::string> includes;    // -I
  std::vector<std::string> defines;     // -D (NAME or NAME=VALUE)
  std::string kernel_include_dir;       // our HLS headers + kernel_model.h
  std::string platform;                 // recorded in the .xo
  std::string target = "hw";
  std::string output;
  std::string temps_dir;                // non-empty: keep intermediates there
  std::vector<std::string> hls_pre_tcl; // [hls] pre_tcl scripts (config_interface, hls_pre_tcl.h)
  bool verbose = false;
  bool debug = false;                   // -g: line tables; the kernel's runs are checked (docs/memcheck.md)
};

void compile_kernel(const compile_request& req, std::ostream& log);

// The compile step without the .xo: finds the kernel among req.sources,
// compiles every source (the kernel's through its call thunk) into `dir`.
// Also builds an RTL kernel's C model for sw_emu (package_xo -kernel_files).
struct compiled_kernel
{
  kernel_desc desc;
  std::vector<xo_object> objects;
};
compiled_kernel compile_kernel_objects(const compile_request& req, const std::string& dir);

} // namespace xrtemu::vpp
