// The engine of an ap_ctrl_none CU (a free-running kernel, usually between
// streams): from the moment the kernel is bound its body runs on the slot's
// worker over and over, as long as its streams deliver data (once, if it
// has none).  A stream reset unwinds the body and it starts over; any other
// failure stops it and is reported in the card log.
#pragma once

#include "cu_run.h"
#include "cu_slot.h"

#include <atomic>
#include <memory>

namespace xrtemu::emu {

class free_running_engine
{
public:
  explicit free_running_engine(cu_slot& slot) : m_slot(slot) {}

  void start();
  void stop();
  bool running() const { return m_stop != nullptr; }
  // Stop the body from outside the simulation thread (the card going away).
  void signal_stop();

private:
  cu_slot& m_slot;
  std::shared_ptr<std::atomic<bool>> m_stop;
  std::shared_ptr<cu_run> m_args;
};

} // namespace xrtemu::emu
