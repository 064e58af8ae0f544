// axis_source and axis_sink against stream endpoints written here that
// stall at random: every beat arrives once, in order, with its side-band
// signals, and the bridges keep TVALID and the beat steady until taken.
#include "xrtemu/rtl/axis_bridge.hpp"

#include <catch2/catch.hpp>

using namespace xrtemu::rtl;

namespace {

struct stream_pins
{
  uint8_t tvalid = 0, tready = 0, tlast = 0, tkeep = 0, tuser = 0, tdest = 0;
  uint32_t tdata = 0;
  axis_ports ports(bool with_keep = true)
  {
    axis_ports p;
    p.tvalid = {&tvalid, 1};
    p.tready = {&tready, 1};
    p.tdata = {&tdata, 32};
    if (with_keep)
      p.tkeep = {&tkeep, 4};
    p.tlast = {&tlast, 1};
    p.tuser = {&tuser, 3};
    p.tdest = {&tdest, 2};
    return p;
  }
};

axis_beat make_beat(uint32_t i)
{
  axis_beat b;
  b.data = {uint8_t(i), uint8_t(i >> 8), uint8_t(i >> 16), 0xAB};
  b.keep = {uint8_t(i % 5 == 0 ? 0x3 : 0xF)};
  b.strb = b.keep;
  b.last = i % 7 == 6;
  b.user = i % 8;
  b.dest = i % 4;
  return b;
}

} // namespace

TEST_CASE("axis_source: beats reach a stalling module in order, held until taken", "[rtl][axis]")
{
  for (uint32_t stall : {0u, 30u, 80u}) {
    stream_pins p;
    axis_source src(p.ports(), stall_dice(stall, 3));
    stall_dice module_dice(stall, 4);
    src.drive_idle();
    uint32_t next = 0, got = 0;
    std::vector<std::string> violations;
    bool prev_valid = false, prev_hs = false;
    uint32_t prev_data = 0;
    for (int c = 0; c < 20000 && got < 500; ++c) {
      if (src.empty() && next < 500)
        src.offer(make_beat(next++));
      // The module samples at the edge.
      bool hs = p.tvalid && p.tready;
      if (prev_valid && !prev_hs && (!p.tvalid || p.tdata != prev_data))
        violations.push_back("TVALID/TDATA changed before TREADY");
      if (hs) {
        auto want = make_beat(got);
        uint32_t data = want.data[0] | want.data[1] << 8 | want.data[2] << 16 | uint32_t(want.data[3]) << 24;
        REQUIRE(p.tdata == data);
        REQUIRE(p.tkeep == want.keep[0]);
        REQUIRE(bool(p.tlast) == want.last);
        REQUIRE(p.tuser == want.user);
        REQUIRE(p.tdest == want.dest);
        ++got;
      }
      prev_valid = p.tvalid;
      prev_hs = hs;
      prev_data = p.tdata;
      src.before_edge();
      src.after_edge();
      p.tready = !module_dice.stall();
    }
    CHECK(got == 500);
    CHECK(src.beats() == 500);
    CHECK(violations.empty());
  }
}

TEST_CASE("axis_sink: beats from a module in order; TREADY low while the beat is not taken", "[rtl][axis]")
{
  for (uint32_t stall : {0u, 30u, 80u}) {
    stream_pins p;
    axis_sink sink(p.ports(false), stall_dice(stall, 5));   // no TKEEP: every byte valid
    stall_dice module_dice(stall, 6), taker(stall, 7);
    sink.drive_idle();
    uint32_t sent = 0, got = 0;
    for (int c = 0; c < 20000 && got < 500; ++c) {
      bool hs = p.tvalid && p.tready;
      sink.before_edge();
      if (hs)
        ++sent;
      // The link downstream is sometimes full: the beat stays in the sink.
      if (sink.has_beat() && !taker.stall()) {
        auto& b = sink.front();
        REQUIRE(b.data.size() == 4);
        REQUIRE(b.data[0] == uint8_t(got));
        REQUIRE(b.data[1] == uint8_t(got >> 8));
        REQUIRE(b.keep == std::vector<uint8_t>{0xF});
        REQUIRE(b.strb == b.keep);
        REQUIRE(b.last == (got % 7 == 6));
        REQUIRE(b.user == got % 8);
        sink.pop();
        ++got;
      }
      sink.after_edge();
      if (sink.has_beat())
        REQUIRE(!p.tready);
      // The module: a beat stays until taken, then maybe a gap.
      if (hs || !p.tvalid) {
        p.tvalid = sent < 500 && !module_dice.stall();
        p.tdata = sent | 0xAB000000u;
        p.tlast = sent % 7 == 6;
        p.tuser = sent % 8;
      }
    }
    CHECK(got == 500);
    CHECK(sink.beats() == 500);
  }
}
