// The timed mode's completion timer (see completion_timer.h).
#include "completion_timer.h"
#include "spin.h"

namespace xrtemu::emu {

completion_timer::completion_timer() : m_thread([this] { loop(); }) {}

completion_timer::~completion_timer()
{
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
  m_thread.join();
}

void completion_timer::at(clock::time_point due, std::function<void()> task)
{
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    m_queue.push({due, m_seq++, std::move(task)});
    m_posted.fetch_add(1, std::memory_order_release);
  }
  m_cv.notify_all();
}

void completion_timer::loop()
{
  // Sleep to within pace_margin of a task's moment, then busy-wait: a timer
  // thread spinning longer takes a core the host and the card model need; with
  // 1 ns of timer slack a sleep here wakes a median 36 us late (spin.h).
  constexpr auto spin = pace_margin;
  ::prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0);
  std::unique_lock<std::mutex> lk(m_mutex);
  for (;;) {
    if (m_queue.empty() && !m_stop) {
      // Commands come in bursts: watch for the next task a little while
      // before sleeping, as the card's other waiters do (spin.h).  A sleeping
      // timer thread woke 20-30 us late on the 2-core VM, more than the
      // completion latency it exists to model (10 us).
      uint64_t seen = m_posted.load(std::memory_order_acquire);
      lk.unlock();
      spin_until([&] { return m_posted.load(std::memory_order_acquire) != seen; });
      lk.lock();
    }
    m_cv.wait(lk, [&] { return m_stop || !m_queue.empty(); });
    if (m_stop)
      return;
    auto due = m_queue.top().due;
    if (clock::now() + spin < due) {
      // Sleep until shortly before; a task due sooner may arrive meanwhile.
      m_cv.wait_until(lk, due - spin, [&] { return m_stop || m_queue.top().due < due; });
      continue;
    }
    lk.unlock();
    spin_until_time(due);
    lk.lock();
    if (m_stop)
      return;
    // Run everything due by now, in order, without the lock.
    std::vector<std::function<void()>> ready;
    while (!m_queue.empty() && m_queue.top().due <= clock::now()) {
      ready.push_back(std::move(const_cast<entry&>(m_queue.top()).task));
      m_queue.pop();
    }
    lk.unlock();
    for (auto& t : ready)
      t();
    lk.lock();
  }
}

} // namespace xrtemu::emu
