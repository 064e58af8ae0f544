// axi_to_memory_bridge against a behavioural AXI4 master written here: bursts
// of every kind with random back-pressure on both sides, several in flight,
// and the error cases.  Signals live in plain variables laid out as
// Verilator lays out ports, so the target sees what it sees in a module.
#include "xrtemu/rtl/axi_to_memory_bridge.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <random>

using namespace xrtemu::rtl;

namespace {

// Port storage of a module with a `bytes`-wide AXI4 master.
struct master_pins
{
  uint8_t awvalid = 0, awready = 0, awlen = 0, awsize = 0, awburst = 0, awid = 0;
  uint64_t awaddr = 0;
  uint8_t wvalid = 0, wready = 0, wlast = 0;
  std::vector<uint32_t> wdata;
  uint64_t wstrb = 0;
  uint8_t bvalid = 0, bready = 0, bresp = 0, bid = 0;
  uint8_t arvalid = 0, arready = 0, arlen = 0, arsize = 0, arburst = 0, arid = 0;
  uint64_t araddr = 0;
  uint8_t rvalid = 0, rready = 0, rresp = 0, rlast = 0, rid = 0;
  std::vector<uint32_t> rdata;
  uint32_t bytes;

  explicit master_pins(uint32_t b) : wdata((b + 3) / 4), rdata((b + 3) / 4), bytes(b) {}

  axi_mm_ports ports()
  {
    axi_mm_ports p;
    uint32_t bits = bytes * 8;
    auto data = [&](std::vector<uint32_t>& v) { return bits > 64 ? port_ref(v.data(), bits) : port_ref(v.data(), bits); };
    p.awvalid = {&awvalid, 1}; p.awready = {&awready, 1}; p.awaddr = {&awaddr, 64}; p.awlen = {&awlen, 8};
    p.awsize = {&awsize, 3}; p.awburst = {&awburst, 2}; p.awid = {&awid, 4};
    p.wvalid = {&wvalid, 1}; p.wready = {&wready, 1}; p.wdata = data(wdata); p.wstrb = {&wstrb, bytes};
    p.wlast = {&wlast, 1};
    p.bvalid = {&bvalid, 1}; p.bready = {&bready, 1}; p.bresp = {&bresp, 2}; p.bid = {&bid, 4};
    p.arvalid = {&arvalid, 1}; p.arready = {&arready, 1}; p.araddr = {&araddr, 64}; p.arlen = {&arlen, 8};
    p.arsize = {&arsize, 3}; p.arburst = {&arburst, 2}; p.arid = {&arid, 4};
    p.rvalid = {&rvalid, 1}; p.rready = {&rready, 1}; p.rdata = data(rdata); p.rresp = {&rresp, 2};
    p.rlast = {&rlast, 1}; p.rid = {&rid, 4};
    return p;
  }
};

struct burst
{
  uint64_t addr;
  uint32_t beats;
  uint32_t size;        // bytes a beat
  uint32_t type = 1;    // INCR
  std::vector<std::vector<uint8_t>> data;    // writes: bytes of each beat (bus wide)
  std::vector<uint64_t> strb;                // writes: strobes of each beat
  std::vector<std::vector<uint8_t>> got;     // reads: what came back
  std::vector<uint8_t> resp;
};

// The master: issues queued bursts (AR/AW as fast as the target takes them),
// sends W in order, takes R/B; waits and stalls at random.  It checks the
// target's side of the rules it can see: RVALID/BVALID and their payload
// stay until taken, RLAST on exactly the last beat.
class behavioural_master
{
public:
  behavioural_master(master_pins& p, uint32_t stall_percent, uint64_t seed) : m_p(p), m_dice(stall_percent, seed) {}

  std::deque<burst*> reads, writes;   // to issue
  std::vector<std::string> violations;

  bool done() const
  {
    return reads.empty() && writes.empty() && m_rwait.empty() && m_wdata.empty() && m_bwait.empty() && !m_p.arvalid &&
           !m_p.awvalid;
  }

