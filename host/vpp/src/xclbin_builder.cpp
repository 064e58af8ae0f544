// Kernel metadata follows the Vitis HLS conventions: register layout from
// register_layout.hpp, upper-case port names, address qualifiers 0/1/4.
#include "xrtemu/vpp/xclbin_builder.h"

#include "xrtemu/register_layout.hpp"
#include "xrtemu/xclbin/axlf.h"

#include <xclbin.h>

#include <dlfcn.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace xrtemu::vpp {

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

xclbin::kernel describe(const xrtemu_kernel& k)
{
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
  return xk;
}

} // namespace

loaded_model load_model(const std::string& path)
{
  void* h = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!h)
    throw std::runtime_error(path + ": cannot load: " + ::dlerror());
  auto fn = reinterpret_cast<xrtemu_model_fn>(::dlsym(h, XRTEMU_MODEL_SYMBOL));
  if (!fn)
    throw std::runtime_error(path + ": not an xrtemu kernel model (no " XRTEMU_MODEL_SYMBOL ")");
  loaded_model m;
  m.path = path;
  m.model = fn();
  if (!m.model || m.model->abi != XRTEMU_MODEL_ABI)
    throw std::runtime_error(path + ": kernel model ABI mismatch");
  std::ifstream in(path, std::ios::binary);
  m.bytes.assign(std::istreambuf_iterator<char>(in), {});
  return m;
}

xclbin::design build_design(const xclbin_request& req)
{
  auto& plat = *req.platform;
  if (plat.banks.empty())
    throw std::runtime_error(plat.file + ": platform has no memory banks");
  xclbin::design d;
  d.model = req.model->bytes;
  d.model_name = req.model->path;
  d.id = xclbin::random_uuid();
  d.platform_vbnv = plat.vbnv;
  d.mode = req.mode;
  for (auto& b : plat.banks)
    d.banks.push_back({b.tag, mem_type(b.kind), false, b.base, b.size});
  for (auto& [name, mhz] : plat.clocks_mhz)
    d.clocks.push_back({name == "ap_clk" ? "DATA_CLK" : name == "ap_clk_2" ? "KERNEL_CLK" : name,
                        static_cast<uint16_t>(mhz), static_cast<uint8_t>(name == "ap_clk" ? CT_DATA : CT_KERNEL)});

  auto find_kernel = [&](const std::string& name) -> const xrtemu_kernel* {
    for (uint32_t i = 0; i < req.model->model->num_kernels; ++i)
      if (name == req.model->model->kernels[i].name)
        return &req.model->model->kernels[i];
    return nullptr;
  };
  auto bank_index = [&](const std::string& tag) -> uint32_t {
    for (uint32_t b = 0; b < d.banks.size(); ++b)
      if (d.banks[b].tag == tag)
        return b;
    throw std::runtime_error("platform " + plat.name + " has no bank " + tag);
  };

  for (auto& cu : req.cus) {
    auto* k = find_kernel(cu.kernel);
    if (!k)
      throw std::runtime_error(req.model->path + ": model has no kernel '" + cu.kernel + "'");
    if (std::none_of(d.kernels.begin(), d.kernels.end(), [&](auto& x) { return x.name == cu.kernel; }))
      d.kernels.push_back(describe(*k));
    auto ip = static_cast<uint32_t>(d.instances.size());
    xclbin::instance inst;
    inst.kernel = cu.kernel;
    inst.name = cu.name;
    inst.base = plat.cu_base + plat.cu_stride * ip;
    inst.interrupt = k->control != XRTEMU_CTRL_NONE;
    d.instances.push_back(inst);
    for (uint32_t a = 0; a < k->num_args; ++a) {
      if (k->args[a].kind != XRTEMU_ARG_GLOBAL)
        continue;
      auto it = req.sp.find(cu.name + "." + k->args[a].name);
      uint32_t mem = it == req.sp.end() ? 0 : bank_index(it->second);
      d.banks[mem].used = true;
      d.connections.push_back({a, ip, mem});
      // A range (sp=cu.arg:HBM[0:3]) connects the port to every bank in it.
      auto more = req.sp_more.find(cu.name + "." + k->args[a].name);
      if (more != req.sp_more.end())
        for (auto& tag : more->second) {
          auto m = bank_index(tag);
          d.banks[m].used = true;
          d.connections.push_back({a, ip, m});
        }
    }
  }
  // Vitis marks the default bank used even when only scalars exist.
  d.banks[0].used = true;
  return d;
}

} // namespace xrtemu::vpp
