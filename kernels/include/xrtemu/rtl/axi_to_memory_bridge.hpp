// A bridge from a verilated kernel's AXI4 master (m_axi_*) to card memory: accepts
// read and write bursts and serves them from host memory windows (card
// memory reached by DMI).  What it models, per the AXI4 spec (IHI 0022):
//  - INCR, FIXED and WRAP bursts of 1..256 beats, narrow transfers (AxSIZE
//    below the bus width: the active byte lanes move with the address) and
//    unaligned start addresses; WSTRB selects the bytes written;
//  - several bursts outstanding per direction (up to max_outstanding),
//    answered in order;
//  - errors: a burst touching memory outside every window is answered
//    DECERR on every beat, one that breaks a protocol rule (crossing a 4 KiB
//    boundary, AxSIZE wider than the bus, a bad WRAP length, WLAST in the
//    wrong place, strobes on inactive lanes) SLVERR; either way nothing is
//    written and the problem is recorded in errors() for the run's failure.
// Clocking as axi_lite_master: before_edge() samples handshakes, after_edge()
// drives.  stall_dice makes the ready signals drop and responses wait at
// random (protocol tests).
#pragma once

#include "xrtemu/rtl/port.hpp"

#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace xrtemu::rtl {

// A queue without std::deque's block bookkeeping: the target touches its
// queues every cycle of a busy kernel.
template <typename T>
class ring
{
public:
  bool empty() const { return m_count == 0; }
  size_t size() const { return m_count; }
  T& front() { return m_items[m_head]; }
  void pop_front()
  {
    m_head = (m_head + 1) & (m_items.size() - 1);
    --m_count;
  }
  void push_back(const T& v)
  {
    if (m_count == m_items.size()) {
      // Grow to the next power of two, oldest first.
      std::vector<T> bigger(m_items.empty() ? 16 : m_items.size() * 2);
      for (size_t i = 0; i < m_count; ++i)
        bigger[i] = m_items[(m_head + i) & (m_items.size() - 1)];
      m_items.swap(bigger);
      m_head = 0;
    }
    m_items[(m_head + m_count) & (m_items.size() - 1)] = v;
    ++m_count;
  }

private:
  std::vector<T> m_items;
  size_t m_head = 0, m_count = 0;
};

struct axi_mm_ports
{
  port_ref awvalid, awready, awaddr, awlen, awsize, awburst, awid;
  port_ref wvalid, wready, wdata, wstrb, wlast;
  port_ref bvalid, bready, bresp, bid;
  port_ref arvalid, arready, araddr, arlen, arsize, arburst, arid;
  port_ref rvalid, rready, rdata, rresp, rlast, rid;
};

// Device addresses [base, base + size) live at host[0 .. size).
struct mem_window
{
  uint64_t base = 0;
  uint64_t size = 0;
  uint8_t* host = nullptr;
};

struct axi_target_options
{
  uint32_t max_outstanding = 16;   // bursts accepted per direction before AxREADY drops
  stall_dice dice;                 // random back-pressure and response delays
  // Asked for a burst no window holds (a live CU learns its memory as the
  // module addresses it): true with the window when the port reaches
  // [addr, addr+len); a window with keep set is remembered.
  std::function<bool(uint64_t addr, uint64_t len, mem_window& w, bool& keep)> resolve;
};

class axi_to_memory_bridge
{
public:
  enum : uint8_t { okay = 0, exokay = 1, slverr = 2, decerr = 3 };

  axi_to_memory_bridge(std::string name, axi_mm_ports p, std::vector<mem_window> windows,
                    axi_target_options opt = axi_target_options())
    : m_name(std::move(name)), m_p(p), m_windows(std::move(windows)), m_opt(opt)
  {
    m_bus_bytes = m_p.rdata.bound() ? m_p.rdata.bytes() : m_p.wdata.bytes();
    if (!m_bus_bytes)
      m_bus_bytes = 4;
    m_beat.assign(m_bus_bytes, 0);
    m_strb.assign((m_bus_bytes + 7) / 8, 0);
    uint32_t log = 0;
    while ((1u << log) < m_bus_bytes)
      ++log;
    // Masters that leave out AxSIZE/AxBURST/AxLEN use full-width INCR single beats.
    m_p.arsize.set_default(log);
    m_p.awsize.set_default(log);
    m_p.arburst.set_default(1);
    m_p.awburst.set_default(1);
    m_p.wlast.set_default(1);
    m_p.wstrb.set_default(~uint64_t(0));
  }

