// A compute unit's AXI4-Lite control slave with the Vitis HLS register map
// (offsets and bits: xrtemu/control_registers.h).
//
// Protocols differ in when ready rises and how done is cleared:
//   ap_ctrl_hs    ready rises together with done at the end of a run;
//                 ap_done clears when AP_CTRL is read.
//   ap_ctrl_chain ready rises as soon as the inputs are taken (the next start
//                 may follow before this run is done); ap_done stays set until
//                 the host writes ap_continue, and a finished run cannot hand
//                 over its done until the previous one was acknowledged.
//   ap_ctrl_none  no handshake at all; the block only holds registers.
//
// HLS extras (set_extras, from the kernel XML): with the auto-restart
// counter one ap_start runs the kernel as many times as the counter says and
// ap_done rises after the last run only (forever: until the host writes 0);
// with the input mailbox the host's argument writes go to its copy, which the
// CU takes at a run's start after the host released it (0x14 bit0; at once
// when idle); with the output mailbox a finished run's outputs reach the
// host's copy only on its read request (0x18 bit0), which gets the last
// finished run's outputs at once.  The host's copy is what the bus reads and
// writes; the CU's copy is what runs take and write.
#pragma once

#include "xrtemu/control_registers.h"
#include "xrtemu/emu/card.h"
#include "xrtemu/kernel_model.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <vector>

namespace xrtemu::emu {

class control_block : public sc_core::sc_module
{
public:
  tlm_utils::simple_target_socket<control_block> socket;   // block-relative offsets

  sc_core::sc_event start_written;     // host set ap_start
  sc_core::sc_event continue_written;  // host pulsed ap_continue
  sc_core::sc_event reset_written;     // host set ap_sw_reset
  sc_core::sc_event irq_raised;        // interrupt output went high
  sc_core::sc_event changed;           // any status bit changed (what a poller sees)

  control_block(sc_core::sc_module_name name, uint32_t range);

  // A live CU (an RTL module) implements the register file itself: while
  // one is attached every bus access goes to it, and the interrupt output
  // is what it last reported.
  struct register_target
  {
    virtual ~register_target() = default;
    virtual uint32_t read(uint32_t offset, uint32_t& resp) = 0;   // resp: AXI response, 0 OKAY
    virtual void write(uint32_t offset, uint32_t value) = 0;
  };
  void set_remote(register_target* r)
  {
    m_remote = r;
    m_remote_irq = false;
  }
  bool remote() const { return m_remote != nullptr; }
  void set_remote_irq(bool level);

  void set_protocol(uint32_t control) { m_protocol = control; }
  // The counter / mailboxes of `d` (none: d == nullptr).  After reset().
  void set_extras(const cu_desc* d);
  uint32_t protocol() const { return m_protocol; }

  // Register access with the bus semantics above (what the socket does).
  // resp (optional): the AXI response, 0 OKAY; only a live CU answers otherwise.
  uint32_t bus_read(uint32_t offset, uint32_t* resp = nullptr);
  void bus_write(uint32_t offset, uint32_t value);
  // Written so that offsets near 2^32 do not wrap round into range.
  bool in_range(uint32_t offset) const { return offset < m_range && m_range - offset >= 4 && offset % 4 == 0; }
  // Peek at AP_CTRL without the read side effects (status displays).
  uint32_t peek_ctrl() const { return m_ctrl; }

  // --- the CU's side of the handshake ---
  bool start_pending() const { return !m_remote && (m_ctrl & ap::start); }
  // Inputs taken: ap_start -> 0, ap_idle -> 0; ap_chain raises ap_ready here.
  void accept_start();
  // A run finished: ap_done (and for hs ap_ready) -> 1, ISR per IER,
  // auto_restart re-arms ap_start.  idle: no other run is in flight.
  // With the auto-restart counter and runs left (and may_restart: the run
  // did not fail) no done rises and the counter counts the run; the engine
  // then calls restart().  Returns whether done rose.
  bool finish(bool idle, bool may_restart = true);
  // Counted auto-restart: the block sets ap_start itself for the next run.
  void restart();
  // chain: the previous done is still waiting for ap_continue.
  bool done_held() const { return m_protocol == XRTEMU_CTRL_CHAIN && (m_ctrl & ap::done); }
  bool reset_pending() const { return !m_remote && (m_ctrl & ap::sw_reset); }
  // The CU has reset its datapath: idle, start/done/ready/ISR cleared.
  // Arguments and interrupt enables are kept, as the register file is.
  void reset_done();
  uint32_t arg_word(uint32_t offset) const;
  // A run wrote a scalar output: `bytes` of data at `offset`, then ap_vld
  // in the word after them.
  void write_output(uint32_t offset, const void* data, uint32_t bytes);
  // What a run takes (from 0x10): the CU's copy under an input mailbox.
  const std::vector<uint32_t>& arg_words() const { return m_mbox_in ? m_hw : m_args; }
  // Argument words up to the highest one ever written (the rest read 0).
  size_t args_used() const { return m_used; }
  bool irq() const { return m_remote ? m_remote_irq : (m_gie & 1) && (m_isr & m_ier & 3); }
  void reset();                 // power-on state: idle, everything else 0

private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  void raise(uint32_t bits);
  bool extra_word(uint32_t offset) const
  {
    return m_extras && offset >= ap::auto_restart_counter && offset < ap::mailbox_args;
  }
  uint32_t read_extra(uint32_t offset) const;
  void write_extra(uint32_t offset, uint32_t value);
  bool idle_now() const { return (m_ctrl & ap::idle) && !(m_ctrl & ap::start); }
  void take_inputs();     // host's copy -> CU's copy (input mailbox)
  void give_outputs();    // CU's copy -> host's copy, output words only

  uint32_t m_range;
  uint32_t m_protocol = XRTEMU_CTRL_HS;
  uint32_t m_ctrl = ap::idle, m_gie = 0, m_ier = 0, m_isr = 0;
  std::vector<uint32_t> m_args;   // words from 0x10
  std::vector<bool> m_vld;        // per word: an ap_vld that clears when read
  size_t m_used = 0;              // words of m_args up to the highest written
  // HLS extras (set_extras).
  bool m_extras = false, m_counted = false, m_mbox_in = false, m_mbox_out = false;
  uint32_t m_counter = 0, m_in_ctrl = 0, m_out_ctrl = 0;
  std::vector<uint32_t> m_hw;       // the CU's copy of the words from 0x10
  std::vector<uint8_t> m_out_word;  // per word: 1 output data, 2 output ap_vld
  register_target* m_remote = nullptr;
  bool m_remote_irq = false;
};

} // namespace xrtemu::emu
