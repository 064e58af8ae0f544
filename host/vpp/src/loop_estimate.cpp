// v++ -c's loop instrumentation for the HLS kernel time estimate (see
// loop_estimate.h): libclang finds the loops and the m_axi accesses of
// their bodies; `#pragma HLS` lines, which clang does not model, are read
// from the text and belong to the innermost loop body holding them.
#include "xrtemu/vpp/loop_estimate.h"
#include "xrtemu/vpp/clang_unit.h"

#include "xrtemu/hls_estimate.hpp"

#include <clang-c/Index.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace xrtemu::vpp {

namespace {

using clang_unit::children;
using clang_unit::str;

bool is_loop(CXCursorKind k)
{
  return k == CXCursor_ForStmt || k == CXCursor_WhileStmt || k == CXCursor_DoStmt || k == CXCursor_CXXForRangeStmt;
}

unsigned offset_of(CXSourceLocation loc)
{
  unsigned off = 0;
  clang_getExpansionLocation(loc, nullptr, nullptr, nullptr, &off);
  return off;
}

unsigned line_of(CXSourceLocation loc)
{
  unsigned line = 0;
  clang_getExpansionLocation(loc, nullptr, &line, nullptr, nullptr);
  return line;
}

// Past whitespace and comments from `p`.
size_t skip_blank(const std::string& t, size_t p)
{
  for (;;) {
    while (p < t.size() && std::isspace(static_cast<unsigned char>(t[p])))
      ++p;
    if (t.compare(p, 2, "//") == 0)
      p = std::min(t.find('\n', p), t.size());
    else if (t.compare(p, 2, "/*") == 0)
      p = std::min(t.find("*/", p + 2), t.size() - 2) + 2;
    else
      return p;
  }
}

struct pragma_line
{
  size_t offset;
  std::string words;   // lower case, after "#pragma hls"
};

// Every `#pragma HLS ...` line of the text (continuation lines joined).
std::vector<pragma_line> hls_pragmas(const std::string& t)
{
  std::vector<pragma_line> out;
  size_t p = 0;
  while (p < t.size()) {
    size_t eol = t.find('\n', p);
    while (eol != std::string::npos && eol > p && t[eol - 1] == '\\')
      eol = t.find('\n', eol + 1);
    if (eol == std::string::npos)
      eol = t.size();
    std::string line = t.substr(p, eol - p);
    std::string low;
    for (char c : line)
      low += c == '\\' || c == '\n' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::istringstream in(low);
    std::string a, b, c;
    in >> a;
    if (a == "#") {
      in >> b;
      a += b;
    }
    in >> c;
    if (a == "#pragma" && c == "hls") {
      std::string rest;
      std::getline(in, rest);
      out.push_back({p, rest});
    }
    p = eol + 1;
  }
  return out;
}

// n in "key=n" / "key = n" of a pragma's words; 0 when absent.
uint32_t pragma_value(const std::string& words, const std::string& key)
{
  std::string w;
  for (char c : words)
    if (!std::isspace(static_cast<unsigned char>(c)))
      w += c;
  auto at = w.find(key + "=");
  if (at == std::string::npos)
    return 0;
  return static_cast<uint32_t>(std::strtoul(w.c_str() + at + key.size() + 1, nullptr, 10));
}

bool has_word(const std::string& words, const std::string& word)
{
  std::istringstream in(words);
  std::string w;
  while (in >> w)
    if (w == word)
      return true;
  return false;
}

struct loop_rec
{
  loop_info info;
  int parent = -1;
  size_t body_begin = 0, body_end = 0;
  bool pipeline = false, pipeline_off = false;
  std::map<size_t, uint32_t> accesses;   // per tracked parameter, accesses an iteration
};

std::vector<CXCursor> parameters(CXCursor fn)
{
  std::vector<CXCursor> out;
  for (auto& ch : children(fn))
    if (clang_getCursorKind(ch) == CXCursor_ParmDecl)
      out.push_back(ch);
  return out;
}

bool is_function(CXCursorKind k)
{
  return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_FunctionTemplate ||
         k == CXCursor_Constructor;
}

struct walker
{
  const std::string& text;
  const kernel_desc& k;
  // Pointer parameters of the functions defined in the source, by the
  // offset of their declaration: accesses count against them, and calls
  // pass them on (callers[q]: the parameters passed as parameter q).
  std::map<unsigned, size_t> param_at;
  std::vector<std::set<size_t>> callers;
  std::map<size_t, size_t> top_arg;   // a top-function parameter -> its index in k.args
  std::vector<uint32_t> elem_size;    // per kernel argument: sizeof what it points at
  std::vector<loop_rec> loops;
  std::vector<std::pair<size_t, std::string>> edits;   // offset, text to insert