  const std::string& name() const { return m_name; }
  uint32_t bus_bytes() const { return m_bus_bytes; }
  const std::vector<std::string>& errors() const { return m_errors; }
  bool failed() const { return !m_errors.empty(); }
  bool idle() const { return m_reads.empty() && m_writes.empty() && m_bresp.empty(); }
  bool moved() const { return m_moved; }
  uint64_t read_beats() const { return m_read_beats; }
  uint64_t write_beats() const { return m_write_beats; }
  uint64_t read_bursts() const { return m_read_bursts; }
  uint64_t write_bursts() const { return m_write_bursts; }
  uint32_t max_reads_seen() const { return m_max_reads_seen; }   // outstanding read bursts at once

  void drive_idle()
  {
    m_settled = false;
    m_arready = m_awready = m_wready = m_rvalid = m_bvalid = m_rvalid_out = m_bvalid_out = false;
    m_p.awready.set(0);
    m_p.wready.set(0);
    m_p.bvalid.set(0);
    m_p.arready.set(0);
    m_p.rvalid.set(0);
  }

  // True when a handshake happens at this edge.  Both halves run every
  // cycle: inlined into the runner's loop (bench P5).
  __attribute__((always_inline)) bool before_edge()
  {
    m_moved = false;
    if (m_arready && m_p.arvalid.high()) {
      accept(m_reads, true);
      ++m_read_bursts;
      if (m_reads.size() > m_max_reads_seen)
        m_max_reads_seen = static_cast<uint32_t>(m_reads.size());
      m_moved = true;
    }
    if (m_awready && m_p.awvalid.high()) {
      accept(m_writes, false);
      ++m_write_bursts;
      m_moved = true;
    }
    if (m_wready && m_p.wvalid.high()) {
      write_beat();
      m_moved = true;
    }
    m_r_hs = m_rvalid && m_p.rready.high();
    m_b_hs = m_bvalid && m_p.bready.high();
    m_moved = m_moved || m_r_hs || m_b_hs;
    return m_moved;
  }

  __attribute__((always_inline)) void after_edge()
  {
    auto& dice = m_opt.dice;
    // Without random stalls the outputs change only through a handshake:
    // a cycle without one leaves everything as it is (most cycles).
    const bool random = dice.percent() != 0;
    if (!m_moved && m_settled && !random)
      return;
    m_settled = true;
    auto stall = [&] { return random && dice.stall(); };
    if (m_r_hs) {
      ++m_read_beats;
      auto& b = m_reads.front();
      b.cur += b.size;
      if (++b.beat > b.len)
        m_reads.pop_front();
      m_rvalid = false;
    }
    if (m_b_hs) {
      m_bresp.pop_front();
      m_bvalid = false;
    }
    // A presented beat stays as it is until taken.
    if (!m_rvalid && !m_reads.empty() && !stall()) {
      present_read();
      m_rvalid = true;
    }
    if (!m_bvalid && !m_bresp.empty() && !stall()) {
      m_p.bresp.set(m_bresp.front().resp);
      m_p.bid.set(m_bresp.front().id);
      m_bvalid = true;
    }
    // Ports are written only when they change: this runs most cycles of a
    // busy kernel (bench P5).
    drive(m_p.arready, m_arready, m_reads.size() < m_opt.max_outstanding && !stall());
    drive(m_p.awready, m_awready, m_writes.size() < m_opt.max_outstanding && !stall());
    // Data only for an accepted address (a slave may wait for AW: A3.3.1).
    drive(m_p.wready, m_wready, !m_writes.empty() && !stall());
    if (m_rvalid != m_rvalid_out)
      m_p.rvalid.set_bit(m_rvalid_out = m_rvalid);
    if (m_bvalid != m_bvalid_out)
      m_p.bvalid.set_bit(m_bvalid_out = m_bvalid);
  }

