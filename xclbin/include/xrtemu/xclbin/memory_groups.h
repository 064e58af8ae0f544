// Memory bank groups: the GROUP_TOPOLOGY / GROUP_CONNECTIVITY pair that
// xclbinutil adds to every xclbin v++ links, and that XRT reads instead of
// MEM_TOPOLOGY / CONNECTIVITY wherever it allocates or connects buffers.
//
// The rule (from xclbinutil's behaviour at XRT 2.13): a CU argument whose
// connections are all DDR/HBM banks, in use, lying back to back in the
// address space, and at least two of them, gets one more topology entry
// covering the whole run (tag "MBG[first:last]", base of the first bank,
// the sizes added up), and a connection to it.  Every other connection is
// kept as it is.  The group topology is MEM_TOPOLOGY followed by the group
// entries; the group connectivity lists the per-argument choices first and
// then every original connection, so an argument's largest memory index
// (what xrt::kernel::group_id returns) is its group when it has one.
#pragma once

#include "xrtemu/xclbin/design.h"

namespace xrtemu::xclbin {

struct memory_groups
{
  std::vector<mem_bank> banks;          // GROUP_TOPOLOGY entries
  std::vector<connection> connections;  // GROUP_CONNECTIVITY entries
};

// The groups v++ would record for this design's banks and connections.
memory_groups make_memory_groups(const design& d);

// Whether a MEM_TYPE may be grouped (DDR3, DDR4, HBM, and DRAM as HBM).
bool groupable_type(uint8_t type);

} // namespace xrtemu::xclbin
