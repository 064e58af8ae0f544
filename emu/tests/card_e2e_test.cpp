// The card end to end on a small test platform: DMA, programming, ERT
// packets (START_CU, EXEC_WRITE, CONFIGURE, unknown) through the scheduler
// to CUs running in-test kernel models; concurrency; error paths; and a
// hidden benchmark ("[.bench]") that prints the latency and DMA numbers.
#include "xrtemu/emu/card.h"
#include "ert_packet.h"
#include "xrtemu/model_glue.hpp"

#include <ert.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace xrtemu::emu;
using xrtemu::emu::test::packet;
using xrtemu::emu::test::regmap;
using xrtemu::emu::test::run;

// --- kernels ---------------------------------------------------------------
extern "C" void e2e_vadd(const int* a, const int* b, int* c, int n)
{
  for (int i = 0; i < n; ++i)
    c[i] = a[i] + b[i];
}

static std::atomic<int> g_active{0}, g_peak{0};
extern "C" void e2e_spin(int* out, int n)
{
  int now = ++g_active;
  for (int p = g_peak; now > p && !g_peak.compare_exchange_weak(p, now);) {
  }
  volatile unsigned x = 0;
  for (int i = 0; i < n; ++i)
    x = x * 1664525u + 1013904223u;
  *out = static_cast<int>(x);
  --g_active;
}

extern "C" void e2e_thrower(int n)
{
  if (n)
    throw std::runtime_error("kernel says no");
}

extern "C" void e2e_nothing(int) {}

