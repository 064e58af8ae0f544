// The cycle estimate of one OpenCL C work-group run (docs/timing.md,
// "OpenCL C kernels"), as a model built by v++ -c computes it from its loop
// counters.  The loops and work-item pipeline blocks of the .cl file cost
// what xrtemu/hls_estimate.hpp says; on top of them comes the loop over the
// group's work-items that Vitis builds around the kernel body:
//  - one work-item (no reqd_work_group_size, clEnqueueTask): no loop;
//  - the body pipelined in `xcl_pipeline_workitems` blocks: the blocks are
//    those loops (pipelined, II = 1, counted like loop bodies), nothing more;
//  - otherwise the items run one after another, like an unpipelined loop:
//    items x outer_iteration_cycles when the body runs loops of its own
//    (which add their counts), else items x unpipelined_iteration_cycles.
// m_axi accesses of the body outside loops and blocks happen once per item.
#pragma once

#include "xrtemu/hls_estimate.hpp"

#include <cstddef>
#include <cstdint>

namespace xrtemu::opencl {

enum item_loop : uint8_t {
  items_unpipelined = 0,   // the body is straight-line code
  items_outer = 1,         // the body runs loops of its own
  items_in_blocks = 2      // xcl_pipeline_workitems blocks carry the items
};

inline uint64_t work_item_cycles(uint8_t kind, uint64_t items)
{
  if (items <= 1 || kind == items_in_blocks)
    return 0;
  return items * (kind == items_outer ? hls::outer_iteration_cycles : hls::unpipelined_iteration_cycles);
}

// cycles and bytes of one work-group from the counts (see hls::estimate),
// the group's items and the body's bytes per item.
inline void estimate_group(const hls::loop_cost* loops, const uint8_t* has_inner, const uint32_t* bytes_per_iter,
                           const uint64_t* counts, size_t num_loops, size_t num_args, uint8_t item_kind,
                           const uint32_t* item_bytes, uint64_t items, uint64_t& cycles, uint64_t* bytes)
{
  hls::estimate(loops, has_inner, bytes_per_iter, counts, num_loops, num_args, cycles, bytes);
  cycles += work_item_cycles(item_kind, items);
  for (size_t a = 0; a < num_args; ++a)
    bytes[a] += items * item_bytes[a];
}

} // namespace xrtemu::opencl
