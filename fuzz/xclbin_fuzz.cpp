// Fuzz target: the xclbin reader, as the shim loads an xclbin (read, stream
// links, memory groups) and as the tools and queries pull raw sections; a
// design that reads back is written and must read again.
#include "xrtemu/xclbin/axlf.h"
#include "xrtemu/xclbin/memory_groups.h"
#include "xrtemu/xclbin/stream_links.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <stdexcept>

using namespace xrtemu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  // Every section kind xclbin.h defines (and a few beyond): raw section
  // bytes as xclGetSectionInfo / the xclbin queries answer them.  The
  // container checks do not depend on the kind, so when one lookup refuses
  // the image every lookup would refuse it the same way: stop there (a C++
  // throw is most of a rejected input's cost under ASan).
  for (uint32_t kind = 0; kind < 40; ++kind) {
    try {
      (void)xclbin::section(data, size, kind);
    }
    catch (const xclbin::format_error&) {
      break;
    }
  }
  xclbin::design d;
  try {
    d = xclbin::read(data, size, "fuzz.xclbin");
  }
  catch (const xclbin::format_error&) {
    return 0;
  }
  try {
    (void)xclbin::stream_links(d, "fuzz.xclbin");
  }
  catch (const xclbin::format_error&) {
  }
  (void)xclbin::make_memory_groups(d);
  // What we read we can write, and what we write we read.
  std::vector<uint8_t> again;
  try {
    again = xclbin::write(d);
  }
  catch (const xclbin::format_error&) {
    return 0;
  }
  catch (const std::invalid_argument&) {
    // The writer refuses, with a message, a design whose parts disagree
    // (an IP naming a kernel the metadata lacks), which the lenient reader
    // lets through as stock xclbins can be like that.
    return 0;
  }
  try {
    (void)xclbin::read(again.data(), again.size(), "rewritten.xclbin");
  }
  catch (const xclbin::format_error& e) {
    std::fprintf(stderr, "a design read from the input does not read back after write: %s\n", e.what());
    std::abort();
  }
  return 0;
}
