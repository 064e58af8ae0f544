// Section kind names and the common error format.
#include "detail.h"

#include <xclbin.h>

namespace xrtemu::xclbin::detail {

std::string section_name(uint32_t kind)
{
  // Indexed by axlf_section_kind; spelled as xclbinutil prints them.
  static const char* const names[] = {
    "BITSTREAM", "CLEARING_BITSTREAM", "EMBEDDED_METADATA", "FIRMWARE",
    "DEBUG_DATA", "SCHED_FIRMWARE", "MEM_TOPOLOGY", "CONNECTIVITY",
    "IP_LAYOUT", "DEBUG_IP_LAYOUT", "DESIGN_CHECK_POINT",
    "CLOCK_FREQ_TOPOLOGY", "MCS", "BMC", "BUILD_METADATA",
    "KEYVALUE_METADATA", "USER_METADATA", "DNA_CERTIFICATE", "PDI",
    "BITSTREAM_PARTIAL_PDI", "PARTITION_METADATA", "EMULATION_DATA",
    "SYSTEM_METADATA", "SOFT_KERNEL", "ASK_FLASH", "AIE_METADATA",
    "ASK_GROUP_TOPOLOGY", "ASK_GROUP_CONNECTIVITY", "SMARTNIC",
    "AIE_RESOURCES", "OVERLAY", "VENDER_METADATA"};
  if (kind < sizeof(names) / sizeof(names[0]))
    return names[kind];
  return "SECTION_" + std::to_string(kind);
}

void fail(const std::string& origin, const std::string& section,
          const std::string& problem)
{
  if (section.empty())
    throw format_error(origin + ": " + problem);
  throw format_error(origin + ": section " + section + ": " + problem);
}

} // namespace xrtemu::xclbin::detail
