// The ipx:: commands of xrtemu's `vivado`: package the project's RTL as an
// IP core (ports read through Verilator, interfaces inferred from their
// names), edit its bus interfaces and register map, check it as a Vitis
// kernel, save it as component.xml.
#include "vivado_session.h"

#include "xrtemu/vpp/kernel_interface.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace xrtemu::vivado {

namespace {

std::string upper(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

bool iequal(const std::string& a, const std::string& b) { return upper(a) == upper(b); }

template <typename T>
T* by_name(std::vector<T>& items, const std::string& name)
{
  for (auto& i : items)
    if (iequal(i.name, name))
      return &i;
  return nullptr;
}

handle need_handle(const std::string& text, const std::string& kind, const std::string& cmd)
{
  auto h = parse_handle(text);
  if (!h || h->kind != kind)
    throw tcl_error("'" + text + "' is not an " + kind.substr(4) + " object (" + cmd + ")");
  return *h;
}

std::string core_handle(int id) { return handle{"ipx_core", id, {}}.str(); }

// The -of_objects object, else the last positional that is a handle of `kind`.
handle object_arg(const options& o, const std::string& kind, const std::string& cmd, session& s)
{
  if (o.has("-of_objects"))
    return need_handle(o.get("-of_objects"), kind, cmd);
  for (auto it = o.positional.rbegin(); it != o.positional.rend(); ++it)
    if (auto h = parse_handle(*it); h && h->kind == kind)
      return *h;
  if (kind == "ipx_core")
    return handle{"ipx_core", core_of(s, {}, cmd), {}};
  throw tcl_error("which " + kind.substr(4) + "? pass the object (" + cmd + " ... <" + kind.substr(4) + ">)");
}

// The first positional that is not a handle: the name argument.
std::string name_arg(const options& o, const std::string& cmd, const std::string& what)
{
  for (auto& p : o.positional)
    if (!parse_handle(p))
      return p;
  throw tcl_error(cmd + ": no " + what + " name given");
}

std::vector<std::string> matching(const std::vector<std::string>& names, const options& o, Tcl_Interp* interp)
{
  std::vector<std::string> pats;
  for (auto& p : o.positional)
    if (!parse_handle(p))
      for (auto& q : split_list(interp, p))
        pats.push_back(q);
  std::vector<std::string> out;
  for (auto& n : names) {
    bool hit = pats.empty();
    for (auto& p : pats)
      hit |= Tcl_StringCaseMatch(n.c_str(), p.c_str(), 1) != 0;
    if (hit)
      out.push_back(n);
  }
  return out;
}

template <typename T>
std::vector<std::string> names_of(const std::vector<T>& items)
{
  std::vector<std::string> out;
  for (auto& i : items)
    out.push_back(i.name);
  return out;
}

// ipx::get_<children> [-of_objects <parent>] [patterns]: the children of
// the parent object (the current core by default) whose names match.
void add_getter(session& s, const std::string& cmd, const std::string& parent_kind, const std::string& child_kind,
                std::function<std::vector<std::string>(session&, const handle&)> names)
{
  add_command(s, cmd, [=](session& s, const std::vector<std::string>& args) {
    auto o = parse_options(cmd, args, {"-of_objects", "-filter"}, {"-quiet", "-regexp"});
    auto h = object_arg(o, parent_kind, cmd, s);
    std::vector<std::string> out;
    for (auto& n : matching(names(s, h), o, s.interp)) {
      auto path = h.path;
      path.push_back(n);
      out.push_back(handle{child_kind, h.core, path}.str());
    }
    return make_list(out);
  });
}

std::string package_project(session& s, const std::vector<std::string>& args)
{
  auto o = parse_options("ipx::package_project", args,
                         {"-root_dir", "-vendor", "-library", "-taxonomy", "-set_current", "-module", "-version"},
                         {"-import_files", "-force", "-generated_files", "-quiet", "-force_update_compile_order"});
  if (!s.proj)
    throw tcl_error("no open project to package (create_project and add_files first)");
  auto& p = *s.proj;
  if (p.files.empty())
    throw tcl_error("project " + p.name + " has no HDL files (add_files)");
  auto top = vpp::read_rtl_top(p.files, {}, {}, o.get("-module", p.top), s.kernel_include_dir);
  auto core = std::make_unique<vpp::ip_core>();
  core->root_dir = fs::absolute(o.get("-root_dir", fs::path(p.dir) / (p.name + ".srcs") / "sources_1" / "new"))
                       .lexically_normal()
                       .string();
  core->vendor = o.get("-vendor", "user.org");
  core->library = o.get("-library", "user");
  core->name = top.module;
  core->version = o.get("-version", "1.0");
  core->top = top.module;
  core->ports = top.ports;
  core->model_params = top.params;
  core->user_params = top.params;
  if (o.has("-taxonomy"))
    core->properties["taxonomy"] = o.get("-taxonomy");
  fs::create_directories(core->root_dir);
  for (auto& f : p.files) {
    auto ext = fs::path(f).extension().string();
    vpp::ip_file file;
    file.type = ext == ".sv" || ext == ".svh" ? "systemVerilogSource" : "verilogSource";
    file.include = ext == ".vh" || ext == ".svh";
    if (o.has("-import_files")) {
      auto dst = fs::path(core->root_dir) / "src" / fs::path(f).filename();
      fs::create_directories(dst.parent_path());
      fs::copy_file(f, dst, fs::copy_options::overwrite_existing);
      file.name = "src/" + fs::path(f).filename().string();
    } else {
      file.name = fs::relative(f, core->root_dir).string();
    }
    core->files.push_back(file);
  }
  std::ostringstream log;
  vpp::infer_bus_interfaces(*core, log);
  std::cout << log.str();
  vpp::write_component_xml(*core, (fs::path(core->root_dir) / "component.xml").string());
  auto xml = (fs::path(core->root_dir) / "component.xml").string();
  if (int old = s.find_core_by_path(xml))
    s.cores.erase(old);
  int id = s.next_core++;
  s.cores[id] = std::move(core);
  if (o.get("-set_current", "true") != "false")
    s.current_core = id;
  note("packaged module " + top.module + " (" + top.file + ") as IP " + s.core(id).vlnv() + " in " + xml);
  return core_handle(id);
}

} // namespace

int core_of(session& s, const std::vector<std::string>& positional, const std::string& cmd)
{
  for (auto& p : positional)
    if (auto h = parse_handle(p); h && h->core)
      return h->core;
  if (!s.current_core || !s.cores.count(s.current_core))
    throw tcl_error(cmd + ": no current IP core (ipx::package_project, ipx::edit_ip_in_project or "
                    "ipx::open_ipxact_file first)");
  return s.current_core;
}

ipx_ref resolve(session& s, const handle& h)
{
  ipx_ref r;
  r.core = &s.core(h.core);
  auto& c = *r.core;
  auto need = [&](size_t n) {
    if (h.path.size() < n)
      throw tcl_error("malformed object " + h.str());
  };
  auto gone = [&](const std::string& what) { return tcl_error(what + " no longer exists in IP " + c.vlnv()); };
  if (h.kind == "ipx_bus_interface" || h.kind == "ipx_bus_parameter" || h.kind == "ipx_port_map") {
    need(1);
    if (!(r.busif = c.find_bus_interface(h.path[0])))
      throw gone("bus interface " + h.path[0]);
    if (h.kind == "ipx_bus_parameter") {
      need(2);
      if (!(r.param = by_name(r.busif->params, h.path[1])))
        throw gone("bus parameter " + h.path[0] + "." + h.path[1]);
    }
    if (h.kind == "ipx_port_map") {
      need(2);
      if (!(r.param = by_name(r.busif->port_maps, h.path[1])))
        throw gone("port map " + h.path[0] + "." + h.path[1]);
    }
  } else if (h.kind == "ipx_memory_map" || h.kind == "ipx_address_block" || h.kind == "ipx_register" ||
             h.kind == "ipx_register_parameter" || h.kind == "ipx_field") {
    need(1);
    if (!(r.map = c.find_memory_map(h.path[0])))
      throw gone("memory map " + h.path[0]);
    if (h.path.size() > 1 && !(r.block = by_name(r.map->blocks, h.path[1])))
      throw gone("address block " + h.path[1]);
    if (h.path.size() > 2 && !(r.reg = by_name(r.block->registers, h.path[2])))
      throw gone("register " + h.path[2]);
    if (h.kind == "ipx_register_parameter") {
      need(4);
      if (!(r.param = by_name(r.reg->params, h.path[3])))
        throw gone("register parameter " + h.path[2] + "." + h.path[3]);
    }
    if (h.kind == "ipx_field") {
      need(4);
      if (!(r.field = by_name(r.reg->fields, h.path[3])))
        throw gone("field " + h.path[2] + "." + h.path[3]);
    }
  } else if (h.kind == "ipx_user_parameter") {
    need(1);
    if (!(r.param = by_name(c.user_params, h.path[0])))
      throw gone("user parameter " + h.path[0]);
  } else if (h.kind == "ipx_port") {
    need(1);
    for (auto& p : c.ports)
      if (p.name == h.path[0])
        r.port = &p;
    if (!r.port)
      throw gone("port " + h.path[0]);
  }
  return r;
}

void add_ipx_commands(session& s)
{
  Tcl_Eval(s.interp, "namespace eval ::ipx {}");
  add_command(s, "ipx::package_project", package_project);
  add_command(s, "ipx::current_core", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::current_core", args, {}, {"-quiet"});
    if (!o.positional.empty()) {
      auto h = parse_handle(o.positional[0]);
      if (h && h->kind == "ipx_core")
        s.current_core = h->core;
      else
        s.current_core = s.load_core(o.positional[0]);
    }
    if (!s.current_core || !s.cores.count(s.current_core)) {
      if (o.has("-quiet"))
        return std::string();
      throw tcl_error("no current IP core");
    }
    return core_handle(s.current_core);
  });
  for (auto name : {"ipx::open_ipxact_file", "ipx::edit_ip_in_project", "ipx::open_core"})
    add_command(s, name, [name](session& s, const std::vector<std::string>& args) {
      auto o = parse_options(name, args, {"-name", "-directory", "-upgrade"}, {"-quiet", "-force"});
      if (o.positional.empty())
        throw tcl_error("no component.xml given");
      int id = s.load_core(o.positional.back());
      s.current_core = id;
      if (std::string(name) == "ipx::edit_ip_in_project") {
        project p;
        p.name = o.get("-name", "edit_ip_project");
        p.dir = fs::absolute(o.get("-directory", ".")).string();
        s.proj = p;
        return "project::" + p.name;
      }
      return core_handle(id);
    });
  add_command(s, "ipx::unload_core", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::unload_core", args, {}, {"-quiet"});
    for (auto& a : o.positional) {
      auto h = parse_handle(a);
      int id = h && h->kind == "ipx_core" ? h->core : s.find_core_by_path(a);
      s.cores.erase(id);
      if (s.current_core == id)
        s.current_core = 0;
    }
    return std::string();
  });
  add_command(s, "ipx::save_core", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::save_core", args, {}, {"-quiet"});
    auto& c = s.core(core_of(s, o.positional, "ipx::save_core"));
    auto xml = (fs::path(c.root_dir) / "component.xml").string();
    vpp::write_component_xml(c, xml);
    note("saved IP " + c.vlnv() + " to " + xml);
    return std::string();
  });
  add_command(s, "ipx::check_integrity", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::check_integrity", args, {}, {"-kernel", "-quiet", "-xrt"});
    auto& c = s.core(core_of(s, o.positional, "ipx::check_integrity"));
    std::ostringstream log;
    if (o.has("-kernel") || o.has("-xrt"))
      vpp::kernel_xml_from_ip(c, c.name, s.default_ctrl_protocol, log);
    std::cout << log.str();
    note("IP " + c.vlnv() + " passes the integrity checks" + (o.has("-kernel") ? " for a Vitis kernel" : ""));
    return std::string();
  });

  add_getter(s, "ipx::get_bus_interfaces", "ipx_core", "ipx_bus_interface",
             [](session& s, const handle& h) { return names_of(s.core(h.core).bus_interfaces); });
  add_getter(s, "ipx::get_bus_parameters", "ipx_bus_interface", "ipx_bus_parameter",
             [](session& s, const handle& h) { return names_of(resolve(s, h).busif->params); });
  add_getter(s, "ipx::get_ports", "ipx_core", "ipx_port",
             [](session& s, const handle& h) { return names_of(s.core(h.core).ports); });
  add_getter(s, "ipx::get_user_parameters", "ipx_core", "ipx_user_parameter",
             [](session& s, const handle& h) { return names_of(s.core(h.core).user_params); });
  add_getter(s, "ipx::get_memory_maps", "ipx_core", "ipx_memory_map",
             [](session& s, const handle& h) { return names_of(s.core(h.core).memory_maps); });
  add_getter(s, "ipx::get_address_blocks", "ipx_memory_map", "ipx_address_block",
             [](session& s, const handle& h) { return names_of(resolve(s, h).map->blocks); });
  add_getter(s, "ipx::get_registers", "ipx_address_block", "ipx_register",
             [](session& s, const handle& h) { return names_of(resolve(s, h).block->registers); });
  add_getter(s, "ipx::get_register_parameters", "ipx_register", "ipx_register_parameter",
             [](session& s, const handle& h) { return names_of(resolve(s, h).reg->params); });
  add_getter(s, "ipx::get_fields", "ipx_register", "ipx_field",
             [](session& s, const handle& h) { return names_of(resolve(s, h).reg->fields); });

  // Bus interfaces.
  add_command(s, "ipx::add_bus_interface", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::add_bus_interface", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_core", "ipx::add_bus_interface", s);
    auto name = name_arg(o, "ipx::add_bus_interface", "bus interface");
    auto& c = s.core(h.core);
    if (!c.find_bus_interface(name))
      c.bus_interfaces.push_back({name, "", "", "slave", {}, {}, ""});
    return handle{"ipx_bus_interface", h.core, {name}}.str();
  });
  add_command(s, "ipx::remove_bus_interface", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::remove_bus_interface", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_core", "ipx::remove_bus_interface", s);
    auto name = name_arg(o, "ipx::remove_bus_interface", "bus interface");
    auto& v = s.core(h.core).bus_interfaces;
    auto before = v.size();
    v.erase(std::remove_if(v.begin(), v.end(), [&](auto& b) { return iequal(b.name, name); }), v.end());
    if (v.size() == before && !o.has("-quiet"))
      throw tcl_error("no bus interface " + name + " in IP " + s.core(h.core).vlnv());
    return std::string();
  });
  add_command(s, "ipx::infer_bus_interface", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::infer_bus_interface", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_core", "ipx::infer_bus_interface", s);
    std::vector<std::string> plain;
    for (auto& p : o.positional)
      if (!parse_handle(p))
        plain.push_back(p);
    if (plain.size() < 2)
      throw tcl_error("usage: ipx::infer_bus_interface <port or prefix> <bus abstraction VLNV> <core>");
    auto& c = s.core(h.core);
    auto b = vpp::infer_bus_interface(c, plain[0], plain[1]);
    if (auto* old = c.find_bus_interface(b.name))
      *old = b;
    else
      c.bus_interfaces.push_back(b);
    note("inferred " + b.kind() + " interface " + b.name);
    return handle{"ipx_bus_interface", h.core, {b.name}}.str();
  });
  add_command(s, "ipx::infer_bus_interfaces", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::infer_bus_interfaces", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_core", "ipx::infer_bus_interfaces", s);
    std::ostringstream log;
    vpp::infer_bus_interfaces(s.core(h.core), log);
    std::cout << log.str();
    return std::string();
  });
  add_command(s, "ipx::associate_bus_interfaces", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::associate_bus_interfaces", args, {"-busif", "-clock", "-reset"}, {"-remove", "-quiet"});
    auto h = object_arg(o, "ipx_core", "ipx::associate_bus_interfaces", s);
    auto& c = s.core(h.core);
    auto clock = o.get("-clock");
    if (clock.empty())
      throw tcl_error("-clock <clock interface> is required");
    auto* ck = c.find_bus_interface(clock);
    if (!ck || ck->kind() != "clock")
      throw tcl_error("-clock " + clock + ": IP " + c.vlnv() + " has no clock interface of that name" +
                      (ck ? " (" + ck->name + " is " + ck->kind() + ")" : ""));
    auto add = [&](const std::string& param, const std::string& what) {
      auto items = split_list(s.interp, what);
      for (auto& item : items) {
        if (param == "ASSOCIATED_BUSIF" && !c.find_bus_interface(item))
          throw tcl_error("-busif " + item + ": IP " + c.vlnv() + " has no bus interface of that name");
        auto* cur = vpp::find_param(ck->params, param);
        std::vector<std::string> parts;
        if (cur && !cur->value.empty()) {
          std::string v = cur->value;
          for (size_t at = 0, colon; at <= v.size(); at = colon + 1) {
            colon = v.find(':', at);
            if (colon == std::string::npos)
              colon = v.size();
            parts.push_back(v.substr(at, colon - at));
          }
        }
        parts.erase(std::remove(parts.begin(), parts.end(), item), parts.end());
        if (!o.has("-remove"))
          parts.push_back(item);
        std::string joined;
        for (auto& p : parts)
          joined += (joined.empty() ? "" : ":") + p;
        vpp::set_param(ck->params, param, joined);
      }
    };
    if (o.has("-busif"))
      add("ASSOCIATED_BUSIF", o.get("-busif"));
    if (o.has("-reset"))
      add("ASSOCIATED_RESET", o.get("-reset"));
    return std::string();
  });
  add_command(s, "ipx::add_bus_parameter", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::add_bus_parameter", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_bus_interface", "ipx::add_bus_parameter", s);
    auto name = name_arg(o, "ipx::add_bus_parameter", "parameter");
    auto r = resolve(s, h);
    if (!vpp::find_param(r.busif->params, name))
      r.busif->params.push_back({name, ""});
    return handle{"ipx_bus_parameter", h.core, {h.path[0], name}}.str();
  });
  add_command(s, "ipx::remove_bus_parameter", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::remove_bus_parameter", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_bus_interface", "ipx::remove_bus_parameter", s);
    auto name = name_arg(o, "ipx::remove_bus_parameter", "parameter");
    auto& v = resolve(s, h).busif->params;
    v.erase(std::remove_if(v.begin(), v.end(), [&](auto& p) { return iequal(p.name, name); }), v.end());
    return std::string();
  });
  add_command(s, "ipx::add_port_map", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::add_port_map", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_bus_interface", "ipx::add_port_map", s);
    auto name = name_arg(o, "ipx::add_port_map", "logical port");
    auto r = resolve(s, h);
    if (!vpp::find_param(r.busif->port_maps, name))
      r.busif->port_maps.push_back({upper(name), ""});
    return handle{"ipx_port_map", h.core, {h.path[0], upper(name)}}.str();
  });

  // Ports and user parameters.
  add_command(s, "ipx::remove_user_parameter", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::remove_user_parameter", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_core", "ipx::remove_user_parameter", s);
    auto name = name_arg(o, "ipx::remove_user_parameter", "parameter");
    auto& v = s.core(h.core).user_params;
    v.erase(std::remove_if(v.begin(), v.end(), [&](auto& p) { return iequal(p.name, name); }), v.end());
    return std::string();
  });
  add_command(s, "ipx::add_user_parameter", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::add_user_parameter", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_core", "ipx::add_user_parameter", s);
    auto name = name_arg(o, "ipx::add_user_parameter", "parameter");
    auto& c = s.core(h.core);
    if (!vpp::find_param(c.user_params, name))
      c.user_params.push_back({name, ""});
    return handle{"ipx_user_parameter", h.core, {name}}.str();
  });

  // Memory maps, address blocks, registers, fields.
  add_command(s, "ipx::add_memory_map", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::add_memory_map", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_core", "ipx::add_memory_map", s);
    auto name = name_arg(o, "ipx::add_memory_map", "memory map");
    auto& c = s.core(h.core);
    if (!c.find_memory_map(name))
      c.memory_maps.push_back({name, {}});
    return handle{"ipx_memory_map", h.core, {name}}.str();
  });
  add_command(s, "ipx::remove_memory_map", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::remove_memory_map", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_core", "ipx::remove_memory_map", s);
    auto name = name_arg(o, "ipx::remove_memory_map", "memory map");
    auto& v = s.core(h.core).memory_maps;
    v.erase(std::remove_if(v.begin(), v.end(), [&](auto& m) { return iequal(m.name, name); }), v.end());
    return std::string();
  });
  add_command(s, "ipx::add_address_block", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::add_address_block", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_memory_map", "ipx::add_address_block", s);
    auto name = name_arg(o, "ipx::add_address_block", "address block");
    auto r = resolve(s, h);
    if (!by_name(r.map->blocks, name)) {
      vpp::ip_address_block b;
      b.name = name;
      r.map->blocks.push_back(b);
    }
    return handle{"ipx_address_block", h.core, {h.path[0], name}}.str();
  });
  add_command(s, "ipx::add_register", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::add_register", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_address_block", "ipx::add_register", s);
    auto name = name_arg(o, "ipx::add_register", "register");
    auto r = resolve(s, h);
    if (!by_name(r.block->registers, name)) {
      vpp::ip_register reg;
      reg.name = name;
      r.block->registers.push_back(reg);
    }
    return handle{"ipx_register", h.core, {h.path[0], h.path[1], name}}.str();
  });
  add_command(s, "ipx::remove_register", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::remove_register", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_address_block", "ipx::remove_register", s);
    auto name = name_arg(o, "ipx::remove_register", "register");
    auto& v = resolve(s, h).block->registers;
    v.erase(std::remove_if(v.begin(), v.end(), [&](auto& r) { return iequal(r.name, name); }), v.end());
    return std::string();
  });
  add_command(s, "ipx::add_register_parameter", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::add_register_parameter", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_register", "ipx::add_register_parameter", s);
    auto name = name_arg(o, "ipx::add_register_parameter", "parameter");
    auto r = resolve(s, h);
    if (!vpp::find_param(r.reg->params, name))
      r.reg->params.push_back({name, ""});
    auto path = h.path;
    path.push_back(name);
    return handle{"ipx_register_parameter", h.core, path}.str();
  });
  add_command(s, "ipx::add_field", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("ipx::add_field", args, {}, {"-quiet"});
    auto h = object_arg(o, "ipx_register", "ipx::add_field", s);
    auto name = name_arg(o, "ipx::add_field", "field");
    auto r = resolve(s, h);
    if (!by_name(r.reg->fields, name))
      r.reg->fields.push_back({name, {}});
    auto path = h.path;
    path.push_back(name);
    return handle{"ipx_field", h.core, path}.str();
  });
}

} // namespace xrtemu::vivado
