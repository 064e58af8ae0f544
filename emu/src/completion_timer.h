// Timed mode's command latency (docs/timing.md): runs each task at a due
// moment of the host's steady clock on a thread of its own, so that the
// simulation thread never waits.  Long waits sleep; the last
// 100 us are a busy wait (a sleeping thread wakes late; spin.h).
// Tasks still pending when the timer is destroyed are dropped.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace xrtemu::emu {

class completion_timer
{
public:
  using clock = std::chrono::steady_clock;

  completion_timer();
  ~completion_timer();
  completion_timer(const completion_timer&) = delete;
  completion_timer& operator=(const completion_timer&) = delete;

  // Any thread.  Tasks due at the same moment run in the order given.
  void at(clock::time_point due, std::function<void()> task);

private:
  struct entry
  {
    clock::time_point due;
    uint64_t seq;
    std::function<void()> task;
    bool operator>(const entry& o) const { return due != o.due ? due > o.due : seq > o.seq; }
  };
  void loop();

  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::priority_queue<entry, std::vector<entry>, std::greater<entry>> m_queue;
  uint64_t m_seq = 0;
  std::atomic<uint64_t> m_posted{0};   // tasks ever given, read without the lock
  bool m_stop = false;
  std::thread m_thread;
};

} // namespace xrtemu::emu