  void sample()
  {
    m_ar_hs = m_p.arvalid && m_p.arready;
    m_aw_hs = m_p.awvalid && m_p.awready;
    m_w_hs = m_p.wvalid && m_p.wready;
    m_r_hs = m_p.rvalid && m_p.rready;
    m_b_hs = m_p.bvalid && m_p.bready;
    // Target-side stability: a valid without its ready must stay, unchanged.
    if (m_prev_rvalid && !m_prev_r_hs && (!m_p.rvalid || m_p.rdata != m_prev_rdata))
      violations.push_back("RVALID/RDATA changed before RREADY");
    if (m_prev_bvalid && !m_prev_b_hs && !m_p.bvalid)
      violations.push_back("BVALID dropped before BREADY");
    m_prev_rvalid = m_p.rvalid;
    m_prev_rdata = m_p.rdata;
    m_prev_bvalid = m_p.bvalid;
    m_prev_r_hs = m_r_hs;
    m_prev_b_hs = m_b_hs;
    if (m_r_hs) {
      auto* b = m_rwait.front();
      std::vector<uint8_t> beat(m_p.bytes);
      std::memcpy(beat.data(), m_p.rdata.data(), m_p.bytes);
      b->got.push_back(beat);
      b->resp.push_back(m_p.rresp);
      bool last = b->got.size() == b->beats;
      if (bool(m_p.rlast) != last)
        violations.push_back("RLAST wrong on beat " + std::to_string(b->got.size()));
      if (last)
        m_rwait.pop_front();
    }
    if (m_b_hs) {
      m_bwait.front()->resp.push_back(m_p.bresp);
      m_bwait.pop_front();
    }
  }

  void update()
  {
    if (m_ar_hs)
      m_p.arvalid = 0;
    if (m_aw_hs)
      m_p.awvalid = 0;
    if (m_w_hs) {
      m_p.wvalid = 0;
      if (++m_wbeat == m_wdata.front()->beats) {
        m_bwait.push_back(m_wdata.front());
        m_wdata.pop_front();
        m_wbeat = 0;
      }
    }
    if (!m_p.arvalid && !reads.empty() && !m_dice.stall()) {
      auto* b = reads.front();
      reads.pop_front();
      m_p.arvalid = 1;
      m_p.araddr = b->addr;
      m_p.arlen = static_cast<uint8_t>(b->beats - 1);
      m_p.arsize = static_cast<uint8_t>(__builtin_ctz(b->size));
      m_p.arburst = static_cast<uint8_t>(b->type);
      m_rwait.push_back(b);
    }
    if (!m_p.awvalid && !writes.empty() && !m_dice.stall()) {
      auto* b = writes.front();
      writes.pop_front();
      m_p.awvalid = 1;
      m_p.awaddr = b->addr;
      m_p.awlen = static_cast<uint8_t>(b->beats - 1);
      m_p.awsize = static_cast<uint8_t>(__builtin_ctz(b->size));
      m_p.awburst = static_cast<uint8_t>(b->type);
      m_wdata.push_back(b);
    }
    // W may go before its AW was taken (the target waits for the address).
    if (!m_p.wvalid && !m_wdata.empty() && !m_dice.stall()) {
      auto* b = m_wdata.front();
      std::memcpy(m_p.wdata.data(), b->data[m_wbeat].data(), m_p.bytes);
      m_p.wstrb = b->strb[m_wbeat];
      m_p.wlast = m_wbeat + 1 == b->beats;
      m_p.wvalid = 1;
    }
    m_p.rready = !m_dice.stall();
    m_p.bready = !m_dice.stall();
  }

private:
  master_pins& m_p;
  stall_dice m_dice;
  std::deque<burst*> m_rwait, m_wdata, m_bwait;
  uint32_t m_wbeat = 0;
  bool m_ar_hs = false, m_aw_hs = false, m_w_hs = false, m_r_hs = false, m_b_hs = false;
  bool m_prev_rvalid = false, m_prev_bvalid = false, m_prev_r_hs = false, m_prev_b_hs = false;
  std::vector<uint32_t> m_prev_rdata;
};

struct bench
{
  master_pins pins;
  std::vector<uint8_t> mem;
  uint64_t base = 0x4000'0000;
  axi_to_memory_bridge target;
  behavioural_master master;

  bench(uint32_t bus_bytes, uint32_t stall, uint64_t mem_bytes = 1 << 16)
    : pins(bus_bytes), mem(mem_bytes),
      target("m_axi_gmem", pins.ports(), {{base, mem_bytes, mem.data()}}, options(stall)),
      master(pins, stall, 77)
  {
    for (size_t i = 0; i < mem.size(); ++i)
      mem[i] = static_cast<uint8_t>(i * 7 + 3);
  }
  static axi_target_options options(uint32_t stall)
  {
    axi_target_options o;
    o.dice = stall_dice(stall, 12345);
    o.max_outstanding = 8;
    return o;
  }
  void run(uint64_t max_cycles = 200000)
  {
    target.drive_idle();
    for (uint64_t c = 0; c < max_cycles && !(master.done() && target.idle()); ++c) {
      target.before_edge();
      master.sample();
      master.update();
      target.after_edge();
    }
    REQUIRE(master.done());
    REQUIRE(target.idle());
    CHECK(master.violations.empty());
  }
};

// What an INCR/FIXED/WRAP read of `b` must return, lane by lane (lanes
// outside the transfer are not checked).
void check_read(const bench& t, const burst& b, uint64_t& checked)
{
  uint32_t bus = t.pins.bytes;
  REQUIRE(b.got.size() == b.beats);
  for (uint32_t i = 0; i < b.beats; ++i) {
    uint64_t aligned = b.addr / b.size * b.size;
    uint64_t addr = b.type == 0 || i == 0 ? b.addr : aligned + uint64_t(i) * b.size;
    if (b.type == 2 && i) {
      uint64_t total = uint64_t(b.size) * b.beats, lower = b.addr / total * total;
      addr = lower + (b.addr + uint64_t(i) * b.size - lower) % total;
    }
    uint64_t beat_aligned = addr / b.size * b.size;
    for (uint64_t a = addr; a < beat_aligned + b.size; ++a) {
      REQUIRE(b.got[i][a % bus] == t.mem[a - t.base]);
      ++checked;
    }
  }
}

} // namespace

