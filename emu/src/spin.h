// Brief busy-waiting before blocking, and waiting until a moment (sleep,
// then spin).  Handing work between the host, the simulation thread and
// CU workers happens every few microseconds while a program runs; a futex
// sleep/wake costs about as much again, so each waiter spins for a short
// while first and only then sleeps.
#pragma once

#include <sys/prctl.h>

#include <chrono>
#include <thread>

namespace xrtemu::emu {

// How long a waiter spins before it blocks.
constexpr std::chrono::microseconds spin_budget{50};

// True once ready() holds; false if the budget ran out first.
template <typename Pred>
bool spin_until(Pred ready, std::chrono::microseconds budget = spin_budget)
{
  auto deadline = std::chrono::steady_clock::now() + budget;
  for (unsigned i = 0;; ++i) {
    if (ready())
      return true;
    // Yield rather than pause: on a 2-core box the thread we wait for may
    // need this core.
    std::this_thread::yield();
    if ((i & 15) == 15 && std::chrono::steady_clock::now() > deadline)
      return false;
  }
}

// Busy-waits until `due`: the last stretch of a timed wait (timed mode's DMA
// pacing and completion timer), where a thread that sleeps can get its core
// back late.  It yields rather than pauses: on a 2-core box the threads this
// one waits beside (the simulation thread, a CU's worker, another host thread
// moving the other half of a double buffer) need the core more than a spinner
// does, and with nothing else runnable a yield returns at once.
inline void spin_until_time(std::chrono::steady_clock::time_point due)
{
  while (std::chrono::steady_clock::now() < due)
    std::this_thread::yield();
}

// Waits until `due` (timed mode's DMA pacing and completion timer): sleeps
// through all but the last `margin`, then busy-waits the rest.  A spinning
// thread takes a core the threads it waits beside need (on a 2-core box the
// other half of a double buffer copies on it); a sleeping one wakes late: on
// the 2-core VM measured 2026-12-07 a 200 us sleep woke a median 84 us late
// with the default 50 us timer slack and 36 us late (p99 64 us, with two
// cores busy copying) with 1 ns, which this sleep asks for and then restores.
// How much of a timed wait is busy-waited rather than slept.
constexpr std::chrono::microseconds pace_margin{100};

inline void wait_until_time(std::chrono::steady_clock::time_point due, std::chrono::microseconds margin = pace_margin)
{
  if (std::chrono::steady_clock::now() + margin < due) {
    int slack = ::prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
    ::prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0);
    std::this_thread::sleep_until(due - margin);
    if (slack > 0)
      ::prctl(PR_SET_TIMERSLACK, static_cast<unsigned long>(slack), 0, 0, 0);
  }
  spin_until_time(due);
}

} // namespace xrtemu::emu
