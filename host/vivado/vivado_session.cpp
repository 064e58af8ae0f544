// The session helpers of vivado_session.h: cores in memory, handles,
// option parsing, and the glue that turns C++ functions into Tcl commands.
#include "vivado_session.h"

#include "xrtemu/vpp/kernel_interface.h"

#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace xrtemu::vivado {

vpp::ip_core& session::core(int id)
{
  auto it = cores.find(id);
  if (it == cores.end())
    throw tcl_error("the IP core of this object is no longer loaded (ipx::unload_core or close_project removed it)");
  return *it->second;
}

int session::find_core_by_path(const std::string& component_xml) const
{
  auto want = fs::weakly_canonical(fs::absolute(component_xml)).parent_path();
  for (auto& [id, c] : cores)
    if (fs::weakly_canonical(c->root_dir) == want)
      return id;
  return 0;
}

int session::load_core(const std::string& component_xml)
{
  if (!fs::exists(component_xml))
    throw tcl_error(component_xml + ": no such file (no IP packaged there)");
  auto c = std::make_unique<vpp::ip_core>(vpp::read_component_xml(component_xml));
  if (int old = find_core_by_path(component_xml))
    cores.erase(old);
  int id = next_core++;
  cores[id] = std::move(c);
  return id;
}

std::string handle::str() const
{
  std::string s = kind + ":" + (core ? std::to_string(core) : std::string()) + ":";
  for (size_t i = 0; i < path.size(); ++i)
    s += (i ? "/" : "") + path[i];
  return s;
}

std::optional<handle> parse_handle(const std::string& text)
{
  auto a = text.find(':');
  if (a == std::string::npos)
    return std::nullopt;
  auto b = text.find(':', a + 1);
  if (b == std::string::npos)
    return std::nullopt;
  handle h;
  h.kind = text.substr(0, a);
  static const char* kinds[] = {"ipx_core", "ipx_bus_interface", "ipx_bus_parameter", "ipx_memory_map",
                                "ipx_address_block", "ipx_register", "ipx_register_parameter", "ipx_field",
                                "ipx_user_parameter", "ipx_port", "ipx_port_map", "project", "fileset", "ip", "file"};
  if (std::none_of(std::begin(kinds), std::end(kinds), [&](const char* k) { return h.kind == k; }))
    return std::nullopt;
  auto id = text.substr(a + 1, b - a - 1);
  if (!id.empty()) {
    try {
      h.core = std::stoi(id);
    }
    catch (const std::exception&) {
      return std::nullopt;
    }
  }
  auto rest = text.substr(b + 1);
  if (h.kind == "file" || h.kind == "project" || h.kind == "fileset" || h.kind == "ip") {
    h.path.push_back(rest);
    return h;
  }
  size_t at = 0;
  while (!rest.empty()) {
    auto s = rest.find('/', at);
    h.path.push_back(rest.substr(at, s == std::string::npos ? std::string::npos : s - at));
    if (s == std::string::npos)
      break;
    at = s + 1;
  }
  return h;
}

std::string options::get(const std::string& o, const std::string& def) const
{
  auto it = values.find(o);
  return it == values.end() ? def : it->second;
}

options parse_options(const std::string& command, const std::vector<std::string>& args,
                      const std::vector<std::string>& with_value, const std::vector<std::string>& flags)
{
  options out;
  auto match = [&](const std::string& given, bool& takes_value) -> std::string {
    std::vector<std::pair<std::string, bool>> hits;
    for (auto& o : with_value)
      if (o == given)
        return takes_value = true, o;
    for (auto& o : flags)
      if (o == given)
        return takes_value = false, o;
    for (auto& o : with_value)
      if (o.rfind(given, 0) == 0)
        hits.push_back({o, true});
    for (auto& o : flags)
      if (o.rfind(given, 0) == 0)
        hits.push_back({o, false});
    if (hits.size() == 1)
      return takes_value = hits[0].second, hits[0].first;
    std::string known;
    for (auto* set : {&with_value, &flags})
      for (auto& o : *set)
        known += (known.empty() ? "" : ", ") + o;
    throw tcl_error(command + ": " + (hits.empty() ? "unknown option " : "ambiguous option ") + given +
                    " (options: " + (known.empty() ? "none" : known) + ")");
  };
  for (size_t i = 0; i < args.size(); ++i) {
    auto& a = args[i];
    bool number = a.size() > 1 && (std::isdigit(static_cast<unsigned char>(a[1])) || a[1] == '.');
    if (a.size() > 1 && a[0] == '-' && !number) {
      bool takes = false;
      auto name = match(a, takes);
      if (takes) {
        if (i + 1 >= args.size())
          throw tcl_error(command + ": option " + name + " needs a value");
        out.values[name] = args[++i];
      } else {
        out.values[name] = "";
      }
    } else {
      out.positional.push_back(a);
    }
  }
  return out;
}

