// Reading and writing axlf files (the xclbin container, xrt/xclbin.h).
#pragma once

#include "xrtemu/xclbin/design.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace xrtemu::xclbin {

// A malformed xclbin.  what() names the file (or "<memory>"), the section
// and the problem, e.g. "vadd.xclbin: section IP_LAYOUT: runs past end of file".
struct format_error : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

// Parse an in-memory axlf image.  `origin` is used in messages.  Checks the
// magic, the header length against the buffer, every section header, and the
// presence of the sections a loadable xclbin needs (IP_LAYOUT when kernels
// exist, MEM_TOPOLOGY, EMBEDDED_METADATA).
design read(const void* data, size_t size, const std::string& origin = "<memory>");
design read_file(const std::string& path);

// Build an axlf image that stock `xclbinutil --info` reads: header, and the
// sections MEM_TOPOLOGY, IP_LAYOUT, CONNECTIVITY, EMBEDDED_METADATA,
// CLOCK_FREQ_TOPOLOGY, BUILD_METADATA, and BITSTREAM carrying the model.
std::vector<uint8_t> write(const design& d);
void write_file(const design& d, const std::string& path);

// The raw bytes of one section kind (xclbin.h axlf_section_kind) of an image,
// or empty when absent.
std::vector<uint8_t> section(const void* data, size_t size, uint32_t kind);

} // namespace xrtemu::xclbin
