// Timed mode's host DMA engine: how much card time each host<->card transfer
// takes, and the pacing of the host's wall clock to it; it also keeps the
// banks' bandwidth accounting that HLS kernel runs share with DMA.
//
// Model (docs/timing.md): a transfer takes one of the platform's DMA
// channels for its direction at card time max(now, that channel's next free
// moment) and lasts latency + bytes / rate, where rate is the direction's
// bandwidth shared by the transfers of that direction in flight then, capped
// by the bank's bandwidth shared by the transfers on that bank then.  Card
// time counts from the card's profile epoch and never runs behind the wall
// clock: an idle card's time is the host's time.  After the copy, finish()
// holds the caller until the wall clock reaches the transfer's end (the
// emulator was faster than the card), or notes that the emulator was slower.
// Any host thread; one mutex.
#pragma once

#include "xrtemu/emu/card.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

namespace xrtemu::emu {

class dma_engine
{
public:
  dma_engine(const platform_desc& p, std::chrono::steady_clock::time_point epoch);

  // Card-time duration of a transfer of `bytes` alone on an idle card
  // (latency + bytes / min(direction, bank) bandwidth); bank -1: no bank limit.
  uint64_t alone_ns(bool to_card, int bank, uint64_t bytes) const;
  // Books a transfer starting now; call finish() after the copy.
  dma_window begin(bool to_card, int bank, uint64_t bytes);
  // Paces the caller to w.end_ns, or records the lag (message once).
  void finish(const dma_window& w);

  // A card-side copy (xclCopyBO, the copy engine): it starts now, takes no
  // host link or DMA channel, and lasts latency + the longer of its read on
  // src_bank and its write on dst_bank, each bank's bandwidth shared with
  // what moves on it then (one bank: read and write both on it).  Booked on
  // the banks; call finish() after the copy.  Banks -1: no limit.
  dma_window book_copy(int dst_bank, int src_bank, uint64_t bytes);

  // Timed mode, an HLS kernel run (kernel_time.h): it starts at card time
  // start_ns and computes for compute_ns; per bank it moves bytes at the
  // bank's bandwidth shared with the transfers and runs on that bank at its
  // start.  Returns its duration, max(compute_ns, each bank's bytes / share),
  // and books it on those banks until then, so later DMA and runs share
  // with it.  bank_bytes: (bank index, bytes); banks without a figure are
  // no limit.
  uint64_t book_run(uint64_t start_ns, uint64_t compute_ns, const std::vector<std::pair<int, uint64_t>>& bank_bytes);

  dma_stats stats() const;
  uint64_t now_ns() const;

private:
  double rate_bytes_per_ns(bool to_card, int bank) const;
  // Under m_mutex: forgets the bookings over by `now`.
  void drop_finished(uint64_t now);
  // Under m_mutex: how long moving bank_bytes from start_ns takes, each bank
  // at its bandwidth shared with what moves on it then, at least floor_ns,
  // plus extra_ns; books that span on those banks (no channel, no link).
  uint64_t share_banks(uint64_t start_ns, uint64_t floor_ns, uint64_t extra_ns,
                       const std::vector<std::pair<int, uint64_t>>& bank_bytes);

  // A host transfer, or a kernel run's traffic on one bank (run: takes no
  // DMA channel and no link share).
  struct booking { uint64_t start_ns, end_ns; int bank; bool to_card; bool run = false; };

  const platform_desc& m_platform;
  std::chrono::steady_clock::time_point m_epoch;
  uint64_t m_latency_ns;
  mutable std::mutex m_mutex;
  std::vector<uint64_t> m_free_at[2];   // per direction (0 c2h, 1 h2c): each channel's next free moment
  std::vector<booking> m_active;        // transfers not yet over, for sharing
  dma_stats m_stats;
  bool m_told = false;
};

} // namespace xrtemu::emu