  // Host pointer for [addr, addr+n) if one window holds all of it.
  uint8_t* translate(uint64_t addr, uint64_t n) const
  {
    for (auto& w : m_windows)
      if (addr >= w.base && addr - w.base <= w.size && n <= w.size - (addr - w.base))
        return w.host + (addr - w.base);
    return nullptr;
  }
  // translate(), then the resolver (once per burst that misses).
  uint8_t* find(uint64_t addr, uint64_t n)
  {
    if (auto h = translate(addr, n))
      return h;
    mem_window w;
    bool keep = false;
    if (!m_opt.resolve || !m_opt.resolve(addr, n, w, keep))
      return nullptr;
    if (keep)
      m_windows.push_back(w);
    if (addr >= w.base && addr - w.base <= w.size && n <= w.size - (addr - w.base))
      return w.host + (addr - w.base);
    return nullptr;
  }
  // Errors since the last call (a live CU reports them as they come).
  std::vector<std::string> take_errors() { return std::exchange(m_errors, {}); }

private:
  struct burst
  {
    uint64_t addr;      // start address as given
    uint32_t len;       // beats - 1
    uint32_t size;      // bytes per beat
    uint32_t type;      // 0 FIXED, 1 INCR, 2 WRAP
    uint64_t id;
    uint32_t beat = 0;  // next beat
    uint8_t resp = okay;
    uint8_t* host = nullptr;   // + device address = host address (the burst lies in one window)
    uint64_t cur = 0;          // address of the current beat (simple bursts)
    bool simple = false;       // INCR, full bus width, aligned, OKAY: beats are plain words
  };
  struct bresp_entry
  {
    uint64_t id;
    uint8_t resp;
  };

  static std::string hex(uint64_t v)
  {
    const char* d = "0123456789abcdef";
    std::string s;
    do {
      s.insert(s.begin(), d[v & 15]);
      v >>= 4;
    } while (v);
    return "0x" + s;
  }

  void fail(const std::string& what)
  {
    // Keep the first few: a broken master repeats itself every burst.
    if (m_errors.size() < 8)
      m_errors.push_back(m_name + ": " + what);
  }

  // Address of beat i (A3.4.1): INCR steps from the aligned start, FIXED
  // repeats, WRAP steps and wraps at the container of size * beats.
  static uint64_t beat_addr(const burst& b, uint32_t i)
  {
    if (i == 0 || b.type == 0)
      return b.addr;
    uint64_t aligned = b.addr & ~uint64_t(b.size - 1);
    if (b.type == 2) {
      uint64_t total = uint64_t(b.size) * (b.len + 1);
      uint64_t lower = b.addr / total * total;
      return lower + (b.addr + uint64_t(i) * b.size - lower) % total;
    }
    return aligned + uint64_t(i) * b.size;
  }

