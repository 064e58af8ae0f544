// How the emulated cards run, from the places users already configure XRT:
//   xrt.ini  [Runtime] ert_polling=true        completion by polling
//            [Debug]   profile=true / timeline_trace=true / native_xrt_trace=true
//                                              record a profile (trace file at exit)
//   XRTEMU_CONFIG JSON {"runtime": {"completion": "polling"|"interrupt",
//                       "cu_timeout_ms": N, "deadlock_timeout_ms": N,
//                       "profile": true|false, "trace_file": "path", "timed": true|false}}
//            [Emulation] memcheck=true           check kernels' m_axi accesses
//            [Emulation] timed=true              approximately-timed card (docs/timing.md)
//            [Emulation] kernel_time=k:scale[:extra_cycles],...   HLS estimate calibration
//            XRTEMU_CONFIG "runtime": {"kernel_time": {"k": {"scale": x, "extra_cycles": n}}}
//            [Emulation] card_sharing=contexts|strict|isolated   processes on one card
//                                              (context_registry.h)
//   environment XRTEMU_PROFILE=<trace file>, XRTEMU_CU_TIMEOUT_MS=N, XRTEMU_MEMCHECK=1,
//               XRTEMU_TIMED=1, XRTEMU_CARD_SHARING=contexts|strict|isolated
// Later sources override earlier ones in the order listed.
#pragma once

#include "context_registry.h"
#include "xrtemu/emu/card.h"

#include <string>

namespace xrtemu::shim {

struct runtime_options
{
  emu::card_options card;
  std::string trace_file = "xrtemu_trace.json";   // written at exit when card.profile
  card_sharing sharing = card_sharing::contexts;  // CU contexts across processes
};

runtime_options load_runtime_options();

} // namespace xrtemu::shim
