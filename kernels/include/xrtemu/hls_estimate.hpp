// The cycle estimate of one HLS C++ kernel run, as a model computes it from
// its loop counters (docs/timing.md, "Kernel time").  v++ -c instruments
// every loop of the kernel's source with a counter of the times its body
// ran (host/vpp/src/loop_estimate.cpp) and records per loop how HLS would
// schedule it; the generated thunk zeroes the counters, calls the kernel,
// then turns the counts into cycles and m_axi bytes with hls_estimate() and
// hands them to the card through xrtemu_run_info (kernel_model.h).
//
// The per-loop costs are the one place these figures live:
//  - pipelined (an innermost loop, Vitis auto-pipelines those at II=1, or
//    one with `#pragma HLS pipeline II=n`): ceil(count / unroll) * II;
//  - sequential (a loop holding loops, or `pipeline off`): count * its
//    iteration overhead, outer_iteration_cycles for a loop holding loops
//    (whose inner loops add their own counts), unpipelined_iteration_cycles
//    for an innermost `pipeline off` loop;
//  - folded (fully unrolled, or inside a pipelined loop, which HLS unrolls
//    fully): no cycles of its own.
#pragma once

#include "xrtemu/kernel_model.h"

#include <cstddef>
#include <cstdint>

namespace xrtemu::hls {

constexpr uint64_t outer_iteration_cycles = 2;        // a loop holding loops: entry, exit test
constexpr uint64_t unpipelined_iteration_cycles = 4;  // `pipeline off`: read, operate, write, test

enum loop_mode : uint8_t { pipelined = 0, sequential = 1, folded = 2 };

struct loop_cost
{
  uint8_t mode;      // loop_mode
  uint32_t ii;       // pipelined: the initiation interval
  uint32_t unroll;   // pipelined: the unroll factor (1: none)
};

inline uint64_t loop_cycles(const loop_cost& l, uint64_t count, bool has_inner)
{
  switch (l.mode) {
  case pipelined: {
    uint64_t f = l.unroll ? l.unroll : 1;
    return (count + f - 1) / f * l.ii;
  }
  case sequential:
    return count * (has_inner ? outer_iteration_cycles : unpipelined_iteration_cycles);
  default:
    return 0;
  }
}

// cycles and, per argument, bytes of one run from the loop counts.
// bytes_per_iter: num_loops rows of num_args entries.
inline void estimate(const loop_cost* loops, const uint8_t* has_inner, const uint32_t* bytes_per_iter,
                     const uint64_t* counts, size_t num_loops, size_t num_args, uint64_t& cycles,
                     uint64_t* bytes)
{
  cycles = 0;
  for (size_t a = 0; a < num_args; ++a)
    bytes[a] = 0;
  for (size_t i = 0; i < num_loops; ++i) {
    cycles += loop_cycles(loops[i], counts[i], has_inner[i] != 0);
    for (size_t a = 0; a < num_args; ++a)
      bytes[a] += counts[i] * bytes_per_iter[i * num_args + a];
  }
}

// Hands the estimate to the card, when the card's run info has room for it
// (an older card's has not: the run then stays untimed).
inline void report(void* info_ptr, uint64_t cycles, const uint64_t* bytes, size_t num_args)
{
  auto* info = static_cast<xrtemu_run_info*>(info_ptr);
  if (!info || info->size < XRTEMU_RUN_INFO_ESTIMATE_SIZE || !info->est_bytes)
    return;
  for (size_t a = 0; a < num_args && a < info->est_num_args; ++a)
    info->est_bytes[a] = bytes[a];
  info->est_cycles = cycles;
  info->est_known = 1;
}

} // namespace xrtemu::hls
