// `v++` (also `xrtemu vpp`): the Vitis compiler's command line as project
// Makefiles use it.  -c compiles (xrtemu compile), -l links (xrtemu link),
// -p packages (for PCIe cards: checks and copies the linked xclbin).
// -g builds kernels with line tables and turns the memory checker on for
// them (docs/memcheck.md).
// Options that steer synthesis, implementation, reports or logs (-O, -R,
// --kernel_frequency, the --vivado.* --hls.* --advanced.* --profile.*
// --debug.* --clock.* --linkhook.* families …) are accepted with one note
// that they do not change emulation; unknown options fail, naming the option,
// as v++ does.
#include "commands.h"
#include "vpp_options.h"

#include "xrtemu/vpp/link_config.h"
#include "xrtemu/xclbin/axlf.h"

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace xrtemu::cli {

namespace {

const char* vpp_help =
  "usage: v++ -c|-l|-p [options] <input files>\n"
  "xrtemu's v++: builds kernel models for the emulated cards, not bitstreams.\n"
  "modes:\n"
  "  -c, --compile        compile an HLS C++ kernel to an .xo (-k <kernel>, -I, -D)\n"
  "  -l, --link           link .xo files into an .xclbin (--config, --connectivity.nk/sp/stream_connect)\n"
  "  -p, --package        package a linked .xclbin (PCIe cards: checked and copied to -o)\n"
  "common options:\n"
  "  -t, --target <sw_emu|hw_emu|hw>   build target (default hw); all run on the emulator\n"
  "  -f, --platform <name|.xpfm|.json> platform: a real shell name (xilinx_u250_gen3x16_xdma_4_1_202210_1),\n"
  "                                    an .xpfm path, or an xrtemu platform name\n"
  "  -o, --output <file>               output (.xo, .xclbin)\n"
  "  -k, --kernel <name>               kernel to compile (-c)\n"
  "  -I, --include <dir>  -D, --define <NAME[=V]>   kernel compile flags (-c)\n"
  "  --config <file>                   configuration file (several allowed)\n"
  "  --connectivity.nk|sp|stream_connect <value>  connectivity (-l)\n"
  "  --advanced.param compiler.userPreSysLinkOverlayTcl=<tcl>, --xp param:compiler.userPreSysLinkOverlayTcl=<tcl>\n"
  "                                    run the script in vivado before the link (-l; PLRAM sizes)\n"
  "  -s, --save-temps                  keep intermediate files (under --temp_dir if given)\n"
  "  --temp_dir <dir>                  where intermediate files go\n"
  "  --package.out_dir <dir>           package output directory (-p)\n"
  "  --input_files <file>              an input file, as a positional argument\n"
  "accepted without effect on emulation:\n"
  "  -g, --debug, -O/--optimize, -R/--report_level, --report_dir, --log_dir, -j/--jobs,\n"
  "  --kernel_frequency, --profile_kernel, --trace_memory, --dk, --user_ip_repo_paths,\n"
  "  --remote_ip_cache, --no_ip_cache, --from_step, --to_step, --reuse_impl, --custom_script,\n"
  "  --export_script, --message-rules, --messageDb, --interactive, --vivado.*, --hls.*,\n"
  "  other --advanced.* and --xp, --profile.*, --debug.*, --clock.*, --linkhook.*, other --package.*\n"
  "  -h, --help           this help\n"
  "  -v, --version        version\n";

// v++ -p: for PCIe platforms the linked xclbin is the final one.
int package_main(const std::vector<std::string>& args, const vpp_context& cx)
{
  po::options_description opts("v++ -p options");
  std::vector<std::string> inputs, configs;
  std::string output, platform, target = "hw";
  opts.add_options()
    ("package,p", po::bool_switch(), "package")
    ("debug,g", po::bool_switch(), "accepted: -g acts at compile and link")
    ("output,o", po::value(&output), "final .xclbin")
    ("target,t", po::value(&target), "sw_emu, hw_emu or hw")
    ("platform,f", po::value(&platform), "platform")
    ("config", po::value(&configs), "configuration file")
    ("save-temps,s", po::bool_switch(), "keep intermediate files")
    ("input-file", po::value(&inputs), "linked .xclbin");
  po::variables_map vm;
  parse_tool_options(args, opts, "v++", "", vm, true);
  check_target(target);
  vpp::link_config cfg;
  for (auto& c : configs)
    vpp::parse_cfg_file(c, cfg);
  if (platform.empty() && cfg.top.count("platform"))
    platform = cfg.top["platform"];
  std::string xclbin;
  for (auto& i : inputs)
    if (fs::path(i).extension() == ".xclbin") {
      if (!xclbin.empty())
        throw std::runtime_error("-p: two .xclbin inputs (" + xclbin + ", " + i + "); give one");
      xclbin = i;
    }
  if (xclbin.empty())
    throw std::runtime_error("-p: no linked .xclbin among the input files");
  auto d = xclbin::read_file(xclbin);   // a readable xclbin, or an error naming it
  std::string shell = "pcie";
  if (!platform.empty()) {
    auto p = find_platform(platform);
    shell = p.shell;
  }
  if (output.empty())
    output = "a.xclbin";
  if (!cx.package_out_dir.empty())
    fs::create_directories(cx.package_out_dir);
  if (fs::path(output).has_parent_path())
    fs::create_directories(fs::path(output).parent_path());
  if (!fs::exists(output) || !fs::equivalent(xclbin, output))
    fs::copy_file(xclbin, output, fs::copy_options::overwrite_existing);
  if (shell == "edge")
    std::cout << "v++: note: no SD card image is made for the emulated edge board; the xclbin is all it needs\n";
  std::cout << "xrtemu: wrote " << output << " (packaged " << xclbin << ", " << d.instances.size() << " CU"
            << (d.instances.size() == 1 ? "" : "s") << ")\n";
  return 0;
}

} // namespace

int vpp_command(const std::vector<std::string>& raw)
{
  auto pre = prepare_vpp_args(raw);
  if (pre.help) {
    std::cout << vpp_help;
    return 0;
  }
  if (pre.version) {
    std::cout << "v++ v2022.1 (xrtemu " XRTEMU_VERSION "): the emulator's Vitis compiler front end\n";
    return 0;
  }
  if (!pre.no_effect.empty()) {
    std::string list;
    for (auto& o : pre.no_effect)
      list += (list.empty() ? "" : " ") + o;
    std::cerr << "v++: note: " << list << ": no effect on emulation (accepted)\n";
  }
  int modes = pre.compile + pre.link + pre.package;
  if (modes != 1)
    throw std::runtime_error(modes == 0 ? "give one of -c (compile), -l (link) or -p (package); v++ --help lists the options"
                                        : "give only one of -c, -l and -p");
  vpp_context cx;
  cx.strict = true;
  cx.temp_dir = pre.temp_dir;
  cx.package_out_dir = pre.package_out_dir;
  if (pre.compile)
    return compile_main(pre.args, cx);
  if (pre.link)
    return link_main(pre.args, cx);
  return package_main(pre.args, cx);
}

} // namespace xrtemu::cli
