#include "xrtemu/vpp/link_config.h"
#include "xrtemu/vpp/kernel_interface.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace xrtemu::vpp {

namespace {

std::string trim(const std::string& s)
{
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos)
    return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string lower(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

[[noreturn]] void fail(const origin& at, const std::string& what)
{
  throw error(at.str() + ": " + what);
}

std::vector<std::string> split(const std::string& s, char sep)
{
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep))
    out.push_back(trim(part));
  if (!s.empty() && s.back() == sep)
    out.push_back("");
  return out;
}

unsigned number(const std::string& s, const origin& at, const std::string& what)
{
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
    fail(at, what + " '" + s + "' is not a number");
  if (s.size() > 9)   // keeps stoul and the cast in range
    fail(at, what + " '" + s + "' is too large");
  return static_cast<unsigned>(std::stoul(s));
}

// "cu.port" -> {cu, port}
std::pair<std::string, std::string> cu_port(const std::string& s, const origin& at, const std::string& value)
{
  auto dot = s.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == s.size())
    fail(at, "'" + value + "': expected <cu>.<port> in '" + s + "'");
  return {s.substr(0, dot), s.substr(dot + 1)};
}

void parse_nk(const std::string& v, const origin& at, link_config& cfg)
{
  auto parts = split(v, ':');
  if (parts.size() < 2 || parts.size() > 3 || parts[0].empty())
    fail(at, "'" + v + "': expected <kernel>:<count>[:<cu1>.<cu2>...]");
  nk_spec nk{parts[0], number(parts[1], at, "count"), {}, at};
  if (nk.count == 0)
    fail(at, "'" + v + "': count must be at least 1");
  if (parts.size() == 3) {
    nk.names = split(parts[2], '.');
    if (nk.names.size() != nk.count || std::count(nk.names.begin(), nk.names.end(), "") > 0)
      fail(at, "'" + v + "': " + std::to_string(nk.count) + " CU names expected, separated by '.'");
  }
  cfg.nk.push_back(nk);
}

void parse_sp(const std::string& v, const origin& at, link_config& cfg)
{
  auto colon = v.find(':');
  if (colon == std::string::npos)
    fail(at, "'" + v + "': expected <cu>.<arg>:<bank>");
  sp_spec sp;
  std::tie(sp.cu, sp.arg) = cu_port(trim(v.substr(0, colon)), at, v);
  sp.spelled = trim(v.substr(colon + 1));
  sp.at = at;
  if (sp.spelled.empty())
    fail(at, "'" + v + "': no bank after ':'");
  // HBM[0:3]: a range of banks; we place the buffer in the first one.
  auto lb = sp.spelled.find('['), rb = sp.spelled.find(']');
  auto inner_colon = sp.spelled.find(':');
  if (inner_colon != std::string::npos) {
    if (lb == std::string::npos || rb == std::string::npos || !(lb < inner_colon && inner_colon < rb))
      fail(at, "'" + v + "': bank '" + sp.spelled + "' is malformed (expected e.g. HBM[0:3])");
    auto kind = sp.spelled.substr(0, lb);
    auto first = number(sp.spelled.substr(lb + 1, inner_colon - lb - 1), at, "bank index");
    auto last = number(sp.spelled.substr(inner_colon + 1, rb - inner_colon - 1), at, "bank index");
    if (last < first)
      fail(at, "'" + v + "': bank range " + sp.spelled + " is empty");
    sp.bank = kind + "[" + std::to_string(first) + "]";
    sp.range_last = kind + "[" + std::to_string(last) + "]";
  } else {
    sp.bank = sp.spelled;
  }
  cfg.sp.push_back(sp);
}

void parse_stream(const std::string& v, const origin& at, link_config& cfg)
{
  auto parts = split(v, ':');
  if (parts.size() < 2 || parts.size() > 3)
    fail(at, "'" + v + "': expected <cu>.<port>:<cu>.<port>[:depth]");
  stream_spec s;
  std::tie(s.from_cu, s.from_port) = cu_port(parts[0], at, v);
  std::tie(s.to_cu, s.to_port) = cu_port(parts[1], at, v);
  if (parts.size() == 3) {
    s.depth = number(parts[2], at, "depth");
    if (s.depth == 0)
      fail(at, "'" + v + "': depth must be at least 1 (leave it out for the default)");
  }
  s.at = at;
  cfg.streams.push_back(s);
}

} // namespace

std::string origin::str() const
{
  if (line == 0)
    return file + ": --" + key;
  return file + ":" + std::to_string(line) + ": " + key;
}

