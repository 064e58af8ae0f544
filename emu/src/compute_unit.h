// One CU slot of the card.  SystemC elaborates once, so the card builds
// `max_cus` slots up front and an xclbin load binds kernels to them.
//
// Ports: `ctrl` (its AXI4-Lite control block, reached through the
// interconnect) and `mem` (its AXI master view of memory, used for DMI); the
// scheduler sees the slot through cu_control_if.  The slot's state
// (cu_slot.h) is worked by one engine per execution kind:
//   per_run_engine       HLS C++ / OpenCL C / C model, ap_ctrl_hs or chain
//   free_running_engine  ap_ctrl_none: the body runs over and over
//   rtl_engine           a live instance (RTL through Verilator)
// Reset (ap_sw_reset or the scheduler) drops the runs in flight, cancels the
// streams and restarts whichever engine the kernel uses.
#pragma once

#include "control_block.h"
#include "cu_control_if.h"
#include "cu_slot.h"
#include "free_running_engine.h"
#include "per_run_engine.h"
#include "rtl_engine.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <chrono>
#include <string>
#include <vector>

namespace xrtemu::emu {

class compute_unit : public sc_core::sc_module, public cu_control_if
{
public:
  tlm_utils::simple_initiator_socket<compute_unit> mem;
  control_block ctrl;

  compute_unit(sc_core::sc_module_name name, uint32_t range, cu_context ctx, int index);
  ~compute_unit() override;

  using stream_wire = xrtemu::emu::stream_wire;
  // Binding happens on the simulation thread between runs.  wires: one per
  // argument (only stream arguments use theirs).
  void bind(const cu_desc* desc, std::vector<stream_wire> wires);

  // Why the body currently parked/running should be considered failed (set
  // by the card before it cancels streams, e.g. on deadlock).
  void set_cancel_reason(const std::string& why) { m_slot.cancel_reason = why; }

  uint64_t runs() const { return m_slot.runs.load(); }
  uint32_t in_flight() const { return m_slot.in_flight.load(); }
  bool busy() const { return m_slot.in_flight.load() > 0; }
  bool executing() const { return m_slot.executing.load(); }   // a body runs now (deadlock reports)
  bool live() const { return m_rtl.running(); }

  void stop_worker();
  void set_inline_limit(std::chrono::nanoseconds limit) { m_per_run.set_inline_limit(limit); }

  // cu_control_if
  const cu_desc* desc() const override { return m_slot.desc; }
  uint32_t protocol() const override { return m_slot.desc ? m_slot.desc->control : XRTEMU_CTRL_HS; }
  bool start_clear() const override { return !ctrl.start_pending() && !ctrl.reset_pending(); }
  bool in_range(uint32_t offset) const override { return ctrl.in_range(offset); }
  bool has_interrupt() const override { return !m_rtl.running() || m_rtl.has_interrupt(); }
  bool irq() const override { return ctrl.irq(); }
  bool runs_own_clock() const override { return m_rtl.running(); }
  const sc_core::sc_event& interrupt_event() const override { return ctrl.irq_raised; }
  const sc_core::sc_event& status_event() const override { return ctrl.changed; }
  const sc_core::sc_event& reset_event() const override { return m_was_reset; }
  void set_poll_hint(sc_core::sc_event* hint) override { m_slot.poll_hint = hint; }
  void command_started() override;
  void command_finished() override;
  bool run_end(std::chrono::steady_clock::time_point& end) const override
  {
    return m_rtl.running() && m_rtl.run_end(end);
  }
  std::string take_result() override;
  uint64_t resets() const override { return m_resets; }
  void reset(const std::string& why) override;

private:
  void on_reset_written();
  void drop_runs();        // forget every run in flight (reset, rebind)
  void start_engine();     // the bound kernel's free-running body or RTL instance
  void stop_engines();

  cu_slot m_slot;
  per_run_engine m_per_run;
  free_running_engine m_free;
  rtl_engine m_rtl;
  uint64_t m_resets = 0;
  sc_core::sc_event m_was_reset;   // reset() ran: the scheduler fails what it had started here
};

} // namespace xrtemu::emu
