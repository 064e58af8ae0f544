// The work-group runtime of OpenCL C kernel models: one CU start runs one
// work-group, as on a card where XRT's OpenCL layer starts the CU once per
// group and writes the group's id and the global offset into its
// registers.  The group's work-items run on the CU's thread one after
// another; a kernel that calls barrier() runs each item on its own fiber
// (Boost.Context), and barrier() switches to the next item, so every item
// reaches a barrier before any goes past it.  The hooks the OpenCL C side
// calls (clc_workitem.h) are defined here, weak, once per model.
#pragma once

#include <boost/context/fiber.hpp>
#include <boost/context/stack_context.hpp>

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace xrtemu::opencl {

struct ndrange
{
  uint32_t work_dim = 1;
  size_t global_size[3] = {1, 1, 1};
  size_t local_size[3] = {1, 1, 1};
  size_t num_groups[3] = {1, 1, 1};
  size_t group_id[3] = {0, 0, 0};
  size_t global_offset[3] = {0, 0, 0};
};

struct work_group
{
  const ndrange* range = nullptr;
  size_t local_id[3] = {0, 0, 0};
  size_t linear = 0;                        // linear local id of the running item
  size_t items = 1;
  bool fibers = false;                      // running items on fibers (barrier() switches)
  boost::context::fiber scheduler;          // where barrier() returns to
};

inline thread_local work_group* current = nullptr;

// Fiber stacks, reused across groups and runs of this thread: mapped once,
// pages committed only when touched.
class stack_pool
{
public:
  static constexpr std::size_t size = 1u << 20;   // 1 MiB per work-item (private arrays live here)

  boost::context::stack_context allocate()
  {
    void* base;
    if (!free_.empty()) {
      base = free_.back();
      free_.pop_back();
    } else {
      base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      if (base == MAP_FAILED)
        throw std::bad_alloc();
    }
    boost::context::stack_context sc;
    sc.size = size;
    sc.sp = static_cast<char*>(base) + size;
    return sc;
  }
  void deallocate(boost::context::stack_context& sc) noexcept
  {
    free_.push_back(static_cast<char*>(sc.sp) - sc.size);
  }
  ~stack_pool()
  {
    for (void* p : free_)
      ::munmap(p, size);
  }

private:
  std::vector<void*> free_;
};

// The allocator handed to each fiber: a reference to this thread's pool.
struct pooled_stack
{
  stack_pool* pool;
  boost::context::stack_context allocate() { return pool->allocate(); }
  void deallocate(boost::context::stack_context& sc) noexcept { pool->deallocate(sc); }
};

inline stack_pool& thread_stacks()
{
  static thread_local stack_pool pool;
  return pool;
}

inline void set_local_id(work_group& g, size_t linear)
{
  auto& r = *g.range;
  g.linear = linear;
  g.local_id[0] = linear % r.local_size[0];
  g.local_id[1] = (linear / r.local_size[0]) % r.local_size[1];
  g.local_id[2] = linear / (r.local_size[0] * r.local_size[1]);
}

// Runs every work-item of the group r describes: body(argv) once per item.
// uses_barrier: the kernel may call barrier(), so items get fibers.
inline void run_work_group(const ndrange& r, bool uses_barrier, void (*body)(void* const*), void* const* argv)
{
  work_group g;
  g.range = &r;
  g.items = r.local_size[0] * r.local_size[1] * r.local_size[2];
  struct scope
  {
    work_group* saved;
    explicit scope(work_group* g) : saved(current) { current = g; }
    ~scope() { current = saved; }
  } in(&g);

  if (!uses_barrier || g.items == 1) {
    for (size_t i = 0; i < g.items; ++i) {
      set_local_id(g, i);
      body(argv);
    }
    return;
  }

  // One fiber per item.  A sweep resumes each unfinished item until it
  // reaches a barrier or returns; when a sweep ends, every unfinished item
  // waits at a barrier, so the next sweep lets them all past it.
  g.fibers = true;
  pooled_stack alloc{&thread_stacks()};
  std::vector<boost::context::fiber> items(g.items);
  std::vector<char> started(g.items, 0);
  size_t finished = 0;
  while (finished < g.items) {
    for (size_t i = 0; i < g.items; ++i) {
      if (started[i] && !items[i])
        continue;   // done
      set_local_id(g, i);
      if (!started[i]) {
        started[i] = 1;
        items[i] = boost::context::fiber(std::allocator_arg, alloc, [&g, body, argv](boost::context::fiber&& sched) {
          g.scheduler = std::move(sched);
          body(argv);
          return std::move(g.scheduler);
        });
      }
      items[i] = std::move(items[i]).resume();
      if (!items[i])
        ++finished;
    }
  }
}

} // namespace xrtemu::opencl

extern "C" {

__attribute__((weak, visibility("hidden"))) size_t __xrtemu_wi_query(unsigned query, unsigned dim)
{
  using namespace xrtemu::opencl;
  auto* g = current;
  if (!g || dim > 2)
    return query == 3 || query == 4 || query == 5 ? 1 : 0;   // out-of-range dims, as the spec says
  auto& r = *g->range;
  switch (query) {
  case 0: return r.global_offset[dim] + r.group_id[dim] * r.local_size[dim] + g->local_id[dim];
  case 1: return g->local_id[dim];
  case 2: return r.group_id[dim];
  case 3: return r.global_size[dim];
  case 4: return r.local_size[dim];
  case 5: return r.num_groups[dim];
  case 6: return r.global_offset[dim];
  default: return 0;
  }
}

__attribute__((weak, visibility("hidden"))) unsigned __xrtemu_wi_work_dim(void)
{
  auto* g = xrtemu::opencl::current;
  return g ? g->range->work_dim : 1;
}

__attribute__((weak, visibility("hidden"))) int __xrtemu_wi_leader(void)
{
  auto* g = xrtemu::opencl::current;
  return !g || g->linear == 0;
}

__attribute__((weak, visibility("hidden"))) void __xrtemu_wi_barrier(unsigned flags)
{
  (void)flags;
  auto* g = xrtemu::opencl::current;
  if (!g || !g->fibers)
    return;   // one work-item, or a kernel built without barriers in view
  g->scheduler = std::move(g->scheduler).resume();
}

} // extern "C"
