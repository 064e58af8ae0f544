// What a CU slot's engines share: the card around the slot (cu_context), its
// control block and memory master, the kernel bound to it with its stream
// wiring, and the run counters the scheduler, the profile and the deadlock
// watchdog read.  compute_unit owns one; per_run_engine,
// free_running_engine and rtl_engine each work on it.
#pragma once

#include "activity.h"
#include "control_block.h"
#include "cu_worker.h"
#include "dma_engine.h"
#include "event_log.h"
#include "memory_checker.h"
#include "stream_link.h"
#include "xrtemu/emu/card.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace xrtemu::emu {

using poster = std::function<void(std::function<void()>)>;

// What a CU needs from the card around it.
struct cu_context
{
  poster post;                               // run a task on the simulation thread
  const platform_desc* platform;             // its banks, to tell a bank from a host window
  activity* act;
  event_log* log;
  std::function<void(const std::string&)> report;   // card log; simulation thread
  std::function<void*(uint64_t, uint64_t)> host_window;   // host-only buffers (RTL CUs' masters)
  double clock_mhz[2] = {0, 0};                          // ap_clk, ap_clk_2 (RTL CUs)
  memory_checker* checker = nullptr;                     // checked runs (memory_checker.h)
  const card_options* opts = nullptr;                    // opts->memcheck: check every run
  dma_engine* dma = nullptr;                             // timed mode: the banks' bandwidth accounting
  // Timed mode: run a task on the simulation thread at a host moment (the
  // end of an HLS run in card time).  Simulation thread.
  std::function<void(std::chrono::steady_clock::time_point, std::function<void()>)> at;
};

// Which link a stream argument is wired to, and which end it is.
struct stream_wire
{
  stream_link* link = nullptr;   // nullptr: not connected
  bool producer = false;
};

struct cu_slot
{
  using master = tlm::tlm_initiator_socket<>;

  cu_slot(cu_context c, int i, control_block& cb, master& m) : ctx(std::move(c)), index(i), ctrl(cb), mem(m) {}

  cu_context ctx;
  int index;
  control_block& ctrl;
  master& mem;                                   // the CU's AXI master view of memory (DMI)
  sc_core::sc_event* poll_hint = nullptr;        // the scheduler's "look at AP_CTRL" (RTL CUs)

  const cu_desc* desc = nullptr;
  std::vector<stream_wire> wires;                // one per argument
  std::vector<stream_link*> links;               // the distinct links among wires
  std::string cancel_reason;                     // why a body unwound by a stream reset failed

  std::atomic<uint32_t> in_flight{0};
  std::atomic<uint64_t> runs{0};
  std::atomic<bool> executing{false};            // a body is executing now (deadlock reports)
  cu_worker worker;                              // the host thread bodies run on

  // A run was taken / finished: the counters, the activity and the profile.
  void count_start()
  {
    ++in_flight;
    ctx.act->controlled++;
    ctx.act->moved();
    ctx.log->add(profile_event::cu_start, index, 0);
  }
  // cycles, clock_mhz: an RTL run's ap_clk cycles and ap_clk (0: unknown);
  // card_ns, estimate: an HLS run's estimated card time (kernel_time.h).
  void count_done(uint64_t cycles = 0, double clock_mhz = 0, double card_ns = 0, bool estimate = false)
  {
    if (in_flight) {
      --in_flight;
      ctx.act->controlled--;
    }
    ++runs;
    ctx.act->moved();
    ctx.log->add(profile_event::cu_done, index, 0, 0, "", cycles, clock_mhz, card_ns, estimate);
  }
  // Sum of the links' epochs: it moves when one of them was reset.
  uint64_t link_epochs() const
  {
    uint64_t sum = 0;
    for (auto l : links)
      sum += l->epoch();
    return sum;
  }
  void cancel_links()
  {
    for (auto l : links)
      l->cancel();
  }
  void report(const std::string& msg) const
  {
    if (ctx.report)
      ctx.report(msg);
  }
};

} // namespace xrtemu::emu
