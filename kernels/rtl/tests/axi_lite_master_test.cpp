// axi_lite_master against an AXI4-Lite slave written here (a register file
// that stalls at random and answers SLVERR from 0x80 up), checking what the
// master must do: valids held with their payload until taken, one
// transaction at a time in order, responses reported.
#include "xrtemu/rtl/axi_lite_master.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace xrtemu::rtl;

namespace {

struct lite_slave
{
  uint8_t awvalid = 0, awready = 0, wvalid = 0, wready = 0, wstrb = 0, bvalid = 0, bready = 0, bresp = 0;
  uint8_t arvalid = 0, arready = 0, rvalid = 0, rready = 0, rresp = 0, awaddr = 0, araddr = 0;
  uint32_t wdata = 0, rdata = 0;
  std::map<uint32_t, uint32_t> regs;
  std::vector<std::string> violations;
  stall_dice dice{40, 99};
  // Accepted write address/data waiting for their partner.
  bool have_aw = false, have_w = false;
  uint32_t aw = 0, w = 0;
  uint8_t strb = 0;
  // Previous-cycle state for the master's stability rules.
  bool prev_awvalid = false, prev_wvalid = false, prev_arvalid = false;
  uint8_t prev_awaddr = 0, prev_araddr = 0;
  uint32_t prev_wdata = 0;
  bool aw_hs = false, w_hs = false, ar_hs = false, r_hs = false, b_hs = false;

  axi_lite_ports ports()
  {
    return {{&awvalid, 1}, {&awready, 1}, {&awaddr, 8}, {&wvalid, 1}, {&wready, 1}, {&wdata, 32}, {&wstrb, 4},
            {&bvalid, 1},  {&bready, 1},  {&bresp, 2},  {&arvalid, 1}, {&arready, 1}, {&araddr, 8},
            {&rvalid, 1},  {&rready, 1},  {&rdata, 32}, {&rresp, 2}};
  }

  void sample()
  {
    if (prev_awvalid && !aw_hs && (!awvalid || awaddr != prev_awaddr))
      violations.push_back("AWVALID/AWADDR changed before AWREADY");
    if (prev_wvalid && !w_hs && (!wvalid || wdata != prev_wdata))
      violations.push_back("WVALID/WDATA changed before WREADY");
    if (prev_arvalid && !ar_hs && (!arvalid || araddr != prev_araddr))
      violations.push_back("ARVALID/ARADDR changed before ARREADY");
    aw_hs = awvalid && awready;
    w_hs = wvalid && wready;
    ar_hs = arvalid && arready;
    r_hs = rvalid && rready;
    b_hs = bvalid && bready;
    prev_awvalid = awvalid, prev_wvalid = wvalid, prev_arvalid = arvalid;
    prev_awaddr = awaddr, prev_araddr = araddr, prev_wdata = wdata;
    if (aw_hs) have_aw = true, aw = awaddr;
    if (w_hs) have_w = true, w = wdata, strb = wstrb;
  }

  void update()
  {
    if (b_hs) bvalid = 0;
    if (r_hs) rvalid = 0;
    if (have_aw && have_w && !bvalid) {
      uint32_t old = regs[aw], mask = 0;
      for (int i = 0; i < 4; ++i)
        if (strb >> i & 1) mask |= 0xFFu << (8 * i);
      regs[aw] = (old & ~mask) | (w & mask);
      bresp = aw >= 0x80 ? 2 : 0;
      bvalid = 1;
      have_aw = have_w = false;
    }
    if (ar_hs) {
      rdata = regs[araddr];
      rresp = araddr >= 0x80 ? 2 : 0;
      rvalid = 1;
    }
    awready = !have_aw && !dice.stall();
    wready = !have_w && !dice.stall();
    arready = !rvalid && !ar_hs && !dice.stall();
  }
};

} // namespace

TEST_CASE("axi_lite_master: register writes and reads through a stalling slave", "[rtl][axi-lite]")
{
  for (uint32_t stall : {0u, 50u}) {
    lite_slave s;
    axi_lite_master m(s.ports(), "s_axi_control", stall_dice(stall, 5));
    m.drive_idle();
    for (uint32_t i = 0; i < 20; ++i)
      m.write(0x10 + 4 * i, 0x1000 + i);
    m.write(0x14, 0xAABBCCDD, 0x5);   // bytes 0 and 2 only
    for (uint32_t i = 0; i < 20; ++i)
      m.read(0x10 + 4 * i);
    uint64_t cycles = 0;
    while (!m.idle() && cycles < 10000) {
      m.before_edge();
      s.sample();
      m.after_edge();
      s.update();
      ++cycles;
    }
    REQUIRE(m.idle());
    CHECK(s.violations.empty());
    CHECK(m.error().empty());
    for (uint32_t i = 0; i < 20; ++i) {
      REQUIRE(m.has_read());
      uint32_t want = i == 1 ? ((0x1000 + 1) & 0xFF00FF00) | 0x00BB00DD : 0x1000 + i;
      CHECK(m.pop_read() == want);
    }
    CHECK(!m.has_read());
  }
}

TEST_CASE("axi_lite_master: an error response is reported with the register", "[rtl][axi-lite]")
{
  lite_slave s;
  axi_lite_master m(s.ports());
  m.drive_idle();
  m.write(0x84, 1);
  m.read(0x10);
  for (int c = 0; c < 1000 && !m.idle(); ++c) {
    m.before_edge();
    s.sample();
    m.after_edge();
    s.update();
  }
  REQUIRE(m.idle());
  CHECK(m.error() == "s_axi_control: write of register 0x84 answered SLVERR");
}
