// The card's side of a live kernel instance (an RTL CU, kernel_model.h's
// xrtemu_live): creates it when the CU is bound, hands it the CU's control
// range (control_block forwards every access here), its stream link ends and
// a view of card memory, and turns its callbacks, which come from the
// instance's own thread, into simulation-thread work: the interrupt line,
// "look at my status now" for pollers, AXI errors for the next completion,
// and the activity counters the deadlock watchdog reads.
#pragma once

#include "activity.h"
#include "control_block.h"
#include "stream_link.h"
#include "xrtemu/emu/card.h"

#include <systemc>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace xrtemu::emu {

struct live_cu_context
{
  std::function<void(std::function<void()>)> post;               // run on the simulation thread
  std::vector<xrtemu_window> banks;                              // DMI windows of the card's banks
  std::function<void*(uint64_t addr, uint64_t len)> host_window; // host-only buffers (any thread)
  activity* act = nullptr;
  std::function<void(const std::string&)> report;                // card log; simulation thread
  double clock_mhz[2] = {0, 0};                                  // ap_clk, ap_clk_2; 0: unknown
  // Which buffer a missed address is in or near, for DECERR messages (any thread).
  std::function<std::string(uint64_t addr, uint64_t len)> describe;
};

class live_cu : public control_block::register_target
{
public:
  // ends: one per argument, the link end of a connected stream argument.
  // Throws emu::error when the model cannot create the instance.
  live_cu(const cu_desc& desc, std::vector<const xrtemu_stream_port*> ends, live_cu_context ctx,
          control_block& ctrl, sc_core::sc_event* poll_hint);
  ~live_cu() override;   // stops the instance (its thread is joined)

  uint32_t read(uint32_t offset, uint32_t& resp) override;
  void write(uint32_t offset, uint32_t value) override;

  bool has_interrupt() const { return m_desc.live->has_interrupt != 0; }
  // AXI errors reported since the last call, "" when none.  Simulation thread.
  std::string take_errors();
  // The ap_clk cycles of the run the module reported finished last, if it
  // reported one since the last call (timed mode).  Simulation thread.
  bool take_run_cycles(uint64_t& cycles);

private:
  struct shared;   // what late posts from the instance's thread may touch
  static int resolve(void* ctx, uint32_t arg, uint64_t addr, uint64_t len, xrtemu_window* out);
  static void interrupt(void* ctx, int level);
  static void state(void* ctx, int s);
  static void poll(void* ctx);
  static void report(void* ctx, const char* msg);
  static void run_done(void* ctx, uint64_t cycles);
  void missed(uint64_t addr, uint64_t len);
  static void state_counts(activity* act, int state, int sign);

  const cu_desc& m_desc;
  live_cu_context m_ctx;
  std::vector<const xrtemu_stream_port*> m_ends;
  std::shared_ptr<shared> m_shared;
  xrtemu_live_env m_env{};
  void* m_instance = nullptr;
  // run_done: written on the instance's thread before the access that
  // finished the run completes, read on the simulation thread after it.
  std::atomic<uint64_t> m_run_cycles{0}, m_runs_done{0};
  uint64_t m_runs_taken = 0;
  // Addresses resolve() refused lately ("0x..." as the bridges write them)
  // and which buffer they are in or near (errors_mutex).
  std::deque<std::pair<std::string, std::string>> m_misses;
};

} // namespace xrtemu::emu
