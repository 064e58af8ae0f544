// v++ -c's loop instrumentation for the HLS kernel time estimate
// (docs/timing.md, "Kernel time"): finds every for/while/do loop in the
// function bodies of the kernel's source file, records per loop how HLS
// would schedule it (pipeline II, unroll, nesting) and the m_axi bytes one
// iteration moves per top-function argument, and writes an instrumented
// copy of the source whose loop bodies each start with a counter bump.
#pragma once

#include "xrtemu/vpp/kernel_interface.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace xrtemu::vpp {

struct loop_info
{
  unsigned line = 0;          // where the loop keyword is
  std::string keyword;        // for, while, do
  uint8_t mode = 0;           // xrtemu::hls::loop_mode: pipelined, sequential, folded
  uint32_t ii = 1;            // pipelined: initiation interval
  uint32_t unroll = 1;        // unroll factor (0: full)
  bool has_inner = false;     // holds loops of its own
  std::vector<uint32_t> bytes;   // per kernel argument: m_axi bytes one iteration moves
};

struct instrumented_source
{
  // The copy to compile instead of the source: a preamble with the counters,
  // then `#line 1 "<source>"` and the source with `XRTEMU_HLS_LOOP(id);` at
  // the start of each loop body (unbraced bodies get braces); no line is
  // added or removed, so diagnostics and debug lines name the user's file.
  std::string text;
  std::vector<loop_info> loops;   // by id
};

// Parses `source` (clang_args: -I/-D...) and instruments the loops for the
// kernel `k` (its arguments give the m_axi pointers).  Loops that come from
// macro expansions or headers are left alone (not counted).
instrumented_source instrument_loops(const std::string& source, const kernel_desc& k,
                                     const std::vector<std::string>& clang_args);

// Writes the per-loop tables a model's estimate reads (one row per loop,
// xrtemu::hls::estimate): `<prefix>_loops` (mode, II, unroll),
// `<prefix>_inner` (holds loops) and `<prefix>_bytes` (per loop, per
// argument), each with at least one row.
void write_loop_tables(std::ostream& o, const std::vector<loop_info>& loops, size_t num_args,
                       const std::string& prefix);

// The thunk's part: the per-loop tables and a function
// `xrtemu_hls_estimate(void* info)` reporting the run's estimate to the card.
std::string estimate_tables(const instrumented_source& s, const kernel_desc& k);

} // namespace xrtemu::vpp
