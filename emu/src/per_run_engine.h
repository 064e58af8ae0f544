// The engine of a CU whose kernel body is called once per run (HLS C++,
// OpenCL C, a C model under ap_ctrl_hs or ap_ctrl_chain):
//  - intake: on ap_start, take the inputs (cu_run::marshal) and clear
//    ap_start; ap_ctrl_hs takes one run at a time, ap_ctrl_chain a second one
//    while the first is still running.
//  - execute: run the body on the slot's worker thread (so CUs use several
//    cores), or on the simulation thread once it keeps finishing fast, in
//    start order, then raise ap_done; ap_ctrl_chain waits for the previous
//    ap_continue first.  Timed mode: an HLS run with an estimate
//    (kernel_time.h) raises ap_done no earlier than its start + card time.
//  - drop: a reset forgets the runs in flight and abandons a body that will
//    not return.
#pragma once

#include "cu_run.h"
#include "cu_slot.h"

#include <systemc>

#include <chrono>
#include <deque>
#include <memory>
#include <string>

namespace xrtemu::emu {

class per_run_engine : public sc_core::sc_module
{
public:
  per_run_engine(sc_core::sc_module_name name, cu_slot& slot);

  // The outcome of the oldest finished run whose done the scheduler has not
  // collected: "" when it succeeded.  Simulation thread.
  std::string take_result();
  // Forget every run in flight (reset, rebind); the threads start over.
  // The slot's counters are compute_unit's to clear.
  void drop_runs();
  // A kernel was bound (or unbound): start with a clean history.  enabled:
  // this engine runs it (not free-running, not an RTL instance).
  void bound(bool enabled);

  // Bodies that keep finishing faster than this run on the simulation
  // thread (card_options::inline_body_us); zero: always on the worker.
  void set_inline_limit(std::chrono::nanoseconds limit) { m_inline_limit = limit; }

private:
  void intake();
  void execute();
  bool runs_inline() const;
  void note_duration(std::chrono::nanoseconds took);
  unsigned capacity() const;

  cu_slot& m_slot;
  std::deque<std::shared_ptr<cu_run>> m_accepted;   // inputs taken, body not run yet
  std::deque<std::string> m_results;                // finished, done not collected
  std::shared_ptr<cu_run> m_current;                // body executing
  std::shared_ptr<cu_run> m_spare;                  // a finished run, cleared for the next start
  uint64_t m_gen = 0;                               // bumps on drop: late signals are stale
  sc_core::sc_event m_accepted_ev, m_slot_freed, m_job_done, m_reset_ev;
  sc_core::sc_event_or_list m_wake_intake, m_wake_accepted, m_wake_job, m_wake_continue;
  std::chrono::nanoseconds m_inline_limit{10000};
  unsigned m_fast_streak = 0;   // consecutive bodies faster than m_inline_limit
  bool m_enabled = false;
  bool m_streamless = false;    // no stream arguments: a body cannot block on the card
  bool m_bufferless = false;    // no m_axi arguments: the memory checker has nothing to guard
  bool m_self_restart = false;  // counted auto-restart: bodies run inline from the first
                                // run, so a run is one step between host accesses
};

} // namespace xrtemu::emu