std::string script_where(Tcl_Interp* interp)
{
  // The innermost frame that comes from a sourced file.
  if (Tcl_Eval(interp, "info frame") != TCL_OK)
    return "";
  int level = std::atoi(Tcl_GetStringResult(interp));
  for (int l = level; l > 0; --l) {
    if (Tcl_Eval(interp, ("info frame " + std::to_string(l)).c_str()) != TCL_OK)
      continue;
    Tcl_Obj* frame = Tcl_GetObjResult(interp);
    Tcl_IncrRefCount(frame);
    Tcl_Obj *file = nullptr, *line = nullptr;
    Tcl_Obj* kf = Tcl_NewStringObj("file", -1);
    Tcl_Obj* kl = Tcl_NewStringObj("line", -1);
    Tcl_IncrRefCount(kf);
    Tcl_IncrRefCount(kl);
    Tcl_DictObjGet(nullptr, frame, kf, &file);
    Tcl_DictObjGet(nullptr, frame, kl, &line);
    std::string out = file && line ? std::string(Tcl_GetString(file)) + ":" + Tcl_GetString(line) : "";
    Tcl_DecrRefCount(kf);
    Tcl_DecrRefCount(kl);
    Tcl_DecrRefCount(frame);
    if (!out.empty()) {
      Tcl_ResetResult(interp);
      return out;
    }
  }
  Tcl_ResetResult(interp);
  return "";
}

void note(const std::string& text)
{
  std::cout << "vivado: " << text << "\n" << std::flush;
}

std::vector<std::string> split_list(Tcl_Interp* interp, const std::string& list)
{
  Tcl_Obj* obj = Tcl_NewStringObj(list.c_str(), static_cast<int>(list.size()));
  Tcl_IncrRefCount(obj);
  int n = 0;
  Tcl_Obj** items = nullptr;
  std::vector<std::string> out;
  if (Tcl_ListObjGetElements(interp, obj, &n, &items) == TCL_OK)
    for (int i = 0; i < n; ++i)
      out.push_back(Tcl_GetString(items[i]));
  else
    out.push_back(list);
  Tcl_DecrRefCount(obj);
  return out;
}

std::string make_list(const std::vector<std::string>& items)
{
  Tcl_Obj* obj = Tcl_NewListObj(0, nullptr);
  Tcl_IncrRefCount(obj);
  for (auto& i : items)
    Tcl_ListObjAppendElement(nullptr, obj, Tcl_NewStringObj(i.c_str(), static_cast<int>(i.size())));
  std::string out = Tcl_GetString(obj);
  Tcl_DecrRefCount(obj);
  return out;
}

namespace {

struct command_data
{
  session* s;
  std::string name;
  command_fn fn;
};

int call_command(ClientData cd, Tcl_Interp* interp, int objc, Tcl_Obj* const objv[])
{
  auto* d = static_cast<command_data*>(cd);
  std::vector<std::string> args;
  for (int i = 1; i < objc; ++i)
    args.push_back(Tcl_GetString(objv[i]));
  std::string message;
  try {
    auto result = d->fn(*d->s, args);
    Tcl_SetObjResult(interp, Tcl_NewStringObj(result.c_str(), static_cast<int>(result.size())));
    return TCL_OK;
  }
  catch (const tcl_error& e) {
    message = e.what();
  }
  catch (const vpp::error& e) {
    message = e.what();
  }
  catch (const std::exception& e) {
    message = e.what();
  }
  auto where = script_where(interp);
  auto text = (where.empty() ? "" : where + ": ") + d->name + ": " + message;
  Tcl_SetObjResult(interp, Tcl_NewStringObj(text.c_str(), static_cast<int>(text.size())));
  return TCL_ERROR;
}

void delete_command(ClientData cd) { delete static_cast<command_data*>(cd); }

} // namespace

void add_command(session& s, const std::string& name, command_fn fn)
{
  auto* d = new command_data{&s, name, std::move(fn)};
  auto full = name.find("::") == std::string::npos ? name : "::" + name;
  Tcl_CreateObjCommand(s.interp, full.c_str(), call_command, d, delete_command);
}

void add_ignored_command(session& s, const std::string& name, const std::string& why)
{
  add_command(s, name, [name, why](session& ss, const std::vector<std::string>& args) {
    std::string line = name;
    for (auto& a : args)
      line += " " + a;
    if (line.size() > 120)
      line = line.substr(0, 117) + "...";
    auto where = script_where(ss.interp);
    note((where.empty() ? "" : where + ": ") + "ignored (" + why + "): " + line);
    return std::string();
  });
}

} // namespace xrtemu::vivado
