// The card time of an HLS C++ kernel run in timed mode (see kernel_time.h).
#include "kernel_time.h"

#include <cmath>
#include <map>

namespace xrtemu::emu {

bool estimate_run_time(cu_slot& slot, const cu_run& r, run_time& out)
{
  if (!r.info.est_known || !slot.desc || !slot.ctx.opts)
    return false;
  kernel_time_calibration cal;
  auto& table = slot.ctx.opts->kernel_time;
  if (auto it = table.find(slot.desc->kernel); it != table.end())
    cal = it->second;
  out.cycles = static_cast<uint64_t>(std::llround(static_cast<double>(r.info.est_cycles) * cal.scale)) +
               cal.extra_cycles + run_overhead_cycles;
  out.clock_mhz = slot.ctx.clock_mhz[0] > 0 ? slot.ctx.clock_mhz[0] : 300.0;
  double compute_ns = static_cast<double>(out.cycles) * 1000.0 / out.clock_mhz;
  out.card_ns = compute_ns;
  if (!slot.ctx.dma)
    return true;
  // The run's bytes per bank: arguments on one bank share it.
  std::map<int, uint64_t> per_bank;
  for (size_t i = 0; i < r.est_bytes.size() && i < r.arg_bank.size(); ++i)
    if (r.arg_bank[i] >= 0 && r.est_bytes[i])
      per_bank[r.arg_bank[i]] += r.est_bytes[i];
  std::vector<std::pair<int, uint64_t>> banks(per_bank.begin(), per_bank.end());
  auto start_ns = static_cast<uint64_t>(
    std::chrono::duration_cast<std::chrono::nanoseconds>(r.started - slot.ctx.log->epoch()).count());
  auto compute = static_cast<uint64_t>(std::llround(compute_ns));
  uint64_t dur = slot.ctx.dma->book_run(start_ns, compute, banks);
  if (dur > compute)
    out.card_ns = static_cast<double>(dur);   // a bank's bandwidth bounds the run
  return true;
}

} // namespace xrtemu::emu
