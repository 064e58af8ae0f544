// AXI4-Stream between a verilated kernel and the card's stream links.
//  - axis_source drives the module's slave port (a kernel input): it holds
//    at most one beat, presents it with TVALID and lets it go at the
//    TVALID && TREADY edge (IHI 0051 2.2.1: once TVALID is high it stays,
//    with the beat unchanged, until taken).
//  - axis_sink drives TREADY of the module's master port (a kernel output):
//    one beat of room; TREADY is high only while that room is free, so a
//    full downstream link holds the module back instead of losing data.
// Clocking as the other bridges: before_edge() samples, after_edge() drives.
// Optional side-band signals (TKEEP, TSTRB, TLAST, TUSER, TID, TDEST) may
// be missing from the module: an absent TKEEP/TSTRB means all bytes valid.
#pragma once

#include "xrtemu/rtl/port.hpp"

#include <cstdint>
#include <vector>

namespace xrtemu::rtl {

struct axis_ports
{
  port_ref tvalid, tready, tdata, tkeep, tstrb, tlast, tuser, tid, tdest;
};

struct axis_beat
{
  std::vector<uint8_t> data, keep, strb;   // keep/strb: one bit a byte
  bool last = false;
  uint64_t user = 0, id = 0, dest = 0;
};

namespace detail {
inline void get_mask(const port_ref& p, std::vector<uint8_t>& out, uint32_t data_bytes)
{
  out.assign((data_bytes + 7) / 8, 0);
  if (!p.bound()) {
    for (uint32_t i = 0; i < data_bytes; ++i)
      out[i / 8] |= uint8_t(1u << (i % 8));
    return;
  }
  p.get_bytes(out.data(), p.bytes() < out.size() ? p.bytes() : static_cast<uint32_t>(out.size()));
}
} // namespace detail

class axis_source
{
public:
  explicit axis_source(axis_ports p, stall_dice dice = stall_dice()) : m_p(p), m_dice(dice)
  {
    m_p.tready.set_default(1);   // a module without TREADY takes every beat
  }
  uint32_t data_bytes() const { return m_p.tdata.bytes(); }

  bool empty() const { return !m_full; }
  // Give the next beat; only while empty().
  void offer(axis_beat b)
  {
    m_beat = std::move(b);
    m_full = true;
  }
  bool moved() const { return m_hs; }
  uint64_t beats() const { return m_beats; }

  void drive_idle() { m_p.tvalid.set(0); }

  bool before_edge() { return m_hs = m_valid && m_p.tready.high(); }

  void after_edge()
  {
    if (m_hs) {
      m_full = false;
      m_valid = false;
      ++m_beats;
    }
    if (m_full && !m_valid && !m_dice.stall()) {
      auto& b = m_beat;
      m_p.tdata.set_bytes(b.data.data(), static_cast<uint32_t>(b.data.size()));
      set_mask(m_p.tkeep, b.keep);
      set_mask(m_p.tstrb, b.strb);
      m_p.tlast.set(b.last);
      m_p.tuser.set(b.user);
      m_p.tid.set(b.id);
      m_p.tdest.set(b.dest);
      m_valid = true;
    }
    m_p.tvalid.set(m_valid);
  }

private:
  static void set_mask(const port_ref& p, const std::vector<uint8_t>& m)
  {
    if (p.bound())
      p.set_bytes(m.data(), static_cast<uint32_t>(m.size()));
  }

  axis_ports m_p;
  stall_dice m_dice;
  axis_beat m_beat;
  bool m_full = false, m_valid = false, m_hs = false;
  uint64_t m_beats = 0;
};

class axis_sink
{
public:
  explicit axis_sink(axis_ports p, stall_dice dice = stall_dice()) : m_p(p), m_dice(dice)
  {
    m_p.tvalid.set_default(0);
  }
  uint32_t data_bytes() const { return m_p.tdata.bytes(); }

  bool has_beat() const { return m_full; }
  axis_beat& front() { return m_beat; }
  void pop() { m_full = false; }
  // The module offers a beat this cycle.
  bool offering() const { return m_p.tvalid.high(); }
  bool moved() const { return m_hs; }
  uint64_t beats() const { return m_beats; }

  void drive_idle() { m_p.tready.set(0); }

  bool before_edge()
  {
    m_hs = m_ready && m_p.tvalid.high();
    if (m_hs) {
      uint32_t n = m_p.tdata.bytes();
      m_beat.data.resize(n);
      m_p.tdata.get_bytes(m_beat.data.data(), n);
      detail::get_mask(m_p.tkeep, m_beat.keep, n);
      detail::get_mask(m_p.tstrb, m_beat.strb, n);
      if (!m_p.tstrb.bound())
        m_beat.strb = m_beat.keep;   // TSTRB defaults to TKEEP (2.4.3)
      m_beat.last = m_p.tlast.bound() ? m_p.tlast.high() : false;
      m_beat.user = m_p.tuser.get();
      m_beat.id = m_p.tid.get();
      m_beat.dest = m_p.tdest.get();
      m_full = true;
      ++m_beats;
    }
    return m_hs;
  }

  void after_edge()
  {
    m_ready = !m_full && !m_dice.stall();
    m_p.tready.set(m_ready);
  }

private:
  axis_ports m_p;
  stall_dice m_dice;
  axis_beat m_beat;
  bool m_full = false, m_ready = false, m_hs = false;
  uint64_t m_beats = 0;
};

} // namespace xrtemu::rtl