void add_cfg_option(const std::string& section, const std::string& key, const std::string& value,
                    const origin& at, link_config& cfg)
{
  auto s = lower(section), k = lower(key);
  if (s == "connectivity" && k == "nk")
    return parse_nk(value, at, cfg);
  if (s == "connectivity" && k == "sp")
    return parse_sp(value, at, cfg);
  if (s == "connectivity" && k == "stream_connect")
    return parse_stream(value, at, cfg);
  if (s == "hls" && k == "pre_tcl") {
    // As v++: relative to the directory v++ runs in; failing that, to the
    // config file's own directory.
    std::string path = value;
    if (!fs::exists(path) && at.line != 0 && fs::exists(fs::path(at.file).parent_path() / value))
      path = (fs::path(at.file).parent_path() / value).string();
    if (!fs::exists(path))
      fail(at, "'" + value + "': no such Tcl script");
    cfg.hls_pre_tcl.push_back(path);
    return;
  }
  if (s == "advanced" && k == "param") {
    // param=compiler.userPreSysLinkOverlayTcl=<script>; other parameters
    // steer implementation and are noted below.
    auto v = trim(value);
    if (v.rfind("param:", 0) == 0)   // --xp param:name=value
      v = v.substr(6);
    auto eq = v.find('=');
    if (eq != std::string::npos && lower(trim(v.substr(0, eq))) == "compiler.userpresyslinkoverlaytcl") {
      std::string path = trim(v.substr(eq + 1));
      if (path.empty())
        fail(at, "'" + value + "': no Tcl script after '='");
      if (!fs::exists(path) && at.line != 0 && fs::exists(fs::path(at.file).parent_path() / path))
        path = (fs::path(at.file).parent_path() / path).string();
      if (!fs::exists(path))
        fail(at, "'" + value + "': no such Tcl script '" + path + "'");
      cfg.pre_syslink_tcl.push_back({path, at});
      return;
    }
  }
  if (s.empty() && (k == "platform" || k == "target" || k == "kernel")) {
    cfg.top[k] = value;
    return;
  }
  // v++'s configuration sections; anything else is a mistake v++ rejects.
  static const char* const sections[] = {"", "connectivity", "clock", "vivado", "hls", "advanced", "profile",
                                         "debug", "package", "linkhook", "optimize"};
  if (std::find(std::begin(sections), std::end(sections), s) == std::end(sections))
    fail(at, "unknown section [" + section + "] (v++ has [connectivity], [clock], [vivado], [hls], [advanced], "
             "[profile], [debug], [package], [linkhook])");
  if (s == "connectivity" && k != "slr")
    fail(at, "unknown [connectivity] key '" + key + "' (nk, sp, stream_connect, slr)");
  std::string why = s == "connectivity" ? "SLR placement has no meaning in the emulator"
                  : "no effect in the emulator";
  cfg.ignored.push_back(at.str() + "=" + value + " ignored (" + why + ")");
}

void parse_cfg_text(const std::string& text, const std::string& name, link_config& cfg)
{
  std::istringstream in(text);
  std::string raw, section;
  unsigned line = 0;
  while (std::getline(in, raw)) {
    ++line;
    auto hash = raw.find('#');
    auto l = trim(hash == std::string::npos ? raw : raw.substr(0, hash));
    if (l.empty())
      continue;
    if (l.front() == '[') {
      if (l.back() != ']' || l.size() < 3)
        throw error(name + ":" + std::to_string(line) + ": malformed section header '" + l + "'");
      section = trim(l.substr(1, l.size() - 2));
      continue;
    }
    auto eq = l.find('=');
    if (eq == std::string::npos || trim(l.substr(0, eq)).empty())
      throw error(name + ":" + std::to_string(line) + ": expected key=value, got '" + l + "'");
    auto key = trim(l.substr(0, eq));
    origin at{name, line, section.empty() ? key : section + "." + key};
    // A dotted key outside a section is the same as key in that section.
    auto dot = key.find('.');
    if (section.empty() && dot != std::string::npos)
      add_cfg_option(key.substr(0, dot), key.substr(dot + 1), trim(l.substr(eq + 1)), at, cfg);
    else
      add_cfg_option(section, key, trim(l.substr(eq + 1)), at, cfg);
  }
}

void parse_cfg_file(const std::string& path, link_config& cfg)
{
  std::ifstream in(path);
  if (!in)
    throw error(path + ": cannot open config file");
  std::stringstream text;
  text << in.rdbuf();
  parse_cfg_text(text.str(), path, cfg);
}

} // namespace xrtemu::vpp
