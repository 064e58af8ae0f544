// run_rtl_kernel on the real rtl_vadd, verilated here by Verilator's CMake
// flow, without the card: argv as a CU builds it (ABI 2), memory in a
// vector.  Random back-pressure on every port, vectors that cross 4 KiB
// pages (the RTL must split its bursts: the target would answer SLVERR),
// a buffer outside the port's memory (DECERR fails the run), cancellation.
#include "vadd_dut.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <memory>
#include <thread>

using namespace xrtemu::rtl;
using xrtemu::rtl::test::spec_of;
using xrtemu::rtl::test::vadd_dut;

namespace {

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
