// The card's profile: every command and CU handshake as a timestamped event,
// in the order they happened.  Off unless asked for (card_options::profile).
// Written from the simulation thread and read from any thread.
#pragma once

#include "xrtemu/emu/card.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

namespace xrtemu::emu {

class event_log
{
public:
  void enable(bool on) { m_on.store(on, std::memory_order_relaxed); }
  bool enabled() const { return m_on.load(std::memory_order_relaxed); }

  void add(profile_event::kind k, int cu, uint64_t cmd, uint32_t state = 0, const char* via = "",
           uint64_t cycles = 0, double clock_mhz = 0, double card_ns = 0, bool estimate = false)
  {
    if (!enabled())
      return;
    auto now = std::chrono::steady_clock::now() - m_t0;
    std::lock_guard<std::mutex> lk(m_mutex);
    m_events.push_back({k, cu, cmd, state, via, m_events.size(),
                        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()),
                        cycles, clock_mhz, card_ns, estimate});
  }

  std::chrono::steady_clock::time_point epoch() const { return m_t0; }

  std::vector<profile_event> snapshot() const
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    return m_events;
  }

private:
  std::atomic<bool> m_on{false};
  std::chrono::steady_clock::time_point m_t0 = std::chrono::steady_clock::now();
  mutable std::mutex m_mutex;
  std::vector<profile_event> m_events;
};

} // namespace xrtemu::emu
