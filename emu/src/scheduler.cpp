#include "scheduler.h"
#include "bus_word.h"
#include "ert_decoder.h"

#include <ert.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>

namespace xrtemu::emu {

namespace {

void set_state(uint32_t* packet, cmd_state s)
{
  // The host polls this word: publish with release ordering.
  auto word = reinterpret_cast<std::atomic<uint32_t>*>(packet);
  uint32_t h = word->load(std::memory_order_relaxed);
  word->store((h & ~0xfu) | static_cast<uint32_t>(s), std::memory_order_release);
}

} // namespace

scheduler::scheduler(sc_core::sc_module_name name, std::vector<cu_control_if*> cus, uint64_t cu_base,
                     uint64_t cu_stride, event_log* log)
  : sc_module(name), bus("bus"), m_events(log), m_cus(std::move(cus)), m_base(cu_base), m_stride(cu_stride),
    m_running(m_cus.size()), m_resets_seen(m_cus.size(), 0), m_start_out(m_cus.size(), false)
{
  for (auto cu : m_cus)
    cu->set_poll_hint(&m_poll_hint);
  SC_HAS_PROCESS(scheduler);
  SC_METHOD(gather_irq);
  for (auto cu : m_cus)
    sensitive << cu->interrupt_event() << cu->reset_event();
  sensitive << m_poll_hint;   // CUs without an interrupt line are polled
  dont_initialize();
  SC_METHOD(gather_status);
  for (auto cu : m_cus)
    sensitive << cu->status_event() << cu->reset_event();
  sensitive << m_poll_hint;
  dont_initialize();
  m_wake_irq |= m_arrived;
  m_wake_irq |= m_irq_any;
  m_wake_poll |= m_arrived;
  m_wake_poll |= m_status_any;
  SC_HAS_PROCESS(scheduler);
  SC_THREAD(thread);
}

void scheduler::gather_irq()
{
  m_irq_any.notify();
}

void scheduler::gather_status()
{
  if (m_polling)
    m_status_any.notify();
}

void scheduler::write(unsigned cu, uint32_t off, uint32_t v)
{
  bus_word(bus, m_gp, tlm::TLM_WRITE_COMMAND, m_base + m_stride * cu + off, v);
}

uint32_t scheduler::read(unsigned cu, uint32_t off)
{
  uint32_t v = 0;
  bus_word(bus, m_gp, tlm::TLM_READ_COMMAND, m_base + m_stride * cu + off, v);
  return v;
}

void scheduler::log(const std::string& msg)
{
  if (m_log)
    m_log(msg);
  else
    std::fprintf(stderr, "[xrtemu] %s\n", msg.c_str());
}

void scheduler::set_programmed(size_t n)
{
  m_programmed = n;
  m_scanned = n;
  for (size_t i = 0; i < m_cus.size(); ++i) {
    m_resets_seen[i] = m_cus[i]->resets();
    if (i >= n && !m_running[i].empty())
      m_scanned = i + 1;   // still running from the previous program: collect it
  }
}

void scheduler::set_polling(bool on)
{
  m_polling = on;
  m_arrived.notify(sc_core::SC_ZERO_TIME);   // re-wait on the other set of events
}

void scheduler::submit(uint32_t* packet, size_t bytes, std::function<void(cmd_state)> done)
{
  set_state(packet, cmd_state::queued);
  command c;
  c.packet = packet;
  c.words = bytes / 4;
  c.done = std::move(done);
  c.id = m_next_id++;
  m_events->add(profile_event::cmd_queued, -1, c.id);
  // The group of its CU masks (what dispatch() will read).
  // Compared in place; a vector is made only for a new group.
  const uint32_t* masks = packet + 1;
  size_t n = 0;
  uint32_t h = packet[0];
  uint32_t op = ert_opcode(h);
  if (op == ERT_START_CU || op == ERT_EXEC_WRITE || op == ERT_START_KEY_VAL) {
    // Only the words the buffer holds: decode_ert refuses the rest later.
    n = std::min<size_t>(1 + ert_extra_masks(h), ert_count(h));
    n = std::min<size_t>(n, c.words ? c.words - 1 : 0);
  }
  auto g = std::find_if(m_waiting_groups.begin(), m_waiting_groups.end(), [&](const waiting_group& w) {
    return w.masks.size() == n && std::equal(w.masks.begin(), w.masks.end(), masks);
  });
  if (g == m_waiting_groups.end()) {
    m_waiting_groups.push_back({std::vector<uint32_t>(masks, masks + n), {}});
    g = m_waiting_groups.end() - 1;
  }
  g->commands.push_back(std::move(c));
  ++m_waiting;
  m_arrived.notify(sc_core::SC_ZERO_TIME);
}

void scheduler::set_completion_latency(std::chrono::nanoseconds interrupt, std::chrono::nanoseconds polling,
                                       deferrer defer)
{
  m_latency_irq = interrupt;
  m_latency_poll = polling;
  m_defer = std::move(defer);
}

void scheduler::complete(command& c, cmd_state s, const std::string& why,
                         std::optional<std::chrono::steady_clock::time_point> run_end)
{
  if (!why.empty())
    log("command failed: " + why);
  auto done = std::move(c.done);
  auto packet = c.packet;
  c.packet = nullptr;
  if (m_defer && s == cmd_state::completed) {
    // Timed mode: the notice travels to the host (interrupt or polling).
    // It leaves once the run is over in card time (an RTL run whose
    // cycles / ap_clk outlast what the host took).
    auto delay = m_polling ? m_latency_poll : m_latency_irq;
    if (run_end) {
      auto ahead = *run_end - std::chrono::steady_clock::now();
      if (ahead.count() > 0)
        delay += std::chrono::duration_cast<std::chrono::nanoseconds>(ahead);
    }
    if (delay.count() > 0) {
      m_defer(delay, [this, packet, id = c.id, done] { finish(packet, id, cmd_state::completed, done); });
      return;
    }
  }
  finish(packet, c.id, s, done);
}

void scheduler::finish(uint32_t* packet, uint64_t id, cmd_state s, const std::function<void(cmd_state)>& done)
{
  set_state(packet, s);
  m_events->add(profile_event::cmd_done, -1, id, static_cast<uint32_t>(s), m_polling ? "polling" : "interrupt");
  // The callback belongs to the driver; a throw must not take the
  // simulation thread down with it.
  try {
    if (done)
      done(s);
  }
  catch (const std::exception& e) {
    log(std::string("command completion callback threw: ") + e.what());
  }
  catch (...) {
    log("command completion callback threw");
  }
}

void scheduler::abort_all(const std::string& why)
{
  // Oldest first, across the groups.
  for (;;) {
    waiting_group* oldest = nullptr;
    for (auto& g : m_waiting_groups)
      if (!g.commands.empty() && (!oldest || g.commands.front().id < oldest->commands.front().id))
        oldest = &g;
    if (!oldest)
      break;
    auto c = std::move(oldest->commands.front());
    oldest->commands.pop_front();
    --m_waiting;
    complete(c, cmd_state::abort, why);
  }
  m_waiting_groups.clear();
}

void scheduler::fail_cu(unsigned cu, cmd_state s, const std::string& why)
{
  auto running = std::move(m_running[cu]);
  m_running[cu].clear();
  bool first = true;
  for (auto& c : running) {
    complete(c, first ? s : cmd_state::error, why);
    first = false;
  }
}

void scheduler::abort(uint32_t* packet)
{
  for (auto& g : m_waiting_groups)
    for (auto it = g.commands.begin(); it != g.commands.end(); ++it)
      if (it->packet == packet) {
        auto c = std::move(*it);
        g.commands.erase(it);
        --m_waiting;
        complete(c, cmd_state::abort);
        return;
      }
  for (unsigned cu = 0; cu < m_running.size(); ++cu)
    for (size_t i = 0; i < m_running[cu].size(); ++i)
      if (m_running[cu][i].packet == packet) {
        // The aborted run goes first; a run started after it on the same
        // chain CU is lost with the reset.
        if (i)
          std::swap(m_running[cu][0], m_running[cu][i]);
        auto name = m_cus[cu]->desc() ? m_cus[cu]->desc()->name : std::string("?");
        m_cus[cu]->reset("a command running on it was aborted");
        m_resets_seen[cu] = m_cus[cu]->resets();
        auto running = std::move(m_running[cu]);
        m_running[cu].clear();
        complete(running.front(), cmd_state::abort);
        for (size_t k = 1; k < running.size(); ++k)
          complete(running[k], cmd_state::error, "CU " + name + " was reset by the abort of another command");
        m_arrived.notify(sc_core::SC_ZERO_TIME);
        return;
      }
}

void scheduler::expire(std::chrono::milliseconds limit)
{
  auto now = std::chrono::steady_clock::now();
  for (unsigned cu = 0; cu < m_running.size(); ++cu) {
    if (m_running[cu].empty() || now - m_running[cu].front().started < limit)
      continue;
    auto name = m_cus[cu]->desc() ? m_cus[cu]->desc()->name : std::string("?");
    auto why = "CU " + name + " did not finish within " + std::to_string(limit.count()) +
               " ms (cu_timeout_ms); the CU was reset";
    m_cus[cu]->reset("run timed out");
    m_resets_seen[cu] = m_cus[cu]->resets();
    fail_cu(cu, cmd_state::timeout, why);
  }
  m_arrived.notify(sc_core::SC_ZERO_TIME);
}

bool scheduler::can_start(unsigned cu)
{
  auto* c = m_cus[cu];
  if (!c->start_clear())
    return false;
  if (m_running[cu].empty())
    m_start_out[cu] = false;   // whatever was pending went with a reset
  if (m_start_out[cu])
    return false;
  // ap_ctrl_chain takes the next start once ap_ready cleared ap_start.
  size_t cap = c->protocol() == XRTEMU_CTRL_CHAIN ? 2 : 1;
  return m_running[cu].size() < cap;
}

bool scheduler::dispatch(command& c)
{
  ert_start pkt;
  std::string why;
  switch (decode_ert(c.packet, c.words, pkt, why)) {
  case ert_action::start:
    break;
  case ert_action::complete:
    complete(c, cmd_state::completed);
    return true;
  case ert_action::reject:
    complete(c, cmd_state::error, why);
    return true;
  }
  // Candidate CUs: every one must be programmed and startable; among those
  // that can take a start now, go round-robin so runs spread over the CUs.
  int chosen = -1;
  bool any = false;
  size_t total = pkt.cu_slots();
  for (size_t cu = 0; cu < total; ++cu) {
    if (!pkt.names_cu(cu))
      continue;
    if (cu >= m_programmed || !m_cus[cu]->desc()) {
      complete(c, cmd_state::error, "CU index " + std::to_string(cu) + " in the command's CU mask is not programmed");
      return true;
    }
    if (m_cus[cu]->protocol() == XRTEMU_CTRL_NONE) {
      complete(c, cmd_state::error, "CU " + m_cus[cu]->desc()->name +
               " is ap_ctrl_none (free-running): it cannot be started");
      return true;
    }
    any = true;
  }
  for (size_t k = 1; k <= total && any; ++k) {
    size_t cu = (m_last_cu + k) % total;
    if (pkt.names_cu(cu) && can_start(static_cast<unsigned>(cu))) {
      chosen = static_cast<int>(cu);
      m_last_cu = cu;
      break;
    }
  }
  if (!any) {
    complete(c, cmd_state::error, "command names no CU");
    return true;
  }
  if (chosen < 0)
    return false;

  unsigned cu = static_cast<unsigned>(chosen);
  bool written = pkt.for_each_write([&](uint32_t off, uint32_t v, bool given) {
    if (!m_cus[cu]->in_range(off)) {
      if (!given)
        return true;   // a register map longer than this CU's: the rest is ignored
      why = "register offset " + std::to_string(off) + " outside CU " + m_cus[cu]->desc()->name +
            "'s control block";
      return false;
    }
    if (off >= ap::args)
      write(cu, off, v);
    return true;
  });
  if (!written) {
    complete(c, cmd_state::error, why);
    return true;
  }
  set_state(c.packet, cmd_state::running);
  c.started = std::chrono::steady_clock::now();
  m_events->add(profile_event::cmd_started, static_cast<int>(cu), c.id);
  m_running[cu].push_back(std::move(c));
  bool chain = m_cus[cu]->protocol() == XRTEMU_CTRL_CHAIN;
  if (m_polling) {
    write(cu, ap::gie, 0);
  }
  else {
    write(cu, ap::gie, 1);
    write(cu, ap::ier, chain ? 3 : 1);   // chain: ready says "start the next one"
  }
  write(cu, ap::ctrl, ap::start);
  if (m_cus[cu]->runs_own_clock())
    m_start_out[cu] = true;
  m_cus[cu]->command_started();
  return true;
}

void scheduler::collect()
{
  bool again = false;
  // Slots past m_scanned run nothing: only programmed ones take starts
  // (set_programmed resyncs the others' reset counts).
  const unsigned slots = static_cast<unsigned>(std::min(m_scanned, m_running.size()));
  for (unsigned cu = 0; cu < slots; ++cu) {
    if (m_cus[cu]->resets() != m_resets_seen[cu]) {
      // Reset behind our back (ap_sw_reset from the host).
      m_resets_seen[cu] = m_cus[cu]->resets();
      auto name = m_cus[cu]->desc() ? m_cus[cu]->desc()->name : std::string("?");
      fail_cu(cu, cmd_state::error, "CU " + name + " was reset while the command ran");
      continue;
    }
    auto& running = m_running[cu];
    if (running.empty())
      continue;
    if (!m_polling && m_cus[cu]->has_interrupt()) {
      // Interrupt service: only CUs whose line is up; acknowledge ISR.
      if (!m_cus[cu]->irq())
        continue;
      uint32_t isr = read(cu, ap::isr);
      if (isr)
        write(cu, ap::isr, isr);
      // A live CU's line may stay high from one event into the next (ready,
      // then done), so no new edge comes: look again while it acknowledges
      // something.
      again = again || (isr && m_cus[cu]->runs_own_clock());
    }
    uint32_t ctrl = read(cu, ap::ctrl);
    if ((ctrl & (ap::ready | ap::done)) || !(ctrl & ap::start))
      m_start_out[cu] = false;
    if (!(ctrl & ap::done))
      continue;
    auto c = std::move(running.front());
    running.pop_front();
    auto err = m_cus[cu]->take_result();
    if (m_cus[cu]->protocol() == XRTEMU_CTRL_CHAIN)
      write(cu, ap::ctrl, ap::cont);
    m_cus[cu]->command_finished();
    std::chrono::steady_clock::time_point end;
    if (err.empty() && m_defer && m_cus[cu]->run_end(end))
      complete(c, cmd_state::completed, {}, end);
    else if (err.empty())
      complete(c, cmd_state::completed);
    else
      complete(c, cmd_state::error, err);
  }
  if (again)
    m_arrived.notify(sc_core::SC_ZERO_TIME);
}

void scheduler::dispatch_waiting()
{
  // In arrival order across the groups; a command waits only while all its
  // CUs are busy, and then every later one of its group waits too.
  std::vector<bool> blocked(m_waiting_groups.size(), false);
  for (;;) {
    size_t pick = m_waiting_groups.size();
    for (size_t i = 0; i < m_waiting_groups.size(); ++i)
      if (!blocked[i] && !m_waiting_groups[i].commands.empty() &&
          (pick == m_waiting_groups.size() ||
           m_waiting_groups[i].commands.front().id < m_waiting_groups[pick].commands.front().id))
        pick = i;
    if (pick == m_waiting_groups.size())
      break;
    auto& g = m_waiting_groups[pick];
    if (!dispatch(g.commands.front())) {
      blocked[pick] = true;
      continue;
    }
    g.commands.pop_front();
    --m_waiting;
  }
  m_waiting_groups.erase(std::remove_if(m_waiting_groups.begin(), m_waiting_groups.end(),
                                        [](const waiting_group& g) { return g.commands.empty(); }),
                         m_waiting_groups.end());
}

void scheduler::thread()
{
  for (;;) {
    collect();
    dispatch_waiting();
    if (m_cus.empty())
      sc_core::wait(m_arrived);
    else if (m_polling)
      sc_core::wait(m_wake_poll);
    else
      sc_core::wait(m_wake_irq);
  }
}

} // namespace xrtemu::emu
