// Reading a v++ `[hls] pre_tcl` script (hls_pre_tcl.h): Vitis HLS
// configuration commands, of which config_interface's m_axi port option and
// its s_axilite mailbox / auto-restart counter options reach the kernel's
// interface.
#include "xrtemu/vpp/hls_pre_tcl.h"

#include <fstream>
#include <sstream>

namespace xrtemu::vpp {

namespace {

std::vector<std::string> words(const std::string& line)
{
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string w;
  while (in >> w)
    out.push_back(w);
  return out;
}

// Vitis HLS booleans: true/false, 1/0, yes/no.
bool boolean(const std::string& v, const std::string& where, const std::string& option)
{
  if (v == "true" || v == "1" || v == "yes")
    return true;
  if (v == "false" || v == "0" || v == "no")
    return false;
  throw error(where + ": config_interface " + option + ": '" + v + "' is not a boolean (true or false)");
}

void config_interface(const std::vector<std::string>& w, const std::string& where, hls_settings& out,
                      std::vector<std::string>& notes)
{
  for (size_t i = 1; i < w.size(); ++i) {
    auto opt = w[i], value = std::string();
    bool has_value = false;
    if (auto eq = opt.find('='); eq != std::string::npos) {
      value = opt.substr(eq + 1);
      opt = opt.substr(0, eq);
      has_value = true;
    }
    if (opt.empty() || opt[0] != '-')
      throw error(where + ": config_interface: unexpected word '" + w[i] + "'");
    // Every config_interface option but the flag-like booleans takes a value.
    bool next_is_value = i + 1 < w.size() && w[i + 1][0] != '-';
    if (!has_value && next_is_value) {
      value = w[++i];
      has_value = true;
    }
    if (opt == "-m_axi_auto_max_ports") {
      out.m_axi_auto_max_ports = has_value ? boolean(value, where, opt) : true;
      continue;
    }
    if (opt == "-s_axilite_mailbox") {
      // UG1399: none, in, out or both.
      if (value != "none" && value != "in" && value != "out" && value != "both")
        throw error(where + ": config_interface -s_axilite_mailbox: '" + value +
                    "' is not one of none, in, out, both");
      out.s_axilite_mailbox = value == "none" ? "" : value;
      continue;
    }
    if (opt == "-s_axilite_auto_restart_counter") {
      // UG1399: 0 (no counter) or 1 (one counter); nothing else exists.
      if (value != "0" && value != "1")
        throw error(where + ": config_interface -s_axilite_auto_restart_counter: '" + value +
                    "' is not 0 or 1 (Vitis HLS supports one counter)");
      out.s_axilite_auto_restart_counter = value == "1";
      continue;
    }
    notes.push_back(where + ": config_interface " + opt + (has_value ? " " + value : "") +
                    ": no effect on emulation (accepted)");
  }
}

} // namespace

void read_hls_pre_tcl(const std::string& path, hls_settings& out, std::vector<std::string>& notes)
{
  std::ifstream in(path);
  if (!in)
    throw error(path + ": cannot open the [hls] pre_tcl script");
  std::string raw, line;
  unsigned n = 0, first = 0;
  auto handle = [&](const std::string& text, unsigned at) {
    auto w = words(text);
    if (w.empty())
      return;
    auto where = path + ":" + std::to_string(at);
    if (w[0] == "config_interface")
      config_interface(w, where, out, notes);
    else
      notes.push_back(where + ": " + w[0] + ": no effect on emulation (accepted)");
  };
  while (std::getline(in, raw)) {
    ++n;
    if (line.empty())
      first = n;
    auto start = raw.find_first_not_of(" \t");
    if (line.empty() && (start == std::string::npos || raw[start] == '#'))
      continue;
    if (!raw.empty() && raw.back() == '\\') {
      line += raw.substr(0, raw.size() - 1) + " ";
      continue;
    }
    line += raw;
    // A trailing `;# comment` as Tcl writes it.
    if (auto c = line.find(";#"); c != std::string::npos)
      line.erase(c);
    handle(line, first);
    line.clear();
  }
  if (!line.empty())
    handle(line, first);
}

} // namespace xrtemu::vpp
