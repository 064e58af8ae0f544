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
#include <set>
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

std::string trim(const std::string& s)
{
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos)
    return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// "name<a, b<c>, d>" -> {"name", {"a", "b<c>", "d"}}; no '<' -> {s, {}}.
std::pair<std::string, std::vector<std::string>> template_parts(const std::string& s)
{
  auto lt = s.find('<');
  if (lt == std::string::npos || s.back() != '>')
    return {trim(s), {}};
  std::vector<std::string> args;
  std::string cur;
  int depth = 0;
  for (size_t i = lt + 1; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (c == '<')
      ++depth;
    else if (c == '>')
      --depth;
    if (c == ',' && depth == 0) {
      args.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  args.push_back(trim(cur));
  return {trim(s.substr(0, lt)), args};
}

uint32_t leading_number(const std::string& s)
{
  try {
    size_t used = 0;
    auto v = std::stoul(s, &used, 0);
    return used == s.size() && v <= 4096 ? static_cast<uint32_t>(v) : 0;
  }
  catch (const std::exception&) {
    return 0;
  }
}

// Bits of one stream element type as HLS sizes TDATA; 0 when unknown.
uint32_t element_bits(std::string t)
{
  t = trim(t);
  for (const char* q : {"const ", "volatile "})
    while (t.rfind(q, 0) == 0)
      t = trim(t.substr(std::string(q).size()));
  if (t.rfind("::", 0) == 0)
    t = t.substr(2);
  auto [name, args] = template_parts(t);
  if (name.rfind("hls::", 0) == 0)
    name = name.substr(5);
  if (!args.empty()) {
    // The side-band structs' TDATA is their first parameter; hls::axis
    // takes a type there.
    if (name == "ap_axiu" || name == "ap_axis" || name == "qdma_axis" || name == "ap_uint" || name == "ap_int" ||
        name == "ap_fixed" || name == "ap_ufixed")
      return leading_number(args[0]);
    if (name == "axis")
      return element_bits(args[0]);
    return 0;
  }
  static const std::pair<const char*, uint32_t> scalars[] = {
    {"bool", 8}, {"char", 8}, {"signed char", 8}, {"unsigned char", 8}, {"int8_t", 8}, {"uint8_t", 8},
    {"short", 16}, {"unsigned short", 16}, {"int16_t", 16}, {"uint16_t", 16}, {"half", 16},
    {"int", 32}, {"unsigned int", 32}, {"unsigned", 32}, {"int32_t", 32}, {"uint32_t", 32}, {"float", 32},
    {"long", 64}, {"unsigned long", 64}, {"long long", 64}, {"unsigned long long", 64},
    {"int64_t", 64}, {"uint64_t", 64}, {"double", 64}};
  for (auto& [n, bits] : scalars)
    if (name == n)
      return bits;
  return 0;
}

// An OpenCL C kernel's extra facts, when its model exports them.
const xrtemu_opencl* opencl_facts(const loaded_model& m, const std::string& kernel)
{
  if (!m.handle)
    return nullptr;
  auto fn = reinterpret_cast<xrtemu_opencl_fn>(::dlsym(m.handle, (XRTEMU_OPENCL_PREFIX + kernel).c_str()));
  auto* f = fn ? fn() : nullptr;
  return f && f->size >= sizeof(xrtemu_opencl) ? f : nullptr;
}

// Vitis' kernel XML of an OpenCL kernel: language clc, the work-group size,
// __constant pointers as address qualifier 2, and the runtime-info
// registers (id "") XRT's OpenCL layer writes per work-group.
void add_opencl_facts(xclbin::kernel& xk, const xrtemu_kernel& k, const xrtemu_opencl& f)
{
  xk.language = "clc";
  for (int d = 0; d < 3; ++d)
    xk.work_group_size[d] = f.work_group_size[d] ? f.work_group_size[d] : 1;
  for (uint32_t a = 0; a < k.num_args && a < xk.args.size(); ++a)
    if (f.address_qualifiers && f.address_qualifiers[a] == 2)
      xk.args[a].address_qualifier = 2;
  for (uint32_t i = 0; i < f.num_rtinfo; ++i) {
    xclbin::kernel_arg ra;
    ra.name = f.rtinfo[i].name;
    ra.type = "uint";
    ra.port = "S_AXI_CONTROL";
    ra.offset = f.rtinfo[i].offset;
    ra.size = ra.host_size = 4;
    ra.rtinfo = true;
    xk.args.push_back(ra);
  }
}

xclbin::kernel describe(const xrtemu_kernel& k, const std::set<std::string>& producers)
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
    xa.port = upper(arg.kind == XRTEMU_ARG_SCALAR ? "s_axi_control"
                    : arg.port && *arg.port ? arg.port : arg.name);
    xa.offset = offsets[a];
    xa.size = arg.size;
    xa.host_size = arg.host_size;
    bool fresh = std::find(ports.begin(), ports.end(), xa.port) == ports.end();
    if (arg.kind == XRTEMU_ARG_GLOBAL && fresh) {
      ports.push_back(xa.port);
      xk.ports.push_back({xa.port, "master", 0xFFFFFFFFFFFFFFFFULL, 32, "addressable"});
    }
    if (arg.kind == XRTEMU_ARG_STREAM && fresh) {
      // Vitis gives an AXI4-Stream port its direction as the mode; the
      // driver reads it back to tell a link's producer from its consumer.
      // Only stream_connect says which way data flows here, so a port
      // nothing writes from is taken as an input.
      ports.push_back(xa.port);
      auto width = stream_data_width(arg.type, arg.host_size);
      xk.ports.push_back({xa.port, producers.count(arg.name) ? "write_only" : "read_only", 0,
                          width ? width : 32, "stream"});
    }
    xk.args.push_back(xa);
  }
  // Free-running kernels have a control slave only for register arguments.
  bool registers = std::any_of(k.args, k.args + k.num_args, [](auto& a) { return a.kind != XRTEMU_ARG_STREAM; });
  if (k.control != XRTEMU_CTRL_NONE || registers)
    xk.ports.push_back({"S_AXI_CONTROL", "slave", hls_control_range(k), 32, "addressable"});
  return xk;
}

} // namespace

