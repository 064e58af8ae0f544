// Sorting a v++ command line (see vpp_options.h).
#include "vpp_options.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace xrtemu::cli {

namespace {

// Option families whose every member takes one value and steers synthesis,
// implementation, profiling instrumentation or packaging of a bitstream.
const std::vector<std::string> families = {"--vivado.", "--hls.", "--advanced.", "--profile.", "--debug.",
                                           "--clock.", "--linkhook.", "--package."};

// Options with one value that change nothing in emulation.
const std::set<std::string> valued = {
  "--optimize", "-O", "--report_level", "-R", "--report_dir", "--log_dir", "--jobs", "-j",
  "--kernel_frequency", "--profile_kernel", "--trace_memory", "--dk", "--xp", "--user_ip_repo_paths",
  "--user_board_repo_paths", "--remote_ip_cache", "--from_step", "--to_step", "--reuse_impl",
  "--custom_script", "--message-rules", "--messageDb", "--interactive", "--export_archive", "--sc"};

// Flags that change nothing in emulation.
const std::set<std::string> flags = {"--export_script", "--no_ip_cache", "--list_steps",
                                     "--silent", "--quiet"};

// Short options written with their value attached (-O3, -R2, -j8).
const std::string sticky_short = "ORj";

bool in_family(const std::string& name)
{
  return std::any_of(families.begin(), families.end(),
                     [&](const std::string& f) { return name.rfind(f, 0) == 0 && name.size() > f.size(); });
}

} // namespace

void check_target(const std::string& t)
{
  if (t != "sw_emu" && t != "hw_emu" && t != "hw")
    throw std::runtime_error("invalid target '" + t + "' for -t/--target (sw_emu, hw_emu or hw)");
}

vpp_args prepare_vpp_args(const std::vector<std::string>& raw)
{
  vpp_args out;
  const bool linking = std::find(raw.begin(), raw.end(), "-l") != raw.end() ||
                       std::find(raw.begin(), raw.end(), "--link") != raw.end();
  for (size_t i = 0; i < raw.size(); ++i) {
    const auto& a = raw[i];
    if (a.size() < 2 || a[0] != '-') {
      out.args.push_back(a);
      continue;
    }
    // --name=value or --name value
    std::string name = a, value;
    bool has_value = false;
    if (a.rfind("--", 0) == 0) {
      if (auto eq = a.find('='); eq != std::string::npos) {
        name = a.substr(0, eq);
        value = a.substr(eq + 1);
        has_value = true;
      }
    }
    auto take_value = [&]() -> std::string {
      if (has_value)
        return value;
      if (i + 1 >= raw.size())
        throw std::runtime_error("option " + name + " needs a value");
      return raw[++i];
    };
    if (name == "--help" || name == "-h") { out.help = true; continue; }
    if (name == "--version" || name == "-v") { out.version = true; continue; }
    if (name == "-c" || name == "--compile") out.compile = true;
    if (name == "-l" || name == "--link") out.link = true;
    if (name == "-p" || name == "--package") out.package = true;
    // -g: kernels get line tables and the memory checker (docs/memcheck.md).
    if (name == "-g" || name == "--debug") { out.args.push_back("-g"); continue; }
    if (name == "--temp_dir") { out.temp_dir = take_value(); continue; }
    if (name == "--package.out_dir") { out.package_out_dir = take_value(); continue; }
    if (name == "--input_files") { out.args.push_back(take_value()); continue; }
    if (name == "--hls.pre_tcl") { out.hls_pre_tcl.push_back(take_value()); continue; }
    // compiler.userPreSysLinkOverlayTcl reaches the link, which runs the
    // script (PLRAM sizes, docs/swap.md); other parameters change nothing here.
    if (name == "--advanced.param" || name == "--xp") {
      auto v = take_value();
      auto p = v.rfind("param:", 0) == 0 ? v.substr(6) : v;
      if (linking && p.rfind("compiler.userPreSysLinkOverlayTcl=", 0) == 0)
        out.args.insert(out.args.end(), {"--advanced.param", p});
      else
        out.no_effect.push_back(name + " " + v);
      continue;
    }
    if (in_family(name) || valued.count(name)) {
      auto v = take_value();
      out.no_effect.push_back(name + " " + v);
      continue;
    }
    if (flags.count(name)) {
      out.no_effect.push_back(name);
      continue;
    }
    if (a.size() > 2 && a[1] != '-' && sticky_short.find(a[1]) != std::string::npos) {
      out.no_effect.push_back(a);
      continue;
    }
    out.args.push_back(a);
  }
  if (out.compile)
    for (auto& t : out.hls_pre_tcl)
      out.args.insert(out.args.end(), {"--hls.pre_tcl", t});
  else
    for (auto& t : out.hls_pre_tcl)
      out.no_effect.push_back("--hls.pre_tcl " + t);
  if (!out.compile) {
    // -D/-I are compile options; Vitis Makefiles often pass their common
    // flags to every v++ step, and v++ -l / -p take them without effect.
    std::vector<std::string> kept;
    for (size_t i = 0; i < out.args.size(); ++i) {
      const auto& a = out.args[i];
      bool joined = (a.rfind("-D", 0) == 0 || a.rfind("-I", 0) == 0) && a.size() > 2;
      bool separate = a == "-D" || a == "-I" || a == "--define" || a == "--include";
      bool with_eq = a.rfind("--define=", 0) == 0 || a.rfind("--include=", 0) == 0;
      if (joined || with_eq)
        out.no_effect.push_back(a);
      else if (separate && i + 1 < out.args.size())
        out.no_effect.push_back(a + " " + out.args[++i]);
      else
        kept.push_back(a);
    }
    out.args = std::move(kept);
  }
  return out;
}

} // namespace xrtemu::cli
