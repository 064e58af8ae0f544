// Kernel interface extraction with the libclang C API: the top function's
// parameters come from the AST; INTERFACE pragmas, which clang does not
// model, come from tokenizing the function's own source range.
#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/clang_unit.h"
#include "xrtemu/vpp/interface_pragma.h"

#include "xrtemu/register_layout.hpp"

#include <clang-c/Index.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

namespace xrtemu::vpp {

namespace {

using clang_unit::str;

// "const unsigned int *" -> "unsigned int*": the spelling Vitis records.
std::string vitis_type(const std::string& spelled)
{
  std::istringstream in(spelled);
  std::string word, out;
  while (in >> word) {
    if (word == "const" || word == "volatile" || word == "restrict" || word == "__restrict")
      continue;
    if (!out.empty() && word != "*" && word != "&" && word.front() != '*' && word.front() != '&')
      out += ' ';
    out += word;
  }
  return out;
}

struct found_function
{
  std::string name;
  bool c_linkage = false;
  CXCursor cursor;
};

using parsed = clang_unit::unit;

std::unique_ptr<parsed> parse(const std::string& source, const std::vector<std::string>& clang_args)
{
  if (!std::filesystem::exists(source))
    throw error(source + ": no such file");
  auto p = clang_unit::parse_cxx(source, clang_args);
  // Errors stop the command, as the compiler would; warnings stay quiet here
  // because the real compile step reports them.
  std::string errors;
  for (unsigned i = 0, n = clang_getNumDiagnostics(p->tu); i < n; ++i) {
    CXDiagnostic d = clang_getDiagnostic(p->tu, i);
    if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error)
      errors += str(clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation | CXDiagnostic_DisplayColumn)) + "\n";
    clang_disposeDiagnostic(d);
  }
  if (!errors.empty())
    throw error(errors + source + ": cannot extract the kernel interface (compile errors above)");
  return p;
}

std::vector<found_function> functions(CXTranslationUnit tu)
{
  std::vector<found_function> out;
  clang_visitChildren(
    clang_getTranslationUnitCursor(tu),
    [](CXCursor c, CXCursor, CXClientData data) {
      if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
      auto kind = clang_getCursorKind(c);
      // libclang 14 reports extern "C" { } blocks as UnexposedDecl.
      if (kind == CXCursor_LinkageSpec || kind == CXCursor_Namespace || kind == CXCursor_UnexposedDecl)
        return CXChildVisit_Recurse;
      if (kind == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
        found_function f{str(clang_getCursorSpelling(c)), false, c};
        // A C-linkage function's symbol is its plain name.
        f.c_linkage = str(clang_Cursor_getMangling(c)) == f.name;
        static_cast<std::vector<found_function>*>(data)->push_back(f);
      }
      return CXChildVisit_Continue;
    },
    &out);
  return out;
}

// The last physical line of the logical line starting at `line` (1-based): a line
// ending in a backslash continues on the next, as the preprocessor splices them.
unsigned logical_end(const std::vector<std::string>& lines, unsigned line)
{
  while (line >= 1 && line <= lines.size()) {
    auto& l = lines[line - 1];
    auto end = l.find_last_not_of(" \t\r");
    if (end == std::string::npos || l[end] != '\\')
      break;
    ++line;
  }
  return line;
}

// Every `#pragma ...` inside the function, as token spellings per logical line
// (continuation lines included).
std::vector<interface_pragma> pragmas(CXTranslationUnit tu, CXCursor fn, const std::string& file)
{
  std::vector<std::string> lines;
  {
    std::ifstream in(file);
    for (std::string l; std::getline(in, l);)
      lines.push_back(l);
  }
  CXToken* toks = nullptr;
  unsigned n = 0;
  clang_tokenize(tu, clang_getCursorExtent(fn), &toks, &n);
  auto line_of = [&](unsigned i) {
    unsigned line = 0;
    clang_getSpellingLocation(clang_getTokenLocation(tu, toks[i]), nullptr, &line, nullptr, nullptr);
    return line;
  };
  std::vector<interface_pragma> out;
  try {
    for (unsigned i = 0; i + 1 < n; ++i) {
      if (str(clang_getTokenSpelling(tu, toks[i])) != "#" || str(clang_getTokenSpelling(tu, toks[i + 1])) != "pragma")
        continue;
      unsigned line = line_of(i);
      unsigned last = logical_end(lines, line);
      std::vector<std::string> words;
      unsigned j = i + 2;
      for (; j < n && line_of(j) >= line && line_of(j) <= last; ++j)
        words.push_back(str(clang_getTokenSpelling(tu, toks[j])));
      if (auto p = parse_interface_pragma(words, file, line))
        out.push_back(*p);
      i = j - 1;
    }
  }
  catch (...) {
    clang_disposeTokens(tu, toks, n);
    throw;
  }
  clang_disposeTokens(tu, toks, n);
  return out;
}

