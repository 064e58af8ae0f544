// Reading clang's LLVM IR (text) of an OpenCL C file: the kernels, their
// argument info metadata (-cl-kernel-arg-info), reqd_work_group_size, and
// which work-item hooks the code calls; and the one rewrite the model
// needs (__local variables made thread-local).
#include "xrtemu/vpp/opencl_kernel.h"
#include "xrtemu/vpp/kernel_interface.h"

#include <regex>
#include <sstream>

namespace xrtemu::vpp {

namespace {

// "!{i32 1, !\"a b\", i32 0}" -> {"1", "a b", "0"}
std::vector<std::string> metadata_items(const std::string& body)
{
  std::vector<std::string> out;
  size_t i = 0;
  while (i < body.size()) {
    while (i < body.size() && (body[i] == ' ' || body[i] == ','))
      ++i;
    if (i >= body.size())
      break;
    if (body.compare(i, 2, "!\"") == 0) {
      std::string s;
      for (i += 2; i < body.size() && body[i] != '"'; ++i) {
        if (body[i] == '\\' && i + 2 < body.size()) {   // \22 style escapes
          s += static_cast<char>(std::stoi(body.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          s += body[i];
        }
      }
      ++i;
      out.push_back(s);
    } else {
      auto end = body.find(',', i);
      auto item = body.substr(i, end == std::string::npos ? std::string::npos : end - i);
      auto sp = item.rfind(' ');
      out.push_back(sp == std::string::npos ? item : item.substr(sp + 1));
      i = end == std::string::npos ? body.size() : end;
    }
  }
  return out;
}

} // namespace

opencl_ir read_opencl_ir(const std::string& ll, const std::string& file)
{
  opencl_ir ir;
  std::map<std::string, std::vector<std::string>> md;   // "!7" -> items
  std::vector<std::pair<std::string, std::string>> defs; // kernel name, attachment text
  std::istringstream in(ll);
  std::string line;
  static const std::regex md_line(R"(^(![0-9]+) = (?:distinct )?!\{(.*)\}$)");
  static const std::regex kernel_def(R"re(^define .*spir_kernel void @"?([A-Za-z_$.][A-Za-z0-9_$.]*)"?\((.*)$)re");
  static const std::regex query_call(R"(@__xrtemu_wi_query\(i32 (?:noundef )?([0-9]+))");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, md_line)) {
      md[m[1]] = metadata_items(m[2]);
      continue;
    }
    if (std::regex_match(line, m, kernel_def)) {
      defs.emplace_back(m[1], m[2]);
      continue;
    }
    if (line.find("call") != std::string::npos) {
      if (line.find("@__xrtemu_wi_barrier(") != std::string::npos)
        ir.calls_barrier = true;
      if (line.find("@__xrtemu_wi_work_dim(") != std::string::npos)
        ir.calls_work_dim = true;
      if (std::regex_search(line, m, query_call)) {
        auto q = static_cast<uint32_t>(std::stoul(m[1]));
        if (std::find(ir.queries.begin(), ir.queries.end(), q) == ir.queries.end())
          ir.queries.push_back(q);
      }
    }
  }
  for (auto& [name, rest] : defs) {
    auto attached = [&](const std::string& key) -> const std::vector<std::string>* {
      std::smatch a;
      std::regex re("!" + key + " (![0-9]+)");
      if (!std::regex_search(rest, a, re))
        return nullptr;
      auto it = md.find(a[1]);
      return it == md.end() ? nullptr : &it->second;
    };
    opencl_kernel_info k;
    k.name = name;
    auto* names = attached("kernel_arg_name");
    auto* spaces = attached("kernel_arg_addr_space");
    auto* types = attached("kernel_arg_type");
    auto* bases = attached("kernel_arg_base_type");
    auto* quals = attached("kernel_arg_type_qual");
    auto* access = attached("kernel_arg_access_qual");
    if (!spaces || !types || !bases || !quals || !access)
      throw error(file + ": kernel '" + name + "': clang recorded no argument info (internal error)");
    for (size_t i = 0; i < spaces->size(); ++i) {
      opencl_arg_info a;
      a.name = names && i < names->size() ? (*names)[i] : "arg" + std::to_string(i);
      a.address_space = static_cast<uint32_t>(std::stoul((*spaces)[i]));
      a.type = i < types->size() ? (*types)[i] : "";
      a.base_type = i < bases->size() ? (*bases)[i] : a.type;
      a.type_qual = i < quals->size() ? (*quals)[i] : "";
      a.access = i < access->size() ? (*access)[i] : "none";
      k.args.push_back(a);
    }
    if (auto* wg = attached("reqd_work_group_size"); wg && wg->size() == 3)
      for (int d = 0; d < 3; ++d)
        k.reqd_work_group_size[d] = static_cast<uint32_t>(std::stoul((*wg)[d]));
    ir.kernels[name] = k;
  }
  return ir;
}

unsigned localize_local_memory(std::string& ll)
{
  // clang emits a kernel's __local variable as an internal global without
  // an initializer value (undef); nothing else in OpenCL C 1.2 looks so.
  static const std::regex local_var(R"(^(@[^ ]+ = internal )((?:unnamed_addr )?global .* undef, align [0-9]+)$)");
  std::istringstream in(ll);
  std::string out, line;
  unsigned n = 0;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, local_var)) {
      line = m[1].str() + "thread_local " + m[2].str();
      ++n;
    }
    out += line;
    out += '\n';
  }
  ll = std::move(out);
  return n;
}

std::vector<uint32_t> ir_i32_array(const std::string& ll, const std::string& name)
{
  std::vector<uint32_t> out;
  auto at = ll.find("\n@" + name + " = ");
  if (at == std::string::npos)
    return out;
  auto line = ll.substr(at + 1, ll.find('\n', at + 1) - at - 1);
  static const std::regex re(R"(constant \[[0-9]+ x i32\] \[([^\]]*)\])");
  std::smatch m;
  if (!std::regex_search(line, m, re))
    return out;
  static const std::regex num(R"(i32 ([0-9]+))");
  auto body = m[1].str();
  for (std::sregex_iterator it(body.begin(), body.end(), num), end; it != end; ++it)
    out.push_back(static_cast<uint32_t>(std::stoul((*it)[1])));
  return out;
}

} // namespace xrtemu::vpp
