// xrtemu: the command-line front end of the emulator.
#include "commands.h"
#include "xrtemu/vpp/run_tool.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <functional>

namespace fs = std::filesystem;

namespace xrtemu::cli {

// The installed layout puts the platform under <prefix>/lib/xrtemu/platform;
// in a build tree it sits in <build>/platform.  XRTEMU_HOME overrides both.
std::string platform_root()
{
  if (const char* env = std::getenv("XRTEMU_HOME"); env && *env)
    return env;
  auto exe = fs::read_symlink("/proc/self/exe");
  for (auto candidate : {exe.parent_path().parent_path() / "lib" / "xrtemu" / "platform",
                         fs::path(XRTEMU_BUILD_PLATFORM_DIR)})
    // The tools need the platform data; `run` also needs the shim beside it,
    // but during a build the data may exist before the shim does.
    if (fs::exists(candidate / "lib" / "libxrt_core.so.2") ||
        fs::is_directory(candidate / "share" / "xrtemu" / "platforms"))
      return candidate.string();
  throw std::runtime_error("cannot find the xrtemu platform directory (set XRTEMU_HOME)");
}

cards::catalog platform_catalog()
{
  return cards::catalog(cards::platform_dirs(platform_root()));
}

cards::platform_desc find_platform(const std::string& name)
{
  return platform_catalog().find(name);
}

// Installed: <prefix>/include; in a build tree: the source's kernels/include.
std::string kernel_include_dir()
{
  return xrtemu::vpp::kernel_include_dir(XRTEMU_KERNEL_INCLUDE_DIR);
}

} // namespace xrtemu::cli

int main(int argc, char** argv)
{
  using namespace xrtemu::cli;
  const std::map<std::string, std::function<int(const std::vector<std::string>&)>> commands = {
    {"run", run_command},
    {"package", package_command},
    {"compile", compile_command},
    {"link", link_command},
    {"vpp", vpp_command},
    {"examine", examine_command},
    {"top", top_command},
    {"trace", trace_command},
    {"package_xo", package_xo_command},
    {"emconfigutil", emconfigutil_command},
    {"platforminfo", platforminfo_command},
    {"install-validate", install_validate_command},
  };
  auto usage = [] {
    std::cerr << "usage: xrtemu <command> [options]\n"
                 "commands:\n"
                 "  run      run a host program on the emulated card (xrtemu run -- ./host args)\n"
                 "  package  wrap a compiled kernel model into an xclbin\n"
                 "  compile  compile an HLS kernel to an .xo (v++ -c)\n"
                 "  link     link .xo files into an .xclbin (v++ -l)\n"
                 "  vpp      v++-style: -c compiles, -l links, -p packages (also run as 'v++')\n"
                 "  emconfigutil  write emconfig.json for XCL_EMULATION_MODE runs (also run as 'emconfigutil')\n"
                 "  platforminfo  describe a platform (also run as 'platforminfo')\n"
                 "  package_xo  package an RTL kernel (Verilog + kernel.xml) into an .xo, through Verilator\n"
                 "  examine  the emulated devices and, with -p PID, a running program's live state\n"
                 "  top      a refreshing view of a running program's CU activity and traffic\n"
                 "  trace    summarize (trace summary) or draw (trace plot) a profile\n"
                 "  install-validate  install the cards' xbutil validate test xclbins and programs under /opt/xilinx\n"
                 "run 'xrtemu <command> --help' for a command's options\n";
  };
  // Called through a Vitis tool's name (v++, emconfigutil, platforminfo
  // symlinks): behave as that command.
  const std::map<std::string, std::function<int(const std::vector<std::string>&)>> tools = {
    {"v++", vpp_command}, {"emconfigutil", emconfigutil_command}, {"platforminfo", platforminfo_command}};
  if (auto tool = tools.find(fs::path(argv[0]).filename().string()); tool != tools.end()) {
    try {
      return tool->second(std::vector<std::string>(argv + 1, argv + argc));
    }
    catch (const std::exception& e) {
      std::cerr << tool->first << ": ERROR: " << e.what() << "\n";
      return 1;
    }
  }
  if (argc < 2) {
    usage();
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    usage();
    return 0;
  }
  auto it = commands.find(cmd);
  if (it == commands.end()) {
    std::cerr << "xrtemu: unknown command '" << cmd << "'\n";
    usage();
    return 2;
  }
  try {
    return it->second(std::vector<std::string>(argv + 2, argv + argc));
  }
  catch (const std::exception& e) {
    std::cerr << "xrtemu " << cmd << ": " << e.what() << "\n";
    return 1;
  }
}
