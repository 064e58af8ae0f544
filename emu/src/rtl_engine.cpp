// rtl_engine: building and tearing down a CU's live kernel instance (see the
// header).
#include "rtl_engine.h"

namespace xrtemu::emu {

void rtl_engine::start()
{
  auto& desc = *m_slot.desc;
  // The banks as DMI windows, once: the instance resolves addresses on its
  // own thread and must not call into SystemC.
  if (m_bank_windows.empty())
    for (auto& b : m_slot.ctx.platform->banks) {
      tlm::tlm_generic_payload gp;
      gp.set_address(b.base);
      gp.set_command(tlm::TLM_READ_COMMAND);
      tlm::tlm_dmi dmi;
      if (m_slot.mem->get_direct_mem_ptr(gp, dmi) && dmi.get_start_address() == b.base)
        m_bank_windows.push_back({b.base, dmi.get_end_address() - b.base + 1, dmi.get_dmi_ptr(), 1});
    }
  m_ends.clear();
  std::vector<const xrtemu_stream_port*> ends(desc.args.size(), nullptr);
  for (size_t i = 0; i < desc.args.size(); ++i) {
    if (desc.args[i].kind != XRTEMU_ARG_STREAM)
      continue;
    stream_wire w = i < m_slot.wires.size() ? m_slot.wires[i] : stream_wire{};
    if (w.link)
      ends[i] = &m_ends.emplace_back(w.link, w.producer, &m_revoked).port;
    else
      ends[i] = unconnected_port(desc.name + "." + desc.args[i].name);
  }
  auto& ctx = m_slot.ctx;
  live_cu_context lc{ctx.post, m_bank_windows, ctx.host_window, ctx.act, ctx.report,
                     {ctx.clock_mhz[0], ctx.clock_mhz[1]}};
  if (auto* mc = ctx.checker)
    lc.describe = [mc](uint64_t addr, uint64_t len) { return mc->describe_address(addr, len); };
  try {
    m_live = std::make_unique<live_cu>(desc, std::move(ends), std::move(lc), m_slot.ctrl, m_slot.poll_hint);
    m_slot.ctrl.set_remote(m_live.get());
  }
  catch (const std::exception& e) {
    m_slot.report(e.what());
  }
}

void rtl_engine::started()
{
  m_slot.count_start();   // first: the profile's start is then no later than ours
  m_starts.push_back(std::chrono::steady_clock::now());
}

void rtl_engine::finished()
{
  auto start = m_starts.empty() ? std::chrono::steady_clock::now() : m_starts.front();
  if (!m_starts.empty())
    m_starts.pop_front();
  uint64_t cycles = 0;
  m_last_known = m_live && m_slot.desc->control != XRTEMU_CTRL_CHAIN && m_live->take_run_cycles(cycles);
  if (!m_last_known) {
    m_slot.count_done();
    return;
  }
  // The live module's ap_clk: the platform's, else its own default.
  double mhz = m_slot.ctx.clock_mhz[0] > 0 ? m_slot.ctx.clock_mhz[0] : 300.0;
  m_last_end = start + std::chrono::nanoseconds(static_cast<int64_t>(static_cast<double>(cycles) * 1000.0 / mhz + 0.5));
  m_slot.count_done(cycles, mhz);
}

void rtl_engine::stop()
{
  // Detach first: nothing may reach the instance while it is torn down.
  m_slot.ctrl.set_remote(nullptr);
  m_live.reset();
  m_starts.clear();
  m_last_known = false;
}

} // namespace xrtemu::emu
