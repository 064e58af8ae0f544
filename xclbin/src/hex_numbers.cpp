// Number formatting/parsing for the textual metadata (XML, JSON).
#include "detail.h"

#include <cstdio>
#include <stdexcept>

namespace xrtemu::xclbin::detail {

std::string hex(uint64_t v)
{
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llX", static_cast<unsigned long long>(v));
  return buf;
}

uint64_t parse_number(const std::string& s)
{
  // Base 0 accepts "16", "0x10" and (rarely used) octal, as XRT does.
  size_t used = 0;
  uint64_t v = std::stoull(s, &used, 0);
  if (used != s.size())
    throw std::invalid_argument("trailing characters in number '" + s + "'");
  return v;
}

} // namespace xrtemu::xclbin::detail
