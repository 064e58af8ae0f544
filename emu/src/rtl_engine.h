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

  // The scheduler wrote ap_start / saw ap_done.
  void started() { m_slot.count_start(); }
  void finished() { m_slot.count_done(); }
  // AXI errors since the last call, "" when none (each names the CU).
  std::string take_result() { return m_live ? m_live->take_errors() : ""; }
  bool has_interrupt() const { return m_live && m_live->has_interrupt(); }

private:
  cu_slot& m_slot;
  std::unique_ptr<live_cu> m_live;
  std::deque<link_end> m_ends;
  std::atomic<bool> m_revoked{false};   // stays false: the instance goes before its ends
  std::vector<xrtemu_window> m_bank_windows;
};

} // namespace xrtemu::emu