TEST_CASE("axi_to_memory_bridge: INCR reads and writes, random back-pressure, several bursts in flight", "[rtl][axi]")
{
  for (uint32_t stall : {0u, 30u, 70u}) {
    bench t(8, stall);
    std::mt19937 rng(stall + 1);
    std::vector<burst> rd(40), wr(40);
    auto ref = t.mem;
    for (size_t i = 0; i < rd.size(); ++i) {
      rd[i].size = 8;
      rd[i].beats = 1 + rng() % 32;
      rd[i].addr = t.base + (rng() % 12) * 256;  // aligned; 32 beats stay in a 4 KiB page
      t.master.reads.push_back(&rd[i]);
    }
    for (size_t i = 0; i < wr.size(); ++i) {
      auto& w = wr[i];
      w.size = 8;
      w.beats = 1 + rng() % 16;
      w.addr = t.base + 0x8000 + i * 128;       // disjoint from the reads
      for (uint32_t j = 0; j < w.beats; ++j) {
        std::vector<uint8_t> beat(8);
        for (auto& x : beat)
          x = static_cast<uint8_t>(rng());
        w.data.push_back(beat);
        w.strb.push_back(0xFF);
        std::memcpy(&ref[w.addr - t.base + j * 8], beat.data(), 8);
      }
      t.master.writes.push_back(&w);
    }
    t.run();
    uint64_t checked = 0;
    for (auto& b : rd) {
      check_read(t, b, checked);
      CHECK(std::all_of(b.resp.begin(), b.resp.end(), [](uint8_t r) { return r == 0; }));
    }
    for (auto& b : wr)
      CHECK(b.resp == std::vector<uint8_t>{0});
    CHECK(t.mem == ref);
    CHECK(t.target.errors().empty());
    CHECK(t.target.read_bursts() == 40);
    CHECK(t.target.write_bursts() == 40);
    // The master issues addresses ahead of data: the target held several.
    CHECK(t.target.max_reads_seen() > 1);
  }
}

TEST_CASE("axi_to_memory_bridge: narrow and unaligned transfers, WSTRB", "[rtl][axi]")
{
  bench t(8, 40);
  // 2-byte beats on an 8-byte bus from an odd address: lanes move with the address.
  burst narrow{t.base + 0x101, 9, 2};
  // Full-width beats from an unaligned address: the first beat is partial.
  burst unaligned{t.base + 0x203, 4, 8};
  burst fixed{t.base + 0x300, 4, 4, 0};
  burst wrap{t.base + 0x418, 4, 8, 2};      // wraps inside 0x400..0x41f
  t.master.reads = {&narrow, &unaligned, &fixed, &wrap};

  // Writes: narrow 1-byte beats at consecutive addresses, and strobes that
  // pick single bytes out of full-width beats.
  auto ref = t.mem;
  burst bytes{t.base + 0x603, 5, 1};
  for (uint32_t i = 0; i < 5; ++i) {
    uint64_t a = bytes.addr + i;
    std::vector<uint8_t> beat(8, 0xEE);
    beat[a % 8] = static_cast<uint8_t>(0xA0 + i);
    bytes.data.push_back(beat);
    bytes.strb.push_back(1ull << (a % 8));
    ref[a - t.base] = static_cast<uint8_t>(0xA0 + i);
  }
  burst strobed{t.base + 0x700, 3, 8};
  for (uint32_t i = 0; i < 3; ++i) {
    std::vector<uint8_t> beat(8);
    for (uint32_t j = 0; j < 8; ++j)
      beat[j] = static_cast<uint8_t>(0x10 * i + j);
    uint64_t strb = i == 1 ? 0x00 : 0xA5;   // beat 2 writes nothing
    for (uint32_t j = 0; j < 8; ++j)
      if (strb >> j & 1)
        ref[0x700 + i * 8 + j] = beat[j];
    strobed.data.push_back(beat);
    strobed.strb.push_back(strb);
  }
  t.master.writes = {&bytes, &strobed};
  t.run();
  uint64_t checked = 0;
  for (auto* b : {&narrow, &unaligned, &fixed, &wrap})
    check_read(t, *b, checked);
  CHECK(checked == 9 * 2 - 1 + (8 - 3) + 3 * 8 + 4 * 4 + 4 * 8);
  CHECK(t.mem == ref);
  CHECK(t.target.errors().empty());
}

