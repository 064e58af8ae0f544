// The command scheduler (the ERT/KDS role): takes ERT packets from the host,
// starts a CU named in each packet's CU masks by writing its registers over
// the control bus, learns of completion through the CUs' interrupt lines
// (or by polling AP_CTRL), and writes the final state back into the packet.
#pragma once

#include "compute_unit.h"
#include "xrtemu/emu/card.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace xrtemu::emu {

class scheduler : public sc_core::sc_module
{
public:
  tlm_utils::simple_initiator_socket<scheduler> bus;   // to the interconnect

  scheduler(sc_core::sc_module_name name, std::vector<compute_unit*> cus, uint64_t cu_base, uint64_t cu_stride);

  // Simulation thread only (the card posts here).
  void submit(uint32_t* packet, std::function<void(cmd_state)> done);
  void set_programmed(size_t n) { m_programmed = n; }
  void abort_all(const std::string& why);
  // Where failure reasons go (default: stderr).  Simulation thread only.
  void set_log(std::function<void(const std::string&)> log) { m_log = std::move(log); }

private:
  struct command
  {
    uint32_t* packet;
    std::function<void(cmd_state)> done;
  };

  void thread();
  bool dispatch(command& c);     // false: no idle CU yet
  void complete(command& c, cmd_state s, const std::string& why = "");
  void write(unsigned cu, uint32_t off, uint32_t v);
  uint32_t read(unsigned cu, uint32_t off);
  void collect();

  std::function<void(const std::string&)> m_log;
  std::vector<compute_unit*> m_cus;
  uint64_t m_base, m_stride;
  size_t m_programmed = 0;
  std::deque<command> m_queue;
  std::vector<command> m_running;   // per CU, packet == nullptr when idle
  sc_core::sc_event m_arrived;
  sc_core::sc_event_or_list m_any_finished;
};

} // namespace xrtemu::emu
