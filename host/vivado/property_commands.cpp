// set_property / get_property of xrtemu's `vivado` on every object the
// scripts hold: IP cores, bus interfaces and their parameters, port maps,
// memory maps, address blocks, registers and fields, user parameters,
// created IPs (CONFIG.*), the project's filesets (top).  Properties that
// only matter for implementation are kept (core) or logged.
#include "rtl_kernel_wizard.h"
#include "vivado_session.h"

#include "xrtemu/vpp/kernel_interface.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace xrtemu::vivado {

namespace {

std::string upper(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string lower(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

uint64_t number(const std::string& text, const std::string& what)
{
  std::string t = text;
  if (auto q = t.find('\''); q != std::string::npos && q + 1 < t.size()) {   // 32'h10
    char base = std::tolower(t[q + 1]);
    t = (base == 'h' ? "0x" : base == 'o' ? "0" : "") + t.substr(q + 2);
    if (base == 'b')
      return std::stoull(text.substr(q + 2), nullptr, 2);
  }
  try {
    size_t used = 0;
    auto v = std::stoull(t, &used, 0);
    if (used == t.size())
      return v;
  }
  catch (const std::exception&) {
  }
  throw tcl_error(what + ": '" + text + "' is not a number");
}

std::string hex(uint64_t v)
{
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%03llX", static_cast<unsigned long long>(v));
  return buf;
}

void ignored(session& s, const std::string& object, const std::string& name, const std::string& value)
{
  auto where = script_where(s.interp);
  note((where.empty() ? "" : where + ": ") + "ignored (implementation only): property " + name + "=" + value + " on " + object);
}

void set_one(session& s, const std::string& object, const std::string& name, const std::string& value)
{
  auto N = upper(name);
  auto h = parse_handle(object);
  if (!h || h->kind == "file" || h->kind == "fileset" || h->kind == "project") {
    // Project-level objects: only the top module matters here.
    if (N == "TOP" && s.proj) {
      s.proj->top = value;
      note("top module set to " + value);
      return;
    }
    if (s.proj)
      s.proj->props[N] = value;
    ignored(s, object, name, value);
    return;
  }
  if (h->kind == "ip") {
    if (!s.proj)
      throw tcl_error("no open project holds IP " + h->path[0]);
    for (auto& ip : s.proj->ips)
      if (ip.module == h->path[0]) {
        if (ip.vlnv.find(":rtl_kernel_wizard:") != std::string::npos) {
          if (N.rfind("CONFIG.", 0) != 0)
            throw tcl_error("property " + name + " of IP " + ip.module + ": the RTL Kernel Wizard takes CONFIG.* only");
          check_wizard_property(name.substr(7), value);
        }
        ip.config[N.rfind("CONFIG.", 0) == 0 ? "CONFIG." + name.substr(7) : N] = value;
        regenerate_ip(s, ip);
        return;
      }
    throw tcl_error("no IP " + h->path[0] + " in the project");
  }
  auto r = resolve(s, *h);
  auto what = name + " of " + object;
  if (h->kind == "ipx_core") {
    auto& c = *r.core;
    if (N == "NAME")
      c.name = value;
    else if (N == "VENDOR")
      c.vendor = value;
    else if (N == "LIBRARY")
      c.library = value;
    else if (N == "VERSION")
      c.version = value;
    else if (N == "DESCRIPTION")
      c.description = value;
    else
      c.properties[lower(name)] = value;
  } else if (h->kind == "ipx_bus_interface") {
    auto& b = *r.busif;
    if (N == "INTERFACE_MODE")
      b.mode = lower(value);
    else if (N == "ABSTRACTION_TYPE_VLNV")
      b.abstraction = value;
    else if (N == "BUS_TYPE_VLNV")
      b.bus_type = value;
    else if (N == "SLAVE_MEMORY_MAP_REF")
      b.memory_map_ref = value;
    else if (N == "NAME")
      b.name = value;
    else
      ignored(s, object, name, value);
  } else if (h->kind == "ipx_bus_parameter" || h->kind == "ipx_register_parameter" || h->kind == "ipx_user_parameter") {
    if (N == "VALUE")
      r.param->value = value;
    else if (N == "NAME")
      r.param->name = value;
    else
      ignored(s, object, name, value);
  } else if (h->kind == "ipx_port_map") {
    if (N == "PHYSICAL_NAME") {
      if (!r.core->find_port(value))
        throw tcl_error("PHYSICAL_NAME " + value + ": module " + r.core->top + " has no such port (port map " +
                        r.busif->name + "." + r.param->name + ")");
      r.param->value = value;
    } else {
      ignored(s, object, name, value);
    }
  } else if (h->kind == "ipx_register") {
    auto& reg = *r.reg;
    if (N == "ADDRESS_OFFSET")
      reg.offset = number(value, what);
    else if (N == "SIZE")
      reg.size = static_cast<uint32_t>(number(value, what));
    else if (N == "DESCRIPTION")
      reg.description = value;
    else if (N == "NAME")
      reg.name = value;
    else
      ignored(s, object, name, value);
  } else if (h->kind == "ipx_field") {
    vpp::set_param(r.field->props, N, value);
  } else if (h->kind == "ipx_address_block") {
    auto& b = *r.block;
    if (N == "BASE_ADDRESS")
      b.base = number(value, what);
    else if (N == "RANGE")
      b.range = number(value, what);
    else if (N == "WIDTH")
      b.width = static_cast<uint32_t>(number(value, what));
    else if (N == "USAGE")
      b.usage = value;
    else if (N == "NAME")
      b.name = value;
    else
      ignored(s, object, name, value);
  } else if (h->kind == "ipx_memory_map") {
    if (N == "NAME")
      r.map->name = value;
    else
      ignored(s, object, name, value);
  } else {
    ignored(s, object, name, value);
  }
}

std::string get_one(session& s, const std::string& object, const std::string& name, bool quiet)
{
  auto N = upper(name);
  auto h = parse_handle(object);
  auto none = [&]() -> std::string {
    if (quiet)
      return "";
    throw tcl_error("'" + name + "' is not a property of " + object);
  };
  if (!h) {
    if (N == "NAME")
      return object;
    if (s.proj && N == "TOP")
      return s.proj->top;
    if (s.proj && s.proj->props.count(N))
      return s.proj->props[N];
    return none();
  }
  if (h->kind == "project" && s.proj) {
    if (N == "NAME")
      return s.proj->name;
    if (N == "DIRECTORY")
      return s.proj->dir;
    if (N == "PART")
      return s.proj->part;
    return s.proj->props.count(N) ? s.proj->props[N] : none();
  }
  if (h->kind == "ip") {
    if (s.proj)
      for (auto& ip : s.proj->ips)
        if (ip.module == h->path[0]) {
          if (N == "NAME")
            return ip.module;
          if (N == "VLNV" || N == "IPDEF")
            return ip.vlnv;
          for (auto& [k, v] : ip.config)
            if (upper(k) == N)
              return v;
        }
    return none();
  }
  if (h->kind == "fileset" || h->kind == "file")
    return N == "NAME" ? h->path[0] : none();
  auto r = resolve(s, *h);
  if (h->kind == "ipx_core") {
    auto& c = *r.core;
    if (N == "NAME")
      return c.name;
    if (N == "VENDOR")
      return c.vendor;
    if (N == "LIBRARY")
      return c.library;
    if (N == "VERSION")
      return c.version;
    if (N == "VLNV")
      return c.vlnv();
    if (N == "DESCRIPTION")
      return c.description;
    if (N == "ROOT_DIRECTORY")
      return c.root_dir;
    if (N == "XML_FILE_NAME")
      return c.root_dir + "/component.xml";
    auto it = c.properties.find(lower(name));
    return it == c.properties.end() ? none() : it->second;
  }
  if (h->kind == "ipx_bus_interface") {
    auto& b = *r.busif;
    if (N == "NAME")
      return b.name;
    if (N == "INTERFACE_MODE")
      return b.mode;
    if (N == "ABSTRACTION_TYPE_VLNV")
      return b.abstraction;
    if (N == "BUS_TYPE_VLNV")
      return b.bus_type;
    if (N == "SLAVE_MEMORY_MAP_REF")
      return b.memory_map_ref;
    return none();
  }
  if (r.param) {
    if (N == "NAME")
      return r.param->name;
    if (N == "VALUE" || N == "PHYSICAL_NAME")
      return r.param->value;
    if (N == "LOGICAL_NAME")
      return r.param->name;
    return none();
  }
  if (h->kind == "ipx_register") {
    if (N == "NAME")
      return r.reg->name;
    if (N == "ADDRESS_OFFSET")
      return hex(r.reg->offset);
    if (N == "SIZE")
      return std::to_string(r.reg->size);
    if (N == "DESCRIPTION")
      return r.reg->description;
    return none();
  }
  if (h->kind == "ipx_field") {
    if (N == "NAME")
      return r.field->name;
    auto* p = vpp::find_param(r.field->props, N);
    return p ? p->value : none();
  }
  if (h->kind == "ipx_address_block") {
    if (N == "NAME")
      return r.block->name;
    if (N == "BASE_ADDRESS")
      return hex(r.block->base);
    if (N == "RANGE")
      return std::to_string(r.block->range);
    if (N == "WIDTH")
      return std::to_string(r.block->width);
    if (N == "USAGE")
      return r.block->usage;
    return none();
  }
  if (h->kind == "ipx_memory_map")
    return N == "NAME" ? r.map->name : none();
  if (h->kind == "ipx_port") {
    if (N == "NAME")
      return r.port->name;
    if (N == "DIRECTION")
      return r.port->direction;
    if (N == "SIZE_LEFT")
      return std::to_string(r.port->left);
    if (N == "SIZE_RIGHT")
      return std::to_string(r.port->right);
    return none();
  }
  return none();
}

} // namespace

void add_property_commands(session& s)
{
  add_command(s, "set_property", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("set_property", args, {"-dict"}, {"-quiet", "-verbose"});
    std::vector<std::pair<std::string, std::string>> pairs;
    std::string objects;
    if (o.has("-dict")) {
      auto d = split_list(s.interp, o.get("-dict"));
      if (d.size() % 2)
        throw tcl_error("-dict needs name value pairs");
      for (size_t i = 0; i + 1 < d.size(); i += 2)
        pairs.push_back({d[i], d[i + 1]});
      if (o.positional.size() != 1)
        throw tcl_error("usage: set_property -dict {name value ...} <objects>");
      objects = o.positional[0];
    } else {
      if (o.positional.size() != 3)
        throw tcl_error("usage: set_property <name> <value> <objects> (got " + std::to_string(o.positional.size()) +
                        " arguments)");
      pairs.push_back({o.positional[0], o.positional[1]});
      objects = o.positional[2];
    }
    auto objs = split_list(s.interp, objects);
    if (objs.empty() && !o.has("-quiet"))
      throw tcl_error("no objects given (the object list is empty)");
    for (auto& obj : objs)
      for (auto& [n, v] : pairs)
        set_one(s, obj, n, v);
    return std::string();
  });
  add_command(s, "get_property", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("get_property", args, {}, {"-quiet", "-verbose", "-min", "-max"});
    if (o.positional.size() != 2)
      throw tcl_error("usage: get_property <name> <object>");
    auto objs = split_list(s.interp, o.positional[1]);
    if (objs.size() == 1)
      return get_one(s, objs[0], o.positional[0], o.has("-quiet"));
    std::vector<std::string> out;
    for (auto& obj : objs)
      out.push_back(get_one(s, obj, o.positional[0], o.has("-quiet")));
    return make_list(out);
  });
}

} // namespace xrtemu::vivado
