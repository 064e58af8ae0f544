// `xrtemu package`: wrap a compiled kernel model into an xclbin for one
// platform.  Each kernel becomes one CU (<kernel>_1) with the Vitis HLS
// register layout; m_axi arguments connect to the platform's first bank
// unless --sp says otherwise (v++'s default connectivity).
#include "commands.h"

#include "xrtemu/vpp/xclbin_builder.h"
#include "xrtemu/xclbin/axlf.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <iostream>
#include <map>

namespace po = boost::program_options;

namespace xrtemu::cli {

int package_command(const std::vector<std::string>& args)
{
  po::options_description opts("xrtemu package options");
  std::string model_path, platform, output;
  std::vector<std::string> kernels, sps;
  opts.add_options()
    ("help,h", "show this help")
    ("model,m", po::value(&model_path)->required(), "kernel model library (.so) to package")
    ("platform,p", po::value(&platform)->default_value("xrtemu_u250"), "platform name or JSON file")
    ("kernel,k", po::value(&kernels), "kernel to include (default: every kernel of the model)")
    ("sp", po::value(&sps), "connect an argument to a bank: <cu>.<arg>:<bank tag>")
    ("output,o", po::value(&output)->required(), "xclbin to write");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(opts).run(), vm);
  if (vm.count("help")) {
    std::cout << "usage: xrtemu package --model libK.so [--platform P] [-k kernel] [--sp cu.arg:BANK] -o out.xclbin\n"
              << opts;
    return 0;
  }
  po::notify(vm);

  auto plat = find_platform(platform);
  auto model = vpp::load_model(model_path);
  model.path = model_path;

  vpp::xclbin_request req;
  req.platform = &plat;
  req.model = &model;
  // --sp cu.arg:TAG
  for (auto& s : sps) {
    auto colon = s.rfind(':');
    if (colon == std::string::npos)
      throw std::runtime_error("--sp " + s + ": expected <cu>.<arg>:<bank>");
    auto tag = s.substr(colon + 1);
    if (!plat.find_bank(tag))
      throw std::runtime_error("--sp " + s + ": platform " + plat.name + " has no bank " + tag);
    req.sp[s.substr(0, colon)] = tag;
  }
  for (uint32_t i = 0; i < model.model->num_kernels; ++i) {
    std::string name = model.model->kernels[i].name;
    if (kernels.empty() || std::find(kernels.begin(), kernels.end(), name) != kernels.end())
      req.cus.push_back({name, name + "_1"});
  }
  if (req.cus.empty())
    throw std::runtime_error(model_path + ": none of the requested kernels is in the model");
  auto d = vpp::build_design(req);

  xclbin::write_file(d, output);
  std::cout << "xrtemu: wrote " << output << " (" << d.instances.size() << " CU"
            << (d.instances.size() == 1 ? "" : "s") << ", platform " << plat.name
            << ", uuid " << xclbin::to_string(d.id) << ")\n";
  return 0;
}

} // namespace xrtemu::cli
