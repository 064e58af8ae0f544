// v++ -c's kernel time estimate for OpenCL C kernels (docs/timing.md,
// "OpenCL C kernels"): the loops of the .cl file and the work-item pipeline
// blocks (`__attribute__((xcl_pipeline_workitems)) { ... }`) found with
// libclang, each scheduled from the Vitis attributes before it
// (xcl_pipeline_loop, opencl_unroll_hint, #pragma unroll) with the HLS C++
// cost rules, and a counted copy of the source whose bodies each bump a
// counter.  v++ builds that copy as a second kernel object next to the
// plain one; the model runs it only in timed mode (the card then gives the
// run room for an estimate), so untimed runs execute exactly the code they
// did before.
#pragma once

#include "xrtemu/vpp/loop_estimate.h"

#include <cstdint>
#include <string>
#include <vector>

namespace xrtemu::vpp {

struct opencl_counted
{
  // The copy to compile: a preamble declaring the counter hook, then
  // `#line 1 "<source>"` and the source with `XRTEMU_CL_LOOP(id);` at the
  // start of each loop body and work-item block (no line added).
  std::string text;
  std::vector<loop_info> loops;          // by id: loops and work-item blocks (keyword "block")
  bool item_blocks = false;              // work-items are pipelined in blocks of their own
  bool item_loops = false;               // a work-item runs counted loops (outside blocks)
  std::vector<uint32_t> item_bytes;      // per argument: m_axi bytes of one work-item outside loops and blocks
};

// Parses the .cl `source` with libclang (`args`: the OpenCL flags v++
// compiles it with, language included) for the kernel `k`.
opencl_counted instrument_opencl_loops(const std::string& source, const kernel_desc& k,
                                       const std::vector<std::string>& args);

// The counted copy's LLVM IR (clang, no LLVM passes run yet): the hook
// `__xrtemu_cl_loop(id)` becomes an always-inlined bump of an internal
// counter array of `num_loops` entries, and `__xrtemu_cl_take_<kernel>(u64*)`
// copies the counts out and zeroes them.  The array's address never escapes,
// so the optimizer keeps a loop's count in a register.
void define_loop_counters(std::string& ll, const std::string& kernel, size_t num_loops);

// C++ for the kernel's thunk: the cost tables and
// `void xrtemu_cl_estimate(void* run_info, uint64_t items)`, which takes the
// counts after a work-group of `items` work-items ran and reports the
// run's cycles and bytes (xrtemu/opencl/work_item_estimate.hpp).
std::string opencl_estimate_source(const opencl_counted& c, const kernel_desc& k);

} // namespace xrtemu::vpp
