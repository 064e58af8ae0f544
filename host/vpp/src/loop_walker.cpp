// The loop finder both kernel time estimates share (see loop_walker.h):
// the libclang walk, the m_axi accesses per iteration, the counter edits,
// and the `#pragma HLS` reading and scheduling rules of the HLS C++ estimate.
#include "loop_walker.h"
#include "xrtemu/vpp/clang_unit.h"

#include "xrtemu/hls_estimate.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace xrtemu::vpp::loops {

using clang_unit::children;
using clang_unit::str;

namespace {

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

bool is_function(CXCursorKind k)
{
  return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_FunctionTemplate ||
         k == CXCursor_Constructor;
}

} // namespace

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

std::vector<CXCursor> parameters(CXCursor fn)
{
  std::vector<CXCursor> out;
  for (auto& ch : children(fn))
    if (clang_getCursorKind(ch) == CXCursor_ParmDecl)
      out.push_back(ch);
  return out;
}


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

// The parameter an access goes through: p[i], *p, *(p + i), ((T*)p)[i].
int walker::param_of(CXCursor e) const
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

void walker::count_accesses(CXCursor c, std::map<size_t, uint32_t>& accesses) const
{
  for (auto& ch : children(c)) {
    auto kind = clang_getCursorKind(ch);
    if (is_loop(kind) ||
        (kind == CXCursor_CompoundStmt && block_at.count(offset_of(clang_getRangeStart(clang_getCursorExtent(ch))))))
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

int walker::add_loop(CXCursor c, int parent)
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
  std::string bump = bump_macro + "(" + std::to_string(id) + ");";
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
  r.at = at;
  r.body_begin = b0;
  r.body_end = b1;
  loops.push_back(std::move(r));
  return id;
}

// A constexpr function may not bump a counter: its loops are not counted.
bool walker::is_constexpr(CXCursor fn) const
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
void walker::find_params(CXCursor c)
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
void walker::find_calls(CXCursor c)
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
std::set<size_t> walker::arguments_of(size_t p) const
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

void walker::walk(CXCursor c, int parent)
{
  for (auto& ch : children(c)) {
    if (!clang_Location_isFromMainFile(clang_getCursorLocation(ch)) || is_constexpr(ch))
      continue;
    int inside = parent;
    auto kind = clang_getCursorKind(ch);
    if (is_loop(kind)) {
      if (int id = add_loop(ch, parent); id >= 0)
        inside = id;
    }
    else if (kind == CXCursor_CompoundStmt && pipelined_block && pipelined_block(ch, c)) {
      if (int id = add_block(ch, parent); id >= 0)
        inside = id;
    }
    walk(ch, inside);
  }
}

int walker::add_block(CXCursor c, int parent)
{
  auto ext = clang_getCursorExtent(c);
  size_t b0 = offset_of(clang_getRangeStart(ext)), b1 = offset_of(clang_getRangeEnd(ext));
  if (b1 <= b0 || b1 > text.size() || text[b0] != '{' || text[b1 - 1] != '}')
    return -1;   // written by a macro: not counted
  int id = static_cast<int>(loops.size());
  edits.push_back({b0 + 1, bump_macro + "(" + std::to_string(id) + ");"});
  block_at.insert(b0);
  loop_rec r;
  r.info.line = line_of(clang_getRangeStart(ext));
  r.info.keyword = "block";
  count_accesses(c, r.accesses);
  r.parent = parent;
  r.at = b0;
  r.body_begin = b0;
  r.body_end = b1;
  r.block = true;
  r.pipeline = true;
  loops.push_back(std::move(r));
  return id;
}

CXCursor walker::run(CXTranslationUnit tu)
{
  auto tu_cursor = clang_getTranslationUnitCursor(tu);
  find_params(tu_cursor);
  auto top = find_function(tu, k.name);
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
      elem_size[arg] = size > 0 ? static_cast<uint32_t>(size) : 0;
      if (auto at = param_at.find(offset_of(clang_getCursorLocation(prm))); at != param_at.end())
        top_arg[at->second] = arg;
    }
  }
  find_calls(tu_cursor);
  walk(tu_cursor, -1);
  return top;
}

// A helper's parameter that several arguments reach (load(in1), load(in2))
// splits its accesses evenly among them.
std::vector<uint32_t> walker::bytes_of(const std::map<size_t, uint32_t>& accesses) const
{
  std::vector<uint32_t> bytes(k.args.size(), 0);
  for (auto& [prm, n] : accesses) {
    auto args = arguments_of(prm);
    for (size_t a : args)
      bytes[a] += static_cast<uint32_t>(n * elem_size[a] / args.size());
  }
  return bytes;
}

void walker::finish_bytes()
{
  for (auto& r : loops)
    r.info.bytes = bytes_of(r.accesses);
}

void walker::apply_hls_pragmas()
{
  for (auto& pr : hls_pragmas(text)) {
    int best = -1;
    for (size_t i = 0; i < loops.size(); ++i)
      if (loops[i].body_begin < pr.offset && pr.offset < loops[i].body_end &&
          (best < 0 || loops[i].body_begin > loops[best].body_begin))
        best = static_cast<int>(i);
    if (best < 0)
      continue;
    auto& r = loops[best];
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
}

void walker::classify()
{
  for (auto& r : loops)
    if (r.parent >= 0)
      loops[r.parent].info.has_inner = true;
  for (auto& r : loops) {
    bool in_pipeline = false;
    for (int a = r.parent; a >= 0; a = loops[a].parent)
      in_pipeline = in_pipeline || loops[a].pipeline;
    if (r.info.unroll == 0 || in_pipeline)
      r.info.mode = hls::folded;
    else if (r.pipeline_off || (r.info.has_inner && !r.pipeline))
      r.info.mode = hls::sequential;
    else
      r.info.mode = hls::pipelined;
  }
}

// Edits from the end, so earlier offsets stay valid; at one offset a
// closing brace goes before an opening one (the earlier statement ends first).
std::string walker::edited() const
{
  auto sorted = edits;
  std::stable_sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) {
    if (a.first != b.first)
      return a.first > b.first;
    return a.second != "}" && b.second == "}";
  });
  std::string out = text;
  for (auto& [at, s] : sorted)
    out.insert(at, s);
  return out;
}

} // namespace xrtemu::vpp::loops
