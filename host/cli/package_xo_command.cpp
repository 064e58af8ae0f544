// `xrtemu package_xo`: an RTL kernel (Verilog/SystemVerilog + kernel.xml)
// -> .xo, named after Vivado's package_xo.  Vivado spells its options with
// one dash (-kernel_name, -xo_path, -kernel_xml, -ip_directory); both
// spellings work here.
#include "commands.h"

#include "xrtemu/vpp/rtl_kernel.h"

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace xrtemu::cli {

int package_xo_command(const std::vector<std::string>& raw)
{
  po::options_description opts("xrtemu package_xo options");
  vpp::rtl_package_request req;
  std::vector<std::string> ip_dirs, kernel_files;
  std::string ctrl;
  opts.add_options()
    ("help,h", "show this help")
    ("kernel_name", po::value(&req.kernel), "kernel name (the RTL top module unless --top says otherwise)")
    ("kernel_xml", po::value(&req.kernel_xml), "Vitis kernel.xml: ports, arguments, register offsets")
    ("sources", po::value(&req.sources)->multitoken(), "Verilog/SystemVerilog files")
    ("kernel_files", po::value(&kernel_files)->multitoken(), "C/C++ model run under sw_emu (.v/.sv files here are sources)")
    ("ip_directory", po::value(&ip_dirs), "packaged IP: its component.xml gives sources, top and (without --kernel_xml) "
                                          "the kernel.xml; without one, every .v/.sv below it is a source")
    ("output_kernel_xml", po::value(&req.output_kernel_xml), "also write the kernel.xml used")
    ("top", po::value(&req.top), "top module when it is not named like the kernel")
    ("include,I", po::value(&req.includes), "Verilog include directory")
    ("define,D", po::value(&req.defines), "Verilog define NAME[=VALUE]")
    ("output,o", po::value(&req.output), ".xo file to write")
    ("xo_path", po::value(&req.output), "same as -o")
    ("platform,f", po::value(&req.platform)->default_value("xrtemu_u250"), "platform (recorded in the .xo)")
    ("ctrl_protocol", po::value(&ctrl), "check kernel.xml's hwControlProtocol is this one")
    ("no-waves", po::bool_switch(), "build without FST tracing (XRTEMU_WAVES then has no effect)")
    ("save-temps,s", po::bool_switch(), "keep the verilated sources and build next to the output")
    ("force", po::bool_switch(), "overwrite the output (always done; accepted for Vivado scripts)")
    ("verbose", po::bool_switch(&req.verbose), "print the commands and Verilator's output")
    ("input-file", po::value(&req.sources), "source file");
  // Vivado's single-dash long options: -kernel_name K -> --kernel_name K.
  std::vector<std::string> args;
  for (auto& a : raw) {
    if (a.size() > 2 && a[0] == '-' && a[1] != '-') {
      auto name = a.substr(1, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 1);
      if (name.size() > 1 && opts.find_nothrow(name, false)) {
        args.push_back("-" + a);
        continue;
      }
    }
    args.push_back(a);
  }
  po::variables_map vm;
  if (!parse_tool_options(args, opts, "package_xo",
                          "usage: xrtemu package_xo --kernel_name K --kernel_xml kernel.xml --sources a.v [b.sv ...] -o K.xo\n"
                          "       (also Vivado's -kernel_name K -kernel_xml x -ip_directory dir -xo_path K.xo)\n",
                          vm))
    return 0;
  for (auto& f : kernel_files) {
    auto ext = fs::path(f).extension().string();
    (ext == ".v" || ext == ".sv" ? req.sources : req.sw_model_sources).push_back(f);
  }
  for (auto& dir : ip_dirs)
    vpp::use_ip_directory(req, dir, ctrl, std::cout);
  req.trace = !vm["no-waves"].as<bool>();
  req.kernel_include_dir = kernel_include_dir();
  if (vm["save-temps"].as<bool>() && !req.output.empty())
    req.temps_dir = req.output + ".temps";
  if (!ctrl.empty() && !req.kernel_xml.empty()) {
    auto k = vpp::read_kernel_xml(req.kernel_xml, req.kernel);
    if (k.kernel.control != (ctrl == "user_managed" ? "ap_ctrl_none" : ctrl))
      throw std::runtime_error("--ctrl_protocol " + ctrl + " but " + req.kernel_xml + " says hwControlProtocol=\"" +
                               k.kernel.control + "\"");
  }
  vpp::package_rtl_kernel(req, std::cout);
  return 0;
}

} // namespace xrtemu::cli
