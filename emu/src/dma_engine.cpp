// Timed host DMA: card time per transfer from the platform's DMA and bank
// figures, and the wall clock held back to it (see dma_engine.h).
#include "dma_engine.h"
#include "spin.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

namespace xrtemu::emu {

namespace {

uint64_t since(std::chrono::steady_clock::time_point epoch)
{
  return static_cast<uint64_t>(
    std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - epoch).count());
}

std::string human_bytes(uint64_t n)
{
  char buf[32];
  if (n >= (1u << 20))
    std::snprintf(buf, sizeof buf, "%.1f MiB", n / 1048576.0);
  else if (n >= 1024)
    std::snprintf(buf, sizeof buf, "%.1f KiB", n / 1024.0);
  else
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
  return buf;
}

} // namespace

dma_engine::dma_engine(const platform_desc& p, std::chrono::steady_clock::time_point epoch)
  : m_platform(p), m_epoch(epoch), m_latency_ns(static_cast<uint64_t>(std::llround(p.dma.latency_us * 1000.0)))
{
  for (auto& f : m_free_at)
    f.assign(std::max(1u, p.dma.channels), 0);
}

uint64_t dma_engine::now_ns() const { return since(m_epoch); }

double dma_engine::rate_bytes_per_ns(bool to_card, int bank) const
{
  // 1 GB/s is one byte per nanosecond.
  double link = to_card ? m_platform.dma.h2c_gbps : m_platform.dma.c2h_gbps;
  double b = bank >= 0 ? m_platform.bank_gbps_of(static_cast<unsigned>(bank)) : 0;
  return b > 0 ? std::min(link, b) : link;
}

uint64_t dma_engine::alone_ns(bool to_card, int bank, uint64_t bytes) const
{
  return m_latency_ns + static_cast<uint64_t>(std::llround(static_cast<double>(bytes) / rate_bytes_per_ns(to_card, bank)));
}

dma_window dma_engine::begin(bool to_card, int bank, uint64_t bytes)
{
  uint64_t now = now_ns();
  std::lock_guard<std::mutex> lk(m_mutex);
  auto& chans = m_free_at[to_card ? 1 : 0];
  auto ch = std::min_element(chans.begin(), chans.end());
  uint64_t start = std::max(now, *ch);
  // Who else is moving data at `start`: the direction's link and the bank
  // are shared evenly with them (the later arrival does not slow the
  // earlier ones down: an approximation, docs/timing.md).
  drop_finished(now);
  unsigned same_dir = 1, same_bank = 1;
  for (auto& b : m_active) {
    if (b.start_ns > start || b.end_ns <= start)
      continue;   // not moving data at `start`
    same_dir += !b.run && b.to_card == to_card;
    same_bank += bank >= 0 && b.bank == bank;
  }
  double link = (to_card ? m_platform.dma.h2c_gbps : m_platform.dma.c2h_gbps) / same_dir;
  double bank_bw = bank >= 0 ? m_platform.bank_gbps_of(static_cast<unsigned>(bank)) / same_bank : 0;
  double rate = bank_bw > 0 ? std::min(link, bank_bw) : link;
  dma_window w;
  w.start_ns = start;
  w.end_ns = start + m_latency_ns + static_cast<uint64_t>(std::llround(static_cast<double>(bytes) / rate));
  w.bytes = bytes;
  *ch = w.end_ns;
  m_active.push_back({w.start_ns, w.end_ns, bank, to_card});
  ++m_stats.transfers;
  return w;
}

void dma_engine::drop_finished(uint64_t now)
{
  m_active.erase(std::remove_if(m_active.begin(), m_active.end(), [&](const booking& b) { return b.end_ns <= now; }),
                 m_active.end());
}

uint64_t dma_engine::share_banks(uint64_t start_ns, uint64_t floor_ns, uint64_t extra_ns,
                                 const std::vector<std::pair<int, uint64_t>>& bank_bytes)
{
  uint64_t dur = floor_ns;
  for (auto& [bank, bytes] : bank_bytes) {
    double gbps = bank >= 0 ? m_platform.bank_gbps_of(static_cast<unsigned>(bank)) : 0;
    if (gbps <= 0 || !bytes)
      continue;
    unsigned sharers = 1;
    for (auto& b : m_active)
      sharers += b.bank == bank && b.start_ns <= start_ns && b.end_ns > start_ns;
    dur = std::max(dur, static_cast<uint64_t>(std::llround(static_cast<double>(bytes) * sharers / gbps)));
  }
  dur += extra_ns;
  for (auto& [bank, bytes] : bank_bytes)
    if (bank >= 0 && bytes)
      m_active.push_back({start_ns, start_ns + dur, bank, false, true});
  return dur;
}

dma_window dma_engine::book_copy(int dst_bank, int src_bank, uint64_t bytes)
{
  uint64_t now = now_ns();
  std::lock_guard<std::mutex> lk(m_mutex);
  drop_finished(now);
  // Bytes each bank moves: one bank carries both the read and the write.
  std::vector<std::pair<int, uint64_t>> per_bank{{src_bank, bytes}};
  if (dst_bank == src_bank)
    per_bank[0].second += bytes;
  else
    per_bank.push_back({dst_bank, bytes});
  dma_window w;
  w.start_ns = now;
  w.end_ns = now + share_banks(now, 0, m_latency_ns, per_bank);
  w.bytes = bytes;
  return w;
}

uint64_t dma_engine::book_run(uint64_t start_ns, uint64_t compute_ns,
                              const std::vector<std::pair<int, uint64_t>>& bank_bytes)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  drop_finished(now_ns());
  return share_banks(start_ns, compute_ns, 0, bank_bytes);
}

void dma_engine::finish(const dma_window& w)
{
  uint64_t now = now_ns();
  if (now < w.end_ns) {
    // Faster than the card: hold the caller until the card would be done.
    uint64_t wait = w.end_ns - now;
    wait_until_time(m_epoch + std::chrono::nanoseconds(w.end_ns));
    std::lock_guard<std::mutex> lk(m_mutex);
    m_stats.paced_ns += wait;
    return;
  }
  uint64_t lag = now - w.end_ns;
  std::lock_guard<std::mutex> lk(m_mutex);
  // A few microseconds of bookkeeping past the end is not worth a word.
  if (lag < 20000)
    return;
  ++m_stats.late;
  m_stats.lag_ns += lag;
  if (!m_told) {
    m_told = true;
    std::fprintf(stderr,
                 "[xrtemu] timed mode: this host copied a %s DMA in %.1f us, the card takes %.1f us; "
                 "wall clock runs behind card time (the profile has card time)\n",
                 human_bytes(w.bytes).c_str(), (now - w.start_ns) / 1000.0, (w.end_ns - w.start_ns) / 1000.0);
  }
}

dma_stats dma_engine::stats() const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  return m_stats;
}

} // namespace xrtemu::emu
