// compute_unit: a CU slot, its binding, reset, and the scheduler's view of it.
#include "compute_unit.h"

#include <algorithm>

namespace xrtemu::emu {

compute_unit::compute_unit(sc_core::sc_module_name name, uint32_t range, cu_context ctx, int index)
  : sc_module(name), mem("mem"), ctrl("ctrl", range), m_slot(std::move(ctx), index, ctrl, mem),
    m_per_run("runs", m_slot), m_free(m_slot), m_rtl(m_slot)
{
  SC_HAS_PROCESS(compute_unit);
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
  m_rtl.stop();
  m_free.signal_stop();
  m_slot.cancel_links();
  m_slot.worker.stop();
}

void compute_unit::start_engine()
{
  auto* d = m_slot.desc;
  if (d && d->live)
    m_rtl.start();
  else if (d && d->control == XRTEMU_CTRL_NONE)
    m_free.start();
  m_per_run.bound(d && !m_rtl.running() && d->control != XRTEMU_CTRL_NONE);
}

void compute_unit::stop_engines()
{
  m_rtl.stop();
  m_free.stop();
}

void compute_unit::bind(const cu_desc* desc, std::vector<stream_wire> wires)
{
  stop_engines();
  drop_runs();
  m_slot.desc = desc;
  m_slot.wires = std::move(wires);
  m_slot.links.clear();
  for (auto& w : m_slot.wires)
    if (w.link && std::find(m_slot.links.begin(), m_slot.links.end(), w.link) == m_slot.links.end())
      m_slot.links.push_back(w.link);
  m_slot.runs = 0;
  m_slot.cancel_reason.clear();
  ctrl.reset();
  ctrl.set_protocol(desc ? desc->control : XRTEMU_CTRL_HS);
  ctrl.set_extras(desc && !desc->live ? desc : nullptr);
  start_engine();
}

void compute_unit::command_started()
{
  if (m_rtl.running())
    m_rtl.started();   // a per-run CU counts the start when it takes the inputs
}

void compute_unit::command_finished()
{
  if (m_rtl.running())
    m_rtl.finished();
}

std::string compute_unit::take_result()
{
  if (m_rtl.running())
    return m_rtl.take_result();
  return m_per_run.take_result();
}

void compute_unit::drop_runs()
{
  m_per_run.drop_runs();
  if (m_slot.in_flight)
    m_slot.ctx.act->controlled -= m_slot.in_flight;
  m_slot.in_flight = 0;
  m_slot.executing = false;
}

void compute_unit::on_reset_written()
{
  reset("ap_sw_reset was written");
}

void compute_unit::reset(const std::string& why)
{
  ++m_resets;
  drop_runs();
  // An RTL instance is reset by building it anew (out of reset, registers
  // cleared, fresh stream ends); a free-running body is stopped and restarted.
  stop_engines();
  m_slot.cancel_links();
  m_slot.cancel_reason.clear();
  ctrl.reset_done();
  m_slot.ctx.log->add(profile_event::cu_reset, m_slot.index, 0);
  if (m_slot.desc)
    m_slot.report("CU " + m_slot.desc->name + " reset: " + why);
  m_was_reset.notify(sc_core::SC_ZERO_TIME);
  start_engine();
}

} // namespace xrtemu::emu
