// component.xml: an IP core in IP-XACT (IEEE 1685-2009, the "spirit"
// namespace Vivado's IP packager writes) with Xilinx's vendor extensions.
// Reads what Vivado writes (bus interfaces, memory maps, model ports and
// parameters, file sets, kernel attributes) and writes the same elements.
#include "xrtemu/vpp/ip_core.h"
#include "xrtemu/vpp/kernel_interface.h"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <filesystem>

namespace fs = std::filesystem;
namespace pt = boost::property_tree;

namespace xrtemu::vpp {

namespace {

std::string text(const pt::ptree& n, const std::string& path, const std::string& def = "")
{
  auto v = n.get_optional<std::string>(path);
  if (!v)
    return def;
  auto s = *v;
  auto a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

uint64_t number(const std::string& s, const std::string& where)
{
  try {
    size_t used = 0;
    auto v = std::stoull(s, &used, 0);
    if (used == s.size())
      return v;
  }
  catch (const std::exception&) {
  }
  throw error(where + ": '" + s + "' is not a number");
}

std::string vlnv_of(const pt::ptree& n)
{
  auto a = [&](const char* k) { return n.get<std::string>(std::string("<xmlattr>.spirit:") + k, ""); };
  return a("vendor") + ":" + a("library") + ":" + a("name") + ":" + a("version");
}

void read_params(const pt::ptree& parent, std::vector<ip_param>& out)
{
  if (auto ps = parent.get_child_optional("spirit:parameters"))
    for (auto& [tag, p] : *ps)
      if (tag == "spirit:parameter")
        out.push_back({text(p, "spirit:name"), text(p, "spirit:value")});
}

void put_vlnv(pt::ptree& n, const std::string& vlnv)
{
  std::string parts[4];
  size_t at = 0;
  for (int i = 0; i < 4; ++i) {
    auto c = vlnv.find(':', at);
    parts[i] = vlnv.substr(at, c == std::string::npos ? std::string::npos : c - at);
    at = c == std::string::npos ? vlnv.size() : c + 1;
  }
  n.put("<xmlattr>.spirit:vendor", parts[0]);
  n.put("<xmlattr>.spirit:library", parts[1]);
  n.put("<xmlattr>.spirit:name", parts[2]);
  n.put("<xmlattr>.spirit:version", parts[3]);
}

void put_params(pt::ptree& parent, const std::vector<ip_param>& params)
{
  if (params.empty())
    return;
  auto& ps = parent.add_child("spirit:parameters", {});
  for (auto& p : params) {
    auto& n = ps.add_child("spirit:parameter", {});
    n.put("spirit:name", p.name);
    n.put("spirit:value", p.value);
  }
}

std::string hex(uint64_t v)
{
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%03llX", static_cast<unsigned long long>(v));
  return buf;
}

} // namespace

ip_core read_component_xml(const std::string& path)
{
  pt::ptree tree;
  try {
    pt::read_xml(path, tree, pt::xml_parser::trim_whitespace);
  }
  catch (const pt::xml_parser_error& e) {
    throw error(path + ":" + std::to_string(e.line()) + ": not an IP-XACT component: " + e.message());
  }
  auto c = tree.get_child_optional("spirit:component");
  if (!c)
    throw error(path + ": no <spirit:component> element (not an IP-XACT component.xml)");
  ip_core core;
  core.root_dir = fs::absolute(path).parent_path().string();
  core.vendor = text(*c, "spirit:vendor");
  core.library = text(*c, "spirit:library");
  core.name = text(*c, "spirit:name");
  core.version = text(*c, "spirit:version");
  core.description = text(*c, "spirit:description");
  if (auto bis = c->get_child_optional("spirit:busInterfaces"))
    for (auto& [tag, bn] : *bis) {
      if (tag != "spirit:busInterface")
        continue;
      ip_bus_interface b;
      b.name = text(bn, "spirit:name");
      if (auto t = bn.get_child_optional("spirit:busType"))
        b.bus_type = vlnv_of(*t);
      if (auto t = bn.get_child_optional("spirit:abstractionType"))
        b.abstraction = vlnv_of(*t);
      if (auto s = bn.get_child_optional("spirit:slave")) {
        b.mode = "slave";
        if (auto r = s->get_child_optional("spirit:memoryMapRef"))
          b.memory_map_ref = r->get<std::string>("<xmlattr>.spirit:memoryMapRef", "");
      } else if (bn.get_child_optional("spirit:master")) {
        b.mode = "master";
      } else if (bn.get_child_optional("spirit:monitor")) {
        b.mode = "monitor";
      }
      if (auto pms = bn.get_child_optional("spirit:portMaps"))
        for (auto& [pt_, pm] : *pms)
          if (pt_ == "spirit:portMap")
            b.port_maps.push_back({text(pm, "spirit:logicalPort.spirit:name"), text(pm, "spirit:physicalPort.spirit:name")});
      read_params(bn, b.params);
      core.bus_interfaces.push_back(b);
    }
  if (auto mms = c->get_child_optional("spirit:memoryMaps"))
    for (auto& [tag, mn] : *mms) {
      if (tag != "spirit:memoryMap")
        continue;
      ip_memory_map m;
      m.name = text(mn, "spirit:name");
      for (auto& [bt, bn] : mn) {
        if (bt != "spirit:addressBlock")
          continue;
        ip_address_block b;
        b.name = text(bn, "spirit:name");
        auto where = path + ": memory map " + m.name + ", address block " + b.name;
        b.base = number(text(bn, "spirit:baseAddress", "0"), where + ": baseAddress");
        b.range = number(text(bn, "spirit:range", "4096"), where + ": range");
        b.width = static_cast<uint32_t>(number(text(bn, "spirit:width", "32"), where + ": width"));
        b.usage = text(bn, "spirit:usage", "register");
        for (auto& [rt, rn] : bn) {
          if (rt != "spirit:register")
            continue;
          ip_register r;
          r.name = text(rn, "spirit:name");
          r.description = text(rn, "spirit:description");
          auto rw = where + ", register " + r.name;
          r.offset = number(text(rn, "spirit:addressOffset", "0"), rw + ": addressOffset");
          r.size = static_cast<uint32_t>(number(text(rn, "spirit:size", "32"), rw + ": size"));
          read_params(rn, r.params);
          for (auto& [ft, fn] : rn)
            if (ft == "spirit:field") {
              ip_field f;
              f.name = text(fn, "spirit:name");
              f.props.push_back({"BIT_OFFSET", text(fn, "spirit:bitOffset")});
              f.props.push_back({"BIT_WIDTH", text(fn, "spirit:bitWidth")});
              if (auto a = text(fn, "spirit:access"); !a.empty())
                f.props.push_back({"ACCESS", a});
              r.fields.push_back(f);
            }
          b.registers.push_back(r);
        }
        m.blocks.push_back(b);
      }
      core.memory_maps.push_back(m);
    }
  if (auto model = c->get_child_optional("spirit:model")) {
    if (auto views = model->get_child_optional("spirit:views"))
      for (auto& [vt, vn] : *views) {
        if (vt != "spirit:view")
          continue;
        auto mn = text(vn, "spirit:modelName");
        auto name = text(vn, "spirit:name");
        if (!mn.empty() && (core.top.empty() || name.find("synthesis") != std::string::npos))
          core.top = mn;
      }
    if (auto ports = model->get_child_optional("spirit:ports"))
      for (auto& [ptag, pn] : *ports) {
        if (ptag != "spirit:port")
          continue;
        ip_port p;
        p.name = text(pn, "spirit:name");
        p.direction = text(pn, "spirit:wire.spirit:direction", "in");
        if (auto v = pn.get_child_optional("spirit:wire.spirit:vector")) {
          auto where = path + ": port " + p.name;
          p.left = static_cast<int>(number(text(*v, "spirit:left", "0"), where + ": left"));
          p.right = static_cast<int>(number(text(*v, "spirit:right", "0"), where + ": right"));
          p.vector = true;
        }
        core.ports.push_back(p);
      }
    if (auto mps = model->get_child_optional("spirit:modelParameters"))
      for (auto& [mt, mp] : *mps)
        if (mt == "spirit:modelParameter")
          core.model_params.push_back({text(mp, "spirit:name"), text(mp, "spirit:value")});
  }
  if (auto fss = c->get_child_optional("spirit:fileSets")) {
    const pt::ptree* chosen = nullptr;
    for (auto& [ft, fs_] : *fss) {
      if (ft != "spirit:fileSet")
        continue;
      auto name = text(fs_, "spirit:name");
      if (name.find("synthesis") != std::string::npos && name.find("xpgui") == std::string::npos) {
        chosen = &fs_;
        break;
      }
      if (!chosen && name.find("simulation") != std::string::npos)
        chosen = &fs_;
    }
    if (chosen)
      for (auto& [ft, fn] : *chosen)
        if (ft == "spirit:file") {
          ip_file f;
          f.name = text(fn, "spirit:name");
          f.type = text(fn, "spirit:fileType");
          f.include = text(fn, "spirit:isIncludeFile") == "true";
          core.files.push_back(f);
        }
  }
  read_params(*c, core.user_params);
  if (auto ext = c->get_child_optional("spirit:vendorExtensions.xilinx:coreExtensions")) {
    if (auto k = ext->get_child_optional("xilinx:sdxKernelAttributes"))
      for (auto& [kt, kn] : *k)
        if (kt.rfind("xilinx:", 0) == 0)
          core.properties[kt.substr(7)] = text(kn, "");
    if (auto r = text(*ext, "xilinx:coreRevision"); !r.empty())
      core.properties["core_revision"] = r;
  }
  if (core.top.empty())
    core.top = core.name;
  return core;
}

void write_component_xml(const ip_core& core, const std::string& path)
{
  pt::ptree tree;
  auto& c = tree.add_child("spirit:component", {});
  c.put("<xmlattr>.xmlns:xilinx", "http://www.xilinx.com");
  c.put("<xmlattr>.xmlns:spirit", "http://www.spiritconsortium.org/XMLSchema/SPIRIT/1685-2009");
  c.put("<xmlattr>.xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  c.put("spirit:vendor", core.vendor);
  c.put("spirit:library", core.library);
  c.put("spirit:name", core.name);
  c.put("spirit:version", core.version);
  if (!core.bus_interfaces.empty()) {
    auto& bis = c.add_child("spirit:busInterfaces", {});
    for (auto& b : core.bus_interfaces) {
      auto& bn = bis.add_child("spirit:busInterface", {});
      bn.put("spirit:name", b.name);
      put_vlnv(bn.add_child("spirit:busType", {}), b.bus_type);
      put_vlnv(bn.add_child("spirit:abstractionType", {}), b.abstraction);
      auto& mode = bn.add_child(b.mode == "master" ? "spirit:master" : b.mode == "monitor" ? "spirit:monitor" : "spirit:slave", {});
      if (!b.memory_map_ref.empty())
        mode.add_child("spirit:memoryMapRef", {}).put("<xmlattr>.spirit:memoryMapRef", b.memory_map_ref);
      auto& pms = bn.add_child("spirit:portMaps", {});
      for (auto& m : b.port_maps) {
        auto& pm = pms.add_child("spirit:portMap", {});
        pm.put("spirit:logicalPort.spirit:name", m.name);
        pm.put("spirit:physicalPort.spirit:name", m.value);
      }
      put_params(bn, b.params);
    }
  }
  if (!core.memory_maps.empty()) {
    auto& mms = c.add_child("spirit:memoryMaps", {});
    for (auto& m : core.memory_maps) {
      auto& mn = mms.add_child("spirit:memoryMap", {});
      mn.put("spirit:name", m.name);
      for (auto& b : m.blocks) {
        auto& bn = mn.add_child("spirit:addressBlock", {});
        bn.put("spirit:name", b.name);
        bn.put("spirit:baseAddress", b.base);
        bn.put("spirit:range", b.range);
        bn.put("spirit:width", b.width);
        bn.put("spirit:usage", b.usage);
        for (auto& r : b.registers) {
          auto& rn = bn.add_child("spirit:register", {});
          rn.put("spirit:name", r.name);
          if (!r.description.empty())
            rn.put("spirit:description", r.description);
          rn.put("spirit:addressOffset", hex(r.offset));
          rn.put("spirit:size", r.size);
          for (auto& f : r.fields) {
            auto& fn = rn.add_child("spirit:field", {});
            fn.put("spirit:name", f.name);
            if (auto* o = find_param(f.props, "BIT_OFFSET"))
              fn.put("spirit:bitOffset", o->value);
            if (auto* w = find_param(f.props, "BIT_WIDTH"))
              fn.put("spirit:bitWidth", w->value);
            if (auto* a = find_param(f.props, "ACCESS"))
              fn.put("spirit:access", a->value);
          }
          put_params(rn, r.params);
        }
      }
    }
  }
  auto& model = c.add_child("spirit:model", {});
  auto& views = model.add_child("spirit:views", {});
  for (auto [view, env] : {std::pair{"xilinx_anylanguagesynthesis", ":vivado.xilinx.com:synthesis"},
                           std::pair{"xilinx_anylanguagebehavioralsimulation", ":vivado.xilinx.com:simulation"}}) {
    auto& v = views.add_child("spirit:view", {});
    v.put("spirit:name", view);
    v.put("spirit:envIdentifier", env);
    v.put("spirit:language", "Verilog");
    v.put("spirit:modelName", core.top);
    v.put("spirit:fileSetRef.spirit:localName", std::string(view) + "_view_fileset");
  }
  auto& ports = model.add_child("spirit:ports", {});
  for (auto& p : core.ports) {
    auto& pn = ports.add_child("spirit:port", {});
    pn.put("spirit:name", p.name);
    auto& w = pn.add_child("spirit:wire", {});
    w.put("spirit:direction", p.direction);
    if (p.vector) {
      w.put("spirit:vector.spirit:left", p.left);
      w.put("spirit:vector.spirit:right", p.right);
    }
  }
  if (!core.model_params.empty()) {
    auto& mps = model.add_child("spirit:modelParameters", {});
    for (auto& p : core.model_params) {
      auto& n = mps.add_child("spirit:modelParameter", {});
      n.put("spirit:name", p.name);
      n.put("spirit:value", p.value);
    }
  }
  auto& fss = c.add_child("spirit:fileSets", {});
  for (auto view : {"xilinx_anylanguagesynthesis", "xilinx_anylanguagebehavioralsimulation"}) {
    auto& fs_ = fss.add_child("spirit:fileSet", {});
    fs_.put("spirit:name", std::string(view) + "_view_fileset");
    for (auto& f : core.files) {
      auto& fn = fs_.add_child("spirit:file", {});
      fn.put("spirit:name", f.name);
      fn.put("spirit:fileType", f.type);
      if (f.include)
        fn.put("spirit:isIncludeFile", "true");
    }
  }
  c.put("spirit:description", core.description.empty() ? core.name + "_v" + core.version : core.description);
  put_params(c, core.user_params);
  auto& ext = c.add_child("spirit:vendorExtensions.xilinx:coreExtensions", {});
  if (auto r = core.properties.find("core_revision"); r != core.properties.end())
    ext.put("xilinx:coreRevision", r->second);
  for (auto k : {"sdx_kernel", "sdx_kernel_type"})
    if (auto p = core.properties.find(k); p != core.properties.end())
      ext.put(std::string("xilinx:sdxKernelAttributes.xilinx:") + k, p->second);
  ext.put("xilinx:definitionSource", "package_project");
  try {
    fs::create_directories(fs::absolute(path).parent_path());
    pt::write_xml(path, tree, std::locale(), pt::xml_writer_make_settings<std::string>(' ', 2));
  }
  catch (const pt::xml_parser_error& e) {
    throw error(path + ": cannot write: " + e.message());
  }
}

} // namespace xrtemu::vpp