namespace {

template <auto Fn, size_t N>
xrtemu_kernel make_kernel(const char* name, const xrtemu_arg (&args)[N])
{
  return {name, XRTEMU_CTRL_HS, N, args, xrtemu::glue::kernel<Fn>::run};
}

using vadd_k = xrtemu::glue::kernel<&e2e_vadd>;
using spin_k = xrtemu::glue::kernel<&e2e_spin>;
using thrower_k = xrtemu::glue::kernel<&e2e_thrower>;
using nothing_k = xrtemu::glue::kernel<&e2e_nothing>;
const auto vadd_args = vadd_k::args({"a", "b", "c", "n"}, {nullptr, nullptr, nullptr, nullptr});
const auto spin_args = spin_k::args({"out", "n"}, {nullptr, nullptr});
const auto thrower_args = thrower_k::args({"n"}, {nullptr});
const auto nothing_args = nothing_k::args({"n"}, {nullptr});
const xrtemu_kernel vadd_model = make_kernel<&e2e_vadd>("vadd", vadd_args.a);
const xrtemu_kernel spin_model = make_kernel<&e2e_spin>("spin", spin_args.a);
const xrtemu_kernel thrower_model = make_kernel<&e2e_thrower>("thrower", thrower_args.a);
const xrtemu_kernel nothing_model = make_kernel<&e2e_nothing>("nothing", nothing_args.a);

// --- the card --------------------------------------------------------------
constexpr uint64_t ddr0 = 0x0, ddr1 = 0x400000000ull, host_addr = 0x7f0000000000ull;

platform_desc test_platform()
{
  platform_desc p;
  p.name = "test_card";
  p.vbnv = "xrtemu_test";
  p.shell = "pcie";
  p.banks = {{"DDR[0]", bank_kind::ddr, ddr0, 16ull << 30}, {"DDR[1]", bank_kind::ddr, ddr1, 16ull << 30}};
  p.max_cus = 16;
  return p;
}

card& the_card()
{
  static simulation& sim = simulation::start({test_platform()});
  return sim.get(0);
}

cu_desc make_cu(const std::string& name, const xrtemu_kernel& k, std::vector<uint32_t> offsets,
                std::vector<uint64_t> allowed = {})
{
  cu_desc d;
  d.name = name;
  d.kernel = k.name;
  d.model = &k;
  for (uint32_t i = 0; i < k.num_args; ++i)
    d.args.push_back({k.args[i].name, k.args[i].kind, offsets[i], k.args[i].size,
                      k.args[i].kind == XRTEMU_ARG_GLOBAL ? allowed : std::vector<uint64_t>{}});
  return d;
}

// CU 0..3: vadd (ports on DDR[0] only); 4..7: spin; 8: thrower; 9: nothing.
void program_default(card& c)
{
  program_desc p;
  for (int i = 0; i < 4; ++i)
    p.cus.push_back(make_cu("vadd_" + std::to_string(i + 1), vadd_model, {0x10, 0x1c, 0x28, 0x34}, {ddr0}));
  for (int i = 0; i < 4; ++i)
    p.cus.push_back(make_cu("spin_" + std::to_string(i + 1), spin_model, {0x10, 0x1c}));
  p.cus.push_back(make_cu("thrower_1", thrower_model, {0x10}));
  p.cus.push_back(make_cu("nothing_1", nothing_model, {0x10}));
  c.program(std::move(p));
}

std::vector<uint32_t> vadd_regs(uint64_t a, uint64_t b, uint64_t out, int n)
{
  return regmap({{0x10, a}, {0x1c, b}, {0x28, out}, {0x34, static_cast<uint32_t>(n)}});
}

void fill_inputs(card& c, uint64_t a, uint64_t b, int n)
{
  std::vector<int> va(n), vb(n);
  for (int i = 0; i < n; ++i) {
    va[i] = i;
    vb[i] = 1000 * i;
  }
  c.dma_write(a, va.data(), n * sizeof(int));
  c.dma_write(b, vb.data(), n * sizeof(int));
}

bool check_output(card& c, uint64_t out, int n)
{
  std::vector<int> vc(n);
  c.dma_read(out, vc.data(), n * sizeof(int));
  for (int i = 0; i < n; ++i)
    if (vc[i] != 1001 * i)
      return false;
  return true;
}

std::string what(std::function<void()> f)
{
  try {
    f();
  }
  catch (const error& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_CASE("DMA reads and writes bank memory; bad ranges name the bank", "[emu][card]")
{
  auto& c = the_card();
  std::vector<uint8_t> out(1 << 20, 0x5a), in(1 << 20);
  c.dma_write(ddr1 + 4096, out.data(), out.size());
  c.dma_read(ddr1 + 4096, in.data(), in.size());
  CHECK(in == out);
  c.dma_copy(ddr0, ddr1 + 4096, 4096);
  CHECK(static_cast<uint8_t*>(c.direct_pointer(ddr0, 4096))[4095] == 0x5a);
  // DDR[0] and DDR[1] lie back to back: a range may cross from one into the
  // other (a buffer in a group of banks), but not past the last.
  CHECK(c.direct_pointer(ddr1 - 8, 16) != nullptr);
  c.dma_write(ddr1 - 8, out.data(), 16);
  const uint64_t end = ddr1 + (16ull << 30);
  CHECK(c.direct_pointer(end - 8, 16) == nullptr);
  CHECK_THAT(what([&] { c.dma_write(end - 8, out.data(), 16); }),
             Catch::Contains("0x7fffffff8") && Catch::Contains("DDR[1]") && Catch::Contains("runs past"));
  CHECK_THAT(what([&] { c.dma_read(0x900000000ull, in.data(), 16); }), Catch::Contains("nearest bank is DDR[1]"));
}

TEST_CASE("control blocks sit in their own address space", "[emu][card]")
{
  // DDR[0] starts at 0 and covers cu_base: register traffic must still
  // reach the control blocks, and DMA there must still reach memory.
  auto& c = the_card();
  program_default(c);
  uint32_t marker = 0x55aa55aa;
  c.dma_write(0x1800000 + 0x34, &marker, 4);
  c.write_register(0, 0x34, 77);
  CHECK(c.read_register(0, 0x34) == 77);
  uint32_t back = 0;
  c.dma_read(0x1800000 + 0x34, &back, 4);
  CHECK(back == marker);
  CHECK(c.num_cus() == 10);
  CHECK(c.read_register(0, 0x00) == 0x4);   // idle
  CHECK_THAT(what([&] { c.read_register(0, 0x10000); }), Catch::Contains("outside CU vadd_1"));
  CHECK_THAT(what([&] { c.read_register(12, 0); }), Catch::Contains("no CU"));
}

TEST_CASE("vadd through ERT_START_CU", "[emu][card]")
{
  auto& c = the_card();
  program_default(c);
  const int n = 1000;
  fill_inputs(c, 0x1000, 0x10000, n);
  packet p({0x1}, vadd_regs(0x1000, 0x10000, 0x20000, n));
  CHECK(run(c, p) == cmd_state::completed);
  CHECK(p.state() == ERT_CMD_STATE_COMPLETED);
  CHECK(check_output(c, 0x20000, n));
  CHECK(c.status()[0].runs == 1);
  CHECK(c.read_register(0, 0x00) == 0x4);   // scheduler consumed done; idle again
}

TEST_CASE("commands spread over the CUs in the mask and run concurrently", "[emu][card]")
{
  auto& c = the_card();
  program_default(c);
  g_peak = 0;
  std::vector<packet> ps;
  for (int i = 0; i < 8; ++i)
    ps.emplace_back(std::vector<uint32_t>{0xf0}, regmap({{0x10, 0x100000 + 64 * i}, {0x1c, 30'000'000}}));
  std::atomic<int> left{8};
  std::promise<void> all;
  for (auto& p : ps)
    c.submit(p.words.data(), p.words.size() * 4, [&](cmd_state) {
      if (--left == 0)
        all.set_value();
    });
  all.get_future().get();
  for (auto& p : ps)
    CHECK(p.state() == ERT_CMD_STATE_COMPLETED);
  CHECK(g_peak >= 2);
  uint64_t runs = 0;
  auto st = c.status();
  for (int i = 4; i < 8; ++i) {
    CHECK(st[i].runs >= 1);
    runs += st[i].runs;
  }
  CHECK(runs == 8);
}

TEST_CASE("a mask naming an unprogrammed CU fails the command", "[emu][card]")
{
  auto& c = the_card();
  program_default(c);
  packet p({1u << 12}, regmap({}));
  CHECK(run(c, p) == cmd_state::error);
  CHECK(p.state() == ERT_CMD_STATE_ERROR);
  packet q({0, 1}, regmap({}));   // CU 32, via an extra mask
  CHECK(run(c, q) == cmd_state::error);
}

TEST_CASE("a buffer outside the port's banks is an AXI error; the card goes on", "[emu][card]")
{
  auto& c = the_card();
  program_default(c);
  const int n = 64;
  fill_inputs(c, ddr1, ddr1 + 0x1000, n);
  std::vector<std::string> log;
  c.set_log([&](const std::string& m) { log.push_back(m); });
  packet bad({0x1}, vadd_regs(ddr1, ddr1 + 0x1000, 0x3000, n));   // vadd ports reach DDR[0] only
  CHECK(run(c, bad) == cmd_state::error);
  packet nowhere({0x1}, vadd_regs(0x1000, 0x1000, 0x900000000ull, n));
  CHECK(run(c, nowhere) == cmd_state::error);
  c.set_log({});
  REQUIRE(log.size() == 2);
  CHECK_THAT(log[0], Catch::Contains("vadd_1") && Catch::Contains("'a'") && Catch::Contains("0x400000000") &&
                         Catch::Contains("DDR[1]"));
  CHECK_THAT(log[1], Catch::Contains("vadd_1") && Catch::Contains("'c'") && Catch::Contains("0x900000000") &&
                         Catch::Contains("DECERR"));
  fill_inputs(c, 0x1000, 0x2000, n);
  packet good({0x1}, vadd_regs(0x1000, 0x2000, 0x3000, n));
  CHECK(run(c, good) == cmd_state::completed);
  CHECK(check_output(c, 0x3000, n));
}

TEST_CASE("a kernel that throws fails its run only", "[emu][card]")
{
  auto& c = the_card();
  program_default(c);
  packet p({1u << 8}, regmap({{0x10, 1}}));
  CHECK(run(c, p) == cmd_state::error);
  packet q({1u << 8}, regmap({{0x10, 0}}));
  CHECK(run(c, q) == cmd_state::completed);
}

TEST_CASE("ERT_EXEC_WRITE, configure, unknown opcodes", "[emu][card]")
{
  auto& c = the_card();
  program_default(c);
  const int n = 32;
  fill_inputs(c, 0x1000, 0x2000, n);
  // Six reserved words, then offset/value pairs.
  std::vector<uint32_t> body(6, 0);
  for (auto [off, v] : std::vector<std::pair<uint32_t, uint32_t>>{
         {0x10, 0x1000}, {0x14, 0}, {0x1c, 0x2000}, {0x20, 0}, {0x28, 0x5000}, {0x2c, 0}, {0x34, n}}) {
    body.push_back(off);
    body.push_back(v);
  }
  packet w({0x2}, body, ERT_EXEC_WRITE);
  CHECK(run(c, w) == cmd_state::completed);
  CHECK(check_output(c, 0x5000, n));
  CHECK(c.status()[1].runs == 1);

  packet cfg({0}, {}, ERT_CONFIGURE);
  CHECK(run(c, cfg) == cmd_state::completed);
  packet unknown({0x1}, regmap({}), 30);
  CHECK(run(c, unknown) == cmd_state::error);
}

TEST_CASE("host windows: kernels can use host memory", "[emu][card]")
{
  auto& c = the_card();
  program_default(c);
  const int n = 16;
  std::vector<int> out(n, -1);
  c.map_host_window(host_addr, out.data(), out.size() * sizeof(int));
  fill_inputs(c, 0x1000, 0x2000, n);
  packet p({0x1}, vadd_regs(0x1000, 0x2000, host_addr, n));
  CHECK(run(c, p) == cmd_state::completed);
  CHECK(out[5] == 5005);
  c.unmap_host_window(host_addr);
  packet q({0x1}, vadd_regs(0x1000, 0x2000, host_addr, n));
  CHECK(run(c, q) == cmd_state::error);
}

TEST_CASE("performance (prints numbers)", "[.bench]")
{
  using clk = std::chrono::steady_clock;
  auto& c = the_card();
  program_default(c);
  // Empty-kernel round trip, the waiter sleeping on a future.
  packet p({1u << 9}, regmap({}));
  for (int i = 0; i < 200; ++i)
    run(c, p);
  const int iters = 5000;
  auto t0 = clk::now();
  for (int i = 0; i < iters; ++i)
    run(c, p);
  double us = std::chrono::duration<double, std::micro>(clk::now() - t0).count() / iters;
  std::printf("empty-kernel submit->done round trip (future): %.2f us\n", us);

  // Same, with a waiter that spins: the card's own share of the latency.
  t0 = clk::now();
  for (int i = 0; i < iters; ++i) {
    std::atomic<bool> done{false};
    c.submit(p.words.data(), p.words.size() * 4, [&](cmd_state) { done.store(true, std::memory_order_release); });
    while (!done.load(std::memory_order_acquire))
      std::this_thread::yield();
  }
  us = std::chrono::duration<double, std::micro>(clk::now() - t0).count() / iters;
  std::printf("empty-kernel round trip (spinning waiter): %.2f us\n", us);

  // Four compute-bound runs on one CU versus on four CUs.
  auto spin4 = [&](uint32_t mask) {
    std::vector<packet> ps;
    for (int i = 0; i < 4; ++i)
      ps.emplace_back(std::vector<uint32_t>{mask}, regmap({{0x10, 0x100000 + 64 * i}, {0x1c, 50'000'000}}));
    auto s = clk::now();
    for (auto& q : ps)
      c.submit(q.words.data(), q.words.size() * 4, [](cmd_state) {});
    for (auto& q : ps)
      while ((q.words[0] & 0xf) < ERT_CMD_STATE_COMPLETED)
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    return std::chrono::duration<double, std::milli>(clk::now() - s).count();
  };
  double one = spin4(0x10), four = spin4(0xf0);
  std::printf("4 compute-bound runs: one CU %.0f ms, four CUs %.0f ms (speed-up %.2fx)\n", one, four, one / four);

  // DMA versus memcpy, 256 MiB, best of 5.
  size_t n = 256u << 20;
  std::vector<uint8_t> a(n, 1), b(n, 2);
  c.dma_write(ddr0, a.data(), n);   // fault the bank pages in first
  std::memcpy(b.data(), a.data(), n);
  auto best = [&](auto f) {
    double t = 1e9;
    for (int r = 0; r < 5; ++r) {
      auto s = clk::now();
      f();
      t = std::min(t, std::chrono::duration<double>(clk::now() - s).count());
    }
    return n / t / 1e9;
  };
  double mc = best([&] { std::memcpy(b.data(), a.data(), n); });
  double wr = best([&] { c.dma_write(ddr0, a.data(), n); });
  double rd = best([&] { c.dma_read(ddr0, b.data(), n); });
  std::printf("memcpy %.2f GB/s, dma_write %.2f GB/s (%.2fx), dma_read %.2f GB/s (%.2fx)\n", mc, wr, wr / mc, rd,
              rd / mc);

  t0 = clk::now();
  for (int i = 0; i < iters; ++i)
    c.read_register(0, 0x10);
  std::printf("read_register: %.2f us\n", std::chrono::duration<double, std::micro>(clk::now() - t0).count() / iters);
}
