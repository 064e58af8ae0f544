// What a card is made of (private to emu): the modules SystemC elaborates
// for it and the host-facing bookkeeping around them.
#pragma once

#include <unistd.h>

#include "activity.h"
#include "completion_timer.h"
#include "compute_unit.h"
#include "dma_engine.h"
#include "event_log.h"
#include "stream_link.h"
#include "interconnect.h"
#include "memory_bank.h"
#include "memory_checker.h"
#include "scheduler.h"
#include "xrtemu/emu/card.h"

#include <tlm_utils/simple_initiator_socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <memory>
#include <vector>

namespace xrtemu::emu {

class sim_kernel;

// The host side of PCIe: register accesses from the driver enter the card
// through this initiator.
struct host_bridge : sc_core::sc_module
{
  tlm_utils::simple_initiator_socket<host_bridge> socket;
  explicit host_bridge(sc_core::sc_module_name n) : sc_module(n), socket("socket") {}
};

struct card::impl
{
  impl(const platform_desc& p, unsigned index, sim_kernel& sim);
  ~impl();

  platform_desc platform;
  unsigned index;
  sim_kernel& sim;

  // Two address spaces, as on the board: the memory map the DMA engine and
  // the CUs' m_axi masters see, and the AXI4-Lite control map (PCIe BAR)
  // where the CU control blocks live.  Both start at 0, so they cannot share.
  interconnect mem_bus;
  interconnect ctrl_bus;
  host_bridge bridge;
  std::vector<std::unique_ptr<backing_region>> regions;   // before the banks that live in them
  std::vector<std::unique_ptr<memory_bank>> banks;
  memory_checker checker;
  void share_banks();                  // simulation thread: views may map the banks' pages
  std::vector<std::unique_ptr<compute_unit>> slots;
  std::unique_ptr<scheduler> sched;

  program_desc program;               // what the slots are bound to
  std::atomic<size_t> programmed{0};

  activity act;
  event_log events;
  card_options opts;                   // written on the simulation thread
  std::atomic<bool> timed{false};      // opts.timed, for the host threads' DMA calls
  std::unique_ptr<dma_engine> dma;     // timed host DMA; card time counts from events.epoch()
  std::unique_ptr<completion_timer> timer;   // timed completions and HLS run ends; made on first use (post_at)
  std::function<void(const std::string&)> log;
  std::vector<std::unique_ptr<stream_link>> links;
  // Links of earlier programs: a body abandoned by a reset may still hold
  // one, so they live as long as the card.
  std::vector<std::unique_ptr<stream_link>> retired;

  // The watchdog: a host thread that asks the simulation thread to look for
  // timed-out runs and stream deadlocks every few milliseconds.
  std::thread watchdog;
  std::mutex watchdog_mutex;
  std::condition_variable watchdog_cv;
  bool watchdog_stop = false;
  uint64_t last_progress = 0;
  std::chrono::steady_clock::time_point quiet_since;
  void start_watchdog();
  void stop_watchdog();
  void check();                        // simulation thread
  void declare_deadlock();             // simulation thread
  void report(const std::string& msg); // simulation thread

  // [addr, addr+n) inside one bank -> its backing store, else nullptr.
  uint8_t* bank_pointer(uint64_t addr, uint64_t n) const;
  // A register access from the host, through the PCIe bridge.
  uint32_t host_access(tlm::tlm_command cmd, unsigned cu, uint32_t offset, uint32_t value);
  [[noreturn]] void bad_range(const char* what, uint64_t addr, uint64_t n) const;
  // Timed mode: runs task on the simulation thread at `due` (card.cpp).
  void post_at(std::chrono::steady_clock::time_point due, std::function<void()> task);
  // A host DMA of n bytes at addr; copy(card memory) moves the data (card.cpp).
  template <typename Copy>
  dma_window host_dma(bool to_card, const char* what, uint64_t addr, size_t n, Copy copy);
};

// The SystemC kernel on its own thread, and the queue host threads use to
// hand it work.  The card belongs to the process that started it: a forked
// child has a copy of these objects but none of their threads, so it may
// neither hand work to the card (call() throws, post() drops it) nor wait
// for the threads at exit.
class sim_kernel
{
public:
  void post(std::function<void()> task);   // any thread; runs on the sim thread
  void call(std::function<void()> task);   // same, waits and rethrows
  bool on_sim_thread() const;
  bool in_forked_child() const;            // not the process that started the card
  void stop();                             // idempotent; joins the thread

  void start(const std::vector<platform_desc>& platforms,
             std::vector<std::unique_ptr<card>>& cards);

private:
  void loop(const std::vector<platform_desc>* platforms, std::vector<std::unique_ptr<card>>* cards);

  std::thread m_thread;
  std::thread::id m_id;
  pid_t m_owner = 0;                   // the process that started the card
  std::mutex m_mutex;
  std::condition_variable m_cv;        // tasks arrived / stop
  std::condition_variable m_done_cv;   // a call() finished
  std::deque<std::function<void()>> m_tasks;
  std::atomic<bool> m_pending{false};
  bool m_stop = false;
  bool m_ready = false;
  bool m_stopped = false;   // the loop has exited
  std::exception_ptr m_init_error;
};

} // namespace xrtemu::emu