  // The parameter an access goes through: p[i], *p, *(p + i), ((T*)p)[i].
  int param_of(CXCursor e) const
  {
    auto kind = clang_getCursorKind(e);
    if (kind == CXCursor_DeclRefExpr) {
      auto ref = clang_getCursorReferenced(e);
      if (clang_getCursorKind(ref) != CXCursor_ParmDecl || !clang_Location_isFromMainFile(clang_getCursorLocation(ref)))
        return -1;
      auto it = param_at.find(offset_of(clang_getCursorLocation(ref)));
      return it == param_at.end() ? -1 : static_cast<int>(it->second);
    }
    if (kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr || kind == CXCursor_CStyleCastExpr ||
        kind == CXCursor_BinaryOperator) {
      for (auto& ch : children(e))
        if (int p = param_of(ch); p >= 0)
          return p;
    }
    return -1;
  }

  // m_axi accesses directly in `c` (nested loops count their own).
  void count_accesses(CXCursor c, std::map<size_t, uint32_t>& accesses) const
  {
    for (auto& ch : children(c)) {
      auto kind = clang_getCursorKind(ch);
      if (is_loop(kind))
        continue;
      int p = -1;
      if (kind == CXCursor_ArraySubscriptExpr) {
        auto kids = children(ch);
        if (!kids.empty())
          p = param_of(kids.front());
      }
      else if (kind == CXCursor_UnaryOperator && text.compare(offset_of(clang_getRangeStart(clang_getCursorExtent(ch))), 1, "*") == 0) {
        auto kids = children(ch);
        if (!kids.empty())
          p = param_of(kids.front());
      }
      if (p >= 0)
        ++accesses[static_cast<size_t>(p)];
      count_accesses(ch, accesses);
    }
  }

  int add_loop(CXCursor c, int parent)
  {
    auto kind = clang_getCursorKind(c);
    std::string kw = kind == CXCursor_DoStmt ? "do" : kind == CXCursor_WhileStmt ? "while" : "for";
    auto ext = clang_getCursorExtent(c);
    size_t at = offset_of(clang_getRangeStart(ext));
    if (text.compare(at, kw.size(), kw) != 0)
      return -1;   // written by a macro: not counted
    auto kids = children(c);
    if (kids.empty())
      return -1;
    auto body = kind == CXCursor_DoStmt ? kids.front() : kids.back();
    auto bext = clang_getCursorExtent(body);
    size_t b0 = offset_of(clang_getRangeStart(bext)), b1 = offset_of(clang_getRangeEnd(bext));
    if (b0 <= at || b1 <= b0 || b1 > text.size())
      return -1;
    int id = static_cast<int>(loops.size());
    std::string bump = "XRTEMU_HLS_LOOP(" + std::to_string(id) + ");";
    if (text[b0] == '{' && text[b1 - 1] == '}') {
      edits.push_back({b0 + 1, bump});
    }
    else {
      // An unbraced body gets braces; an expression statement's extent
      // stops before its ';'.
      size_t end = b1;
      if (text[b1 - 1] != ';') {
        size_t p = skip_blank(text, b1);
        if (p >= text.size() || text[p] != ';')
          return -1;   // not a shape we can wrap safely: not counted
        end = p + 1;
      }
      edits.push_back({b0, "{" + bump});
      edits.push_back({end, "}"});
    }
    loop_rec r;
    r.info.line = line_of(clang_getRangeStart(ext));
    r.info.keyword = kw;
    count_accesses(body, r.accesses);
    r.parent = parent;
    r.body_begin = b0;
    r.body_end = b1;
    loops.push_back(std::move(r));
    return id;
  }

