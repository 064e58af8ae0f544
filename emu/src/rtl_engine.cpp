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

void rtl_engine::stop()
{
  // Detach first: nothing may reach the instance while it is torn down.
  m_slot.ctrl.set_remote(nullptr);
  m_live.reset();
}

} // namespace xrtemu::emu
