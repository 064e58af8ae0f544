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
  m_extras = m_counted = m_mbox_in = m_mbox_out = false;
  m_counter = m_in_ctrl = m_out_ctrl = 0;
  m_hw.clear();
  m_out_word.clear();
}

void control_block::set_extras(const cu_desc* d)
{
  m_counted = d && d->counted_auto_restart;
  m_mbox_in = d && d->mailbox_in;
  m_mbox_out = d && d->mailbox_out;
  m_extras = m_counted || m_mbox_in || m_mbox_out;
  if (!m_mbox_in && !m_mbox_out)
    return;
  m_hw.assign(m_args.size(), 0);
  m_out_word.assign(m_args.size(), 0);
  for (auto& a : d->args) {
    uint32_t words = (a.size + 3) / 4;
    if (!a.output || a.offset < ap::args || uint64_t(a.offset) + 4 * (uint64_t(words) + 1) > m_range)
      continue;
    auto first = (a.offset - ap::args) / 4;
    std::fill_n(m_out_word.begin() + first, words, uint8_t(1));
    m_out_word[first + words] = 2;
    m_used = std::max<size_t>(m_used, first + words + 1);
  }
}

uint32_t control_block::read_extra(uint32_t offset) const
{
  switch (offset) {
  case ap::auto_restart_counter: return m_counted ? m_counter : 0;
  case ap::mailbox_in: return m_mbox_in ? m_in_ctrl : 0;
  case ap::mailbox_out: return m_mbox_out ? m_out_ctrl : 0;
  default: return 0;
  }
}

void control_block::write_extra(uint32_t offset, uint32_t value)
{
  bool release = value & ap::mailbox_release;
  if (offset == ap::auto_restart_counter && m_counted) {
    m_counter = value;
  }
  else if (offset == ap::mailbox_in && m_mbox_in) {
    if (release && !(m_in_ctrl & ap::mailbox_release)) {
      // The host released its copy: taken now when idle, else at the next start.
      if (idle_now())
        take_inputs();
      else
        m_in_ctrl |= ap::mailbox_busy;
    }
    if (!release)
      m_in_ctrl &= ~ap::mailbox_busy;   // the host took its copy back
    m_in_ctrl = (m_in_ctrl & ~ap::mailbox_release) | (release ? ap::mailbox_release : 0);
  }
  else if (offset == ap::mailbox_out && m_mbox_out) {
    // A read request is served at once with the outputs of the last run
    // that finished: XRT 2.13 reads the registers right after its request
    // without waiting for busy to clear (mailbox_impl::get_arg), which real
    // hardware survives because a run is far shorter than a PCIe access.
    if (release && !(m_out_ctrl & ap::mailbox_release))
      give_outputs();
    m_out_ctrl = release ? ap::mailbox_release : 0;
  }
}

void control_block::take_inputs()
{
  for (size_t i = 0; i < m_used && i < m_hw.size(); ++i)
    if (!m_out_word[i])
      m_hw[i] = m_args[i];
}

void control_block::give_outputs()
{
  for (size_t i = 0; i < m_hw.size(); ++i) {
    if (!m_out_word[i])
      continue;
    m_args[i] = m_hw[i];
    if (m_out_word[i] == 2 && (m_hw[i] & ap::ap_vld))
      m_vld[i] = true;
  }
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
    if (extra_word(offset))
      return read_extra(offset);
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
    if (extra_word(offset))
      write_extra(offset, value);
    else if (offset >= ap::args) {
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
  m_used = std::max<size_t>(m_used, first + words + 1);
  if (m_mbox_out) {
    // The CU's copy; the host sees it on a mailbox read (give_outputs).
    std::memcpy(&m_hw[first], data, bytes);
    m_hw[first + words] |= ap::ap_vld;
    return;
  }
  std::memcpy(&m_args[first], data, bytes);
  m_args[first + words] |= 1u;   // ap_vld
  m_vld[first + words] = true;
}

uint32_t control_block::arg_word(uint32_t offset) const
{
  if (offset < ap::args || uint64_t(offset) + 4 > m_range)
    return 0;
  return m_args[(offset - ap::args) / 4];
}

void control_block::accept_start()
{
  if (m_mbox_in && (m_in_ctrl & ap::mailbox_busy)) {
    take_inputs();   // the released host copy becomes this run's inputs
    m_in_ctrl &= ~ap::mailbox_busy;
  }
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

bool control_block::finish(bool idle, bool may_restart)
{
  if (m_counted && may_restart && (m_counter == ap::restart_forever || m_counter > 1)) {
    // Counted auto-restart: no done; the engine calls restart() for the next run.
    if (m_counter != ap::restart_forever)
      --m_counter;
    return false;
  }
  if (m_counted)
    m_counter = 0;
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
  return true;
}

void control_block::restart()
{
  if (m_ctrl & ap::sw_reset)
    return;
  m_ctrl |= ap::start;
  start_written.notify(sc_core::SC_ZERO_TIME);
  changed.notify(sc_core::SC_ZERO_TIME);
}

void control_block::reset_done()
{
  m_ctrl = ap::idle;   // auto_restart is part of the datapath state: cleared
  m_isr = 0;
  m_counter = 0;       // so are the restart counter and pending mailbox requests
  m_in_ctrl &= ~ap::mailbox_busy;
  m_out_ctrl &= ~ap::mailbox_busy;
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
