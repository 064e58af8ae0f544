// The driver's side of the profile: what the host asked of the card (buffer
// allocation and release, DMA syncs with their size and direction, command
// submission) on the card's time line, and samples of stream stalls per CU.
// Exists only while profiling, so the calls it records pay nothing otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

namespace xrtemu::shim {

struct host_event
{
  enum kind : uint8_t { alloc, release, sync_to_device, sync_from_device, copy, exec, read, write };
  kind what;
  uint64_t t0_ns, t1_ns;   // since the card's profile epoch
  uint64_t bytes;
  int bank;                // platform bank, -1 when none
  uint64_t handle;         // BO handle; exec: ERT opcode
  uint64_t card_t0_ns = 0, card_t1_ns = 0;   // timed mode: the DMA's card time (docs/timing.md); else 0
};

struct stall_sample
{
  uint64_t t_ns;
  unsigned cu;
  uint64_t stalls;         // the CU's stream waits so far (reads on empty + writes on full)
};

class host_profile
{
public:
  explicit host_profile(std::chrono::steady_clock::time_point epoch) : m_epoch(epoch) {}

  uint64_t now_ns() const
  {
    return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - m_epoch).count());
  }

  void add(host_event::kind k, uint64_t t0, uint64_t bytes, int bank, uint64_t handle,
           uint64_t card_t0 = 0, uint64_t card_t1 = 0)
  {
    auto t1 = now_ns();
    std::lock_guard<std::mutex> lk(m_mutex);
    m_events.push_back({k, t0, t1, bytes, bank, handle, card_t0, card_t1});
  }

  void add_stalls(unsigned cu, uint64_t stalls)
  {
    auto t = now_ns();
    std::lock_guard<std::mutex> lk(m_mutex);
    m_stalls.push_back({t, cu, stalls});
  }

  std::vector<host_event> events() const
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    return m_events;
  }

  std::vector<stall_sample> stalls() const
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    return m_stalls;
  }

private:
  std::chrono::steady_clock::time_point m_epoch;
  mutable std::mutex m_mutex;
  std::vector<host_event> m_events;
  std::vector<stall_sample> m_stalls;
};

} // namespace xrtemu::shim
