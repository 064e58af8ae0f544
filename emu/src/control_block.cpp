#include "control_block.h"

#include <algorithm>

#include <cstring>

namespace xrtemu::emu {

control_block::control_block(sc_core::sc_module_name name, uint32_t range)
  : sc_module(name), socket("socket"), m_range(range), m_args((range - ap::args) / 4, 0),
    m_vld(m_args.size(), false)
{
  socket.register_b_transport(this, &control_block::b_transport);
  socket.register_transport_dbg(this, &control_block::transport_dbg);
}

void control_block::reset()
{
  m_ctrl = ap::idle;
  m_gie = m_ier = m_isr = 0;
  std::fill(m_args.begin(), m_args.end(), 0);
  std::fill(m_vld.begin(), m_vld.end(), false);
  m_used = 0;
}

void control_block::set_remote_irq(bool level)
{
  if (!m_remote)
    return;
  bool before = m_remote_irq;
  m_remote_irq = level;
  if (!before && level)
    irq_raised.notify(sc_core::SC_ZERO_TIME);
  changed.notify(sc_core::SC_ZERO_TIME);
}

uint32_t control_block::bus_read(uint32_t offset, uint32_t* resp)
{
  if (m_remote) {
    uint32_t r = 0;
    uint32_t v = m_remote->read(offset, r);
    if (resp)
      *resp = r;
    return v;
  }
  switch (offset) {
  case ap::ctrl: {
    uint32_t v = m_ctrl;
    // ap_ready clears on read; ap_done too, except under ap_ctrl_chain
    // where only ap_continue releases it.
    m_ctrl &= ~ap::ready;
    if (m_protocol != XRTEMU_CTRL_CHAIN)
      m_ctrl &= ~ap::done;
    return v;
  }
  case ap::gie: return m_gie;
  case ap::ier: return m_ier;
  case ap::isr: return m_isr;
  default: {
    uint32_t v = arg_word(offset);
    if (offset >= ap::args && uint64_t(offset) + 4 <= m_range && m_vld[(offset - ap::args) / 4]) {
      m_vld[(offset - ap::args) / 4] = false;   // <arg>_ap_vld clears on read
      m_args[(offset - ap::args) / 4] &= ~1u;
    }
    return v;
  }
  }
}

void control_block::bus_write(uint32_t offset, uint32_t value)
{
  if (m_remote) {
    m_remote->write(offset, value);
    return;
  }
  switch (offset) {
  case ap::ctrl:
    if (value & ap::sw_reset) {
      m_ctrl |= ap::sw_reset;
      reset_written.notify(sc_core::SC_ZERO_TIME);
    }
    if ((value & ap::start) && !(m_ctrl & ap::sw_reset)) {
      m_ctrl |= ap::start;
      start_written.notify(sc_core::SC_ZERO_TIME);
    }
    m_ctrl = (m_ctrl & ~ap::auto_restart) | (value & ap::auto_restart);
    // ap_continue is a pulse, never stored: it acknowledges a completion,
    // which frees ap_done.
    if (value & ap::cont) {
      m_ctrl &= ~ap::done;
      continue_written.notify(sc_core::SC_ZERO_TIME);
    }
    break;
  case ap::gie: m_gie = value & 1; break;
  case ap::ier: m_ier = value & 3; break;
  case ap::isr: m_isr ^= (value & 3); break;   // toggle on write
  default:
    if (offset >= ap::args) {
      auto i = (offset - ap::args) / 4;
      m_args[i] = value;
      m_used = std::max<size_t>(m_used, i + 1);
    }
  }
}

void control_block::write_output(uint32_t offset, const void* data, uint32_t bytes)
{
  uint32_t words = (bytes + 3) / 4;
  // 64-bit sums: an offset from a malformed xclbin must not wrap into range.
  if (offset < ap::args || uint64_t(offset) + 4 * (uint64_t(words) + 1) > m_range)
    return;
  auto first = (offset - ap::args) / 4;
  std::memcpy(&m_args[first], data, bytes);
  m_args[first + words] |= 1u;   // ap_vld
  m_vld[first + words] = true;
  m_used = std::max<size_t>(m_used, first + words + 1);
}

uint32_t control_block::arg_word(uint32_t offset) const
{
  if (offset < ap::args || uint64_t(offset) + 4 > m_range)
    return 0;
  return m_args[(offset - ap::args) / 4];
}

void control_block::accept_start()
{
  m_ctrl &= ~(ap::start | ap::idle);
  if (m_protocol == XRTEMU_CTRL_CHAIN) {
    m_ctrl |= ap::ready;
    raise(2);
  }
  changed.notify(sc_core::SC_ZERO_TIME);
}

void control_block::raise(uint32_t bits)
{
  bool before = irq();
  m_isr |= bits & m_ier;
  if (!before && irq())
    irq_raised.notify(sc_core::SC_ZERO_TIME);
}

void control_block::finish(bool idle)
{
  m_ctrl |= ap::done;
  uint32_t bits = 1;
  if (m_protocol != XRTEMU_CTRL_CHAIN) {
    m_ctrl |= ap::ready;
    bits |= 2;
  }
  if (idle)
    m_ctrl |= ap::idle;
  raise(bits);
  if (m_ctrl & ap::auto_restart) {
    m_ctrl |= ap::start;
    start_written.notify(sc_core::SC_ZERO_TIME);
  }
  changed.notify(sc_core::SC_ZERO_TIME);
}

void control_block::reset_done()
{
  m_ctrl = ap::idle;   // auto_restart is part of the datapath state: cleared
  m_isr = 0;
  changed.notify(sc_core::SC_ZERO_TIME);
}

unsigned control_block::transport_dbg(tlm::tlm_generic_payload& gp)
{
  auto off = static_cast<uint32_t>(gp.get_address());
  if (gp.get_data_length() != 4 || !in_range(off) || gp.get_address() >= m_range) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return 0;
  }
  uint32_t v, resp = 0;
  if (gp.is_read()) {
    v = bus_read(off, &resp);
    std::memcpy(gp.get_data_ptr(), &v, 4);
  }
  else {
    std::memcpy(&v, gp.get_data_ptr(), 4);
    bus_write(off, v);
  }
  // A live CU's slave may answer SLVERR/DECERR.
  gp.set_response_status(resp >= 2 ? tlm::TLM_GENERIC_ERROR_RESPONSE : tlm::TLM_OK_RESPONSE);
  return 4;
}

void control_block::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time&)
{
  transport_dbg(gp);
}

} // namespace xrtemu::emu
