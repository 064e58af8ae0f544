// The command scheduler (the ERT/KDS role): takes ERT packets from the host,
// starts a CU named in each packet's CU masks by writing its registers over
// the control bus, learns of completion through the CUs' interrupt lines or
// by polling AP_CTRL (card_options::polling), acknowledges it (ISR toggle;
// ap_continue for ap_ctrl_chain) and writes the final state back into the
// packet.  An ap_ctrl_chain CU gets its next start as soon as it raised
// ap_ready, so two runs are in flight on it.
#pragma once

#include "cu_control_if.h"
#include "xrtemu/control_registers.h"
#include "event_log.h"
#include "xrtemu/emu/card.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <chrono>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace xrtemu::emu {

class scheduler : public sc_core::sc_module
{
public:
  tlm_utils::simple_initiator_socket<scheduler> bus;   // to the interconnect

  scheduler(sc_core::sc_module_name name, std::vector<cu_control_if*> cus, uint64_t cu_base, uint64_t cu_stride,
            event_log* log);

  // Simulation thread only (the card posts here).
  // bytes: the size of the command buffer holding the packet.
  void submit(uint32_t* packet, size_t bytes, std::function<void(cmd_state)> done);
  void abort(uint32_t* packet);
  void set_programmed(size_t n);
  void abort_all(const std::string& why);
  void set_polling(bool on);
  // Fail runs older than limit with TIMEOUT and reset their CUs.
  void expire(std::chrono::milliseconds limit);
  // Commands waiting for a CU.
  size_t queued() const { return m_waiting; }
  // Timed mode (docs/timing.md): a completed command reaches the host this
  // long after its CU's ap_done, by interrupt or by polling; `defer` runs a
  // task on the simulation thread after a delay.  Empty defer: at once.
  using deferrer = std::function<void(std::chrono::nanoseconds, std::function<void()>)>;
  void set_completion_latency(std::chrono::nanoseconds interrupt, std::chrono::nanoseconds polling, deferrer defer);
  // Where failure reasons go (default: stderr).  Simulation thread only.
  void set_log(std::function<void(const std::string&)> log) { m_log = std::move(log); }
  void log(const std::string& msg);

private:
  struct command
  {
    uint32_t* packet = nullptr;
    size_t words = 0;   // the command buffer's size in words (the packet must fit)
    std::function<void(cmd_state)> done;
    uint64_t id = 0;
    std::chrono::steady_clock::time_point started;
  };

  // Commands waiting for a CU, grouped by the CU masks they name: when the
  // oldest of a group finds all its CUs busy, so do the others, so a pass
  // costs what it starts, not what waits (50,000 queued runs on one CU).
  struct waiting_group
  {
    std::vector<uint32_t> masks;   // empty: a packet that needs no CU
    std::deque<command> commands;  // in arrival order
  };

  void thread();
  void dispatch_waiting();
  bool dispatch(command& c);     // false: no CU can take it yet
  bool can_start(unsigned cu);
  // run_end: timed mode, the card-time end of the run (the notice leaves
  // no earlier than it, plus the command latency).
  void complete(command& c, cmd_state s, const std::string& why = "",
                std::optional<std::chrono::steady_clock::time_point> run_end = std::nullopt);
  void finish(uint32_t* packet, uint64_t id, cmd_state s, const std::function<void(cmd_state)>& done);
  void write(unsigned cu, uint32_t off, uint32_t v);
  uint32_t read(unsigned cu, uint32_t off);
  void collect();
  // Finish every command started on cu: `first` gets s, the rest error.
  void fail_cu(unsigned cu, cmd_state s, const std::string& why);

  std::function<void(const std::string&)> m_log;
  event_log* m_events;
  std::vector<cu_control_if*> m_cus;
  uint64_t m_base, m_stride;
  size_t m_programmed = 0;
  size_t m_scanned = 0;   // collect() looks at slots below this
  bool m_polling = false;
  deferrer m_defer;
  std::chrono::nanoseconds m_latency_irq{0}, m_latency_poll{0};
  uint64_t m_next_id = 1;
  size_t m_last_cu = ~size_t(0);   // round-robin position (wraps to CU 0 first)
  std::vector<waiting_group> m_waiting_groups;
  size_t m_waiting = 0;
  std::vector<std::deque<command>> m_running;   // per CU, in start order
  std::vector<uint64_t> m_resets_seen;
  // Live CUs: ap_start written and not yet seen taken (ap_ready, ap_done or
  // ap_start read back low).  The next start, whose argument writes would
  // overwrite the pending run's, waits for it (as XRT's KDS does for chain).
  std::vector<bool> m_start_out;
  sc_core::sc_event m_arrived;
  sc_core::sc_event m_poll_hint;   // a live CU runs: look at AP_CTRL (cu_control_if::set_poll_hint)
  // Every CU's interrupt line / status change / reset, gathered by two
  // methods statically sensitive to them into one event each: waiting on
  // an or-list of 64 slots' events cost every wait more than a run.
  void gather_irq();
  void gather_status();
  sc_core::sc_event m_irq_any, m_status_any;
  // What thread() waits on, built once: an `a | b` expression made a new
  // heap list per wait.
  sc_core::sc_event_or_list m_wake_irq, m_wake_poll;
  // The payload of every control-bus access the scheduler makes (one
  // construction, not one per register word).
  tlm::tlm_generic_payload m_gp;
};

} // namespace xrtemu::emu
