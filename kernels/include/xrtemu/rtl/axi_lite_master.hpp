// AXI4-Lite master driving a verilated kernel's control slave
// (s_axi_control): the testbench side of XRT's register writes and reads.
// One transaction at a time, in queue order, as a host does.  Each clock:
// before_edge() sees which handshakes happen at this rising edge (both
// sides' signals are settled), after_edge() advances and drives the next
// values, which the module samples at the following edge.  A valid, once
// raised, stays until its handshake (AXI A3.2.1); with stall_dice > 0 the
// master waits random cycles before raising valids and holds BREADY/RREADY
// low at random (protocol tests).
#pragma once

#include "xrtemu/rtl/port.hpp"

#include <cstdint>
#include <deque>
#include <string>
#include <utility>

namespace xrtemu::rtl {

struct axi_lite_ports
{
  port_ref awvalid, awready, awaddr, wvalid, wready, wdata, wstrb, bvalid, bready, bresp;
  port_ref arvalid, arready, araddr, rvalid, rready, rdata, rresp;
};

class axi_lite_master
{
public:
  explicit axi_lite_master(axi_lite_ports p, std::string name = "s_axi_control", stall_dice dice = stall_dice())
    : m_p(p), m_name(std::move(name)), m_dice(dice)
  {
    m_p.wstrb.set_default(0xF);
  }

  void write(uint32_t addr, uint32_t data, uint8_t strb = 0xF)
  {
    m_queue.push_back({true, addr, data, strb});
    m_busy = true;
  }
  void read(uint32_t addr)
  {
    m_queue.push_back({false, addr, 0, 0});
    m_busy = true;
  }

  bool idle() const { return !m_busy; }
  bool has_read() const { return !m_reads.empty(); }
  uint32_t pop_read()
  {
    uint32_t v = m_reads.front();
    m_reads.pop_front();
    return v;
  }
  // First non-OKAY response, "" while there was none.
  const std::string& error() const { return m_error; }
  // BRESP/RRESP of the last transaction that finished.
  uint32_t last_resp() const { return m_last_resp; }
  std::string take_error() { return std::exchange(m_error, {}); }
  // A handshake happened at the last edge.
  bool moved() const { return m_moved; }

  // Reset state: every valid and ready low.
  void drive_idle()
  {
    m_p.awvalid.set(0);
    m_p.wvalid.set(0);
    m_p.bready.set(0);
    m_p.arvalid.set(0);
    m_p.rready.set(0);
  }

  // True when a handshake happens at this edge.
  bool before_edge()
  {
    if (quiet()) {
      m_moved = m_aw_hs = m_w_hs = m_b_hs = m_ar_hs = m_r_hs = false;
      return false;
    }
    m_aw_hs = m_aw && m_p.awready.high();
    m_w_hs = m_w && m_p.wready.high();
    m_b_hs = m_bready && m_p.bvalid.high();
    m_ar_hs = m_ar && m_p.arready.high();
    m_r_hs = m_rready && m_p.rvalid.high();
    if (m_b_hs)
      note_resp(m_p.bresp.get(), "write", m_cur.addr);
    if (m_r_hs) {
      note_resp(m_p.rresp.get(), "read", m_cur.addr);
      m_reads.push_back(static_cast<uint32_t>(m_p.rdata.get()));
    }
    m_moved = m_aw_hs || m_w_hs || m_b_hs || m_ar_hs || m_r_hs;
    return m_moved;
  }

  void after_edge()
  {
    if (quiet())
      return;
    if (m_aw_hs) m_aw = false;
    if (m_w_hs) m_w = false;
    if (m_ar_hs) m_ar = false;
    if (m_b_hs || m_r_hs)
      m_phase = phase::none;
    if (m_phase == phase::none && !m_queue.empty() && !m_dice.stall()) {
      m_cur = m_queue.front();
      m_queue.pop_front();
      if (m_cur.write) {
        m_phase = phase::write;
        m_aw = m_w = true;
        m_p.awaddr.set(m_cur.addr);
        m_p.wdata.set(m_cur.data);
        m_p.wstrb.set(m_cur.strb);
      } else {
        m_phase = phase::read;
        m_ar = true;
        m_p.araddr.set(m_cur.addr);
      }
    }
    // The response is taken once the address (and data) went out.
    m_bready = m_phase == phase::write && !m_aw && !m_w && !m_dice.stall();
    m_rready = m_phase == phase::read && !m_ar && !m_dice.stall();
    m_p.awvalid.set(m_aw);
    m_p.wvalid.set(m_w);
    m_p.arvalid.set(m_ar);
    m_p.bready.set(m_bready);
    m_p.rready.set(m_rready);
    // One flag for the runner's checks, which come every cycle.
    m_busy = m_phase != phase::none || !m_queue.empty() || m_bready || m_rready;
  }

  // Nothing to do and every signal already low: most cycles of a run, in
  // which the runner calls neither before_edge() nor after_edge().
  bool quiet() const { return !m_busy; }

private:
  enum class phase { none, write, read };
  struct op
  {
    bool write;
    uint32_t addr, data;
    uint8_t strb;
  };

  void note_resp(uint64_t resp, const char* what, uint32_t addr)
  {
    m_last_resp = static_cast<uint32_t>(resp);
    if (resp != 0 && m_error.empty())
      m_error = m_name + ": " + what + " of register 0x" + hex(addr) + " answered " +
                (resp == 2 ? "SLVERR" : resp == 3 ? "DECERR" : "EXOKAY");
  }
  static std::string hex(uint32_t v)
  {
    const char* d = "0123456789abcdef";
    std::string s;
    do {
      s.insert(s.begin(), d[v & 15]);
      v >>= 4;
    } while (v);
    return s;
  }

  axi_lite_ports m_p;
  std::string m_name;
  stall_dice m_dice;
  std::deque<op> m_queue;
  std::deque<uint32_t> m_reads;
  op m_cur{};
  phase m_phase = phase::none;
  bool m_aw = false, m_w = false, m_ar = false, m_bready = false, m_rready = false;
  bool m_aw_hs = false, m_w_hs = false, m_b_hs = false, m_ar_hs = false, m_r_hs = false;
  bool m_moved = false;
  bool m_busy = false;   // a transaction queued or in flight, or a ready high
  std::string m_error;
  uint32_t m_last_resp = 0;
};

} // namespace xrtemu::rtl
