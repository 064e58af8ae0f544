#include "card_impl.h"
#include "spin.h"

#include <pthread.h>

#include <cstdlib>
#include <future>

// libsystemc.so refers to sc_main (its own main() calls it).  Programs that
// load the shim have their own main, so give the reference something to bind.
extern "C" __attribute__((weak, visibility("default"))) int sc_main(int, char**)
{
  return 0;
}

namespace xrtemu::emu {

namespace {
sim_kernel* g_kernel = nullptr;
simulation* g_sim = nullptr;

void stop_at_exit()
{
  if (g_kernel)
    g_kernel->stop();
}

// This process's id without a system call per command (glibc does not cache
// it, and a syscall costs microseconds under some hypervisors): read once,
// and again in the child of every fork() (pthread_atfork).
std::atomic<pid_t> g_pid{0};
void note_pid()
{
  g_pid.store(::getpid(), std::memory_order_relaxed);
}
pid_t this_pid()
{
  static const bool hooked = (note_pid(), ::pthread_atfork(nullptr, nullptr, note_pid), true);
  (void)hooked;
  return g_pid.load(std::memory_order_relaxed);
}
}

bool sim_kernel::on_sim_thread() const
{
  return std::this_thread::get_id() == m_id;
}

bool sim_kernel::in_forked_child() const
{
  return m_owner != 0 && this_pid() != m_owner;
}

void sim_kernel::post(std::function<void()> task)
{
  if (in_forked_child())
    return;
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    if (m_stop)
      return;
    m_tasks.push_back(std::move(task));
    m_pending.store(true, std::memory_order_release);
  }
  m_cv.notify_one();
}

void sim_kernel::call(std::function<void()> task)
{
  if (on_sim_thread()) {
    task();
    return;
  }
  if (in_forked_child())
    throw error("the emulated card belongs to process " + std::to_string(m_owner) +
                "; a forked child cannot use its parent's device (open the device again in a new process)");
  // The result comes back within microseconds: spin on a flag first, then
  // sleep on the condition variable.
  std::atomic<bool> finished{false};
  std::exception_ptr failure;
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    if (m_stop)
      throw error("the emulated card has shut down");
    m_tasks.push_back([&] {
      try {
        task();
      }
      catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard<std::mutex> lk2(m_mutex);
      finished.store(true, std::memory_order_release);
      m_done_cv.notify_all();
    });
    m_pending.store(true, std::memory_order_release);
  }
  m_cv.notify_one();
  if (!spin_until([&] { return finished.load(std::memory_order_acquire); })) {
    std::unique_lock<std::mutex> lk(m_mutex);
    m_done_cv.wait(lk, [&] { return finished.load(std::memory_order_acquire) || m_stopped; });
    if (!finished.load())
      throw error("the emulated card shut down during the call");
  }
  if (failure)
    std::rethrow_exception(failure);
}

void sim_kernel::stop()
{
  if (in_forked_child())
    return;   // the card's threads are the parent's; the parent stops them
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    if (m_stop)
      return;
    m_stop = true;
  }
  m_cv.notify_one();
  if (m_thread.joinable() && !on_sim_thread())
    m_thread.join();
}

void sim_kernel::start(const std::vector<platform_desc>& platforms, std::vector<std::unique_ptr<card>>& cards)
{
  m_owner = this_pid();
  m_thread = std::thread(&sim_kernel::loop, this, &platforms, &cards);
  std::unique_lock<std::mutex> lk(m_mutex);
  m_cv.wait(lk, [&] { return m_ready; });
  if (m_init_error) {
    lk.unlock();
    m_thread.join();
    std::rethrow_exception(m_init_error);
  }
}

void sim_kernel::loop(const std::vector<platform_desc>* platforms, std::vector<std::unique_ptr<card>>* cards)
{
  m_id = std::this_thread::get_id();
  try {
    // Elaboration: every card's modules, once, on this thread.
    for (unsigned i = 0; i < platforms->size(); ++i)
      cards->push_back(std::unique_ptr<card>(new card(std::make_unique<card::impl>((*platforms)[i], i, *this))));
    sc_core::sc_start(sc_core::SC_ZERO_TIME);   // end of elaboration, processes reach their first wait
  }
  catch (...) {
    std::lock_guard<std::mutex> lk(m_mutex);
    m_init_error = std::current_exception();
    m_ready = true;
    m_stop = true;
    m_cv.notify_all();
    return;
  }
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    m_ready = true;
  }
  m_cv.notify_all();

  std::deque<std::function<void()>> batch;
  for (;;) {
    // Work usually follows within microseconds (a CU finishing, the next
    // command): spin briefly before sleeping.
    spin_until([&] { return m_pending.load(std::memory_order_acquire); });
    {
      std::unique_lock<std::mutex> lk(m_mutex);
      m_cv.wait(lk, [&] { return m_stop || !m_tasks.empty(); });
      if (m_stop)
        break;
      batch.swap(m_tasks);
      m_pending.store(false, std::memory_order_relaxed);
    }
    for (auto& t : batch)
      t();
    batch.clear();
    if (sc_core::sc_pending_activity())
      sc_core::sc_start();   // until no activity is left
  }
  for (auto& c : *cards) {
    c->m_impl->stop_watchdog();
    for (auto& s : c->m_impl->slots)
      s->stop_worker();
  }
  // Wake callers whose tasks will never run.
  std::lock_guard<std::mutex> lk(m_mutex);
  m_stopped = true;
  m_done_cv.notify_all();
}

struct simulation::impl
{
  sim_kernel kernel;
  std::vector<platform_desc> platforms;
  std::vector<std::unique_ptr<card>> cards;
};

simulation::simulation() : m_impl(std::make_unique<impl>()) {}

simulation::~simulation()
{
  m_impl->kernel.stop();
}

simulation& simulation::start(const std::vector<platform_desc>& platforms)
{
  if (g_sim)
    throw error("the card simulation is already running (SystemC elaborates once per process)");
  ::setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
  auto sim = new simulation();   // lives until process exit
  sim->m_impl->platforms = platforms;
  try {
    sim->m_impl->kernel.start(sim->m_impl->platforms, sim->m_impl->cards);
  }
  catch (...) {
    delete sim;
    throw;
  }
  g_sim = sim;
  g_kernel = &sim->m_impl->kernel;
  std::atexit(stop_at_exit);
  return *sim;
}

simulation* simulation::running() { return g_sim; }
void simulation::shutdown() { m_impl->kernel.stop(); }
size_t simulation::num_cards() const { return m_impl->cards.size(); }

card& simulation::get(unsigned index)
{
  if (index >= m_impl->cards.size())
    throw error("no emulated card with index " + std::to_string(index));
  return *m_impl->cards[index];
}

} // namespace xrtemu::emu
