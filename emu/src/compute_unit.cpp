#include "compute_unit.h"
#include "bus_word.h"

#include <algorithm>
#include <cstring>

namespace xrtemu::emu {

compute_unit::compute_unit(sc_core::sc_module_name name, uint32_t range, cu_context ctx, int index)
  : sc_module(name), mem("mem"), ctrl("ctrl", range), m_ctx(std::move(ctx)), m_index(index)
{
  SC_HAS_PROCESS(compute_unit);
  SC_THREAD(intake);
  SC_THREAD(execute);
  SC_METHOD(on_reset_written);
  sensitive << ctrl.reset_written;
  dont_initialize();
}

compute_unit::~compute_unit()
{
  stop_worker();
}

void compute_unit::stop_worker()
{
  stop_live();
  if (m_free_stop)
    m_free_stop->store(true);
  if (m_free_args)
    m_free_args->revoked = true;
  for (auto l : m_links)
    l->cancel();
  m_worker.stop();
}

uint64_t compute_unit::link_epochs() const
{
  uint64_t sum = 0;
  for (auto l : m_links)
    sum += l->epoch();
  return sum;
}

void compute_unit::bind(const cu_desc* desc, std::vector<stream_wire> wires)
{
  stop_live();
  stop_free_running();
  drop_runs();
  m_desc = desc;
  m_wires = std::move(wires);
  m_links.clear();
  for (auto& w : m_wires)
    if (w.link && std::find(m_links.begin(), m_links.end(), w.link) == m_links.end())
      m_links.push_back(w.link);
  m_runs = 0;
  m_fast_streak = 0;
  m_streamless = desc && std::none_of(desc->args.begin(), desc->args.end(),
                                      [](auto& a) { return a.kind == XRTEMU_ARG_STREAM; });
  m_cancel_reason.clear();
  ctrl.reset();
  ctrl.set_protocol(desc ? desc->control : XRTEMU_CTRL_HS);
  m_reset_ev.notify(sc_core::SC_ZERO_TIME);
  if (desc && desc->live)
    start_live();
  else if (desc && desc->control == XRTEMU_CTRL_NONE)
    start_free_running();
}

void compute_unit::start_live()
{
  // The banks as DMI windows, once: the instance resolves addresses on its
  // own thread and must not call into SystemC.
  if (m_bank_windows.empty())
    for (auto& b : m_ctx.platform->banks) {
      tlm::tlm_generic_payload gp;
      gp.set_address(b.base);
      gp.set_command(tlm::TLM_READ_COMMAND);
      tlm::tlm_dmi dmi;
      if (mem->get_direct_mem_ptr(gp, dmi) && dmi.get_start_address() == b.base)
        m_bank_windows.push_back({b.base, dmi.get_end_address() - b.base + 1, dmi.get_dmi_ptr(), 1});
    }
  m_live_ends.clear();
  std::vector<const xrtemu_stream_port*> ends(m_desc->args.size(), nullptr);
  for (size_t i = 0; i < m_desc->args.size(); ++i) {
    if (m_desc->args[i].kind != XRTEMU_ARG_STREAM)
      continue;
    if (i < m_wires.size() && m_wires[i].link)
      ends[i] = &m_live_ends.emplace_back(m_wires[i].link, m_wires[i].producer, &m_live_revoked).port;
    else
      ends[i] = unconnected_port(m_desc->name + "." + m_desc->args[i].name);
  }
  live_cu_context lc{m_ctx.post, m_bank_windows, m_ctx.host_window, m_ctx.act, m_ctx.report,
                     {m_ctx.clock_mhz[0], m_ctx.clock_mhz[1]}};
  if (auto* mc = m_ctx.checker)
    lc.describe = [mc](uint64_t addr, uint64_t len) { return mc->describe_address(addr, len); };
  try {
    m_live = std::make_unique<live_cu>(*m_desc, std::move(ends), std::move(lc), ctrl, poll_hint);
    ctrl.set_remote(m_live.get());
  }
  catch (const std::exception& e) {
    // The CU stays unbound from its module: commands on it fail.
    if (m_ctx.report)
      m_ctx.report(e.what());
  }
}

void compute_unit::stop_live()
{
  // Detach first: nothing may reach the instance while it is torn down.
  ctrl.set_remote(nullptr);
  m_live.reset();   // joins its thread
}

void compute_unit::live_started()
{
  ++m_in_flight;
  m_ctx.act->controlled++;
  m_ctx.act->moved();
  m_ctx.log->add(profile_event::cu_start, m_index, 0);
}

void compute_unit::live_finished()
{
  if (m_in_flight) {
    --m_in_flight;
    m_ctx.act->controlled--;
  }
  ++m_runs;
  m_ctx.act->moved();
  m_ctx.log->add(profile_event::cu_done, m_index, 0);
}

std::string compute_unit::take_result()
{
  if (m_live)
    return m_live->take_errors();   // each message names the CU already
  if (m_results.empty())
    return "";
  auto r = std::move(m_results.front());
  m_results.pop_front();
  return r;
}

bool compute_unit::marshal(run& r)
{
  auto& d = *m_desc;
  r.store.assign(d.args.size(), {});
  // One more entry than arguments: the run info of ABI 2 (kernel_model.h).
  r.argv.assign(d.args.size() + 1, nullptr);
  r.info.size = sizeof r.info;
  r.info.cu_name = d.name.c_str();
  r.info.run = m_runs.load();
  r.info.ctx = &r.revoked;
  r.info.cancelled = [](void* ctx) { return static_cast<std::atomic<bool>*>(ctx)->load() ? 1 : 0; };
  r.argv[d.args.size()] = &r.info;
  // The words written so far, not the whole 64 KiB window: copying that
  // cost more than an empty run.
  r.regs.assign(ctrl.arg_words().begin(), ctrl.arg_words().begin() + ctrl.args_used());
  r.info.regs = r.regs.data();
  r.info.num_regs = static_cast<uint32_t>(r.regs.size());
  for (size_t i = 0; i < d.args.size(); ++i) {
    auto& a = d.args[i];
    auto& s = r.store[i];
    if (a.kind == XRTEMU_ARG_STREAM) {
      if (i < m_wires.size() && m_wires[i].link)
        r.argv[i] = &r.ends.emplace_back(m_wires[i].link, m_wires[i].producer, &r.revoked).port;
      else
        r.argv[i] = const_cast<xrtemu_stream_port*>(unconnected_port(d.name + "." + a.name));
      continue;
    }
    if (a.kind == XRTEMU_ARG_GLOBAL) {
      uint64_t addr = uint64_t(ctrl.arg_word(a.offset)) | (uint64_t(ctrl.arg_word(a.offset + 4)) << 32);
      tlm::tlm_generic_payload gp;
      gp.set_address(addr);
      gp.set_command(tlm::TLM_READ_COMMAND);
      tlm::tlm_dmi dmi;
      if (!mem->get_direct_mem_ptr(gp, dmi)) {
        r.error = "CU " + d.name + " argument '" + a.name + "': address " + hex(addr) +
                  " is not in any memory bank (AXI DECERR)";
        return false;
      }
      // Connectivity: a port reaches only the banks the xclbin wired it to.
      // Host windows (host-only buffers) are reachable from every port.
      uint64_t start = dmi.get_start_address();
      const bank_desc* bank = m_ctx.platform->bank_at(start);
      if (bank && bank->base != start)
        bank = nullptr;   // a host window, not the bank's own DMI range
      if (bank && !a.allowed.empty() &&
          std::find(a.allowed.begin(), a.allowed.end(), start) == a.allowed.end()) {
        r.error = "CU " + d.name + " argument '" + a.name + "': buffer at " + hex(addr) + " is in " +
                  bank->tag + ", which this port is not connected to (AXI DECERR)";
        return false;
      }
      void* host = dmi.get_dmi_ptr() + (addr - dmi.get_start_address());
      // ABI 2's struct starts with the host pointer, which is all ABI 1 reads.
      xrtemu_global g{host, addr, dmi.get_dmi_ptr(), start, dmi.get_end_address() - start + 1};
      s.resize(sizeof g);
      std::memcpy(s.data(), &g, sizeof g);
    }
    else {
      uint32_t words = (a.size + 3) / 4;
      s.assign(std::max<size_t>(words * 4, 8), 0);
      for (uint32_t w = 0; w < words; ++w) {
        uint32_t v = ctrl.arg_word(a.offset + 4 * w);
        std::memcpy(s.data() + 4 * w, &v, 4);
      }
    }
    r.argv[i] = s.data();
  }
  // Memory checker: the body gets views of its buffers (memory_checker.h).
  if (m_ctx.checker && !m_live && (d.memcheck || (m_ctx.opts && m_ctx.opts->memcheck))) {
    try {
      r.checked = m_ctx.checker->prepare(d, r.store);
    }
    catch (const std::exception& e) {
      r.error = "CU " + d.name + ": " + e.what();
      return false;
    }
  }
  return true;
}

void compute_unit::intake()
{
  for (;;) {
    while (!m_desc || protocol() == XRTEMU_CTRL_NONE || !ctrl.start_pending() || ctrl.reset_pending() ||
           m_in_flight >= capacity())
      sc_core::wait(ctrl.start_written | m_slot_freed | m_reset_ev);
    ctrl.accept_start();
    ++m_in_flight;
    m_ctx.act->controlled++;
    m_ctx.act->moved();
    m_ctx.log->add(profile_event::cu_start, m_index, 0);
    auto r = std::make_shared<run>();
    marshal(*r);
    m_accepted.push_back(std::move(r));
    m_accepted_ev.notify(sc_core::SC_ZERO_TIME);
  }
}

void compute_unit::run_body(run& r, const xrtemu_kernel* model, activity* act, memory_checker* checker)
{
  auto t0 = std::chrono::steady_clock::now();
  try {
    if (r.checked)
      r.fault = checker->execute(*r.checked, model->run, r.argv.data());
    else
      model->run(r.argv.data());
  }
  catch (const std::exception& e) {
    r.error = e.what();
    if (r.error.empty())
      r.error = "exception";
  }
  catch (...) {
    r.error = "unknown exception";
  }
  r.took = std::chrono::steady_clock::now() - t0;
  if (!r.released.exchange(true))
    act->active--;
  act->moved();
}

// A body may run on the simulation thread once the CU's last 8 bodies each
// took less than the limit: an empty or short kernel then costs no thread
// hand-off at all.  Only kernels without streams (nothing they can wait on
// needs the simulation thread); one that slows down goes back to the worker.
bool compute_unit::runs_inline() const
{
  return m_streamless && m_inline_limit.count() > 0 && m_fast_streak >= 8;
}

void compute_unit::note_duration(std::chrono::nanoseconds took)
{
  m_fast_streak = took < m_inline_limit ? m_fast_streak + 1 : 0;
}

void compute_unit::execute()
{
  for (;;) {
    while (m_accepted.empty())
      sc_core::wait(m_accepted_ev | m_reset_ev);
    auto r = std::move(m_accepted.front());
    m_accepted.pop_front();
    uint64_t gen = m_gen;
    if (r->error.empty()) {
      m_current = r;
      m_executing = true;
      m_ctx.act->active++;
      r->epochs = link_epochs();
      // A checked run stays on its worker, where the memory checker's
      // fault handler expects it.
      if (runs_inline() && !r->checked) {
        m_ctx.act->inline_since.store(std::chrono::steady_clock::now().time_since_epoch().count());
        m_ctx.act->inline_cu.store(m_index);
        run_body(*r, m_desc->model, m_ctx.act, m_ctx.checker);
        m_ctx.act->inline_cu.store(-1);
      }
      else {
        m_worker.run([this, r, gen, model = m_desc->model, act = m_ctx.act, post = m_ctx.post, mc = m_ctx.checker] {
          run_body(*r, model, act, mc);
          post([this, gen] {
            if (gen == m_gen)
              m_job_done.notify(sc_core::SC_ZERO_TIME);
          });
        });
        sc_core::wait(m_job_done | m_reset_ev);
        if (gen != m_gen)
          continue;   // reset dropped this run
      }
      note_duration(r->took);
      m_current.reset();
      m_executing = false;
      if (!r->error.empty()) {
        // A body unwound by a stream reset failed for the reset's reason.
        if (!m_cancel_reason.empty() && r->epochs != link_epochs())
          r->error = "CU " + m_desc->name + ": " + m_cancel_reason;
        else
          r->error = "CU " + m_desc->name + ": kernel " + m_desc->kernel + " threw: " + r->error;
      }
      else if (!r->fault.empty())
        r->error = r->fault;   // an access outside the run's buffers (memory checker)
    }
    // ap_ctrl_chain: the previous completion must be acknowledged first.
    while (ctrl.done_held() && gen == m_gen)
      sc_core::wait(ctrl.continue_written | m_reset_ev);
    if (gen != m_gen)
      continue;
    // Scalar outputs (HLS `int&`): the value the body left in the argument's
    // store becomes the output register, with its ap_vld.
    if (r->error.empty())
      for (size_t i = 0; i < m_desc->args.size(); ++i)
        if (m_desc->args[i].output)
          ctrl.write_output(m_desc->args[i].offset, r->store[i].data(), m_desc->args[i].size);
    m_results.push_back(std::move(r->error));
    --m_in_flight;
    m_ctx.act->controlled--;
    ++m_runs;
    m_ctx.log->add(profile_event::cu_done, m_index, 0);
    ctrl.finish(m_in_flight == 0);
    m_slot_freed.notify(sc_core::SC_ZERO_TIME);
  }
}

void compute_unit::on_reset_written()
{
  reset("ap_sw_reset was written");
}

void compute_unit::drop_runs()
{
  ++m_gen;   // signals from the dropped runs are stale from now on
  m_fast_streak = 0;
  if (m_in_flight)
    m_ctx.act->controlled -= m_in_flight;
  m_in_flight = 0;
  m_accepted.clear();
  m_results.clear();
  if (m_current) {
    // The body may be parked on a stream (its ends are revoked and the links
    // cancelled, so it unwinds) or in a loop that never ends; either way
    // this CU stops waiting for it.
    m_current->revoked = true;
    if (!m_current->released.exchange(true))
      m_ctx.act->active--;
    m_current.reset();
    m_worker.abandon();
  }
  m_executing = false;
}

void compute_unit::reset(const std::string& why)
{
  ++m_resets;
  drop_runs();
  // A live module is reset by building it anew (out of reset, registers
  // cleared, fresh stream ends); a free-running body is stopped and restarted.
  bool live = m_live != nullptr;
  bool free_running = !live && m_desc && m_desc->control == XRTEMU_CTRL_NONE;
  if (live)
    stop_live();
  if (free_running)
    stop_free_running();
  for (auto l : m_links)
    l->cancel();
  m_cancel_reason.clear();
  ctrl.reset_done();
  m_ctx.log->add(profile_event::cu_reset, m_index, 0);
  if (m_ctx.report && m_desc)
    m_ctx.report("CU " + m_desc->name + " reset: " + why);
  m_reset_ev.notify(sc_core::SC_ZERO_TIME);
  m_slot_freed.notify(sc_core::SC_ZERO_TIME);
  was_reset.notify(sc_core::SC_ZERO_TIME);
  if (live)
    start_live();
  if (free_running)
    start_free_running();
}

void compute_unit::start_free_running()
{
  auto r = std::make_shared<run>();
  if (!marshal(*r)) {
    if (m_ctx.report)
      m_ctx.report(r->error);
    return;
  }
  auto stop = std::make_shared<std::atomic<bool>>(false);
  m_free_stop = stop;
  m_free_args = r;
  bool has_streams = std::any_of(m_desc->args.begin(), m_desc->args.end(),
                                 [](auto& a) { return a.kind == XRTEMU_ARG_STREAM; });
  m_ctx.act->active++;
  m_executing = true;
  // The body handles one invocation; a free-running kernel is invoked again
  // and again.  A stream reset (epochs moved) unwinds it and it starts over;
  // any other failure stops it and is reported.
  auto links = m_links;
  auto epochs = [links] {
    uint64_t sum = 0;
    for (auto l : links)
      sum += l->epoch();
    return sum;
  };
  m_worker.run([r, stop, has_streams, epochs, model = m_desc->model, act = m_ctx.act, post = m_ctx.post,
                report = m_ctx.report, name = m_desc->name] {
    do {
      uint64_t before = epochs();
      try {
        model->run(r->argv.data());
      }
      catch (const std::exception& e) {
        if (stop->load())
          break;
        if (epochs() != before)
          continue;
        std::string msg = "free-running CU " + name + " stopped: " + e.what();
        post([report, msg] { if (report) report(msg); });
        break;
      }
      catch (...) {
        if (stop->load() || epochs() != before)
          continue;
        break;
      }
      act->moved();
    } while (has_streams && !stop->load());
    if (!r->released.exchange(true))
      act->active--;
  });
}

void compute_unit::stop_free_running()
{
  if (!m_free_stop)
    return;
  m_free_stop->store(true);
  if (m_free_args)
    m_free_args->revoked = true;
  for (auto l : m_links)
    l->cancel();
  if (m_free_args && !m_free_args->released.exchange(true))
    m_ctx.act->active--;
  m_free_stop.reset();
  m_free_args.reset();
  m_executing = false;
  m_worker.abandon();
}

} // namespace xrtemu::emu
