#include "cu_worker.h"
#include "spin.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace xrtemu::emu {

struct cu_worker::state
{
  std::mutex mutex;
  std::condition_variable cv;
  std::function<void()> job;
  std::atomic<bool> has_job{false};   // job is set (read while spinning)
  std::atomic<bool> busy{false};
  bool stop = false;
  std::thread thread;
};

cu_worker::~cu_worker()
{
  stop();
}

void cu_worker::run(std::function<void()> job)
{
  if (!m_state) {
    m_state = std::make_shared<state>();
    m_state->thread = std::thread([s = m_state] { loop_entry(s); });
  }
  {
    std::lock_guard<std::mutex> lk(m_state->mutex);
    m_state->job = std::move(job);
    m_state->busy.store(true);
    m_state->has_job.store(true, std::memory_order_release);
  }
  m_state->cv.notify_one();
}

void cu_worker::loop_entry(std::shared_ptr<state> s)
{
  for (;;) {
    std::function<void()> job;
    // Jobs follow each other within microseconds while a program runs.
    spin_until([&] { return s->has_job.load(std::memory_order_acquire); });
    {
      std::unique_lock<std::mutex> lk(s->mutex);
      s->cv.wait(lk, [&] { return s->stop || s->job; });
      s->has_job.store(false, std::memory_order_relaxed);
      if (!s->job)
        return;
      job.swap(s->job);
    }
    job();
    s->busy.store(false);
    std::lock_guard<std::mutex> lk(s->mutex);
    if (s->stop)
      return;
  }
}

void cu_worker::abandon()
{
  if (!m_state)
    return;
  {
    std::lock_guard<std::mutex> lk(m_state->mutex);
    m_state->stop = true;
  }
  m_state->cv.notify_all();
  m_state->thread.detach();
  m_state.reset();
}

void cu_worker::stop()
{
  if (!m_state)
    return;
  if (m_state->busy.load()) {
    abandon();   // a kernel that never returns must not hang process exit
    return;
  }
  {
    std::lock_guard<std::mutex> lk(m_state->mutex);
    m_state->stop = true;
  }
  m_state->cv.notify_all();
  m_state->thread.join();
  m_state.reset();
}

} // namespace xrtemu::emu
