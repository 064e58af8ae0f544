// `xrtemu compile` (v++ -c): one HLS kernel's sources -> .xo.
#include "commands.h"
#include "vpp_options.h"

#include "xrtemu/vpp/compile_kernel.h"
#include "xrtemu/vpp/link_config.h"

#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;

namespace xrtemu::cli {

int compile_main(const std::vector<std::string>& args, const vpp_context& cx)
{
  po::options_description opts("xrtemu compile options (v++ -c)");
  vpp::compile_request req;
  std::vector<std::string> configs;
  std::string platform;
  opts.add_options()
    ("help,h", "show this help")
    ("compile,c", po::bool_switch(), "compile (the only mode of this command)")
    ("kernel,k", po::value(&req.kernel), "top function (extern \"C\") to compile")
    ("include,I", po::value(&req.includes), "include directory")
    ("define,D", po::value(&req.defines), "preprocessor definition NAME[=VALUE]")
    ("output,o", po::value(&req.output)->default_value("a.xo"), ".xo file to write")
    ("target,t", po::value(&req.target)->default_value("hw"), "hw, hw_emu or sw_emu (recorded only)")
    ("platform,f", po::value(&platform), "platform name or JSON file (recorded in the .xo)")
    ("save-temps,s", po::bool_switch(), "keep intermediate files next to the output")
    ("config", po::value(&configs), "v++ configuration file")
    ("hls.pre_tcl", po::value(&req.hls_pre_tcl), "Vitis HLS Tcl script (config_interface -m_axi_auto_max_ports, -s_axilite_mailbox, -s_axilite_auto_restart_counter)")
    ("verbose", po::bool_switch(&req.verbose), "print the compiler commands")
    ("debug,g", po::bool_switch(&req.debug), "line tables, and check the kernel's memory accesses (docs/memcheck.md)")
    ("input-file", po::value(&req.sources), "kernel source file");
  po::variables_map vm;
  if (!parse_tool_options(args, opts, "compile", "usage: xrtemu compile -c -k <kernel> [-I dir] [-D X=Y] [--platform P] [-t hw] src.cpp... -o k.xo\n", vm, cx.strict))
    return 0;   // --help

  vpp::link_config cfg;
  for (auto& c : configs)
    vpp::parse_cfg_file(c, cfg);
  for (auto& i : cfg.ignored)
    std::cerr << "xrtemu compile: " << i << "\n";
  if (!cfg.nk.empty() || !cfg.sp.empty() || !cfg.streams.empty())
    std::cerr << "xrtemu compile: [connectivity] entries apply at link time; ignored here\n";
  req.hls_pre_tcl.insert(req.hls_pre_tcl.begin(), cfg.hls_pre_tcl.begin(), cfg.hls_pre_tcl.end());
  if (req.kernel.empty() && cfg.top.count("kernel"))
    req.kernel = cfg.top["kernel"];
  if (platform.empty())
    platform = cfg.top.count("platform") ? cfg.top["platform"] : "xrtemu_u250";
  if (cx.strict)
    check_target(req.target);
  // An unknown platform fails here, listing the known ones, as v++ -c does.
  find_platform(platform);
  req.platform = platform;
  req.kernel_include_dir = kernel_include_dir();
  if (vm["save-temps"].as<bool>())
    req.temps_dir = temps_dir_for(req.output, cx);
  vpp::compile_kernel(req, std::cout);
  return 0;
}

int compile_command(const std::vector<std::string>& args)
{
  return compile_main(args, {});
}

} // namespace xrtemu::cli
