// The loop finder both kernel time estimates share (HLS C++: loop_estimate.cpp;
// OpenCL C: opencl_estimate.cpp): a libclang walk over a kernel's source file
// that records every for/while/do loop (and, for OpenCL C, every block the
// caller marks as a work-item pipeline), the m_axi accesses one iteration of
// each makes on the top function's pointer parameters (also through helper
// functions they are passed to), and the text edits that put a counter bump
// at the start of each body.  How a loop is scheduled (pipeline, unroll) is
// read by the callers: `#pragma HLS` lines in bodies (apply_hls_pragmas here),
// OpenCL attributes before the loop (opencl_estimate.cpp).
#pragma once

#include "xrtemu/vpp/loop_estimate.h"

#include <clang-c/Index.h>

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace xrtemu::vpp::loops {

bool is_loop(CXCursorKind k);
unsigned offset_of(CXSourceLocation loc);   // in the main file (expansion location)
unsigned line_of(CXSourceLocation loc);
size_t skip_blank(const std::string& t, size_t p);   // past whitespace and comments
std::string quoted(const std::string& s);            // a C string literal
CXCursor find_function(CXTranslationUnit tu, const std::string& name);   // defined in the main file
std::vector<CXCursor> parameters(CXCursor fn);

struct loop_rec
{
  loop_info info;
  int parent = -1;
  size_t at = 0;                           // offset of the loop keyword (of the `{` for a block)
  size_t body_begin = 0, body_end = 0;
  bool pipeline = false, pipeline_off = false;
  bool block = false;                      // a work-item pipeline block, not a loop
  std::map<size_t, uint32_t> accesses;     // per tracked parameter, accesses an iteration
};

struct walker
{
  const std::string& text;
  const kernel_desc& k;
  std::string bump_macro = "XRTEMU_HLS_LOOP";
  // OpenCL C: a compound statement (child of `parent`) that is a pipelined
  // region of its own, counted like a loop body.  Unset for HLS C++.
  std::function<bool(CXCursor block, CXCursor parent)> pipelined_block;

  // Pointer parameters of the functions defined in the source, by the
  // offset of their declaration: accesses count against them, and calls
  // pass them on (callers[q]: the parameters passed as parameter q).
  std::map<unsigned, size_t> param_at;
  std::vector<std::set<size_t>> callers;
  std::map<size_t, size_t> top_arg;   // a top-function parameter -> its index in k.args
  std::vector<uint32_t> elem_size;    // per kernel argument: sizeof what it points at
  std::vector<loop_rec> loops;
  std::set<size_t> block_at;          // offsets of the pipelined blocks' `{`
  std::vector<std::pair<size_t, std::string>> edits;   // offset, text to insert

  walker(const std::string& t, const kernel_desc& kd) : text(t), k(kd), elem_size(kd.args.size(), 0) {}

  int param_of(CXCursor e) const;
  // m_axi accesses directly in `c` (nested loops and blocks count their own).
  void count_accesses(CXCursor c, std::map<size_t, uint32_t>& accesses) const;
  int add_loop(CXCursor c, int parent);
  int add_block(CXCursor c, int parent);
  bool is_constexpr(CXCursor fn) const;
  void find_params(CXCursor c);
  void find_calls(CXCursor c);
  std::set<size_t> arguments_of(size_t p) const;
  void walk(CXCursor c, int parent);

  // The whole pass over a parsed unit: parameters, the top function's
  // arguments, calls, loops.  Returns the top function (null cursor if absent).
  CXCursor run(CXTranslationUnit tu);
  // Per loop, bytes an iteration moves per kernel argument (from accesses).
  std::vector<uint32_t> bytes_of(const std::map<size_t, uint32_t>& accesses) const;
  void finish_bytes();
  // `#pragma HLS pipeline/unroll` lines: they belong to the innermost loop body holding them.
  void apply_hls_pragmas();
  // has_inner, then each loop's mode from its pipeline/unroll settings.
  void classify();
  // The text with every edit applied.
  std::string edited() const;
};

} // namespace xrtemu::vpp::loops