  // A constexpr function may not bump a counter: its loops are not counted.
  bool is_constexpr(CXCursor fn) const
  {
    auto kind = clang_getCursorKind(fn);
    if (kind != CXCursor_FunctionDecl && kind != CXCursor_CXXMethod && kind != CXCursor_FunctionTemplate &&
        kind != CXCursor_Constructor)
      return false;
    size_t begin = offset_of(clang_getRangeStart(clang_getCursorExtent(fn))), body = begin;
    for (auto& ch : children(fn))
      if (clang_getCursorKind(ch) == CXCursor_CompoundStmt)
        body = offset_of(clang_getRangeStart(clang_getCursorExtent(ch)));
    if (body <= begin || body > text.size())
      return false;
    std::string head = text.substr(begin, body - begin);
    for (const char* word : {"constexpr", "consteval"})
      for (size_t at = head.find(word); at != std::string::npos; at = head.find(word, at + 1)) {
        size_t end = at + std::string(word).size();
        auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
        if ((at == 0 || !ident(head[at - 1])) && (end >= head.size() || !ident(head[end])))
          return true;
      }
    return false;
  }

  // Every pointer parameter of the functions defined in the source.
  void find_params(CXCursor c)
  {
    for (auto& ch : children(c)) {
      if (!clang_Location_isFromMainFile(clang_getCursorLocation(ch)))
        continue;
      if (is_function(clang_getCursorKind(ch)) && clang_isCursorDefinition(ch)) {
        for (auto& prm : parameters(ch)) {
          auto t = clang_getCanonicalType(clang_getCursorType(prm)).kind;
          if (t == CXType_Pointer || t == CXType_ConstantArray || t == CXType_IncompleteArray ||
              t == CXType_DependentSizedArray || t == CXType_Dependent || t == CXType_Unexposed) {
            param_at.emplace(offset_of(clang_getCursorLocation(prm)), param_at.size());
            callers.emplace_back();
          }
        }
      }
      find_params(ch);
    }
  }

  // Calls that pass a parameter on: f(p), f(p + i), f((T*)p).
  void find_calls(CXCursor c)
  {
    for (auto& ch : children(c)) {
      if (!clang_Location_isFromMainFile(clang_getCursorLocation(ch)))
        continue;
      if (clang_getCursorKind(ch) == CXCursor_CallExpr) {
        auto callee = clang_getCursorReferenced(ch);
        auto pattern = clang_getSpecializedCursorTemplate(callee);
        if (!clang_Cursor_isNull(pattern))
          callee = pattern;
        auto def = clang_getCursorDefinition(callee);
        auto prms = parameters(clang_Cursor_isNull(def) ? callee : def);
        for (int i = 0, n = clang_Cursor_getNumArguments(ch); i >= 0 && i < n && size_t(i) < prms.size(); ++i) {
          int from = param_of(clang_Cursor_getArgument(ch, static_cast<unsigned>(i)));
          auto to = param_at.find(offset_of(clang_getCursorLocation(prms[i])));
          if (from >= 0 && to != param_at.end() && clang_Location_isFromMainFile(clang_getCursorLocation(prms[i])))
            callers[to->second].insert(static_cast<size_t>(from));
        }
      }
      find_calls(ch);
    }
  }

  // The kernel arguments a parameter stands for, through the calls.
  std::set<size_t> arguments_of(size_t p) const
  {
    std::set<size_t> out, seen{p};
    std::vector<size_t> todo{p};
    while (!todo.empty()) {
      size_t q = todo.back();
      todo.pop_back();
      if (auto t = top_arg.find(q); t != top_arg.end())
        out.insert(t->second);
      for (size_t c : callers[q])
        if (seen.insert(c).second)
          todo.push_back(c);
    }
    return out;
  }

