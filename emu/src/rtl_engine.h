// The engine of an RTL CU (a live kernel instance, kernel_model.h's
// xrtemu_live, e.g. a Verilated module): binding builds the instance
// (live_cu) with the card's banks as DMI windows and its stream ends; from
// then on the module's own register file answers the control block, and it
// runs on its own thread.  The engine counts the runs the scheduler starts
// on it and collects the AXI errors it reported; a reset rebuilds it.
#pragma once

#include "cu_slot.h"
#include "live_cu.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace xrtemu::emu {

class rtl_engine
{
public:
  explicit rtl_engine(cu_slot& slot) : m_slot(slot) {}

  // Builds the instance for the slot's kernel; a failure is reported in the
  // card log and leaves the CU without its module (commands on it fail).
  void start();
  void stop();   // detaches and destroys the instance (its thread is joined)
  bool running() const { return m_live != nullptr; }

  // The scheduler wrote ap_start / saw ap_done.  finished() takes the run's
  // ap_clk cycles from the instance (not for ap_ctrl_chain, whose runs end
  // on a posted ap_continue) into the profile and run_end().
  void started();
  void finished();
  // The host steady-clock moment the last finished run ends in card time:
  // its start + cycles / ap_clk.  false when its cycles are not known.
  bool run_end(std::chrono::steady_clock::time_point& end) const
  {
    end = m_last_end;
    return m_last_known;
  }
  // AXI errors since the last call, "" when none (each names the CU).
  std::string take_result() { return m_live ? m_live->take_errors() : ""; }
  bool has_interrupt() const { return m_live && m_live->has_interrupt(); }

private:
  cu_slot& m_slot;
  std::unique_ptr<live_cu> m_live;
  std::deque<link_end> m_ends;
  std::atomic<bool> m_revoked{false};   // stays false: the instance goes before its ends
  std::vector<xrtemu_window> m_bank_windows;
  std::deque<std::chrono::steady_clock::time_point> m_starts;   // runs in flight, oldest first
  std::chrono::steady_clock::time_point m_last_end;
  bool m_last_known = false;
};

} // namespace xrtemu::emu
