// Private helpers shared by the reader, the writer and the XML/JSON code.
#pragma once

#include "xrtemu/xclbin/axlf.h"
#include "xrtemu/xclbin/design.h"

#include <cstdint>
#include <string>

namespace xrtemu::xclbin::detail {

// Name of an axlf_section_kind as xclbinutil spells it ("IP_LAYOUT"), or
// "SECTION_<n>" for kinds this library does not know.
std::string section_name(uint32_t kind);

// One error shape everywhere: "<origin>: section <name>: <problem>".
// An empty section names the container itself ("<origin>: <problem>").
[[noreturn]] void fail(const std::string& origin, const std::string& section,
                       const std::string& problem);

// "0x1F" style hex, the way Vitis writes offsets and sizes in its metadata.
std::string hex(uint64_t v);

// Parse a decimal or 0x-prefixed number from metadata; throws
// std::invalid_argument / std::out_of_range on junk.
uint64_t parse_number(const std::string& s);

// EMBEDDED_METADATA: the kernel XML Vitis embeds (kernel_xml.cpp).
std::string make_kernel_xml(const design& d);

// What parse_kernel_xml learns from the XML.  Instances are listed per kernel
// with the base from <addrRemap>, used only when IP_LAYOUT lacks them.
struct xml_info
{
  std::vector<kernel> kernels;
  std::vector<instance> instances;
  std::string platform;         // <platform name=...>, may be empty
  std::string target;           // <core target=...>, may be empty
  std::string model_name;       // <project xrtemuModel=...>, ours only
};
xml_info parse_kernel_xml(const std::string& xml, const std::string& origin);

// BUILD_METADATA: the JSON xclbinutil --info reports kernels from
// (build_metadata.cpp).
std::string make_build_metadata(const design& d);

} // namespace xrtemu::xclbin::detail