// "file:line" of a cursor.
std::string location(CXCursor c)
{
  CXFile f = nullptr;
  unsigned line = 0;
  clang_getSpellingLocation(clang_getCursorLocation(c), &f, &line, nullptr, nullptr);
  return (f ? str(clang_getFileName(f)) : std::string("?")) + ":" + std::to_string(line);
}

// Whether a reference type refers to a class whose name starts with `prefix`.
bool pointee_is(CXType ref, const char* prefix)
{
  if (ref.kind != CXType_LValueReference && ref.kind != CXType_RValueReference)
    return false;
  return str(clang_getTypeSpelling(clang_getCanonicalType(clang_getPointeeType(ref)))).rfind(prefix, 0) == 0;
}

std::string where(const std::string& file, const interface_pragma& p)
{
  return file + ":" + std::to_string(p.line) + ": #pragma HLS INTERFACE " + p.mode + " port=" + p.port;
}

void apply(kernel_desc& k, const std::vector<interface_pragma>& prs, const std::string& file)
{
  for (auto& p : prs) {
    if (p.mode == "ap_ctrl_hs" || p.mode == "ap_ctrl_chain" || p.mode == "ap_ctrl_none") {
      if (p.port != "return")
        throw error(where(file, p) + ": block-level protocols apply to port=return");
      k.control = p.mode;
      continue;
    }
    if (p.port == "return") {
      if (p.mode != "s_axilite")
        throw error(where(file, p) + ": port=return takes s_axilite or an ap_ctrl_* protocol");
      continue;
    }
    auto it = std::find_if(k.args.begin(), k.args.end(), [&](auto& a) { return a.name == p.port; });
    if (it == k.args.end())
      throw error(where(file, p) + ": '" + k.name + "' has no argument '" + p.port + "'");
    auto& a = *it;
    if (p.mode == "m_axi") {
      if (!a.pointer)
        throw error(where(file, p) + ": m_axi needs a pointer or array argument");
      a.kind = arg_kind::global;
      if (auto b = p.options.find("bundle"); b != p.options.end())
        a.bundle = b->second;
    } else if (p.mode == "s_axilite") {
      if (auto o = p.options.find("offset"); o != p.options.end() && a.kind == arg_kind::scalar) {
        try {
          a.offset = static_cast<uint32_t>(std::stoul(o->second, nullptr, 0));
        }
        catch (const std::exception&) {
          throw error(where(file, p) + ": offset=" + o->second + " is not a number");
        }
      }
    } else if (p.mode == "axis") {
      a.kind = arg_kind::stream;
    } else {
      throw error(where(file, p) + ": interface mode '" + p.mode + "' is not supported for kernels");
    }
  }
}

// The bundle of every m_axi argument that has no bundle= (hls_settings).
void default_bundles(kernel_desc& k, const std::vector<interface_pragma>& prs, const hls_settings& hls)
{
  bool any_m_axi_pragma = std::any_of(prs.begin(), prs.end(), [](auto& p) { return p.mode == "m_axi"; });
  std::set<std::string> taken;
  for (auto& a : k.args)
    if (a.kind == arg_kind::global && !a.bundle.empty())
      taken.insert(a.bundle);
  unsigned next = 0;
  for (auto& a : k.args) {
    if (a.kind != arg_kind::global || !a.bundle.empty())
      continue;
    if (!hls.m_axi_auto_max_ports) {
      a.bundle = any_m_axi_pragma ? "gmem0" : "gmem";
      continue;
    }
    do
      a.bundle = "gmem" + std::to_string(next++);
    while (taken.count(a.bundle));
  }
}

void layout(kernel_desc& k)
{
  // With the restart counter or a mailbox the control words reach 0x18.
  uint32_t first = k.counted_auto_restart || !k.mailbox.empty() ? ap::mailbox_args : ap::args;
  std::vector<xrtemu_arg> raw;
  for (auto& a : k.args) {
    uint32_t kind = a.kind == arg_kind::global ? XRTEMU_ARG_GLOBAL
                  : a.kind == arg_kind::stream ? XRTEMU_ARG_STREAM : XRTEMU_ARG_SCALAR;
    raw.push_back({a.name.c_str(), a.type.c_str(), kind, a.size, a.host_size, a.offset, ""});
  }
  xrtemu_kernel xk{k.name.c_str(), 0, static_cast<uint32_t>(raw.size()), raw.data(), nullptr};
  auto offs = hls_register_offsets(xk, first);
  for (size_t i = 0; i < k.args.size(); ++i) {
    auto& a = k.args[i];
    a.offset = offs[i];
    a.port = a.kind == arg_kind::global ? "m_axi_" + a.bundle
           : a.kind == arg_kind::stream ? a.name : "s_axi_control";
  }
}

} // namespace

