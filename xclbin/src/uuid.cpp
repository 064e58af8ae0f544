// UUID text form and generation for xclbin identities.
#include "xrtemu/xclbin/design.h"

#include <cstdio>
#include <random>

namespace xrtemu::xclbin {

std::string to_string(const uuid& u)
{
  // Same 8-4-4-4-12 lowercase grouping that xclbinutil and libuuid print.
  std::string out;
  out.reserve(36);
  char buf[3];
  for (size_t i = 0; i < u.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      out += '-';
    std::snprintf(buf, sizeof buf, "%02x", u[i]);
    out += buf;
  }
  return out;
}

uuid random_uuid()
{
  std::random_device rd;
  uuid u{};
  for (size_t i = 0; i < u.size(); i += 4) {
    uint32_t r = rd();
    for (size_t j = 0; j < 4; ++j)
      u[i + j] = static_cast<uint8_t>(r >> (8 * j));
  }
  // Mark it as an RFC 4122 version 4 (random) UUID so tools recognise it.
  u[6] = static_cast<uint8_t>((u[6] & 0x0f) | 0x40);
  u[8] = static_cast<uint8_t>((u[8] & 0x3f) | 0x80);
  return u;
}

} // namespace xrtemu::xclbin
