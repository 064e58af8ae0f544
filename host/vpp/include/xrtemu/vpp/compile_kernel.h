// `v++ -c`: kernel source(s) -> .xo (interface JSON + object code).
#pragma once

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
  bool verbose = false;
};

void compile_kernel(const compile_request& req, std::ostream& log);

} // namespace xrtemu::vpp
