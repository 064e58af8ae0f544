// per_run_engine: one kernel body call per ap_start (see the header).
#include "per_run_engine.h"
#include "kernel_time.h"

#include <algorithm>
#include <cmath>

namespace xrtemu::emu {

per_run_engine::per_run_engine(sc_core::sc_module_name name, cu_slot& slot) : sc_module(name), m_slot(slot)
{
  // What the threads wait on, built once (an `a | b` expression allocates
  // a list per wait, several times per run).
  m_wake_intake |= m_slot.ctrl.start_written;
  m_wake_intake |= m_slot_freed;
  m_wake_intake |= m_reset_ev;
  m_wake_accepted |= m_accepted_ev;
  m_wake_accepted |= m_reset_ev;
  m_wake_job |= m_job_done;
  m_wake_job |= m_reset_ev;
  m_wake_continue |= m_slot.ctrl.continue_written;
  m_wake_continue |= m_reset_ev;
  SC_HAS_PROCESS(per_run_engine);
  SC_THREAD(intake);
  SC_THREAD(execute);
}

unsigned per_run_engine::capacity() const
{
  return m_slot.desc && m_slot.desc->control == XRTEMU_CTRL_CHAIN ? 2 : 1;
}

void per_run_engine::bound(bool enabled)
{
  m_enabled = enabled;
  m_fast_streak = 0;
  auto* d = m_slot.desc;
  m_streamless = d && std::none_of(d->args.begin(), d->args.end(),
                                   [](auto& a) { return a.kind == XRTEMU_ARG_STREAM; });
  m_self_restart = d && d->counted_auto_restart;
  m_bufferless = d && std::none_of(d->args.begin(), d->args.end(),
                                   [](auto& a) { return a.kind == XRTEMU_ARG_GLOBAL; });
  m_reset_ev.notify(sc_core::SC_ZERO_TIME);
}

std::string per_run_engine::take_result()
{
  if (m_results.empty())
    return "";
  auto r = std::move(m_results.front());
  m_results.pop_front();
  return r;
}

void per_run_engine::intake()
{
  auto& ctrl = m_slot.ctrl;
  for (;;) {
    while (!m_enabled || !ctrl.start_pending() || ctrl.reset_pending() || m_slot.in_flight >= capacity())
      sc_core::wait(m_wake_intake);
    ctrl.accept_start();
    m_slot.count_start();
    auto r = m_spare ? std::move(m_spare) : std::make_shared<cu_run>();
    m_spare.reset();
    r->marshal(m_slot);
    m_accepted.push_back(std::move(r));
    m_accepted_ev.notify(sc_core::SC_ZERO_TIME);
  }
}

// A body may run on the simulation thread once the CU's last 8 bodies each
// took less than the limit: an empty or short kernel then costs no thread
// hand-off at all.  Only kernels without streams (nothing they can wait on
// needs the simulation thread); one that slows down goes back to the worker.
bool per_run_engine::runs_inline() const
{
  return m_streamless && m_inline_limit.count() > 0 && (m_fast_streak >= 8 || m_self_restart);
}

void per_run_engine::note_duration(std::chrono::nanoseconds took)
{
  m_fast_streak = took < m_inline_limit ? m_fast_streak + 1 : 0;
}

void per_run_engine::execute()
{
  auto& ctrl = m_slot.ctrl;
  auto* act = m_slot.ctx.act;
  for (;;) {
    while (m_accepted.empty())
      sc_core::wait(m_wake_accepted);
    auto r = std::move(m_accepted.front());
    m_accepted.pop_front();
    uint64_t gen = m_gen;
    auto& desc = *m_slot.desc;
    run_time timed;
    bool estimated = false;
    if (r->error.empty()) {
      m_current = r;
      m_slot.executing = true;
      act->active++;
      r->epochs = m_slot.link_epochs();
      // A checked run stays on its worker, where the memory checker's
      // fault handler expects it (without buffers there is nothing to check).
      if (runs_inline() && (!r->checked || m_bufferless)) {
        act->inline_since.store(std::chrono::steady_clock::now().time_since_epoch().count());
        act->inline_cu.store(m_slot.index);
        r->execute(desc.model, act, m_slot.ctx.checker);
        act->inline_cu.store(-1);
      }
      else {
        m_slot.worker.run([this, r, gen, model = desc.model, act, post = m_slot.ctx.post, mc = m_slot.ctx.checker] {
          r->execute(model, act, mc);
          post([this, gen] {
            if (gen == m_gen)
              m_job_done.notify(sc_core::SC_ZERO_TIME);
          });
        });
        sc_core::wait(m_wake_job);
        if (gen != m_gen)
          continue;   // a reset dropped this run
      }
      note_duration(r->took);
      m_current.reset();
      m_slot.executing = false;
      if (!r->error.empty()) {
        // A body unwound by a stream reset failed for the reset's reason.
        if (!m_slot.cancel_reason.empty() && r->epochs != m_slot.link_epochs())
          r->error = "CU " + desc.name + ": " + m_slot.cancel_reason;
        else
          r->error = "CU " + desc.name + ": kernel " + desc.kernel + " threw: " + r->error;
      }
      else if (!r->fault.empty())
        r->error = r->fault;   // an access outside the run's buffers (memory checker)
      // Timed mode: the run lasts its estimated card time (kernel_time.h);
      // when the host was faster, ap_done waits for it.
      if (r->error.empty() && estimate_run_time(m_slot, *r, timed)) {
        estimated = true;
        auto end = r->started + std::chrono::nanoseconds(static_cast<int64_t>(std::ceil(timed.card_ns)));
        if (std::chrono::steady_clock::now() < end && m_slot.ctx.at) {
          m_slot.ctx.at(end, [this, gen] {
            if (gen == m_gen)
              m_job_done.notify(sc_core::SC_ZERO_TIME);
          });
          // Counted as running meanwhile: a CU waiting for its card time
          // is not stuck (the deadlock watchdog).
          act->active++;
          sc_core::wait(m_wake_job);
          act->active--;
          act->moved();
          if (gen != m_gen)
            continue;   // a reset dropped this run
        }
      }
    }
    // ap_ctrl_chain: the previous completion must be acknowledged first.
    while (ctrl.done_held() && gen == m_gen)
      sc_core::wait(m_wake_continue);
    if (gen != m_gen)
      continue;
    // Scalar outputs (HLS `int&`): the value the body left in the argument's
    // store becomes the output register, with its ap_vld.
    if (r->error.empty())
      for (size_t i = 0; i < desc.args.size(); ++i)
        if (desc.args[i].output)
          ctrl.write_output(desc.args[i].offset, r->store[i].data(), desc.args[i].size);
    if (estimated)
      m_slot.count_done(timed.cycles, timed.clock_mhz, timed.card_ns, true);
    else
      m_slot.count_done();
    // No done (and no result) when the counted auto-restart runs it again.
    // The next run starts from the host task queue, so the host's register
    // accesses (the mailbox) come between runs instead of starving.
    if (ctrl.finish(m_slot.in_flight == 0, r->error.empty()))
      m_results.push_back(std::move(r->error));
    else
      m_slot.ctx.post([this, gen] {
        if (gen == m_gen)
          m_slot.ctrl.restart();
      });
    m_slot_freed.notify(sc_core::SC_ZERO_TIME);
    // Kept for the next start unless another thread still holds it (a
    // worker's job that has not been destroyed yet).
    if (r.use_count() == 1) {
      r->clear_for_reuse();
      m_spare = std::move(r);
    }
  }
}

void per_run_engine::drop_runs()
{
  ++m_gen;   // signals from the dropped runs are stale from now on
  m_fast_streak = 0;
  m_accepted.clear();
  m_results.clear();
  if (m_current) {
    // The body may be parked on a stream (its ends are revoked and the links
    // cancelled, so it unwinds) or in a loop that never ends; either way
    // this CU stops waiting for it.
    m_current->revoked = true;
    m_current->release(m_slot.ctx.act);
    m_current.reset();
    m_slot.worker.abandon();
  }
  m_reset_ev.notify(sc_core::SC_ZERO_TIME);
  m_slot_freed.notify(sc_core::SC_ZERO_TIME);
}

} // namespace xrtemu::emu