  void accept(ring<burst>& q, bool read)
  {
    auto& p = m_p;
    burst b;
    b.addr = (read ? p.araddr : p.awaddr).get();
    b.len = static_cast<uint32_t>((read ? p.arlen : p.awlen).get());
    b.size = 1u << static_cast<uint32_t>((read ? p.arsize : p.awsize).get());
    b.type = static_cast<uint32_t>((read ? p.arburst : p.awburst).get());
    b.id = (read ? p.arid : p.awid).get();
    // Built only for a message: this runs for every burst.
    auto what = [&] {
      return std::string(read ? "read" : "write") + " burst at " + hex(b.addr) + " (" + std::to_string(b.len + 1) +
             " beat" + (b.len ? "s" : "") + " of " + std::to_string(b.size) + " bytes)";
    };
    if (b.size > m_bus_bytes) {
      b.resp = slverr;
      fail(what() + ": AxSIZE wider than the " + std::to_string(m_bus_bytes * 8) + "-bit bus (protocol violation, SLVERR)");
    } else if (b.type == 3) {
      b.resp = slverr;
      fail(what() + ": reserved AxBURST 0b11 (protocol violation, SLVERR)");
    } else if (b.type == 2 && ((b.len != 1 && b.len != 3 && b.len != 7 && b.len != 15) || b.addr % b.size)) {
      b.resp = slverr;
      fail(what() + ": WRAP bursts take 2, 4, 8 or 16 beats from an aligned address (protocol violation, SLVERR)");
    }
    // Bytes the burst touches: INCR from the start to the end of the last
    // beat's container; FIXED one container; WRAP its whole wrap window.
    uint64_t lo = b.addr, hi;
    if (b.type == 0)
      hi = (b.addr & ~uint64_t(b.size - 1)) + b.size;
    else if (b.type == 2) {
      uint64_t total = uint64_t(b.size) * (b.len + 1);
      lo = b.addr / total * total;
      hi = lo + total;
    } else
      hi = (b.addr & ~uint64_t(b.size - 1)) + uint64_t(b.size) * (b.len + 1);
    if (b.resp == okay && b.type == 1 && (lo >> 12) != ((hi - 1) >> 12)) {
      b.resp = slverr;
      fail(what() + " crosses a 4 KiB boundary at " + hex((hi - 1) >> 12 << 12) +
           " (AXI4 protocol violation, A3.4.1; answered SLVERR)");
    }
    if (b.resp == okay) {
      b.host = find(lo, hi - lo);
      if (b.host)
        b.host -= lo;   // host address of device address 0 for this burst's window: host + addr
      else {
        b.resp = decerr;
        fail(what() + " reaches " + hex(lo) + ".." + hex(hi - 1) +
             ", outside the memory this port is connected to (DECERR)");
      }
    }
    b.cur = b.addr;
    b.simple = b.resp == okay && b.type == 1 && b.size == m_bus_bytes && m_bus_bytes <= 8 &&
               (b.addr & (b.size - 1)) == 0;
    q.push_back(b);
  }

  // Active byte lanes of beat i: [first, last] within the bus.
  void lanes(const burst& b, uint32_t i, uint64_t& addr, uint32_t& first, uint32_t& last) const
  {
    addr = beat_addr(b, i);
    uint64_t aligned = addr & ~uint64_t(b.size - 1);   // sizes and the bus are powers of two
    first = static_cast<uint32_t>(addr & (m_bus_bytes - 1));
    last = static_cast<uint32_t>(aligned & (m_bus_bytes - 1)) + b.size - 1;
  }

  static uint64_t load(const uint8_t* p, uint32_t n)
  {
    // Whole-width loads: a 4-byte copy into a zeroed 8-byte variable would
    // stall store forwarding on every beat.
    if (n == 8) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      return v;
    }
    if (n == 4) {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    uint64_t v = 0;
    std::memcpy(&v, p, n);
    return v;
  }
  static void store(uint8_t* p, uint64_t v, uint32_t n)
  {
    if (n == 8) {
      std::memcpy(p, &v, 8);
    } else if (n == 4) {
      auto w = static_cast<uint32_t>(v);
      std::memcpy(p, &w, 4);
    } else {
      std::memcpy(p, &v, n);
    }
  }

  void present_read()
  {
    auto& b = m_reads.front();
    if (b.simple) {
      // The common beat: a whole bus word of up to 64 bits.  Card memory is
      // read as a stream; fetch a few lines ahead (one load a cycle would
      // otherwise wait for DRAM at every new line).
      if (((b.cur & 63) == 0))
        __builtin_prefetch(b.host + b.cur + 512);
      m_p.rdata.set(load(b.host + b.cur, m_bus_bytes));
    } else {
      uint64_t addr = 0;
      uint32_t first = 0, last = 0;
      std::memset(m_beat.data(), 0, m_beat.size());
      if (b.resp == okay) {
        lanes(b, b.beat, addr, first, last);
        std::memcpy(m_beat.data() + first, b.host + addr, last - first + 1);
      }
      m_p.rdata.set_bytes(m_beat.data(), m_bus_bytes);
    }
    if (b.beat == 0) {
      m_p.rresp.set(b.resp);
      m_p.rid.set(b.id);
    }
    m_p.rlast.set_bit(b.beat == b.len);
  }

