// run_rtl_kernel on the real rtl_vadd, verilated here by Verilator's CMake
// flow, without the card: argv as a CU builds it (ABI 2), memory in a
// vector.  Random back-pressure on every port, vectors that cross 4 KiB
// pages (the RTL must split its bursts: the target would answer SLVERR),
// a buffer outside the port's memory (DECERR fails the run), cancellation.
#include "Vrtl_vadd.h"
#include "verilated.h"
#include "xrtemu/rtl/kernel_runner.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <memory>
#include <thread>

using namespace xrtemu::rtl;

namespace {

class vadd_dut final : public dut
{
public:
  vadd_dut() : top(new Vrtl_vadd(&ctx, "rtl_vadd")) {}
  ~vadd_dut() override { top->final(); delete top; }
  void set_clock(bool h) override { top->ap_clk = h; }
  void set_reset_n(bool h) override { top->ap_rst_n = h; }
  void eval() override { top->eval(); }
  VerilatedContext ctx;
  Vrtl_vadd* top;
};

rtl_kernel_spec spec_of(Vrtl_vadd* t)
{
  rtl_kernel_spec s;
  s.kernel = "rtl_vadd";
  s.has_control = true;
  auto& c = s.control_ports;
  c.awvalid = {&t->s_axi_control_AWVALID, 1}; c.awready = {&t->s_axi_control_AWREADY, 1};
  c.awaddr = {&t->s_axi_control_AWADDR, 6};   c.wvalid = {&t->s_axi_control_WVALID, 1};
  c.wready = {&t->s_axi_control_WREADY, 1};   c.wdata = {&t->s_axi_control_WDATA, 32};
  c.wstrb = {&t->s_axi_control_WSTRB, 4};     c.bvalid = {&t->s_axi_control_BVALID, 1};
  c.bready = {&t->s_axi_control_BREADY, 1};   c.bresp = {&t->s_axi_control_BRESP, 2};
  c.arvalid = {&t->s_axi_control_ARVALID, 1}; c.arready = {&t->s_axi_control_ARREADY, 1};
  c.araddr = {&t->s_axi_control_ARADDR, 6};   c.rvalid = {&t->s_axi_control_RVALID, 1};
  c.rready = {&t->s_axi_control_RREADY, 1};   c.rdata = {&t->s_axi_control_RDATA, 32};
  c.rresp = {&t->s_axi_control_RRESP, 2};
  s.interrupt = {&t->__SYM__interrupt, 1};
  rtl_master m;
  m.name = "m_axi_gmem";
  auto& p = m.ports;
  p.awvalid = {&t->m_axi_gmem_AWVALID, 1}; p.awready = {&t->m_axi_gmem_AWREADY, 1};
  p.awaddr = {&t->m_axi_gmem_AWADDR, 64};  p.awlen = {&t->m_axi_gmem_AWLEN, 8};
  p.awsize = {&t->m_axi_gmem_AWSIZE, 3};   p.awburst = {&t->m_axi_gmem_AWBURST, 2};
  p.wvalid = {&t->m_axi_gmem_WVALID, 1};   p.wready = {&t->m_axi_gmem_WREADY, 1};
  p.wdata = {&t->m_axi_gmem_WDATA, 32};    p.wstrb = {&t->m_axi_gmem_WSTRB, 4};
  p.wlast = {&t->m_axi_gmem_WLAST, 1};     p.bvalid = {&t->m_axi_gmem_BVALID, 1};
  p.bready = {&t->m_axi_gmem_BREADY, 1};   p.bresp = {&t->m_axi_gmem_BRESP, 2};
  p.arvalid = {&t->m_axi_gmem_ARVALID, 1}; p.arready = {&t->m_axi_gmem_ARREADY, 1};
  p.araddr = {&t->m_axi_gmem_ARADDR, 64};  p.arlen = {&t->m_axi_gmem_ARLEN, 8};
  p.arsize = {&t->m_axi_gmem_ARSIZE, 3};   p.arburst = {&t->m_axi_gmem_ARBURST, 2};
  p.rvalid = {&t->m_axi_gmem_RVALID, 1};   p.rready = {&t->m_axi_gmem_RREADY, 1};
  p.rdata = {&t->m_axi_gmem_RDATA, 32};    p.rresp = {&t->m_axi_gmem_RRESP, 2};
  p.rlast = {&t->m_axi_gmem_RLAST, 1};
  s.masters.push_back(m);
  s.args = {{"a", XRTEMU_ARG_GLOBAL, 0x10, 8, 0}, {"b", XRTEMU_ARG_GLOBAL, 0x1C, 8, 0},
            {"c", XRTEMU_ARG_GLOBAL, 0x28, 8, 0}, {"n", XRTEMU_ARG_SCALAR, 0x34, 4, -1}};
  return s;
}

// A bank of card memory and an invocation's argv into it.
struct invocation
{
  static constexpr uint64_t base = 0x40'0000'0000;
  std::vector<uint8_t> bank = std::vector<uint8_t>(1 << 20);
  xrtemu_global g[3];
  uint32_t n = 0;
  std::atomic<bool> cancel{false};
  xrtemu_run_info info{};
  void* argv[5];

