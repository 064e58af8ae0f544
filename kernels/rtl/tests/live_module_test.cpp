// live_module on the real rtl_vadd, without the card: a fake environment
// gives it one memory window and records its callbacks.  The module is
// reset once and kept: arguments and ap_start go in as AXI4-Lite writes,
// the interrupt line and AP_CTRL reads tell when it is done, and a second
// run works on the same module.  A burst outside the window is reported,
// not thrown; destroying the instance stops its thread.
#include "vadd_dut.h"
#include "xrtemu/rtl/live_module.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace xrtemu::rtl;
using xrtemu::rtl::test::spec_of;
using xrtemu::rtl::test::vadd_dut;

namespace {

// What the card would be: memory, and a record of the callbacks.
struct fake_card
{
  static constexpr uint64_t base = 0x40'0000'0000;
  std::vector<uint8_t> bank = std::vector<uint8_t>(1 << 20);
  std::atomic<int> irq{0}, irq_edges{0}, polls{0}, state{-1};
  std::mutex m;
  std::vector<std::string> reports;
  xrtemu_live_env env{};

  fake_card()
  {
    env.size = sizeof env;
    env.cu_name = "rtl_vadd_1";
    env.ctx = this;
    env.resolve = [](void* c, uint32_t, uint64_t addr, uint64_t len, xrtemu_window* out) {
      auto* f = static_cast<fake_card*>(c);
      if (addr < base || addr - base + len > f->bank.size())
        return 0;
      *out = {base, f->bank.size(), f->bank.data(), 1};
      return 1;
    };
    env.interrupt = [](void* c, int level) {
      auto* f = static_cast<fake_card*>(c);
      f->irq = level;
      f->irq_edges += level;
    };
    env.state = [](void* c, int s) { static_cast<fake_card*>(c)->state = s; };
    env.poll = [](void* c) { ++static_cast<fake_card*>(c)->polls; };
    env.report = [](void* c, const char* msg) {
      auto* f = static_cast<fake_card*>(c);
      std::lock_guard<std::mutex> lk(f->m);
      f->reports.push_back(msg);
    };
    env.clock_mhz[0] = 300;
    env.clock_mhz[1] = 500;
  }
  int32_t* at(uint64_t addr) { return reinterpret_cast<int32_t*>(bank.data() + (addr - base)); }
};

using live = live_module<vadd_dut>;

std::unique_ptr<live> make(fake_card& card)
{
  return std::make_unique<live>([](rtl_kernel_spec& spec) {
    auto d = std::make_unique<vadd_dut>();
    spec = spec_of(d->top);
    return d;
  }, card.env, run_options{});
}

void write64(live& m, uint32_t off, uint64_t v)
{
  m.write(off, uint32_t(v));
  m.write(off + 4, uint32_t(v >> 32));
}

// Starts one vadd as the scheduler does (arguments, GIE/IER, ap_start) and
// waits for the interrupt; returns AP_CTRL as read then.
uint32_t run_vadd(fake_card& card, live& m, uint64_t a, uint64_t b, uint64_t c, uint32_t n)
{
  write64(m, 0x10, a);
  write64(m, 0x1C, b);
  write64(m, 0x28, c);
  m.write(0x34, n);
  m.write(0x04, 1);
  m.write(0x08, 1);
  int edges = card.irq_edges;
  m.write(0x00, 1);
  auto t0 = std::chrono::steady_clock::now();
  while (card.irq_edges == edges && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20))
    std::this_thread::sleep_for(std::chrono::microseconds(50));
  REQUIRE(card.irq_edges > edges);
  uint32_t resp = 9;
  uint32_t isr = m.read(0x0C, &resp);
  CHECK(resp == 0);
  CHECK((isr & 1) == 1);
  m.write(0x0C, isr);   // toggle-on-write acknowledge
  return m.read(0x00, &resp);
}

} // namespace

TEST_CASE("live_module: one rtl_vadd kept across runs, driven by register writes and its interrupt", "[rtl][live]")
{
  fake_card card;
  auto m = make(card);
  const uint64_t a = fake_card::base, b = a + 0x10000, c = a + 0x20000;
  for (uint32_t i = 0; i < 500; ++i) {
    card.at(a)[i] = int32_t(i);
    card.at(b)[i] = int32_t(1000 * i);
  }
  uint32_t resp = 9;
  // The module's own register file answers: the argument written reads back.
  m->write(0x34, 77);
  CHECK(m->read(0x34, &resp) == 77);
  CHECK(resp == 0);
  CHECK((m->read(0x00, &resp) & 0x4) == 0x4);   // ap_idle before any start

  for (int r = 0; r < 2; ++r) {
    uint32_t n = r ? 500 : 100;
    uint32_t ctrl = run_vadd(card, *m, a, b, c, n);
    CHECK((ctrl & 0x2) == 0x2);                     // ap_done, seen once
    CHECK((m->read(0x00, &resp) & 0x2) == 0);       // cleared by that read (ap_ctrl_hs)
    for (uint32_t i = 0; i < n; ++i)
      REQUIRE(card.at(c)[i] == int32_t(1001 * i));
  }
  CHECK(card.irq_edges == 2);
  CHECK(card.reports.empty());
}

TEST_CASE("live_module: a burst outside memory is reported and the module goes on", "[rtl][live]")
{
  fake_card card;
  auto m = make(card);
  const uint64_t a = fake_card::base;
  run_vadd(card, *m, a - 0x100000, a + 0x1000, a + 0x2000, 16);
  // Reports come every 256 cycles from the instance's thread.
  auto t0 = std::chrono::steady_clock::now();
  for (;;) {
    {
      std::lock_guard<std::mutex> lk(card.m);
      if (!card.reports.empty())
        break;
    }
    REQUIRE(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20));
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  {
    std::lock_guard<std::mutex> lk(card.m);
    CHECK_THAT(card.reports.front(), Catch::Contains("CU rtl_vadd_1 m_axi_gmem: read burst at 0x3ffff00000"));
    CHECK_THAT(card.reports.front(), Catch::Contains("(DECERR)"));
  }
  // The same module still computes.
  for (uint32_t i = 0; i < 16; ++i) {
    card.at(a)[i] = 5;
    card.at(a + 0x1000)[i] = int32_t(i);
  }
  run_vadd(card, *m, a, a + 0x1000, a + 0x2000, 16);
  for (uint32_t i = 0; i < 16; ++i)
    REQUIRE(card.at(a + 0x2000)[i] == int32_t(5 + i));
}

TEST_CASE("live_module: an idle module sleeps, and destroying it returns", "[rtl][live]")
{
  fake_card card;
  auto m = make(card);
  uint32_t resp = 0;
  m->read(0x00, &resp);
  auto t0 = std::chrono::steady_clock::now();
  while (card.state != XRTEMU_LIVE_IDLE && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20))
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  CHECK(card.state == XRTEMU_LIVE_IDLE);
  m.reset();   // joins the thread
  SUCCEED();
}
