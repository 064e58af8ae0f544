// Timed mode: the card time of one HLS C++ kernel run from the estimate its
// model reported (xrtemu_run_info's est_cycles / est_bytes, filled from its
// loop counters, kernels/include/xrtemu/hls_estimate.hpp):
//
//   cycles  = est_cycles * scale + extra_cycles + run_overhead_cycles
//   card_ns = max(cycles / ap_clk, for each bank: its bytes / its share of the bank)
//
// scale and extra_cycles are the kernel's calibration (card_options::
// kernel_time, 1 and 0 by default); a bank's share is its bandwidth divided
// among the host transfers and kernel runs on it when the run starts
// (dma_engine::book_run, which also books this run there).  See
// docs/timing.md, "Kernel time".
#pragma once

#include "cu_run.h"
#include "cu_slot.h"

#include <cstdint>

namespace xrtemu::emu {

// The control handshake (ap_start to ap_done, the argument reads over
// s_axilite) and a pipeline's fill and drain, per run.
constexpr uint64_t run_overhead_cycles = 32;

struct run_time
{
  uint64_t cycles = 0;
  double clock_mhz = 0;
  double card_ns = 0;
};

// false when the run carries no estimate (an older model, untimed mode).
bool estimate_run_time(cu_slot& slot, const cu_run& r, run_time& out);

} // namespace xrtemu::emu
