// What a legacy HAL host reads out of an xclbin itself, because the HAL
// has no kernel objects: the CU's index (the bit of the ERT CU mask) from
// IP_LAYOUT, and the memory bank each kernel argument is connected to from
// CONNECTIVITY.  Only xclbin.h's structures, no XRT library calls.
#pragma once

#include <xclbin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace hal_example {

// The first section of a kind, or nullptr.
inline const char* find_section(const axlf* top, axlf_section_kind kind)
{
  for (uint32_t i = 0; i < top->m_header.m_numSections; ++i)
    if (top->m_sections[i].m_sectionKind == kind)
      return reinterpret_cast<const char*>(top) + top->m_sections[i].m_sectionOffset;
  return nullptr;
}

inline const ip_layout& ips_of(const axlf* top)
{
  auto p = find_section(top, IP_LAYOUT);
  if (!p)
    throw std::runtime_error("the xclbin has no IP_LAYOUT section");
  return *reinterpret_cast<const ip_layout*>(p);
}

// IP_LAYOUT entry of a CU named "kernel:instance" (e.g. "vadd:vadd_1").
inline int ip_layout_index(const axlf* top, const std::string& cu_name)
{
  auto& ips = ips_of(top);
  for (int i = 0; i < ips.m_count; ++i)
    if (ips.m_ip_data[i].m_type == IP_KERNEL &&
        cu_name == reinterpret_cast<const char*>(ips.m_ip_data[i].m_name))
      return i;
  throw std::runtime_error("no CU named " + cu_name + " in the xclbin's IP_LAYOUT");
}

// The CU index the driver knows a CU by: its rank among the kernel IPs
// ordered by base address (what xclOpenContext and the CU mask use).
inline unsigned cu_index(const axlf* top, const std::string& cu_name)
{
  auto& ips = ips_of(top);
  std::vector<uint64_t> bases;
  for (int i = 0; i < ips.m_count; ++i)
    if (ips.m_ip_data[i].m_type == IP_KERNEL)
      bases.push_back(ips.m_ip_data[i].m_base_address);
  std::sort(bases.begin(), bases.end());
  auto mine = ips.m_ip_data[ip_layout_index(top, cu_name)].m_base_address;
  return static_cast<unsigned>(std::find(bases.begin(), bases.end(), mine) - bases.begin());
}

// MEM_TOPOLOGY index an argument of a CU is connected to (the memory index
// xclAllocBO takes in its flags).
inline unsigned arg_bank(const axlf* top, const std::string& cu_name, int arg)
{
  auto p = find_section(top, CONNECTIVITY);
  if (!p)
    throw std::runtime_error("the xclbin has no CONNECTIVITY section");
  auto& conn = *reinterpret_cast<const connectivity*>(p);
  int ip = ip_layout_index(top, cu_name);
  for (int i = 0; i < conn.m_count; ++i)
    if (conn.m_connection[i].m_ip_layout_index == ip && conn.m_connection[i].arg_index == arg)
      return static_cast<unsigned>(conn.m_connection[i].mem_data_index);
  throw std::runtime_error("argument " + std::to_string(arg) + " of " + cu_name + " has no connection");
}

} // namespace hal_example
