// EMBEDDED_METADATA: the Vitis-style kernel XML.  XRT's coreutil reads the
// kernel names, control protocol, ports, args and instance addresses from
// it (xclbin_parser.cpp), so the writer emits exactly the attributes Vitis
// emits, and the parser accepts both ours and real Vitis output.
#include "detail.h"
#include "ptree_build.h"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <algorithm>
#include <sstream>

namespace pt = boost::property_tree;

namespace xrtemu::xclbin::detail {

namespace {

// The AXI-lite port a CU is controlled through: the kernel's slave port,
// or the Vitis default name when the design lists no ports.
std::string control_port(const kernel& k)
{
  for (auto& p : k.ports)
    if (p.mode == "slave")
      return p.name;
  return "S_AXI_CONTROL";
}

uint64_t control_range(const kernel& k)
{
  for (auto& p : k.ports)
    if (p.mode == "slave")
      return p.range;
  return 0x10000;     // XRT's fallback when no slave port is declared
}

pt::ptree kernel_node(const design& d, const kernel& k)
{
  pt::ptree kn;
  kn.put("<xmlattr>.name", k.name);
  kn.put("<xmlattr>.language", k.language.empty() ? "c" : k.language);
  kn.put("<xmlattr>.vlnv", "xilinx.com:hls:" + k.name + ":1.0");
  kn.put("<xmlattr>.preferredWorkGroupSizeMultiple", "0");
  auto& wg = k.work_group_size;
  bool has_wg = wg[0] || wg[1] || wg[2];
  kn.put("<xmlattr>.workGroupSize", std::to_string(has_wg ? uint64_t(wg[0]) * wg[1] * wg[2] : 1));
  kn.put("<xmlattr>.debug", "false");
  kn.put("<xmlattr>.interrupt", k.control == "ap_ctrl_none" ? "false" : "true");
  kn.put("<xmlattr>.hwControlProtocol", k.control.empty() ? "ap_ctrl_hs" : k.control);
  // Written only for kernels that have them, as Vitis does.
  if (!k.mailbox.empty())
    kn.put("<xmlattr>.mailbox", k.mailbox);
  if (k.counted_auto_restart)
    kn.put("<xmlattr>.countedAutoRestart", std::to_string(k.counted_auto_restart));

  for (auto& p : k.ports) {
    pt::ptree pn;
    pn.put("<xmlattr>.name", p.name);
    pn.put("<xmlattr>.mode", p.mode);
    pn.put("<xmlattr>.range", hex(p.range));
    pn.put("<xmlattr>.dataWidth", std::to_string(p.data_width));
    pn.put("<xmlattr>.portType", p.port_type);
    pn.put("<xmlattr>.base", "0x0");
    attach(kn, "port", std::move(pn));
  }

  size_t id = 0;
  for (auto& a : k.args) {
    pt::ptree an;
    an.put("<xmlattr>.name", a.name);
    an.put("<xmlattr>.addressQualifier", std::to_string(a.address_qualifier));
    an.put("<xmlattr>.id", a.rtinfo ? std::string() : std::to_string(id++));
    an.put("<xmlattr>.port", a.port);
    an.put("<xmlattr>.size", hex(a.size));
    an.put("<xmlattr>.offset", hex(a.offset));
    an.put("<xmlattr>.hostOffset", hex(a.host_offset));
    an.put("<xmlattr>.hostSize", hex(a.host_size));
    an.put("<xmlattr>.type", a.type);
    attach(kn, "arg", std::move(an));
  }
  if (has_wg) {
    // XRT's OpenCL layer requires a local size equal to compileWorkGroupSize.
    for (auto* what : {"compileWorkGroupSize", "maxWorkGroupSize"}) {
      pt::ptree w;
      w.put("<xmlattr>.x", std::to_string(wg[0]));
      w.put("<xmlattr>.y", std::to_string(wg[1]));
      w.put("<xmlattr>.z", std::to_string(wg[2]));
      attach(kn, what, std::move(w));
    }
  }

  // Vitis lists a kernel's CUs inside the kernel element; XRT reads the
  // addrRemap base only in software emulation, IP_LAYOUT otherwise.
  for (auto& inst : d.instances) {
    if (inst.kernel != k.name)
      continue;
    pt::ptree in;
    in.put("<xmlattr>.name", inst.name);
    pt::ptree rn;
    rn.put("<xmlattr>.base", hex(inst.base));
    rn.put("<xmlattr>.range", hex(control_range(k)));
    rn.put("<xmlattr>.port", control_port(k));
    attach(in, "addrRemap", std::move(rn));
    attach(kn, "instance", std::move(in));
  }
  return kn;
}

} // namespace

std::string make_kernel_xml(const design& d)
{
  pt::ptree core;
  core.put("<xmlattr>.name", "OCL_REGION_0");
  core.put("<xmlattr>.target", d.mode.empty() ? "hw" : d.mode);
  core.put("<xmlattr>.type", "clc_region");
  core.put("<xmlattr>.clockFreq", "0MHz");
  core.put("<xmlattr>.numComputeUnits", std::to_string(d.instances.size()));
  for (auto& k : d.kernels)
    attach(core, "kernel", kernel_node(d, k));

  pt::ptree device;
  device.put("<xmlattr>.name", "fpga0");
  device.put("<xmlattr>.fpgaDevice", "xrtemu");
  device.put("<xmlattr>.addrWidth", "0");
  attach(device, "core", std::move(core));

  pt::ptree platform;
  platform.put("<xmlattr>.vendor", "xilinx");
  platform.put("<xmlattr>.boardid", "xrtemu");
  platform.put("<xmlattr>.name", d.platform_vbnv);
  platform.put("<xmlattr>.featureRomTime", "0");
  platform.put("version.<xmlattr>.major", "1");
  platform.put("version.<xmlattr>.minor", "0");
  attach(platform, "device", std::move(device));

  pt::ptree root;
  root.put("project.<xmlattr>.name", d.kernels.empty() ? "xrtemu" : d.kernels.front().name);
  root.put("project.<xmlattr>.platform", d.platform_vbnv);
  root.put("project.<xmlattr>.tool_version", "xrtemu");
  // Our own marker, ignored by XRT: the model's file name for messages.
  if (!d.model_name.empty())
    root.put("project.<xmlattr>.xrtemuModel", d.model_name);
  attach(root, "project.platform", std::move(platform));

  std::ostringstream os;
  pt::write_xml(os, root, pt::xml_writer_make_settings<std::string>(' ', 2));
  return os.str();
}

namespace {

// Attribute access that turns absence and junk into format_error.
struct attr_reader
{
  const std::string& origin;

