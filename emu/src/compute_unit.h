// One CU slot of the card.  SystemC elaborates once, so the card builds
// `max_cus` slots up front and an xclbin load binds kernels to them.
//
// Ports: `ctrl` (its AXI4-Lite control block, reached through the
// interconnect) and `mem` (its AXI master view of memory, used for DMI).
// Behaviour, per the kernel's control protocol:
//  - intake: on ap_start, take the inputs (argument registers; buffer
//    addresses become host pointers through DMI, an address outside the
//    port's banks is an AXI error that fails the run) and clear ap_start;
//    ap_ctrl_hs takes one run at a time, ap_ctrl_chain a second one while
//    the first is still running.
//  - execute: run the kernel body on a host worker (so CUs use several
//    cores), in start order, then raise ap_done; ap_ctrl_chain waits for the
//    previous ap_continue first.
//  - ap_ctrl_none: the body runs over and over from program() on, as long as
//    its streams deliver data.
//  - reset (ap_sw_reset or the scheduler): drop the runs in flight, unwind a
//    body parked on a stream, abandon one that will not return.
#pragma once

#include "activity.h"
#include "control_block.h"
#include "cu_worker.h"
#include "event_log.h"
#include "live_cu.h"
#include "memory_checker.h"
#include "stream_link.h"
#include "xrtemu/emu/card.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace xrtemu::emu {

using poster = std::function<void(std::function<void()>)>;

// What a CU needs from the card around it.
struct cu_context
{
  poster post;                               // run a task on the simulation thread
  const platform_desc* platform;             // its banks, to tell a bank from a host window
  activity* act;
  event_log* log;
  std::function<void(const std::string&)> report;   // card log; simulation thread
  std::function<void*(uint64_t, uint64_t)> host_window;   // host-only buffers (live CUs' masters)
  double clock_mhz[2] = {0, 0};                          // ap_clk, ap_clk_2 (live CUs)
  memory_checker* checker = nullptr;                     // checked runs (memory_checker.h)
  const card_options* opts = nullptr;                    // opts->memcheck: check every run
};

class compute_unit : public sc_core::sc_module
{
public:
  tlm_utils::simple_initiator_socket<compute_unit> mem;
  control_block ctrl;

  sc_core::sc_event was_reset;   // reset() ran: the scheduler fails what it had started here
  // Notified while a live CU runs, so a poller looks at AP_CTRL; one event
  // the scheduler owns and waits on (a longer event list costs every wait).
  sc_core::sc_event* poll_hint = nullptr;

  compute_unit(sc_core::sc_module_name name, uint32_t range, cu_context ctx, int index);
  ~compute_unit() override;

  // Which link a stream argument is wired to, and which end it is.
  struct stream_wire
  {
    stream_link* link = nullptr;   // nullptr: not connected
    bool producer = false;
  };

  // Binding happens on the simulation thread between runs.  wires: one per
  // argument (only stream arguments use theirs).
  void bind(const cu_desc* desc, std::vector<stream_wire> wires);
  const cu_desc* desc() const { return m_desc; }
  uint32_t protocol() const { return m_desc ? m_desc->control : XRTEMU_CTRL_HS; }

  // The outcome of the oldest finished run whose done the scheduler has not
  // collected: "" when it succeeded.  Simulation thread.
  std::string take_result();
  // Fails the runs in flight, cancels the CU's streams, returns to idle.
  void reset(const std::string& why);
  uint64_t resets() const { return m_resets; }
  // Why the body currently parked/running should be considered failed (set
  // by the card before it cancels streams, e.g. on deadlock).
  void set_cancel_reason(const std::string& why) { m_cancel_reason = why; }

  uint64_t runs() const { return m_runs.load(); }
  uint32_t in_flight() const { return m_in_flight.load(); }
  bool busy() const { return m_in_flight.load() > 0; }
  // A body is executing now (for deadlock reports).
  bool executing() const { return m_executing.load(); }

  void stop_worker();
  // Bodies that keep finishing faster than this run on the simulation
  // thread (card_options::inline_body_us); zero: always on the worker.
  void set_inline_limit(std::chrono::nanoseconds limit) { m_inline_limit = limit; }

  // Live CUs (RTL modules, live_cu.h) run on their own; the scheduler tells
  // the CU what it started and saw finish, for the counters and the profile.
  bool live() const { return m_live != nullptr; }
  // The CU raises an interrupt when it is done (else it must be polled).
  bool has_interrupt() const { return !m_live || m_live->has_interrupt(); }
  void live_started();
  void live_finished();

private:
  struct run
  {
    std::vector<std::vector<uint8_t>> store;
    std::vector<void*> argv;
    std::string error;
    std::atomic<bool> released{false};   // activity already uncounted
    std::atomic<bool> revoked{false};    // reset: its stream ends fail from now on
    std::deque<link_end> ends;           // stable addresses: argv points into it
    xrtemu_run_info info{};              // ABI 2: argv[num_args]
    std::vector<uint32_t> regs;          // argument registers at start (info.regs)
    uint64_t epochs = 0;                 // sum of the CU's link epochs when the body started
    std::chrono::nanoseconds took{};     // how long the body ran (set by whoever ran it)
    std::shared_ptr<memory_checker::run> checked;   // a checked run's views
    std::string fault;                   // the memory checker's verdict
  };

  void intake();
  void execute();
  // Runs the body of r (on whatever thread calls it) and records the outcome.
  static void run_body(run& r, const xrtemu_kernel* model, activity* act, memory_checker* checker);
  // The fast-run streak that lets a body run on the simulation thread.
  bool runs_inline() const;
  void note_duration(std::chrono::nanoseconds took);
  void on_reset_written();
  void drop_runs();   // forget every run in flight (reset, rebind)
  bool marshal(run& r);
  void start_free_running();
  void stop_free_running();
  uint64_t link_epochs() const;
  unsigned capacity() const { return protocol() == XRTEMU_CTRL_CHAIN ? 2 : 1; }

  cu_context m_ctx;
  int m_index;
  const cu_desc* m_desc = nullptr;
  std::vector<stream_wire> m_wires;
  std::vector<stream_link*> m_links;   // the distinct links among m_wires
  std::deque<std::shared_ptr<run>> m_accepted;   // inputs taken, body not run yet
  std::deque<std::string> m_results;             // finished, done not collected
  std::shared_ptr<run> m_current;                // body executing
  std::atomic<uint32_t> m_in_flight{0};
  std::atomic<uint64_t> m_runs{0};
  std::atomic<bool> m_executing{false};
  uint64_t m_gen = 0;                            // bumps on reset: late signals are stale
  uint64_t m_resets = 0;
  std::string m_cancel_reason;
  sc_core::sc_event m_accepted_ev, m_slot_freed, m_job_done, m_reset_ev;
  cu_worker m_worker;
  std::chrono::nanoseconds m_inline_limit{10000};
  unsigned m_fast_streak = 0;   // consecutive bodies faster than m_inline_limit
  bool m_streamless = false;    // no stream arguments: a body cannot block on the card

  void start_live();
  void stop_live();
  std::unique_ptr<live_cu> m_live;
  std::deque<link_end> m_live_ends;
  std::atomic<bool> m_live_revoked{false};   // stays false: the instance goes before its ends
  std::vector<xrtemu_window> m_bank_windows;

  // ap_ctrl_none
  std::shared_ptr<std::atomic<bool>> m_free_stop;
  std::shared_ptr<run> m_free_args;
};

} // namespace xrtemu::emu
