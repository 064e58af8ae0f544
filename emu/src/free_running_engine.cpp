// free_running_engine: an ap_ctrl_none body invoked again and again (see
// the header).
#include "free_running_engine.h"

#include <algorithm>

namespace xrtemu::emu {

void free_running_engine::start()
{
  auto& desc = *m_slot.desc;
  auto r = std::make_shared<cu_run>();
  if (!r->marshal(m_slot)) {
    m_slot.report(r->error);
    return;
  }
  auto stop = std::make_shared<std::atomic<bool>>(false);
  m_stop = stop;
  m_args = r;
  bool has_streams = std::any_of(desc.args.begin(), desc.args.end(),
                                 [](auto& a) { return a.kind == XRTEMU_ARG_STREAM; });
  m_slot.ctx.act->active++;
  m_slot.executing = true;
  // The body handles one invocation; a free-running kernel is invoked again
  // and again.  A stream reset (epochs moved) unwinds it and it starts over.
  auto links = m_slot.links;
  auto epochs = [links] {
    uint64_t sum = 0;
    for (auto l : links)
      sum += l->epoch();
    return sum;
  };
  m_slot.worker.run([r, stop, has_streams, epochs, model = desc.model, act = m_slot.ctx.act, post = m_slot.ctx.post,
                     report = m_slot.ctx.report, name = desc.name] {
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
    r->release(act);
  });
}

void free_running_engine::signal_stop()
{
  if (m_stop)
    m_stop->store(true);
  if (m_args)
    m_args->revoked = true;
}

void free_running_engine::stop()
{
  if (!m_stop)
    return;
  signal_stop();
  m_slot.cancel_links();
  if (m_args)
    m_args->release(m_slot.ctx.act);
  m_stop.reset();
  m_args.reset();
  m_slot.executing = false;
  m_slot.worker.abandon();
}

} // namespace xrtemu::emu
