// `xrtemu run [--platform P] [--config F] -- program args...`: run any host
// program against the emulated cards by pointing stock XRT at our shim:
// XILINX_XRT for coreutil and Xilinx's OpenCL runtime, LD_LIBRARY_PATH for
// hosts linked with -lxrt_core, OCL_ICD_VENDORS for hosts linked with -lOpenCL,
// PYTHONPATH for Python hosts (pyxrt in $XILINX_XRT/python).
#include "commands.h"

#include <boost/program_options.hpp>

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace po = boost::program_options;

namespace xrtemu::cli {

int run_command(const std::vector<std::string>& args)
{
  std::vector<std::string> mine, program;
  auto dashes = std::find(args.begin(), args.end(), "--");
  mine.assign(args.begin(), dashes);
  if (dashes != args.end())
    program.assign(dashes + 1, args.end());

  po::options_description opts("xrtemu run options");
  std::string platform, config;
  opts.add_options()
    ("help,h", "show this help")
    ("platform,p", po::value(&platform), "platform of the emulated card (name or JSON file)")
    ("config,c", po::value(&config), "device list JSON (XRTEMU_CONFIG) for several cards");
  po::positional_options_description rest;
  rest.add("program", -1);
  std::vector<std::string> positional;
  opts.add_options()("program", po::value(&positional));
  po::variables_map vm;
  po::store(po::command_line_parser(mine).options(opts).positional(rest).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << "usage: xrtemu run [--platform P] [--config devices.json] -- program [args...]\n"
                 "Runs the program with XILINX_XRT (native XRT and OpenCL hosts), LD_LIBRARY_PATH\n"
                 "(hosts linked with -lxrt_core), OCL_ICD_VENDORS (hosts linked with -lOpenCL) and\n"
                 "PYTHONPATH (pyxrt scripts) pointing at the emulator.\n" << opts;
    return 0;
  }
  if (program.empty())
    program = positional;
  if (program.empty())
    throw std::runtime_error("no program given (usage: xrtemu run -- ./host args...)");

  auto root = platform_root();
  if (!std::filesystem::exists(root + "/lib/libxrt_core.so.2"))
    throw std::runtime_error("the platform directory " + root + " has no lib/libxrt_core.so.2 (is the build finished?)");
  ::setenv("XILINX_XRT", root.c_str(), 1);
  // Hosts linked with -lxrt_core (legacy HAL) find our library first.
  std::string lib = root + "/lib";
  if (const char* old = std::getenv("LD_LIBRARY_PATH"); old && *old)
    lib += std::string(":") + old;
  ::setenv("LD_LIBRARY_PATH", lib.c_str(), 1);
  // Python hosts: pyxrt lives in $XILINX_XRT/python, as XRT installs it.
  if (auto py = root + "/python"; std::filesystem::is_directory(py)) {
    if (const char* old = std::getenv("PYTHONPATH"); old && *old)
      py += std::string(":") + old;
    ::setenv("PYTHONPATH", py.c_str(), 1);
  }
  // OpenCL hosts linked with -lOpenCL: the ICD loader (ocl-icd) reads the
  // .icd files of this directory instead of /etc/OpenCL/vendors, and finds
  // Xilinx's runtime, which in turn uses XILINX_XRT.
  if (auto icd = root + "/etc/OpenCL/vendors"; std::filesystem::is_directory(icd))
    ::setenv("OCL_ICD_VENDORS", icd.c_str(), 1);
  // In sw_emu mode Xilinx's OpenCL runtime moves every buffer to memory
  // index 0 (its sw_emu xclbins have one bank) and then fails on xclbins with
  // real connectivity.  (hw_emu works: it only changes the library name.)
  if (const char* mode = std::getenv("XCL_EMULATION_MODE"); mode && std::string(mode) == "sw_emu") {
    std::cerr << "[xrtemu] run: XCL_EMULATION_MODE=sw_emu removed (the emulated card presents itself as hardware)\n";
    ::unsetenv("XCL_EMULATION_MODE");
  }
  if (!platform.empty())
    ::setenv("XRTEMU_PLATFORM", find_platform(platform).file.c_str(), 1);
  if (!config.empty())
    ::setenv("XRTEMU_CONFIG", config.c_str(), 1);

  std::vector<char*> argv;
  for (auto& a : program)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  throw std::runtime_error("cannot execute " + program[0] + ": " + std::strerror(errno));
}

} // namespace xrtemu::cli
