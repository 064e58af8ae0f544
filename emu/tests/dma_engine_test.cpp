// dma_engine: the timed mode's card time per host transfer (docs/timing.md).
// Durations are computed from the platform figures, so the checks are exact
// up to rounding; nothing here bounds the wall clock.
#include "dma_engine.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>

using namespace xrtemu::emu;

namespace {

platform_desc test_card(unsigned channels)
{
  platform_desc p;
  p.name = "timed_test";
  p.banks = {{"DDR[0]", bank_kind::ddr, 0, 1ull << 30}, {"HBM[0]", bank_kind::hbm, 1ull << 30, 256ull << 20}};
  p.dma = {10.0, 12.0, 5.0, channels};   // GB/s to card, from card; 5 us; channels
  p.bank_gbps[bank_kind::ddr] = 20.0;
  p.bank_gbps[bank_kind::hbm] = 4.0;
  return p;
}

constexpr uint64_t MB = 1000000;   // 10^6: 1 GB/s moves 1 MB in 1 ms

} // namespace

TEST_CASE("a lone transfer takes latency + bytes / min(link, bank)", "[emu][timed]")
{
  auto p = test_card(2);
  dma_engine e(p, std::chrono::steady_clock::now());
  CHECK(e.alone_ns(true, 0, 10 * MB) == 5000 + 1000000);    // link 10 GB/s < DDR 20
  CHECK(e.alone_ns(false, 0, 12 * MB) == 5000 + 1000000);   // link 12 GB/s
  CHECK(e.alone_ns(true, 1, 4 * MB) == 5000 + 1000000);     // HBM bank 4 GB/s < link
  CHECK(e.alone_ns(true, -1, 0) == 5000);                   // latency alone
  auto w = e.begin(true, 0, 10 * MB);
  CHECK(w.end_ns - w.start_ns == 1005000);
  CHECK(w.bytes == 10 * MB);
  e.finish(w);
  CHECK(e.now_ns() >= w.end_ns);   // the caller was held until the card was done
  CHECK(e.stats().transfers == 1);
}

TEST_CASE("two channels run two transfers at once, sharing the link; a third waits", "[emu][timed]")
{
  auto p = test_card(2);
  dma_engine e(p, std::chrono::steady_clock::now());
  auto a = e.begin(true, 0, 10 * MB);
  auto b = e.begin(true, 0, 10 * MB);   // second channel, while a is in flight
  CHECK(a.end_ns - a.start_ns == 1005000);
  CHECK(b.end_ns - b.start_ns == 5000 + 2000000);   // half the link
  CHECK(b.start_ns < a.end_ns);                     // overlapping
  auto c = e.begin(true, 0, 10 * MB);
  CHECK(c.start_ns == a.end_ns);                    // waits for the first free channel
  CHECK(c.end_ns - c.start_ns == 5000 + 2000000);   // b still moving then: half the link
  // The other direction has channels of its own.
  auto d = e.begin(false, -1, 12 * MB);
  CHECK(d.start_ns < a.end_ns);
  CHECK(d.end_ns - d.start_ns == 1005000);
}

TEST_CASE("one channel serialises; a bank is shared by both directions", "[emu][timed]")
{
  auto p = test_card(1);
  dma_engine e(p, std::chrono::steady_clock::now());
  auto a = e.begin(true, 1, 4 * MB);    // HBM, bank-bound: 1 ms
  auto b = e.begin(true, 1, 4 * MB);
  CHECK(b.start_ns == a.end_ns);         // one channel: one after the other
  CHECK(b.end_ns - b.start_ns == 1005000);
  auto c = e.begin(false, 1, 2 * MB);    // from the same bank while a and b move data into it
  CHECK(c.start_ns < a.end_ns);
  CHECK(c.end_ns - c.start_ns == 5000 + 1000000);   // 4 GB/s shared by two: 2 GB/s
}

TEST_CASE("a kernel run's bank traffic shares the bank with DMA and other runs", "[emu][timed]")
{
  auto p = test_card(2);
  dma_engine e(p, std::chrono::steady_clock::now());
  uint64_t t0 = e.now_ns();
  // Alone: compute-bound (20 MB on DDR at 20 GB/s is 1 ms < 2 ms) ...
  CHECK(e.book_run(t0, 2000000, {{0, 20 * MB}}) == 2000000);
  // ... memory-bound on the slow HBM bank; a bank without a figure is no limit.
  CHECK(e.book_run(t0, 1000, {{1, 4 * MB}, {-1, 100 * MB}}) == 1000000);
  // A transfer started meanwhile shares the HBM bank with that run: half its 4 GB/s.
  auto d = e.begin(true, 1, 2 * MB);
  CHECK(d.end_ns - d.start_ns == 5000 + 1000000);
  // A run starting while the transfer and the first run use the bank gets a third.
  uint64_t t1 = e.now_ns();
  CHECK(e.book_run(t1, 0, {{1, 1 * MB}}) == 750000);
  // Runs take no DMA channel and no link share: a transfer on another bank
  // still gets the whole link.
  auto f = e.begin(false, -1, 12 * MB);
  CHECK(f.end_ns - f.start_ns == 1005000);
}