std::vector<std::string> list_kernels(const std::string& source, const std::vector<std::string>& clang_args)
{
  auto p = parse(source, clang_args);
  std::vector<std::string> out;
  for (auto& f : functions(p->tu))
    if (f.c_linkage)
      out.push_back(f.name);
  return out;
}

kernel_desc extract_kernel(const std::string& source, const std::string& kernel,
                           const std::vector<std::string>& clang_args, const hls_settings& hls)
{
  auto p = parse(source, clang_args);
  auto fns = functions(p->tu);
  auto it = std::find_if(fns.begin(), fns.end(), [&](auto& f) { return f.name == kernel && f.c_linkage; });
  if (it == fns.end()) {
    std::string found;
    for (auto& f : fns)
      found += (found.empty() ? "" : ", ") + f.name + (f.c_linkage ? "" : " (C++ linkage)");
    throw error(source + ": no extern \"C\" function '" + kernel + "' (functions defined: " +
                (found.empty() ? "none" : found) + ")");
  }
  CXCursor fn = it->cursor;
  kernel_desc k;
  k.name = kernel;
  k.source = source;
  k.entry = "xrtemu_run_" + kernel;
  auto ret = clang_getCanonicalType(clang_getCursorResultType(fn));
  if (ret.kind != CXType_Void)
    throw error(source + ": kernel '" + kernel + "' must return void (it returns " +
                str(clang_getTypeSpelling(ret)) + ")");
  for (int i = 0, n = clang_Cursor_getNumArguments(fn); i < n; ++i) {
    CXCursor pc = clang_Cursor_getArgument(fn, static_cast<unsigned>(i));
    CXType t = clang_getCursorType(pc);
    CXType canon = clang_getCanonicalType(t);
    kernel_arg a;
    a.name = str(clang_getCursorSpelling(pc));
    a.type = vitis_type(str(clang_getTypeSpelling(t)));
    auto at = location(pc);
    if (a.name.empty())
      throw error(source + ": kernel '" + kernel + "': argument " + std::to_string(i) + " has no name");
    auto host = clang_Type_getSizeOf(canon.kind == CXType_LValueReference ? clang_getPointeeType(canon) : canon);
    auto canon_name = str(clang_getTypeSpelling(canon));
    if (canon.kind == CXType_Pointer || canon.kind == CXType_ConstantArray || canon.kind == CXType_IncompleteArray) {
      a.pointer = true;
      a.kind = arg_kind::global;
      a.size = a.host_size = 8;
    } else if (canon_name.rfind("hls::burst_maxi<", 0) == 0) {
      // A manual-burst m_axi port: on the card, a pointer to its element type.
      auto elem = clang_Type_getTemplateArgumentAsType(canon, 0);
      a.pointer = true;
      a.kind = arg_kind::global;
      a.size = a.host_size = 8;
      if (elem.kind != CXType_Invalid)
        a.type = vitis_type(str(clang_getTypeSpelling(elem))) + "*";
    } else if (canon_name.rfind("hls::stream_of_blocks<", 0) == 0 || pointee_is(canon, "hls::stream_of_blocks<")) {
      throw error(at + ": kernel '" + kernel + "': argument '" + a.name +
                  "' is an hls::stream_of_blocks, which cannot be a top-level interface (Vitis HLS does not allow it either)");
    } else if (canon.kind == CXType_LValueReference || canon.kind == CXType_RValueReference) {
      auto pointee_t = clang_getCanonicalType(clang_getPointeeType(canon));
      auto pointee = str(clang_getTypeSpelling(pointee_t));
      if (pointee.rfind("hls::stream<", 0) != 0) {
        // A scalar by reference is an output register (s_axilite): data
        // words the host reads back after the run, then the ap_vld word.
        // The type keeps its '&', which is how the card knows.
        // A const reference is an ordinary input scalar.
        auto bytes = clang_Type_getSizeOf(pointee_t);
        if (bytes <= 0 || bytes > 64 || pointee_t.kind == CXType_ConstantArray)
          throw error(at + ": kernel '" + kernel + "': reference argument '" + a.name + "' of type " + a.type +
                      " is not supported (an hls::stream reference or a scalar output like int& is)");
        if (clang_isConstQualifiedType(clang_getPointeeType(canon)) && !a.type.empty() && a.type.back() == '&')
          a.type.pop_back();
        a.host_size = static_cast<uint32_t>(bytes);
        a.size = (a.host_size + 3) / 4 * 4;
        k.args.push_back(a);
        continue;
      }
      a.kind = arg_kind::stream;
      // Typedefs resolved ("hls::stream<ap_axiu<32, 0, 0, 0>, 0>&" rather
      // than "hls::stream<pkt>&"), so the element type, and from it the
      // TDATA width, can be read off the metadata.
      a.type = vitis_type(str(clang_getTypeSpelling(canon)));
      // host_size of a stream is its element's size (the stream object's
      // own size means nothing to anyone); it sizes TDATA when the element
      // type's name does not (xclbin_builder's stream_data_width).
      auto elem = clang_Type_getTemplateArgumentAsType(clang_getCanonicalType(clang_getPointeeType(canon)), 0);
      auto elem_size = elem.kind == CXType_Invalid ? -1 : clang_Type_getSizeOf(elem);
      a.host_size = elem_size > 0 ? static_cast<uint32_t>(elem_size) : 0;
    } else {
      if (host <= 0)
        throw error(at + ": kernel '" + kernel + "': cannot size argument '" + a.name + "' of type " + a.type);
      a.host_size = static_cast<uint32_t>(host);
      a.size = (a.host_size + 3) / 4 * 4;
    }
    k.args.push_back(a);
  }
  auto prs = pragmas(p->tu, fn, source);
  apply(k, prs, source);
  default_bundles(k, prs, hls);
  for (auto& a : k.args)
    if (a.kind == arg_kind::stream)
      a.size = 0;
  if (k.control == "ap_ctrl_none")
    for (auto& a : k.args)
      if (a.kind == arg_kind::global)
        throw error(source + ": kernel '" + kernel + "' is ap_ctrl_none but argument '" + a.name +
                    "' is an m_axi port; ap_ctrl_none kernels may only have streams");
  if (!hls.s_axilite_mailbox.empty() || hls.s_axilite_auto_restart_counter) {
    if (k.control == "ap_ctrl_none")
      throw error(source + ": kernel '" + kernel + "' is ap_ctrl_none, which has no control block for "
                  "config_interface -s_axilite_mailbox / -s_axilite_auto_restart_counter");
    k.mailbox = hls.s_axilite_mailbox;
    k.counted_auto_restart = hls.s_axilite_auto_restart_counter;
  }
  layout(k);
  return k;
}

