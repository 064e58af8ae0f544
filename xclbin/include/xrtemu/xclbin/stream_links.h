// Kernel-to-kernel AXI4-Stream links (v++ stream_connect) as an xclbin
// records them:
//   MEM_TOPOLOGY   one entry per link, m_type MEM_STREAMING_CONNECTION,
//                  m_used 1, m_tag "strm_<n>", m_size = FIFO depth in beats
//                  (xrtemu's convention; Vitis writes 0 = default depth)
//   CONNECTIVITY   two entries per link, {arg, CU, that entry}: the producer's
//                  stream argument first, then the consumer's
//   kernel XML     each stream argument's <port> has portType "stream" and
//                  mode "write_only" (producer) or "read_only" (consumer)
#pragma once

#include "xrtemu/xclbin/axlf.h"
#include "xrtemu/xclbin/design.h"

#include <cstdint>
#include <string>
#include <vector>

namespace xrtemu::xclbin {

struct stream_end
{
  uint32_t instance = 0;        // index into design::instances
  uint32_t arg = 0;             // argument index of that CU's kernel
};

struct stream_link
{
  uint32_t mem_index = 0;       // its MEM_TOPOLOGY entry
  stream_end producer, consumer;
  uint32_t depth = 0;           // FIFO depth in beats; 0 = the emulator's default
};

// Every stream link of a design, in MEM_TOPOLOGY order.  The producer is
// the end whose kernel port is "write_only" (or the other end "read_only");
// when the modes do not tell, the first CONNECTIVITY entry is the producer.
// Throws format_error "<origin>: section MEM_TOPOLOGY|CONNECTIVITY: entry N
// ..." when a stream connection does not have exactly two ends, an end is
// not a stream argument, or a stream argument is joined to two links.
// Unused stream connection entries without ends are skipped.
std::vector<stream_link> stream_links(const design& d, const std::string& origin = "<memory>");

// "producer_1.out" for an end, for messages.
std::string end_name(const design& d, const stream_end& e);

} // namespace xrtemu::xclbin
