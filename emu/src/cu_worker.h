// The host thread that executes a CU's kernel bodies, so several CUs use
// several cores while the simulation thread stays free.  A body that never
// returns (a hung kernel) cannot be stopped from outside; reset abandons
// the thread (it keeps its own state, so it cannot steal later jobs) and the
// next job starts a fresh one.
#pragma once

#include <functional>
#include <memory>

namespace xrtemu::emu {

class cu_worker
{
public:
  cu_worker() = default;
  ~cu_worker();
  cu_worker(const cu_worker&) = delete;
  cu_worker& operator=(const cu_worker&) = delete;

  // Runs job on the worker thread (starting it if needed).  One job at a
  // time: the caller waits for a job's own completion signal before the next.
  void run(std::function<void()> job);
  // Leave the current thread to finish (or hang) on its own.
  void abandon();
  // Join an idle thread; abandon a busy one.
  void stop();

  struct state;

private:
  static void loop_entry(std::shared_ptr<state> s);
  std::shared_ptr<state> m_state;
};

} // namespace xrtemu::emu
