// A compute unit's AXI4-Lite control slave with the Vitis HLS register map:
//   0x00 AP_CTRL  bit0 ap_start (host sets, CU clears on accept), bit1 ap_done
//                 (clear on read), bit2 ap_idle (read-only), bit3 ap_ready
//                 (clear on read), bit4 ap_continue, bit7 auto_restart
//   0x04 GIE      bit0 global interrupt enable
//   0x08 IER      bit0 done, bit1 ready
//   0x0C ISR      bit0 done, bit1 ready; writing 1 toggles a bit
//   0x10..        argument registers (plain storage)
// The interrupt output is GIE && (ISR & IER).
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <vector>

namespace xrtemu::emu {

namespace ap {
constexpr uint32_t ctrl = 0x00, gie = 0x04, ier = 0x08, isr = 0x0c, args = 0x10;
constexpr uint32_t start = 1u << 0, done = 1u << 1, idle = 1u << 2, ready = 1u << 3,
                   cont = 1u << 4, auto_restart = 1u << 7;
}

class control_block : public sc_core::sc_module
{
public:
  tlm_utils::simple_target_socket<control_block> socket;   // block-relative offsets

  sc_core::sc_event start_written;   // host set ap_start
  sc_core::sc_event irq_raised;      // interrupt output went high

  control_block(sc_core::sc_module_name name, uint32_t range);

  // Register access with the bus semantics above (what the socket does).
  uint32_t bus_read(uint32_t offset);
  void bus_write(uint32_t offset, uint32_t value);
  bool in_range(uint32_t offset) const { return offset + 4 <= m_range && offset % 4 == 0; }

  // The CU's side of the handshake.
  bool start_pending() const { return m_ctrl & ap::start; }
  void accept_start();          // ap_start -> 0, ap_idle -> 0
  void finish();                // ap_done, ap_ready, ap_idle -> 1; ISR per IER; restart if asked
  uint32_t arg_word(uint32_t offset) const;
  bool irq() const { return (m_gie & 1) && (m_isr & m_ier & 3); }
  void reset();                 // power-on state: idle, everything else 0

private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  void raise(uint32_t bits);

  uint32_t m_range;
  uint32_t m_ctrl = ap::idle, m_gie = 0, m_ier = 0, m_isr = 0;
  std::vector<uint32_t> m_args;   // words from 0x10
};

} // namespace xrtemu::emu
