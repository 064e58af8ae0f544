// `emconfigutil` (also `xrtemu emconfigutil`): writes emconfig.json, the
// emulation device list XRT reads under XCL_EMULATION_MODE, as Vitis's tool
// of that name does:  emconfigutil --platform P [--nd N] [--od DIR].
#include "commands.h"

#include "xrtemu/cards/emconfig.h"

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace xrtemu::cli {

int emconfigutil_command(const std::vector<std::string>& args)
{
  po::options_description opts("emconfigutil options");
  std::string platform, od = ".";
  unsigned nd = 1;
  opts.add_options()
    ("help,h", "show this help")
    ("platform,f", po::value(&platform)->required(), "platform: real shell name, .xpfm path or xrtemu name")
    ("od", po::value(&od), "output directory (default: the current one)")
    ("nd", po::value(&nd), "number of devices (default 1)")
    ("save-temps,s", po::bool_switch(), "accepted; nothing to keep")
    ("xp", po::value<std::vector<std::string>>(), "accepted; no effect on emulation");
  po::variables_map vm;
  auto usage = "usage: emconfigutil --platform <name|.xpfm> [--nd <devices>] [--od <dir>]\n"
               "Writes <dir>/emconfig.json: the devices XCL_EMULATION_MODE=hw_emu|sw_emu programs get.\n";
  if (!parse_tool_options(args, opts, "emconfigutil", usage, vm, true))
    return 0;
  if (nd < 1 || nd > 64)
    throw std::runtime_error("--nd " + std::to_string(nd) + ": expected 1 to 64 devices");
  auto p = find_platform(platform);
  fs::create_directories(od);
  auto file = (fs::path(od) / "emconfig.json").string();
  cards::write_emconfig(file, p, nd);
  std::cout << "emconfigutil: platform " << p.vbnv << ", " << nd << " device" << (nd == 1 ? "" : "s")
            << ": wrote " << file << "\n";
  return 0;
}

} // namespace xrtemu::cli
