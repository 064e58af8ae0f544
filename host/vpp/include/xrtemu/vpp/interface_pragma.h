// One `#pragma HLS INTERFACE ...` line, from its tokens.  Accepts both the
// old positional spelling (`m_axi port=a`) and `mode=m_axi port=a`; keys are
// case-insensitive, values keep their case except the mode.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xrtemu::vpp {

struct interface_pragma
{
  std::string mode;                          // m_axi, s_axilite, axis, ap_ctrl_hs, ...
  std::string port;                          // argument name or "return"
  std::map<std::string, std::string> options; // bundle, offset, depth ... (lower-case keys)
  unsigned line = 0;
};

// tokens: the spellings after `#`, `pragma` (e.g. HLS INTERFACE m_axi port = a).
// Returns nothing for other pragmas (HLS PIPELINE, omp ...).  Throws
// vpp::error naming file:line for an INTERFACE pragma without a mode.
std::optional<interface_pragma> parse_interface_pragma(const std::vector<std::string>& tokens,
                                                       const std::string& file, unsigned line);

} // namespace xrtemu::vpp