uint32_t stream_data_width(const std::string& type, uint32_t element_bytes)
{
  auto t = trim(type);
  while (!t.empty() && (t.back() == '&' || t.back() == ' '))
    t.pop_back();
  auto [name, args] = template_parts(t);
  uint32_t bits = 0;
  if ((name == "hls::stream" || name == "stream") && !args.empty())
    bits = element_bits(args[0]);
  if (!bits)
    bits = element_bytes * 8;
  // TDATA is a whole number of bytes.
  return (bits + 7) / 8 * 8;
}

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
  m.handle = h;
  if (!m.model || m.model->abi < XRTEMU_MODEL_ABI || m.model->abi > XRTEMU_MODEL_ABI_MAX)
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

  // Which stream arguments of each kernel feed a link: their ports are
  // write_only in the metadata (kernel -> argument names).
  std::map<std::string, std::string> kernel_of;
  for (auto& cu : req.cus)
    kernel_of[cu.name] = cu.kernel;
  std::map<std::string, std::set<std::string>> producers;
  for (auto& s : req.streams) {
    auto it = kernel_of.find(s.from_cu);
    if (it != kernel_of.end())
      producers[it->second].insert(s.from_arg);
  }

  for (auto& cu : req.cus) {
    auto* k = find_kernel(cu.kernel);
    if (!k)
      throw std::runtime_error(req.model->path + ": model has no kernel '" + cu.kernel + "'");
    if (std::none_of(d.kernels.begin(), d.kernels.end(), [&](auto& x) { return x.name == cu.kernel; }))
    {
      d.kernels.push_back(describe(*k, producers[cu.kernel]));
      if (auto* f = opencl_facts(*req.model, cu.kernel))
        add_opencl_facts(d.kernels.back(), *k, *f);
    }
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

  // Stream links: one MEM_STREAMING_CONNECTION entry each, after the
  // platform's banks, and two CONNECTIVITY entries, producer first
  // (xrtemu/xclbin/stream_links.h).
  auto stream_end = [&](const std::string& cu, const std::string& arg) -> std::pair<uint32_t, uint32_t> {
    for (uint32_t ip = 0; ip < req.cus.size(); ++ip) {
      if (req.cus[ip].name != cu)
        continue;
      auto* k = find_kernel(req.cus[ip].kernel);
      for (uint32_t a = 0; a < k->num_args; ++a)
        if (arg == k->args[a].name) {
          if (k->args[a].kind != XRTEMU_ARG_STREAM)
            throw std::runtime_error("stream " + cu + "." + arg + ": argument '" + arg + "' of kernel '" +
                                     k->name + "' is not a stream");
          return {ip, a};
        }
      throw std::runtime_error("stream " + cu + "." + arg + ": kernel '" + k->name + "' has no argument '" + arg + "'");
    }
    throw std::runtime_error("stream " + cu + "." + arg + ": no CU named '" + cu + "'");
  };
  for (size_t i = 0; i < req.streams.size(); ++i) {
    auto& s = req.streams[i];
    auto from = stream_end(s.from_cu, s.from_arg);
    auto to = stream_end(s.to_cu, s.to_arg);
    xclbin::mem_bank link;
    link.tag = "strm_" + std::to_string(i);
    link.type = MEM_STREAMING_CONNECTION;
    link.used = true;
    link.stream_depth = s.depth;
    auto mem = static_cast<uint32_t>(d.banks.size());
    d.banks.push_back(link);
    d.connections.push_back({from.second, from.first, mem});
    d.connections.push_back({to.second, to.first, mem});
  }
  return d;
}

} // namespace xrtemu::vpp