  std::string text(const pt::ptree& n, const char* what, const std::string& where) const
  {
    auto v = n.get_optional<std::string>(std::string("<xmlattr>.") + what);
    if (!v)
      fail(origin, "EMBEDDED_METADATA", where + " lacks attribute '" + what + "'");
    return *v;
  }

  uint64_t number(const pt::ptree& n, const char* what, const std::string& where,
                  std::optional<uint64_t> fallback = std::nullopt) const
  {
    auto v = n.get_optional<std::string>(std::string("<xmlattr>.") + what);
    if (!v || v->empty()) {
      if (fallback)
        return *fallback;
      fail(origin, "EMBEDDED_METADATA", where + " lacks attribute '" + what + "'");
    }
    try {
      return parse_number(*v);
    }
    catch (const std::exception&) {
      fail(origin, "EMBEDDED_METADATA",
           where + " has bad number '" + *v + "' in attribute '" + what + "'");
    }
  }
};

} // namespace

xml_info parse_kernel_xml(const std::string& xml, const std::string& origin)
{
  pt::ptree root;
  try {
    std::istringstream is(xml);
    pt::read_xml(is, root);
  }
  catch (const pt::xml_parser_error& e) {
    fail(origin, "EMBEDDED_METADATA", std::string("malformed XML: ") + e.what());
  }

  xml_info info;
  attr_reader at{origin};
  auto platform = root.get_child_optional("project.platform");
  if (!platform)
    fail(origin, "EMBEDDED_METADATA", "no <project><platform> element");
  info.platform = platform->get<std::string>("<xmlattr>.name", "");
  info.model_name = root.get<std::string>("project.<xmlattr>.xrtemuModel", "");

  // XRT looks at the first core of the first device only; so do we.
  auto core = platform->get_child_optional("device.core");
  if (!core)
    return info;    // a platform-only xclbin: no kernels
  info.target = core->get<std::string>("<xmlattr>.target", "");

  for (auto& kv : *core) {
    if (kv.first != "kernel")
      continue;
    const auto& kn = kv.second;
    kernel k;
    k.name = at.text(kn, "name", "<kernel>");
    std::string where = "kernel '" + k.name + "'";
    k.control = kn.get<std::string>("<xmlattr>.hwControlProtocol", "");
    k.language = kn.get<std::string>("<xmlattr>.language", "c");
    {
      auto mb = kn.get<std::string>("<xmlattr>.mailbox", "none");
      if (mb == "inout" || mb == "true")
        mb = "both";
      if (mb == "none" || mb == "false")
        mb.clear();
      if (!mb.empty() && mb != "in" && mb != "out" && mb != "both")
        fail(origin, "EMBEDDED_METADATA", where + " has mailbox='" + mb + "' (none, in, out, inout, both, true, false)");
      k.mailbox = mb;
      k.counted_auto_restart = static_cast<uint32_t>(at.number(kn, "countedAutoRestart", where, 0));
    }
    if (auto wg = kn.get_child_optional("compileWorkGroupSize"))
      for (const char* d : {"x", "y", "z"})
        k.work_group_size[*d - 'x'] = static_cast<uint32_t>(at.number(*wg, d, where + " compileWorkGroupSize", 0));

    std::vector<std::pair<uint64_t, kernel_arg>> args;
    for (auto& ch : kn) {
      const auto& n = ch.second;
      if (ch.first == "port") {
        kernel_port p;
        p.name = at.text(n, "name", where + " <port>");
        p.mode = n.get<std::string>("<xmlattr>.mode", "");
        p.range = at.number(n, "range", where + " port '" + p.name + "'", 0);
        p.data_width = static_cast<uint32_t>(
            at.number(n, "dataWidth", where + " port '" + p.name + "'", 32));
        p.port_type = n.get<std::string>("<xmlattr>.portType", "");
        k.ports.push_back(p);
      }
      else if (ch.first == "arg") {
        kernel_arg a;
        a.name = at.text(n, "name", where + " <arg>");
        std::string aw = where + " arg '" + a.name + "'";
        // OpenCL runtime-info args (global_size ...) carry an empty id and
        // are not user arguments; XRT skips them too.
        std::string id = n.get<std::string>("<xmlattr>.id", "");
        if (id.empty())
          continue;
        uint64_t index = at.number(n, "id", aw);
        a.type = n.get<std::string>("<xmlattr>.type", "");
        a.address_qualifier = static_cast<uint32_t>(at.number(n, "addressQualifier", aw));
        a.port = n.get<std::string>("<xmlattr>.port", "");
        a.offset = at.number(n, "offset", aw);
        a.size = at.number(n, "size", aw);
        a.host_size = at.number(n, "hostSize", aw, a.size);
        a.host_offset = at.number(n, "hostOffset", aw, 0);
        args.emplace_back(index, a);
      }
      else if (ch.first == "instance") {
        instance inst;
        inst.kernel = k.name;
        inst.name = at.text(n, "name", where + " <instance>");
        inst.interrupt = k.control != "ap_ctrl_none";
        if (auto remap = n.get_child_optional("addrRemap"))
          inst.base = at.number(*remap, "base", where + " instance '" + inst.name + "'", 0);
        info.instances.push_back(inst);
      }
    }
    // Arguments are indexed by id, which need not match document order.
    std::stable_sort(args.begin(), args.end(),
                     [](auto& x, auto& y) { return x.first < y.first; });
    // An id repeated (a multi-component argument) extends the first
    // component, the way XRT merges them; a gap in the ids is an error.
    for (size_t i = 0; i < args.size(); ++i) {
      if (i > 0 && args[i].first == args[i - 1].first) {
        k.args.back().size += args[i].second.size;
        k.args.back().host_size += args[i].second.host_size;
        continue;
      }
      if (args[i].first != k.args.size())
        fail(origin, "EMBEDDED_METADATA",
             where + " argument id " + std::to_string(args[i].first) +
             " leaves a gap (expected " + std::to_string(k.args.size()) + ")");
      k.args.push_back(args[i].second);
    }
    info.kernels.push_back(std::move(k));
  }
  return info;
}

} // namespace xrtemu::xclbin::detail
