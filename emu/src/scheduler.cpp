#include "scheduler.h"
#include "bus_word.h"

#include <ert.h>

#include <atomic>
#include <cstdio>
#include <cstring>

namespace xrtemu::emu {

namespace {

// Header fields of an ERT packet (ert.h): state [3:0], extra_cu_masks
// [11:10] (start-kernel packets), count [22:12], opcode [27:23].
uint32_t opcode(uint32_t h) { return (h >> 23) & 0x1f; }
uint32_t count(uint32_t h) { return (h >> 12) & 0x7ff; }
uint32_t extra_masks(uint32_t h) { return (h >> 10) & 0x3; }

void set_state(uint32_t* packet, cmd_state s)
{
  // The host polls this word: publish with release ordering.
  auto word = reinterpret_cast<std::atomic<uint32_t>*>(packet);
  uint32_t h = word->load(std::memory_order_relaxed);
  word->store((h & ~0xfu) | static_cast<uint32_t>(s), std::memory_order_release);
}

} // namespace

scheduler::scheduler(sc_core::sc_module_name name, std::vector<compute_unit*> cus, uint64_t cu_base,
                     uint64_t cu_stride)
  : sc_module(name), bus("bus"), m_cus(std::move(cus)), m_base(cu_base), m_stride(cu_stride),
    m_running(m_cus.size(), command{nullptr, {}})
{
  for (auto cu : m_cus)
    m_any_finished |= cu->finished;
  SC_HAS_PROCESS(scheduler);
  SC_THREAD(thread);
}

void scheduler::write(unsigned cu, uint32_t off, uint32_t v)
{
  bus_word(bus, tlm::TLM_WRITE_COMMAND, m_base + m_stride * cu + off, v);
}

uint32_t scheduler::read(unsigned cu, uint32_t off)
{
  uint32_t v = 0;
  bus_word(bus, tlm::TLM_READ_COMMAND, m_base + m_stride * cu + off, v);
  return v;
}

void scheduler::submit(uint32_t* packet, std::function<void(cmd_state)> done)
{
  set_state(packet, cmd_state::queued);
  m_queue.push_back({packet, std::move(done)});
  m_arrived.notify(sc_core::SC_ZERO_TIME);
}

void scheduler::complete(command& c, cmd_state s, const std::string& why)
{
  if (!why.empty()) {
    if (m_log)
      m_log("command failed: " + why);
    else
      std::fprintf(stderr, "[xrtemu] command failed: %s\n", why.c_str());
  }
  set_state(c.packet, s);
  auto done = std::move(c.done);
  c.packet = nullptr;
  // The callback belongs to the driver; a throw must not take the
  // simulation thread down with it.
  try {
    if (done)
      done(s);
  }
  catch (const std::exception& e) {
    std::fprintf(stderr, "[xrtemu] command completion callback threw: %s\n", e.what());
  }
  catch (...) {
    std::fprintf(stderr, "[xrtemu] command completion callback threw\n");
  }
}

void scheduler::abort_all(const std::string& why)
{
  while (!m_queue.empty()) {
    complete(m_queue.front(), cmd_state::abort, why);
    m_queue.pop_front();
  }
}

bool scheduler::dispatch(command& c)
{
  uint32_t* p = c.packet;
  uint32_t h = p[0];
  uint32_t op = opcode(h);
  switch (op) {
  case ERT_START_CU:
  case ERT_EXEC_WRITE:
  case ERT_START_KEY_VAL:
    break;
  case ERT_CONFIGURE:
  case ERT_CU_STAT:
  case ERT_CLK_CALIB:
  case ERT_ACCESS_TEST_C:
    complete(c, cmd_state::completed);
    return true;
  default:
    complete(c, cmd_state::error, "ERT opcode " + std::to_string(op) + " is not supported");
    return true;
  }
  uint32_t nmasks = 1 + extra_masks(h);
  uint32_t cnt = count(h);
  if (cnt < nmasks) {
    complete(c, cmd_state::error, "ERT packet shorter than its CU masks");
    return true;
  }
  // Candidate CUs, lowest index first; any idle one will do.
  int chosen = -1;
  bool any = false;
  for (uint32_t m = 0; m < nmasks && chosen < 0; ++m)
    for (uint32_t b = 0; b < 32; ++b) {
      if (!(p[1 + m] & (1u << b)))
        continue;
      size_t cu = m * 32 + b;
      if (cu >= m_programmed || !m_cus[cu]->desc()) {
        complete(c, cmd_state::error, "CU index " + std::to_string(cu) + " in the command's CU mask is not programmed");
        return true;
      }
      any = true;
      if (!m_running[cu].packet && !m_cus[cu]->busy() && !m_cus[cu]->ctrl.start_pending()) {
        chosen = static_cast<int>(cu);
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
  const uint32_t* payload = p + 1 + nmasks;
  uint32_t words = cnt - nmasks;
  auto range_ok = [&](uint32_t off) { return m_cus[cu]->ctrl.in_range(off); };
  if (op == ERT_START_CU) {
    for (uint32_t i = 4; i < words; ++i)
      if (range_ok(4 * i))
        write(cu, 4 * i, payload[i]);
  }
  else {
    uint32_t skip = op == ERT_EXEC_WRITE ? 6 : 0;
    for (uint32_t i = skip; i + 1 < words; i += 2) {
      if (!range_ok(payload[i])) {
        complete(c, cmd_state::error, "register offset " + std::to_string(payload[i]) + " outside CU " +
                 m_cus[cu]->desc()->name + "'s control block");
        return true;
      }
      if (payload[i] >= ap::args)
        write(cu, payload[i], payload[i + 1]);
    }
  }
  set_state(p, cmd_state::running);
  m_running[cu] = std::move(c);
  write(cu, ap::gie, 1);
  write(cu, ap::ier, 1);
  write(cu, ap::ctrl, ap::start);
  return true;
}

void scheduler::collect()
{
  for (unsigned cu = 0; cu < m_running.size(); ++cu) {
    auto& c = m_running[cu];
    if (!c.packet || m_cus[cu]->busy() || m_cus[cu]->ctrl.start_pending())
      continue;
    // Interrupt service: acknowledge ISR, then read AP_CTRL (clears done).
    uint32_t isr = read(cu, ap::isr);
    if (isr)
      write(cu, ap::isr, isr);
    uint32_t ctrl = read(cu, ap::ctrl);
    if (!(ctrl & ap::done) && !(isr & 1))
      continue;
    auto err = m_cus[cu]->take_error();
    if (err.empty())
      complete(c, cmd_state::completed);
    else
      complete(c, cmd_state::error, err);
  }
}

void scheduler::thread()
{
  for (;;) {
    collect();
    // Dispatch in arrival order; a command waits only while all its CUs are busy.
    for (auto it = m_queue.begin(); it != m_queue.end();) {
      if (dispatch(*it))
        it = m_queue.erase(it);
      else
        ++it;
    }
    if (m_cus.empty())
      sc_core::wait(m_arrived);
    else
      sc_core::wait(m_arrived | m_any_finished);
  }
}

} // namespace xrtemu::emu