  void walk(CXCursor c, int parent)
  {
    for (auto& ch : children(c)) {
      if (!clang_Location_isFromMainFile(clang_getCursorLocation(ch)) || is_constexpr(ch))
        continue;
      int inside = parent;
      if (is_loop(clang_getCursorKind(ch)))
        if (int id = add_loop(ch, parent); id >= 0)
          inside = id;
      walk(ch, inside);
    }
  }
};

CXCursor find_function(CXTranslationUnit tu, const std::string& name)
{
  struct q { std::string name; CXCursor found; bool ok = false; } s{name, clang_getNullCursor()};
  clang_visitChildren(
    clang_getTranslationUnitCursor(tu),
    [](CXCursor c, CXCursor, CXClientData d) {
      auto* s = static_cast<q*>(d);
      if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
      auto kind = clang_getCursorKind(c);
      if (kind == CXCursor_LinkageSpec || kind == CXCursor_Namespace || kind == CXCursor_UnexposedDecl)
        return CXChildVisit_Recurse;
      if (kind == CXCursor_FunctionDecl && clang_isCursorDefinition(c) && str(clang_getCursorSpelling(c)) == s->name) {
        s->found = c;
        s->ok = true;
        return CXChildVisit_Break;
      }
      return CXChildVisit_Continue;
    },
    &s);
  return s.found;
}

std::string quoted(const std::string& s)
{
  std::string out = "\"";
  for (char c : s)
    out += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

} // namespace

instrumented_source instrument_loops(const std::string& source, const kernel_desc& k,
                                     const std::vector<std::string>& clang_args)
{
  std::ifstream in(source, std::ios::binary);
  if (!in)
    throw error(source + ": cannot read");
  std::string text{std::istreambuf_iterator<char>(in), {}};

  auto unit = clang_unit::parse_cxx(source, clang_args);
  auto& p = *unit;

  walker w{text, k, {}, {}, {}, std::vector<uint32_t>(k.args.size(), 0), {}, {}};
  auto tu_cursor = clang_getTranslationUnitCursor(p.tu);
  w.find_params(tu_cursor);
  auto top = find_function(p.tu, k.name);
  if (!clang_Cursor_isNull(top)) {
    for (auto& prm : parameters(top)) {
      auto name = str(clang_getCursorSpelling(prm));
      auto a = std::find_if(k.args.begin(), k.args.end(),
                            [&](const kernel_arg& x) { return x.name == name && x.kind == arg_kind::global; });
      if (a == k.args.end())
        continue;
      auto t = clang_getCanonicalType(clang_getCursorType(prm));
      auto pointee = clang_getPointeeType(t);
      if (pointee.kind == CXType_Invalid)
        pointee = clang_getArrayElementType(t);
      long long size = clang_Type_getSizeOf(pointee);
      auto arg = static_cast<size_t>(a - k.args.begin());
      w.elem_size[arg] = size > 0 ? static_cast<uint32_t>(size) : 0;
      if (auto at = w.param_at.find(offset_of(clang_getCursorLocation(prm))); at != w.param_at.end())
        w.top_arg[at->second] = arg;
    }
  }
  w.find_calls(tu_cursor);
  w.walk(tu_cursor, -1);
  // Bytes an iteration moves per kernel argument: a helper's parameter that
  // several arguments reach (load(in1), load(in2)) splits its accesses evenly.
  for (auto& r : w.loops) {
    r.info.bytes.assign(k.args.size(), 0);
    for (auto& [prm, n] : r.accesses) {
      auto args = w.arguments_of(prm);
      for (size_t a : args)
        r.info.bytes[a] += static_cast<uint32_t>(n * w.elem_size[a] / args.size());
    }
  }

  // Pragmas belong to the innermost loop body that holds them.
  for (auto& pr : hls_pragmas(text)) {
    int best = -1;
    for (size_t i = 0; i < w.loops.size(); ++i)
      if (w.loops[i].body_begin < pr.offset && pr.offset < w.loops[i].body_end &&
          (best < 0 || w.loops[i].body_begin > w.loops[best].body_begin))
        best = static_cast<int>(i);
    if (best < 0)
      continue;
    auto& r = w.loops[best];
    if (has_word(pr.words, "pipeline")) {
      r.pipeline_off = has_word(pr.words, "off");
      r.pipeline = !r.pipeline_off;
      if (uint32_t ii = pragma_value(pr.words, "ii"))
        r.info.ii = ii;
    }
    if (has_word(pr.words, "unroll")) {
      uint32_t f = pragma_value(pr.words, "factor");
      r.info.unroll = has_word(pr.words, "off") ? 1 : f;   // no factor: full
    }
  }
  for (auto& r : w.loops)
    if (r.parent >= 0)
      w.loops[r.parent].info.has_inner = true;
  for (size_t i = 0; i < w.loops.size(); ++i) {
    auto& r = w.loops[i];
    bool in_pipeline = false;
    for (int a = r.parent; a >= 0; a = w.loops[a].parent)
      in_pipeline = in_pipeline || w.loops[a].pipeline;
    if (r.info.unroll == 0 || in_pipeline)
      r.info.mode = hls::folded;
    else if (r.pipeline_off || (r.info.has_inner && !r.pipeline))
      r.info.mode = hls::sequential;
    else
      r.info.mode = hls::pipelined;
  }

  // Edits from the end, so earlier offsets stay valid; at one offset a
  // closing brace goes before an opening one (the earlier statement ends first).
  std::stable_sort(w.edits.begin(), w.edits.end(), [](auto& a, auto& b) {
    if (a.first != b.first)
      return a.first > b.first;
    return a.second != "}" && b.second == "}";
  });
  for (auto& [at, s] : w.edits)
    text.insert(at, s);

  instrumented_source out;
  size_t n = std::max<size_t>(w.loops.size(), 1);
  out.text = "// Generated by xrtemu v++ -c: " + source + " with a counter at the start of each loop body\n"
             "// (the HLS kernel time estimate, docs/timing.md).\n"
             "#include \"xrtemu/hls_estimate.hpp\"\n"
             "static __UINT64_TYPE__ xrtemu_hls_loop_count[" + std::to_string(n) + "];\n"
             "#define XRTEMU_HLS_LOOP(id) (++::xrtemu_hls_loop_count[id])\n"
             "#line 1 " + quoted(source) + "\n" + text;
  if (out.text.back() != '\n')
    out.text += '\n';
  for (auto& r : w.loops)
    out.loops.push_back(r.info);
  return out;
}

std::string estimate_tables(const instrumented_source& s, const kernel_desc& k)
{
  std::ostringstream o;
  size_t n = std::max<size_t>(s.loops.size(), 1), na = std::max<size_t>(k.args.size(), 1);
  o << "\n// The kernel time estimate (xrtemu/hls_estimate.hpp): one row per loop of the source.\n"
    << "namespace {\n"
    << "const xrtemu::hls::loop_cost xrtemu_hls_loops[" << n << "] = {";
  for (auto& l : s.loops)
    o << "\n  {" << unsigned(l.mode) << ", " << l.ii << ", " << (l.unroll ? l.unroll : 1) << "},   // line "
      << l.line << ": " << l.keyword;
  if (s.loops.empty())
    o << "{2, 1, 1}";
  o << "\n};\nconst unsigned char xrtemu_hls_inner[" << n << "] = {";
  for (size_t i = 0; i < s.loops.size(); ++i)
    o << (i ? ", " : "") << (s.loops[i].has_inner ? 1 : 0);
  o << "};\nconst unsigned xrtemu_hls_bytes[" << n * na << "] = {";
  bool first = true;
  for (auto& l : s.loops)
    for (size_t a = 0; a < na; ++a) {
      o << (first ? "" : ", ") << (a < l.bytes.size() ? l.bytes[a] : 0);
      first = false;
    }
  o << "};\n"
    << "void xrtemu_hls_estimate(void* info)\n{\n"
    << "  uint64_t cycles = 0, bytes[" << na << "];\n"
    << "  xrtemu::hls::estimate(xrtemu_hls_loops, xrtemu_hls_inner, xrtemu_hls_bytes, xrtemu_hls_loop_count, "
    << s.loops.size() << ", " << k.args.size() << ", cycles, bytes);\n"
    << "  xrtemu::hls::report(info, cycles, bytes, " << k.args.size() << ");\n"
    << "}\n"
    << "} // namespace\n";
  return o.str();
}

} // namespace xrtemu::vpp
