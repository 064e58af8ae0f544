// One run of a C++ kernel body (HLS C++, OpenCL C, a C model): the inputs
// read off the CU's argument registers when it took ap_start (scalars by
// value, buffers as host pointers through DMI, checked against the port's
// connectivity; stream ends), and the outcome.  Used by per_run_engine (one
// body call per ap_start) and free_running_engine (ap_ctrl_none).
#pragma once

#include "cu_slot.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace xrtemu::emu {

struct cu_run
{
  std::vector<std::vector<uint8_t>> store;
  std::vector<void*> argv;
  std::string error;
  std::atomic<bool> released{false};   // activity already uncounted
  std::atomic<bool> revoked{false};    // reset: its stream ends fail from now on
  std::deque<link_end> ends;           // stable addresses: argv points into it
  xrtemu_run_info info{};              // ABI 2: argv[num_args]
  std::vector<uint32_t> regs;          // argument registers at start (info.regs)
  uint64_t epochs = 0;                 // the slot's link epochs when the body started
  std::chrono::nanoseconds took{};     // how long the body ran (set by whoever ran it)
  std::shared_ptr<memory_checker::run> checked;   // a checked run's views
  std::string fault;                   // the memory checker's verdict
  // Timed mode (kernel_time.h): when the CU took the run, the model's
  // estimate of its m_axi bytes per argument (info.est_bytes) and the bank
  // each argument's buffer is in (-1: none, a host window).
  std::chrono::steady_clock::time_point started;
  std::vector<uint64_t> est_bytes;
  std::vector<int> arg_bank;

  // Back to a fresh run's state, keeping the vectors' storage: an engine
  // reuses a finished run nobody else holds (several allocations a run).
  void clear_for_reuse();
  // Reads the inputs of the slot's bound kernel; false (and error set) when
  // a buffer address is outside the banks the port reaches (AXI DECERR).
  bool marshal(cu_slot& slot);
  // Runs the body (on whatever thread calls it) and records the outcome.
  void execute(const xrtemu_kernel* model, activity* act, memory_checker* checker);
  // Uncounts the body in the activity once, whoever gets here first.
  void release(activity* act)
  {
    if (!released.exchange(true))
      act->active--;
  }
};

} // namespace xrtemu::emu