  invocation(uint64_t a, uint64_t b, uint64_t c, uint32_t count) : n(count)
  {
    uint64_t addrs[3] = {a, b, c};
    for (int i = 0; i < 3; ++i) {
      g[i] = {bank.data() + (addrs[i] - base), addrs[i], bank.data(), base, bank.size()};
      argv[i] = &g[i];
    }
    argv[3] = &n;
    info = {sizeof info, "rtl_vadd_1", 0, &cancel, [](void* c) { return static_cast<std::atomic<bool>*>(c)->load() ? 1 : 0; }};
    argv[4] = &info;
  }
  int32_t* at(uint64_t addr) { return reinterpret_cast<int32_t*>(bank.data() + (addr - base)); }
};

} // namespace

TEST_CASE("run_rtl_kernel: rtl_vadd under random back-pressure, vectors across 4 KiB pages", "[rtl][runner]")
{
  for (uint32_t stall : {0u, 35u}) {
    for (uint32_t n : {1u, 16u, 17u, 1000u, 3001u}) {
      // a starts 8 bytes before a page end, b 4 bytes after one, c unaligned to 64.
      uint64_t a = invocation::base + 0x1000 - 8, b = invocation::base + 0x10004, c = invocation::base + 0x20034;
      invocation inv(a, b, c, n);
      for (uint32_t i = 0; i < n; ++i) {
        inv.at(a)[i] = int32_t(i * 3 - 7);
        inv.at(b)[i] = int32_t(i * i);
      }
      vadd_dut d;
      run_options opt;
      opt.stall_percent = stall;
      auto stats = run_rtl_kernel(d, spec_of(d.top), inv.argv, opt);
      for (uint32_t i = 0; i < n; ++i)
        REQUIRE(inv.at(c)[i] == int32_t(i * 3 - 7 + i * i));
      CHECK(inv.at(c)[n] == 0);   // nothing past the end
      CHECK(stats.cycles > n);
    }
  }
}

TEST_CASE("run_rtl_kernel: a buffer outside the port's memory fails the run with DECERR", "[rtl][runner]")
{
  invocation inv(invocation::base, invocation::base + 0x1000, invocation::base + 0x2000, 64);
  inv.g[1].address = invocation::base - 0x10000;   // not in the window
  vadd_dut d;
  try {
    run_rtl_kernel(d, spec_of(d.top), inv.argv);
    FAIL("the run should have failed");
  }
  catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("m_axi_gmem: read burst at 0x3fffff0000 (16 beats of 4 bytes)"));
    CHECK_THAT(e.what(), Catch::Contains("(DECERR)"));
  }
}

TEST_CASE("run_rtl_kernel: a cancelled run unwinds", "[rtl][runner]")
{
  invocation inv(invocation::base, invocation::base + 0x40000, invocation::base + 0x80000, 60000);
  inv.cancel = true;
  vadd_dut d;
  CHECK_THROWS_AS(run_rtl_kernel(d, spec_of(d.top), inv.argv), run_cancelled);
}

TEST_CASE("run_rtl_kernel: two modules on two threads at once (two CUs of one kernel)", "[rtl][runner]")
{
  // Each run has its own VerilatedContext; CUs run on their own host threads.
  std::vector<std::unique_ptr<invocation>> inv;
  for (int k = 0; k < 2; ++k) {
    inv.push_back(std::make_unique<invocation>(invocation::base, invocation::base + 0x40000, invocation::base + 0x80000,
                                               20000));
    for (uint32_t i = 0; i < 20000; ++i) {
      inv[k]->at(invocation::base)[i] = int32_t(i + k);
      inv[k]->at(invocation::base + 0x40000)[i] = int32_t(2 * i);
    }
  }
  std::string errors[2];
  std::vector<std::thread> threads;
  for (int k = 0; k < 2; ++k)
    threads.emplace_back([&, k] {
      try {
        for (int r = 0; r < 3; ++r) {
          vadd_dut d;
          run_rtl_kernel(d, spec_of(d.top), inv[k]->argv);
        }
      }
      catch (const std::exception& e) {
        errors[k] = e.what();
      }
    });
  for (auto& t : threads)
    t.join();
  for (int k = 0; k < 2; ++k) {
    CHECK(errors[k] == "");
    for (uint32_t i = 0; i < 20000; ++i)
      REQUIRE(inv[k]->at(invocation::base + 0x80000)[i] == int32_t(3 * i + k));
  }
}
