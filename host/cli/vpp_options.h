// The v++ option vocabulary: which options v++ has, which of them change
// nothing in emulation (accepted with a note), which are ours to act on.
#pragma once

#include <string>
#include <vector>

namespace xrtemu::cli {

struct vpp_args
{
  std::vector<std::string> args;        // what compile/link/package parse
  std::vector<std::string> no_effect;   // accepted options that change nothing here
  std::string temp_dir;                 // --temp_dir
  std::string package_out_dir;          // --package.out_dir
  std::vector<std::string> hls_pre_tcl; // --hls.pre_tcl (v++ -c reads config_interface from it)
  bool help = false, version = false;
  bool compile = false, link = false, package = false;
};

// Sorts a v++ command line.  Options outside v++'s vocabulary stay in `args`
// for the mode's parser, which rejects them by name.
vpp_args prepare_vpp_args(const std::vector<std::string>& raw);

// -t/--target: sw_emu, hw_emu or hw, else an error naming the value.
void check_target(const std::string& t);

} // namespace xrtemu::cli
