// `xrtemu link` (v++ -l): .xo files + connectivity -> .xclbin.
#include "commands.h"
#include "vpp_options.h"

#include "xrtemu/vpp/link_kernels.h"

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace xrtemu::cli {

int link_main(const std::vector<std::string>& args, const vpp_context& cx)
{
  po::options_description opts("xrtemu link options (v++ -l)");
  vpp::link_request req;
  std::vector<std::string> configs, nks, sps, streams, params;
  std::string platform;
  opts.add_options()
    ("help,h", "show this help")
    ("link,l", po::bool_switch(), "link (the only mode of this command)")
    ("output,o", po::value(&req.output)->default_value("a.xclbin"), ".xclbin file to write")
    ("target,t", po::value(&req.target)->default_value("hw"), "hw, hw_emu or sw_emu (recorded only)")
    ("platform,f", po::value(&platform), "platform name or JSON file")
    ("config", po::value(&configs), "v++ configuration file ([connectivity] nk, sp, stream_connect)")
    ("connectivity.nk", po::value(&nks), "<kernel>:<count>[:<cu1>.<cu2>...]")
    ("connectivity.sp", po::value(&sps), "<cu>.<arg>:<bank>")
    ("connectivity.stream_connect", po::value(&streams), "<cu>.<port>:<cu>.<port>[:depth]")
    ("advanced.param", po::value(&params), "compiler.userPreSysLinkOverlayTcl=<script> (PLRAM sizes; docs/swap.md)")
    ("save-temps,s", po::bool_switch(), "keep intermediate files next to the output")
    ("model-output", po::value(&req.model_output),
     "also write the kernel model library (.so); put its directory on XRTEMU_MODEL_PATH to run xclbins built by Vitis")
    ("verbose", po::bool_switch(&req.verbose), "print the compiler commands")
    ("debug,g", po::bool_switch(&req.debug), "check every kernel's memory accesses (docs/memcheck.md)")
    ("input-file", po::value(&req.inputs), ".xo file");
  po::variables_map vm;
  if (!parse_tool_options(args, opts, "link", "usage: xrtemu link -l [--config link.cfg] [--connectivity.nk=k:2] [--connectivity.sp=k_1.a:DDR[1]]\n"
                 "                   [--platform P] a.xo... -o app.xclbin\n", vm, cx.strict))
    return 0;   // --help

  for (auto& c : configs)
    vpp::parse_cfg_file(c, req.config);
  const std::string cl = "<command line>";
  for (auto& v : nks)
    vpp::add_cfg_option("connectivity", "nk", v, {cl, 0, "connectivity.nk"}, req.config);
  for (auto& v : sps)
    vpp::add_cfg_option("connectivity", "sp", v, {cl, 0, "connectivity.sp"}, req.config);
  for (auto& v : streams)
    vpp::add_cfg_option("connectivity", "stream_connect", v, {cl, 0, "connectivity.stream_connect"}, req.config);
  for (auto& v : params)
    vpp::add_cfg_option("advanced", "param", v, {cl, 0, "advanced.param"}, req.config);
  if (platform.empty())
    platform = req.config.top.count("platform") ? req.config.top["platform"] : "xrtemu_u250";
  if (cx.strict)
    check_target(req.target);
  auto plat = find_platform(platform);
  req.platform = &plat;
  req.kernel_include_dir = kernel_include_dir();
  // Our vivado sits beside this tool (build/bin, <prefix>/bin).
  std::error_code ec;
  auto vivado = fs::read_symlink("/proc/self/exe", ec).parent_path() / "vivado";
  if (!ec && fs::exists(vivado))
    req.vivado = vivado.string();
  if (vm["save-temps"].as<bool>())
    req.temps_dir = temps_dir_for(req.output, cx);
  vpp::link_kernels(req, std::cout);
  return 0;
}

int link_command(const std::vector<std::string>& args)
{
  return link_main(args, {});
}

} // namespace xrtemu::cli
