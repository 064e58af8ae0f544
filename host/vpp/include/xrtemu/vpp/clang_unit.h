// One source parsed with the libclang C API, for v++ -c's readers of a
// kernel's source (kernel_interface: the top function's parameters and
// pragmas; loop_estimate, opencl_estimate: the loops and their m_axi
// accesses, in C++ or OpenCL C): the
// translation unit and its index, released together, and the small helpers
// both walk it with.
#pragma once

#include "xrtemu/vpp/kernel_interface.h"

#include <clang-c/Index.h>

#include <memory>
#include <string>
#include <vector>

namespace xrtemu::vpp::clang_unit {

// A CXString as std::string, disposed.
inline std::string str(CXString s)
{
  std::string out = clang_getCString(s) ? clang_getCString(s) : "";
  clang_disposeString(s);
  return out;
}

struct unit
{
  CXIndex index = nullptr;
  CXTranslationUnit tu = nullptr;
  unit() = default;
  unit(const unit&) = delete;
  unit& operator=(const unit&) = delete;
  ~unit()
  {
    if (tu) clang_disposeTranslationUnit(tu);
    if (index) clang_disposeIndex(index);
  }
};

// Parses `source` with exactly these arguments (the language included);
// throws error naming the file when libclang cannot.  Diagnostics are left
// in the unit for the caller to judge.
inline std::unique_ptr<unit> parse(const std::string& source, const std::vector<std::string>& args)
{
  std::vector<const char*> argv;
  for (auto& a : args)
    argv.push_back(a.c_str());
  auto u = std::make_unique<unit>();
  u->index = clang_createIndex(0, 0);
  auto rc = clang_parseTranslationUnit2(u->index, source.c_str(), argv.data(), static_cast<int>(argv.size()), nullptr,
                                        0, CXTranslationUnit_None, &u->tu);
  if (rc != CXError_Success || !u->tu)
    throw error(source + ": libclang could not parse the file (error " + std::to_string(rc) + ")");
  return u;
}

// Parses `source` as C++17 (HLS pragmas allowed) with the extra arguments.
inline std::unique_ptr<unit> parse_cxx(const std::string& source, const std::vector<std::string>& clang_args)
{
  std::vector<std::string> args = {"-x", "c++", "-std=c++17", "-Wno-unknown-pragmas"};
  args.insert(args.end(), clang_args.begin(), clang_args.end());
  return parse(source, args);
}

// The direct children of a cursor, in order.
inline std::vector<CXCursor> children(CXCursor c)
{
  std::vector<CXCursor> out;
  clang_visitChildren(
    c,
    [](CXCursor ch, CXCursor, CXClientData d) {
      static_cast<std::vector<CXCursor>*>(d)->push_back(ch);
      return CXChildVisit_Continue;
    },
    &out);
  return out;
}

} // namespace xrtemu::vpp::clang_unit
