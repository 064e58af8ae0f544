// The .xo our `compile` writes.  Layout (little endian):
//   8 bytes  "XRTEMUXO"
//   u32      format version (1)
//   u64      length of the JSON header
//   JSON     {"target", "platform", "kernels": [kernel_desc...],
//             "objects": [{"name", "size"}...], "link_flags": [...],
//             "sw_emu_objects": [{"name", "size"}...]}   (optional)
//   then the object files' bytes, back to back in "objects" order, then
//   those of "sw_emu_objects".
// One self-describing file, like a real .xo, but readable without tools.
#pragma once

#include "xrtemu/vpp/kernel_interface.h"

#include <string>
#include <vector>

namespace xrtemu::vpp {

struct xo_object
{
  std::string name;        // "vadd.o"
  std::vector<char> bytes; // ELF relocatable, -fPIC
};

struct xo_file
{
  std::string target = "hw";
  std::string platform;
  std::vector<kernel_desc> kernels;
  std::vector<xo_object> objects;
  std::vector<std::string> link_flags;   // for the model link, e.g. -lz (RTL kernels' FST)
  // An RTL kernel's C/C++ model (package_xo -kernel_files): linked instead
  // of `objects` when the link target is sw_emu.  Same kernels and entries.
  std::vector<xo_object> sw_emu_objects;
};

void write_xo(const xo_file& xo, const std::string& path);
xo_file read_xo(const std::string& path);   // throws vpp::error naming the file

} // namespace xrtemu::vpp