TEST_CASE("axi_to_memory_bridge: a burst across a 4 KiB boundary is a protocol violation (SLVERR)", "[rtl][axi]")
{
  bench t(4, 20);
  auto before = t.mem;
  burst rd{t.base + 0x0FF0, 8, 4};   // 0xFF0..0x100F
  burst wr{t.base + 0x1FFC, 2, 4};
  wr.data.assign(2, std::vector<uint8_t>(4, 0x55));
  wr.strb.assign(2, 0xF);
  burst ok{t.base + 0x2000, 2, 4};
  t.master.reads = {&rd, &ok};
  t.master.writes = {&wr};
  t.run();
  CHECK(std::all_of(rd.resp.begin(), rd.resp.end(), [](uint8_t r) { return r == axi_to_memory_bridge::slverr; }));
  CHECK(wr.resp == std::vector<uint8_t>{axi_to_memory_bridge::slverr});
  CHECK(std::all_of(ok.resp.begin(), ok.resp.end(), [](uint8_t r) { return r == 0; }));
  CHECK(t.mem == before);   // nothing written
  REQUIRE(t.target.errors().size() == 2);
  auto all = t.target.errors()[0] + "\n" + t.target.errors()[1];
  CHECK_THAT(all, Catch::Contains("m_axi_gmem: read burst at 0x40000ff0 (8 beats of 4 bytes) crosses a 4 KiB boundary"));
  CHECK_THAT(all, Catch::Contains("m_axi_gmem: write burst at 0x40001ffc"));
}

TEST_CASE("axi_to_memory_bridge: addresses outside the port's memory get DECERR", "[rtl][axi]")
{
  bench t(4, 0, 0xF800);
  burst below{t.base - 0x100, 4, 4};
  burst past{t.base + 0xF7F8, 4, 4};   // runs off the end of the window (not at a page end)
  burst wr{0x10, 1, 4};
  wr.data.assign(1, std::vector<uint8_t>(4, 1));
  wr.strb.assign(1, 0xF);
  t.master.reads = {&below, &past};
  t.master.writes = {&wr};
  t.run();
  CHECK(below.resp == std::vector<uint8_t>(4, axi_to_memory_bridge::decerr));
  CHECK(past.resp == std::vector<uint8_t>(4, axi_to_memory_bridge::decerr));
  CHECK(wr.resp == std::vector<uint8_t>{axi_to_memory_bridge::decerr});
  REQUIRE(t.target.errors().size() == 3);
  CHECK_THAT(t.target.errors()[0], Catch::Contains("outside the memory this port is connected to (DECERR)"));
}

TEST_CASE("axi_to_memory_bridge: strobes on lanes outside a narrow transfer are reported", "[rtl][axi]")
{
  bench t(4, 0);
  burst narrow{t.base + 0x10, 2, 2};     // 2-byte beats: lanes 0-1, then 2-3
  narrow.data.assign(2, std::vector<uint8_t>(4, 9));
  narrow.strb = {0xF, 0xC};              // beat 1 also strobes lanes 2-3
  t.master.writes = {&narrow};
  t.run();
  CHECK(narrow.resp == std::vector<uint8_t>{axi_to_memory_bridge::slverr});
  REQUIRE(t.target.errors().size() == 1);
  CHECK_THAT(t.target.errors()[0], Catch::Contains("WSTRB enables byte lanes outside the transfer"));
}

TEST_CASE("axi_to_memory_bridge: a 512-bit bus (Verilator's wide ports)", "[rtl][axi]")
{
  bench t(64, 25);
  burst rd{t.base + 0x1000, 16, 64};
  burst wr{t.base + 0x2000, 4, 64};
  auto ref = t.mem;
  for (uint32_t i = 0; i < 4; ++i) {
    std::vector<uint8_t> beat(64);
    for (uint32_t j = 0; j < 64; ++j)
      beat[j] = static_cast<uint8_t>(i ^ j);
    wr.data.push_back(beat);
    std::memcpy(&ref[0x2000 + i * 64], beat.data(), 64);
  }
  wr.strb.assign(4, ~uint64_t(0));
  t.master.reads = {&rd};
  t.master.writes = {&wr};
  t.run();
  uint64_t checked = 0;
  check_read(t, rd, checked);
  CHECK(checked == 16 * 64);
  CHECK(t.mem == ref);
}
