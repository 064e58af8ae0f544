// `xrtemu package`: wrap a compiled kernel model into an xclbin for one
// platform.  Each kernel becomes one CU (<kernel>_1) with the Vitis HLS
// register layout; m_axi arguments connect to the platform's first bank
// unless --sp says otherwise (v++'s default connectivity).
#include "commands.h"

#include "xrtemu/emu/platform.h"
#include "xrtemu/register_layout.hpp"
#include "xrtemu/xclbin/axlf.h"

#include <boost/program_options.hpp>

#include <xclbin.h>

#include <dlfcn.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

namespace po = boost::program_options;

namespace xrtemu::cli {

namespace {

std::string upper(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

uint8_t mem_type(emu::bank_kind k)
{
  switch (k) {
  case emu::bank_kind::hbm: return MEM_HBM;
  case emu::bank_kind::plram: return MEM_DRAM;
  case emu::bank_kind::host: return MEM_HOST;
  case emu::bank_kind::bram: return MEM_BRAM;
  case emu::bank_kind::streaming: return MEM_STREAMING;
  default: return MEM_DDR4;
  }
}

} // namespace

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

  auto plat = emu::load_platform(platform_file(platform));
  if (plat.banks.empty())
    throw std::runtime_error(plat.file + ": platform has no memory banks");

  void* h = ::dlopen(model_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!h)
    throw std::runtime_error(model_path + ": cannot load: " + ::dlerror());
  auto fn = reinterpret_cast<xrtemu_model_fn>(::dlsym(h, XRTEMU_MODEL_SYMBOL));
  if (!fn)
    throw std::runtime_error(model_path + ": not an xrtemu kernel model (no " XRTEMU_MODEL_SYMBOL ")");
  auto model = fn();

  std::ifstream in(model_path, std::ios::binary);
  xclbin::design d;
  d.model.assign(std::istreambuf_iterator<char>(in), {});
  d.model_name = model_path;
  d.id = xclbin::random_uuid();
  d.platform_vbnv = plat.vbnv;
  for (auto& b : plat.banks)
    d.banks.push_back({b.tag, mem_type(b.kind), false, b.base, b.size});
  for (auto& [name, mhz] : plat.clocks_mhz)
    d.clocks.push_back({name == "ap_clk" ? "DATA_CLK" : name == "ap_clk_2" ? "KERNEL_CLK" : name,
                        static_cast<uint16_t>(mhz), static_cast<uint8_t>(name == "ap_clk" ? CT_DATA : CT_KERNEL)});

  // --sp cu.arg:TAG
  std::map<std::string, std::string> sp;
  for (auto& s : sps) {
    auto colon = s.rfind(':');
    if (colon == std::string::npos)
      throw std::runtime_error("--sp " + s + ": expected <cu>.<arg>:<bank>");
    auto tag = s.substr(colon + 1);
    if (!plat.find_bank(tag))
      throw std::runtime_error("--sp " + s + ": platform " + plat.name + " has no bank " + tag);
    sp[s.substr(0, colon)] = tag;
  }

  for (uint32_t i = 0; i < model->num_kernels; ++i) {
    auto& k = model->kernels[i];
    if (!kernels.empty() && std::find(kernels.begin(), kernels.end(), k.name) == kernels.end())
      continue;
    xclbin::kernel xk;
    xk.name = k.name;
    xk.control = k.control == XRTEMU_CTRL_CHAIN ? "ap_ctrl_chain"
               : k.control == XRTEMU_CTRL_NONE ? "ap_ctrl_none" : "ap_ctrl_hs";
    auto offsets = hls_register_offsets(k);
    std::vector<std::string> ports;
    for (uint32_t a = 0; a < k.num_args; ++a) {
      auto& arg = k.args[a];
      xclbin::kernel_arg xa;
      xa.name = arg.name;
      xa.type = arg.type;
      xa.address_qualifier = arg.kind == XRTEMU_ARG_GLOBAL ? 1 : arg.kind == XRTEMU_ARG_STREAM ? 4 : 0;
      xa.port = upper(arg.kind == XRTEMU_ARG_SCALAR ? "s_axi_control" : arg.port);
      xa.offset = offsets[a];
      xa.size = arg.size;
      xa.host_size = arg.host_size;
      if (arg.kind == XRTEMU_ARG_GLOBAL && std::find(ports.begin(), ports.end(), xa.port) == ports.end()) {
        ports.push_back(xa.port);
        xk.ports.push_back({xa.port, "master", 0xFFFFFFFFFFFFFFFFULL, 32, "addressable"});
      }
      xk.args.push_back(xa);
    }
    if (k.control != XRTEMU_CTRL_NONE)
      xk.ports.push_back({"S_AXI_CONTROL", "slave", hls_control_range(k), 32, "addressable"});
    d.kernels.push_back(xk);

    xclbin::instance inst;
    inst.kernel = k.name;
    inst.name = std::string(k.name) + "_1";
    inst.base = plat.cu_base + plat.cu_stride * d.instances.size();
    auto ip = static_cast<uint32_t>(d.instances.size());
    d.instances.push_back(inst);
    for (uint32_t a = 0; a < k.num_args; ++a) {
      if (k.args[a].kind != XRTEMU_ARG_GLOBAL)
        continue;
      auto it = sp.find(inst.name + "." + k.args[a].name);
      uint32_t mem = 0;
      if (it != sp.end())
        for (uint32_t b = 0; b < d.banks.size(); ++b)
          if (d.banks[b].tag == it->second)
            mem = b;
      d.banks[mem].used = true;
      d.connections.push_back({a, ip, mem});
    }
  }
  if (d.instances.empty())
    throw std::runtime_error(model_path + ": none of the requested kernels is in the model");
  // Vitis marks the default bank used even when only scalars exist.
  d.banks[0].used = true;

  xclbin::write_file(d, output);
  std::cout << "xrtemu: wrote " << output << " (" << d.instances.size() << " CU"
            << (d.instances.size() == 1 ? "" : "s") << ", platform " << plat.name
            << ", uuid " << xclbin::to_string(d.id) << ")\n";
  return 0;
}

} // namespace xrtemu::cli