  void write_beat()
  {
    auto& b = m_writes.front();
    bool wlast = m_p.wlast.high();
    uint64_t full = m_bus_bytes >= 64 ? ~uint64_t(0) : (uint64_t(1) << m_bus_bytes) - 1;
    if (b.simple && wlast == (b.beat == b.len) && (m_p.wstrb.get() & full) == full) {
      // The common beat: every lane of a word of up to 64 bits.
      store(b.host + b.cur, m_p.wdata.get(), m_bus_bytes);
      b.cur += b.size;
      ++m_write_beats;
      if (++b.beat > b.len) {
        m_bresp.push_back({b.id, b.resp});
        m_writes.pop_front();
      }
      return;
    }
    uint64_t addr;
    uint32_t first, last;
    lanes(b, b.beat, addr, first, last);
    b.cur += b.size;
    if (wlast != (b.beat == b.len) && b.resp == okay) {
      b.resp = slverr;
      fail("write burst at " + hex(b.addr) + ": WLAST " + (wlast ? "on beat " + std::to_string(b.beat + 1) + " of " :
           "missing on the last of ") + std::to_string(b.len + 1) + " (protocol violation, SLVERR)");
    }
    if (b.resp == okay) {
      // WSTRB: one bit a byte lane; wide buses span several words.
      if (m_p.wstrb.bound() && m_p.wstrb.bits() > 64)
        m_p.wstrb.get_bytes(m_strb.data(), static_cast<uint32_t>(m_strb.size()));
      else {
        uint64_t s = m_p.wstrb.get();
        for (size_t i = 0; i < m_strb.size(); ++i)
          m_strb[i] = static_cast<uint8_t>(s >> (8 * i));
      }
      m_p.wdata.get_bytes(m_beat.data(), m_bus_bytes);
      uint8_t* host = b.host + addr;   // accept() checked the whole burst
      bool stray = false;
      for (uint32_t lane = 0; lane < m_bus_bytes; ++lane) {
        if (!(m_strb[lane / 8] >> (lane % 8) & 1))
          continue;
        if (lane < first || lane > last) {
          stray = true;
          continue;
        }
        host[lane - first] = m_beat[lane];
      }
      if (stray) {
        // Bytes already written stay; the run fails anyway.
        b.resp = slverr;
        fail("write burst at " + hex(b.addr) + ", beat " + std::to_string(b.beat + 1) +
             ": WSTRB enables byte lanes outside the transfer (protocol violation, SLVERR)");
      }
    }
    ++m_write_beats;
    if (++b.beat > b.len || wlast) {
      m_bresp.push_back({b.id, b.resp});
      m_writes.pop_front();
    }
  }

  std::string m_name;
  axi_mm_ports m_p;
  std::vector<mem_window> m_windows;
  axi_target_options m_opt;
  uint32_t m_bus_bytes = 4;
  ring<burst> m_reads, m_writes;
  ring<bresp_entry> m_bresp;
  std::vector<uint8_t> m_beat, m_strb;
  bool m_arready = false, m_awready = false, m_wready = false, m_rvalid = false, m_bvalid = false;
  bool m_r_hs = false, m_b_hs = false, m_moved = false, m_settled = false;
  bool m_rvalid_out = false, m_bvalid_out = false;   // what the ports hold

  static void drive(const port_ref& p, bool& held, bool v)
  {
    if (v != held) {
      held = v;
      p.set_bit(v);
    }
  }
  uint64_t m_read_beats = 0, m_write_beats = 0, m_read_bursts = 0, m_write_bursts = 0;
  uint32_t m_max_reads_seen = 0;
  std::vector<std::string> m_errors;
};

} // namespace xrtemu::rtl