namespace {
const char* kind_name(arg_kind k)
{
  return k == arg_kind::global ? "global" : k == arg_kind::stream ? "stream" : "scalar";
}
} // namespace

void to_json(nlohmann::json& j, const kernel_desc& k)
{
  j = {{"name", k.name}, {"control", k.control}, {"source", k.source}, {"entry", k.entry},
       {"args", nlohmann::json::array()}};
  // Written only when they differ from HLS kernels, so HLS .xo files stay as before.
  if (k.model_abi != 1)
    j["model_abi"] = k.model_abi;
  if (k.language != "c")
    j["language"] = k.language;
  if (k.debug)
    j["debug"] = true;
  if (!k.mailbox.empty())
    j["mailbox"] = k.mailbox;
  if (k.counted_auto_restart)
    j["counted_auto_restart"] = true;
  for (auto& a : k.args)
    j["args"].push_back({{"name", a.name}, {"type", a.type}, {"kind", kind_name(a.kind)},
                         {"pointer", a.pointer}, {"size", a.size}, {"host_size", a.host_size},
                         {"offset", a.offset}, {"port", a.port}, {"bundle", a.bundle}});
}

void from_json(const nlohmann::json& j, kernel_desc& k)
{
  k.name = j.at("name").get<std::string>();
  k.control = j.at("control").get<std::string>();
  k.source = j.value("source", "");
  k.entry = j.at("entry").get<std::string>();
  k.model_abi = j.value("model_abi", 1u);
  k.language = j.value("language", "c");
  k.debug = j.value("debug", false);
  k.mailbox = j.value("mailbox", "");
  k.counted_auto_restart = j.value("counted_auto_restart", false);
  k.args.clear();
  for (auto& ja : j.at("args")) {
    kernel_arg a;
    a.name = ja.at("name").get<std::string>();
    a.type = ja.at("type").get<std::string>();
    auto kind = ja.at("kind").get<std::string>();
    a.kind = kind == "global" ? arg_kind::global : kind == "stream" ? arg_kind::stream : arg_kind::scalar;
    a.pointer = ja.value("pointer", false);
    a.size = ja.at("size").get<uint32_t>();
    a.host_size = ja.at("host_size").get<uint32_t>();
    a.offset = ja.at("offset").get<uint32_t>();
    a.port = ja.at("port").get<std::string>();
    a.bundle = ja.value("bundle", "");
    k.args.push_back(a);
  }
}

} // namespace xrtemu::vpp
