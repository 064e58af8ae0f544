// v++ configuration: .cfg files (`[connectivity]` sections, `key=value`,
// `#` comments) and --connectivity.* command-line options, parsed into the
// requests `xrtemu link` understands.  Every entry remembers where it came
// from so later checks can name file:line and key.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace xrtemu::vpp {

struct origin
{
  std::string file;   // cfg path, or "<command line>"
  unsigned line = 0;  // 0 for the command line
  std::string key;    // "nk", "connectivity.sp", ...
  std::string str() const;  // "link.cfg:3: nk" / "<command line>: --connectivity.nk"
};

struct nk_spec         // nk=<kernel>:<count>[:<cu>.<cu>...]
{
  std::string kernel;
  unsigned count = 1;
  std::vector<std::string> names;
  origin at;
};

struct sp_spec         // sp=<cu>.<arg>:<bank>, bank "DDR[1]", "HBM[0:3]", "bank0" ...
{
  std::string cu, arg;
  std::string bank;        // the bank used: the first one of a range
  std::string range_last;  // last bank of a range ("HBM[3]"), empty otherwise
  std::string spelled;     // as written
  origin at;
};

struct stream_spec     // stream_connect=<cu>.<port>:<cu>.<port>[:depth]
{
  std::string from_cu, from_port, to_cu, to_port;
  unsigned depth = 0;
  origin at;
};

struct link_config
{
  std::vector<nk_spec> nk;
  std::vector<sp_spec> sp;
  std::vector<stream_spec> streams;
  std::map<std::string, std::string> top;  // top-level keys we use: platform, target, kernel
  std::vector<std::string> hls_pre_tcl;    // [hls] pre_tcl scripts (v++ -c reads them; hls_pre_tcl.h)
  // compiler.userPreSysLinkOverlayTcl scripts ([advanced] param=, --advanced.param,
  // --xp param:): run by our vivado before the system link (PLRAM sizes).
  std::vector<std::pair<std::string, origin>> pre_syslink_tcl;
  std::vector<std::string> ignored;        // "file:line: key=value (why)" for the user
};

// Throws vpp::error "<file>:<line>: <key>: ..." on malformed input.
void parse_cfg_file(const std::string& path, link_config& cfg);
void parse_cfg_text(const std::string& text, const std::string& name, link_config& cfg);
// One `section.key=value` from the command line (e.g. connectivity.nk).
void add_cfg_option(const std::string& section, const std::string& key, const std::string& value,
                    const origin& at, link_config& cfg);

} // namespace xrtemu::vpp
