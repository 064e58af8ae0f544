#include "xrtemu/vpp/interface_pragma.h"
#include "xrtemu/vpp/kernel_interface.h"

#include <algorithm>
#include <cctype>

namespace xrtemu::vpp {

namespace {

std::string lower(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

} // namespace

std::optional<interface_pragma> parse_interface_pragma(const std::vector<std::string>& tokens,
                                                       const std::string& file, unsigned line)
{
  if (tokens.size() < 2 || lower(tokens[0]) != "hls" || lower(tokens[1]) != "interface")
    return std::nullopt;
  interface_pragma p;
  p.line = line;
  for (size_t i = 2; i < tokens.size(); ++i) {
    if (i + 1 < tokens.size() && tokens[i + 1] == "=") {
      if (i + 2 >= tokens.size())
        throw error(file + ":" + std::to_string(line) + ": #pragma HLS INTERFACE: " + tokens[i] +
                    "= has no value");
      auto key = lower(tokens[i]);
      auto value = tokens[i + 2];
      if (key == "mode")
        p.mode = lower(value);
      else if (key == "port")
        p.port = value;
      else
        p.options[key] = value;
      i += 2;
    } else if (p.mode.empty()) {
      p.mode = lower(tokens[i]);   // positional spelling: the first bare word is the mode
    } else {
      p.options[lower(tokens[i])] = "";  // flags such as `register`
    }
  }
  if (p.mode.empty())
    throw error(file + ":" + std::to_string(line) + ": #pragma HLS INTERFACE without a mode");
  if (p.port.empty())
    throw error(file + ":" + std::to_string(line) + ": #pragma HLS INTERFACE " + p.mode +
                " without port=");
  return p;
}

} // namespace xrtemu::vpp
