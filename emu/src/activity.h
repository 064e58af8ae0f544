// How many kernel bodies are executing and how many of them are parked on a
// stream.  A watchdog compares the two: when every active body is parked and
// nothing has moved for a while, no progress is possible (deadlock).
#pragma once

#include <atomic>
#include <cstdint>

namespace xrtemu::emu {

struct activity
{
  std::atomic<int> active{0};        // kernel bodies inside a call
  std::atomic<int> parked{0};        // of those, waiting on a stream
  std::atomic<int> controlled{0};    // runs of hs/chain CUs in flight (free-running ones don't count)
  std::atomic<uint64_t> progress{0}; // bumps on every beat, start and completion
  // A body running on the simulation thread (compute_unit, "inline"): its CU
  // slot and when it started (steady clock, ns); -1 when none.  Read by the
  // watchdog thread, which cannot reach a blocked simulation thread.
  std::atomic<int> inline_cu{-1};
  std::atomic<int64_t> inline_since{0};

  void moved() { progress.fetch_add(1, std::memory_order_relaxed); }
};

// RAII: counts a body as parked while it waits.
struct parked_scope
{
  explicit parked_scope(activity* a) : m_act(a) { if (m_act) m_act->parked.fetch_add(1); }
  ~parked_scope() { if (m_act) m_act->parked.fetch_sub(1); }
  activity* m_act;
};

} // namespace xrtemu::emu
