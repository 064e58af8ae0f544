#include "xrtemu/vpp/link_kernels.h"
#include "xrtemu/vpp/glue_source.h"
#include "xrtemu/vpp/pre_syslink.h"
#include "xrtemu/vpp/run_tool.h"
#include "xrtemu/vpp/xo_file.h"

#include "xrtemu/xclbin/axlf.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace xrtemu::vpp {

namespace {

template <typename C, typename F>
std::string join(const C& items, F name)
{
  std::string out;
  for (auto& i : items)
    out += (out.empty() ? "" : ", ") + name(i);
  return out.empty() ? "none" : out;
}

const emu::bank_desc* find_bank(const emu::platform_desc& p, const std::string& tag)
{
  if (auto* b = p.find_bank(tag))
    return b;
  for (auto& b : p.banks)   // ddr[1] == DDR[1]
    if (b.tag.size() == tag.size() &&
        std::equal(b.tag.begin(), b.tag.end(), tag.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); }))
      return &b;
  return nullptr;
}

} // namespace

link_plan plan_link(const std::vector<kernel_desc>& kernels, const emu::platform_desc& platform,
                    const link_config& cfg)
{
  if (platform.banks.empty())
    throw error(platform.file + ": platform has no memory banks");
  link_plan plan;
  auto kernel_names = [&] { return join(kernels, [](auto& k) { return k.name; }); };
  std::map<std::string, const nk_spec*> nk_of;
  for (auto& nk : cfg.nk) {
    if (std::none_of(kernels.begin(), kernels.end(), [&](auto& k) { return k.name == nk.kernel; }))
      throw error(nk.at.str() + ": unknown kernel '" + nk.kernel + "' (kernels in the .xo files: " + kernel_names() + ")");
    if (nk_of.count(nk.kernel))
      throw error(nk.at.str() + ": kernel '" + nk.kernel + "' already has nk at " + nk_of[nk.kernel]->at.str());
    nk_of[nk.kernel] = &nk;
  }
  // CU order: kernels in .xo order, each kernel's CUs in nk order.
  std::map<std::string, const kernel_desc*> cu_kernel;
  for (auto& k : kernels) {
    auto it = nk_of.find(k.name);
    unsigned count = it == nk_of.end() ? 1 : it->second->count;
    for (unsigned i = 0; i < count; ++i) {
      auto name = it != nk_of.end() && !it->second->names.empty() ? it->second->names[i]
                                                                 : k.name + "_" + std::to_string(i + 1);
      if (cu_kernel.count(name))
        throw error((it != nk_of.end() ? it->second->at.str() + ": " : std::string()) + "CU name '" + name + "' is used twice");
      cu_kernel[name] = &k;
      plan.cus.push_back({k.name, name});
    }
  }
  if (plan.cus.size() > platform.max_cus)
    throw error("the design has " + std::to_string(plan.cus.size()) + " CUs; platform " + platform.name +
                " supports " + std::to_string(platform.max_cus));
  auto cu_names = [&] { return join(plan.cus, [](auto& c) { return c.name; }); };

  // sp names an argument or, as v++ also accepts, an m_axi interface
  // ("m_axi_gmem"): then every argument on that port goes to the bank,
  // except those with an sp of their own.  Argument entries first.
  std::map<std::string, const sp_spec*> sp_of;
  auto assign = [&](const sp_spec& sp, const std::string& arg, const emu::bank_desc* bank) {
    auto key = sp.cu + "." + arg;
    sp_of[key] = &sp;
    plan.sp[key] = bank->tag;
    plan.sp_more.erase(key);
    if (!sp.range_last.empty()) {
      // Every platform bank from the first to the last of the range, in order.
      auto first = bank - platform.banks.data();
      auto last = find_bank(platform, sp.range_last) - platform.banks.data();
      for (auto i = first + 1; i <= last; ++i)
        plan.sp_more[key].push_back(platform.banks[i].tag);
    }
  };
  auto same_name = [](const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  std::vector<std::pair<const sp_spec*, const emu::bank_desc*>> port_sps;
  for (auto& sp : cfg.sp) {
    auto ck = cu_kernel.find(sp.cu);
    if (ck == cu_kernel.end())
      throw error(sp.at.str() + ": unknown compute unit '" + sp.cu + "' (CUs: " + cu_names() + ")");
    auto& args = ck->second->args;
    auto a = std::find_if(args.begin(), args.end(), [&](auto& x) { return x.name == sp.arg; });
    bool is_port = a == args.end() && std::any_of(args.begin(), args.end(), [&](auto& x) {
                     return x.kind == arg_kind::global && same_name(x.port, sp.arg);
                   });
    if (a == args.end() && !is_port)
      throw error(sp.at.str() + ": kernel '" + ck->second->name + "' has no argument or m_axi port '" + sp.arg +
                  "' (arguments: " + join(args, [](auto& x) { return x.name; }) + ")");
    if (!is_port && a->kind != arg_kind::global)
      throw error(sp.at.str() + ": argument '" + sp.arg + "' is not an m_axi port; sp applies to memory arguments");
    auto* bank = find_bank(platform, sp.bank);
    if (!bank || (!sp.range_last.empty() && !find_bank(platform, sp.range_last)))
      throw error(sp.at.str() + ": platform " + platform.name + " has no bank " + sp.spelled +
                  " (banks: " + join(platform.banks, [](auto& b) { return b.tag; }) + ")");
    if (is_port) {
      port_sps.emplace_back(&sp, bank);
      continue;
    }
    auto key = sp.cu + "." + sp.arg;
    if (sp_of.count(key))
      throw error(sp.at.str() + ": " + key + " was already assigned at " + sp_of[key]->at.str());
    assign(sp, sp.arg, bank);
  }
  std::map<std::string, const sp_spec*> port_sp_of;   // "<cu>.<port>" -> its sp
  for (auto [sp, bank] : port_sps) {
    auto& args = cu_kernel[sp->cu]->args;
    auto pkey = sp->cu + "." + sp->arg;
    if (port_sp_of.count(pkey))
      throw error(sp->at.str() + ": " + pkey + " was already assigned at " + port_sp_of[pkey]->at.str());
    port_sp_of[pkey] = sp;
    for (auto& x : args)
      if (x.kind == arg_kind::global && same_name(x.port, sp->arg) && !sp_of.count(sp->cu + "." + x.name))
        assign(*sp, x.name, bank);
  }
  // One AXI master may reach several banks: v++ wires a port to every bank
  // its arguments are mapped to (each argument's buffers still go to its
  // own).  An argument left unmapped follows the first mapped argument of
  // its port.
  for (auto& cu : plan.cus) {
    std::map<std::string, std::string> port_bank;   // port -> first mapped bank
    auto& args = cu_kernel[cu.name]->args;
    for (auto& a : args)
      if (a.kind == arg_kind::global && plan.sp.count(cu.name + "." + a.name))
        port_bank.emplace(a.port, plan.sp[cu.name + "." + a.name]);
    for (auto& a : args) {
      auto key = cu.name + "." + a.name;
      if (a.kind == arg_kind::global && !plan.sp.count(key) && port_bank.count(a.port))
        plan.sp[key] = port_bank[a.port];
    }
  }
  // Streams: each end a stream argument of an existing CU, each argument
  // on one link at most.
  auto stream_names = [](const kernel_desc& k) {
    std::vector<std::string> out;
    for (auto& a : k.args)
      if (a.kind == arg_kind::stream)
        out.push_back(a.name);
    return join(out, [](auto& n) { return n; });
  };
  std::map<std::string, const stream_spec*> stream_of;   // "<cu>.<port>" -> its stream_connect
  for (auto& s : cfg.streams) {
    if (s.from_cu == s.to_cu && s.from_port == s.to_port)
      throw error(s.at.str() + ": connects " + s.from_cu + "." + s.from_port + " to itself");
    for (auto [cu, port] : {std::pair{s.from_cu, s.from_port}, std::pair{s.to_cu, s.to_port}}) {
      auto ck = cu_kernel.find(cu);
      if (ck == cu_kernel.end())
        throw error(s.at.str() + ": unknown compute unit '" + cu + "' (CUs: " + cu_names() + ")");
      auto& k = *ck->second;
      auto a = std::find_if(k.args.begin(), k.args.end(), [&](auto& x) { return x.name == port; });
      if (a == k.args.end())
        throw error(s.at.str() + ": kernel '" + k.name + "' has no argument '" + port +
                    "' (stream arguments: " + stream_names(k) + ")");
      if (a->kind != arg_kind::stream)
        throw error(s.at.str() + ": " + cu + "." + port + " is " +
                    (a->kind == arg_kind::global ? "an m_axi" : "a scalar") +
                    " argument, not a stream; stream_connect joins hls::stream (axis) arguments"
                    " (stream arguments of '" + k.name + "': " + stream_names(k) + ")");
      auto key = cu + "." + port;
      auto [it, fresh] = stream_of.emplace(key, &s);
      if (!fresh)
        throw error(s.at.str() + ": " + key + " is already connected at " + it->second->at.str() +
                    "; an AXI4-Stream port joins exactly one link");
    }
    plan.streams.push_back(s);
  }
  // Vitis reports unconnected AXI4-Stream ports as well; here the run that
  // touches one fails, so say which.
  for (auto& cu : plan.cus)
    for (auto& a : cu_kernel[cu.name]->args)
      if (a.kind == arg_kind::stream && !stream_of.count(cu.name + "." + a.name))
        plan.notes.push_back("warning: stream argument " + cu.name + "." + a.name +
                             " is not connected (no stream_connect names it); a run of " + cu.name +
                             " that uses it will fail");
  return plan;
}

void link_kernels(const link_request& req, std::ostream& log)
{
  if (req.inputs.empty())
    throw error("no .xo files to link");
  std::vector<xo_file> xos;
  std::vector<kernel_desc> kernels;
  std::map<std::string, std::string> kernel_from;
  for (auto& in : req.inputs) {
    xos.push_back(read_xo(in));
    for (auto& k : xos.back().kernels) {
      if (kernel_from.count(k.name))
        throw error(in + ": kernel '" + k.name + "' is also in " + kernel_from[k.name]);
      // compile refuses this too, but an .xo may come from elsewhere or an
      // older tool: a free-running CU has no registers to take an address.
      // (RTL kernels have their own register file: package_xo checked them.)
      if (k.control == "ap_ctrl_none" && k.language != "ip_c")
        for (auto& a : k.args)
          if (a.kind == arg_kind::global)
            throw error(in + ": kernel '" + k.name + "' is ap_ctrl_none but argument '" + a.name +
                        "' is an m_axi port; ap_ctrl_none kernels may only have streams and scalars");
      kernel_from[k.name] = in;
      kernels.push_back(k);
    }
  }
  for (auto& i : req.config.ignored)
    log << "xrtemu: " << i << "\n";
  auto plan = plan_link(kernels, *req.platform, req.config);
  for (auto& n : plan.notes)
    log << "xrtemu: " << n << "\n";

  work_dir tmp(req.temps_dir);
  auto dir = fs::path(tmp.path());
  // userPreSysLinkOverlayTcl: PLRAM sizes for the xclbin's MEM_TOPOLOGY.
  auto linked_platform = run_pre_syslink(req.config, *req.platform, req.vivado, tmp.path(), log);
  auto glue = (dir / "xrtemu_model.cpp").string();
  if (req.debug)
    for (auto& k : kernels)
      k.debug = true;
  write_text(glue, model_source(kernels));
  auto argv = cxx_command();
  for (auto f : {"-std=c++17", "-fPIC", "-O2", "-shared"})
    argv.push_back(f);
  if (!req.kernel_include_dir.empty())
    argv.push_back("-I" + req.kernel_include_dir);
  argv.push_back(glue);
  // Software emulation runs an RTL kernel's C model when its .xo has one.
  auto objects_of = [&](size_t x) -> const std::vector<xo_object>& {
    bool sw = req.target == "sw_emu" && !xos[x].sw_emu_objects.empty();
    return sw ? xos[x].sw_emu_objects : xos[x].objects;
  };
  for (size_t x = 0; x < xos.size(); ++x) {
    if (req.target == "sw_emu" && !xos[x].sw_emu_objects.empty())
      log << "xrtemu: sw_emu: " << req.inputs[x] << " runs its C model (package_xo -kernel_files), not the RTL\n";
    else if (req.target == "sw_emu" && !xos[x].kernels.empty() && xos[x].kernels.front().language == "ip_c")
      log << "xrtemu: sw_emu: " << req.inputs[x] << " has no C model (package_xo -kernel_files); its RTL runs\n";
  }
  for (size_t x = 0; x < xos.size(); ++x)
    for (auto& o : objects_of(x)) {
      auto p = (dir / ("xo" + std::to_string(x) + "_" + o.name)).string();
      std::ofstream out(p, std::ios::binary);
      out.write(o.bytes.data(), static_cast<std::streamsize>(o.bytes.size()));
      if (!out.flush())
        throw error(p + ": cannot write");
      argv.push_back(p);
    }
  // Libraries the objects need (RTL kernels: zlib for FST waveforms), once each.
  std::vector<std::string> link_flags;
  for (auto& xo : xos)
    for (auto& f : xo.link_flags)
      if (std::find(link_flags.begin(), link_flags.end(), f) == link_flags.end())
        link_flags.push_back(f);
  argv.insert(argv.end(), link_flags.begin(), link_flags.end());
  auto so = (dir / (fs::path(req.output).stem().string() + "_model.so")).string();
  argv.insert(argv.end(), {"-o", so});
  run_tool(argv, "linking the kernel model", req.verbose);

  if (!req.model_output.empty()) {
    // The same library binds xclbins built by Vitis for a card when its
    // directory is on XRTEMU_MODEL_PATH.
    std::error_code ec;
    fs::copy_file(so, req.model_output, fs::copy_options::overwrite_existing, ec);
    if (ec)
      throw error(req.model_output + ": cannot write the kernel model: " + ec.message());
    log << "xrtemu: wrote " << req.model_output << " (kernel model library)\n";
  }
  auto model = load_model(so);
  model.path = fs::path(so).filename().string();
  xclbin_request xr;
  xr.platform = &linked_platform;
  xr.model = &model;
  xr.cus = plan.cus;
  xr.sp = plan.sp;
  xr.sp_more = plan.sp_more;
  for (auto& s : plan.streams)
    xr.streams.push_back({s.from_cu, s.from_port, s.to_cu, s.to_port, s.depth});
  xr.mode = req.target;
  auto d = build_design(xr);
  // What the model does not carry: the HLS mailbox / counted auto-restart
  // the kernel was synthesized with (its XML attributes for XRT).
  for (auto& xk : d.kernels)
    for (auto& k : kernels)
      if (k.name == xk.name) {
        xk.mailbox = k.mailbox;
        xk.counted_auto_restart = k.counted_auto_restart ? 1 : 0;
      }
  xclbin::write_file(d, req.output);
  log << "xrtemu: wrote " << req.output << " (" << d.instances.size() << " CU"
      << (d.instances.size() == 1 ? "" : "s") << ", platform " << req.platform->name << ", uuid "
      << xclbin::to_string(d.id) << ")\n";
  if (!req.temps_dir.empty())
    log << "xrtemu: intermediate files kept in " << tmp.path() << "\n";
}

} // namespace xrtemu::vpp
