// What the scheduler sees of a CU slot, and all it may use besides the
// control bus (where it writes the argument registers, AP_CTRL, GIE, IER and
// ISR like the ERT on a card): the kernel bound to the slot, whether it can
// take a start, its interrupt line, its status and reset events, and the
// outcome of a run it saw finish.  compute_unit implements it.
#pragma once

#include "xrtemu/emu/card.h"

#include <systemc>

#include <chrono>
#include <cstdint>
#include <string>

namespace xrtemu::emu {

class cu_control_if : public virtual sc_core::sc_interface
{
public:
  virtual const cu_desc* desc() const = 0;   // nullptr: nothing bound
  virtual uint32_t protocol() const = 0;     // XRTEMU_CTRL_*
  // No ap_start and no ap_sw_reset pending: a start written now is the next.
  virtual bool start_clear() const = 0;
  virtual bool in_range(uint32_t offset) const = 0;   // inside the control block
  virtual bool has_interrupt() const = 0;    // raises its line when done (else: poll)
  virtual bool irq() const = 0;              // the line's level
  // An RTL CU starts and finishes on its own clock: the scheduler tracks a
  // start until it sees it taken, and looks again while it acknowledges ISR.
  virtual bool runs_own_clock() const = 0;

  virtual const sc_core::sc_event& interrupt_event() const = 0;   // line raised
  virtual const sc_core::sc_event& status_event() const = 0;      // AP_CTRL changed
  virtual const sc_core::sc_event& reset_event() const = 0;       // reset() ran
  // The event an RTL CU notifies while it runs, so a poller looks at AP_CTRL.
  virtual void set_poll_hint(sc_core::sc_event* hint) = 0;

  // The scheduler wrote ap_start / collected ap_done of a command.
  virtual void command_started() = 0;
  virtual void command_finished() = 0;
  // The outcome of the oldest run whose done was collected: "" when it
  // succeeded, else why it failed (naming the CU).
  virtual std::string take_result() = 0;
  // Timed mode: the host steady-clock moment the run just collected ends in
  // card time (an RTL run: its start + cycles / ap_clk); false when the CU
  // does not know (HLS C++ kernels are not timed yet).
  virtual bool run_end(std::chrono::steady_clock::time_point& end) const = 0;

  virtual uint64_t resets() const = 0;
  // Fails the runs in flight, cancels the CU's streams, returns to idle.
  virtual void reset(const std::string& why) = 0;
};

} // namespace xrtemu::emu
