#include "live_cu.h"
#include "bus_word.h"

#include <algorithm>
#include <utility>

namespace xrtemu::emu {

// Outlives the instance: posts queued by its thread may run after the CU
// was rebound, so they check `alive` first.
struct live_cu::shared
{
  live_cu* self;
  std::atomic<bool> alive{true};
  std::atomic<bool> poll_posted{false};
  std::atomic<int> state{XRTEMU_LIVE_IDLE};
  control_block* ctrl;
  sc_core::sc_event* poll_hint;
  std::mutex errors_mutex;
  std::string errors;
  unsigned count = 0;   // errors since the last take; only the first few are kept
};

namespace {
constexpr unsigned errors_kept = 3;   // a broken master repeats itself on every burst
}

live_cu::live_cu(const cu_desc& desc, std::vector<const xrtemu_stream_port*> ends, live_cu_context ctx,
                 control_block& ctrl, sc_core::sc_event* poll_hint)
  : m_desc(desc), m_ctx(std::move(ctx)), m_ends(std::move(ends)), m_shared(std::make_shared<shared>())
{
  m_shared->self = this;
  m_shared->ctrl = &ctrl;
  m_shared->poll_hint = poll_hint;
  m_ends.resize(desc.args.size(), nullptr);
  m_env.size = sizeof m_env;
  m_env.cu_name = m_desc.name.c_str();
  m_env.ctx = this;
  m_env.resolve = &live_cu::resolve;
  m_env.interrupt = &live_cu::interrupt;
  m_env.state = &live_cu::state;
  m_env.poll = &live_cu::poll;
  m_env.report = &live_cu::report;
  m_env.streams = const_cast<xrtemu_stream_port* const*>(m_ends.data());
  m_env.clock_mhz[0] = m_ctx.clock_mhz[0];
  m_env.clock_mhz[1] = m_ctx.clock_mhz[1];
  m_env.run_done = &live_cu::run_done;
  m_instance = m_desc.live->create(&m_env);
  if (!m_instance) {
    std::string why = take_errors();
    throw error("CU " + m_desc.name + ": kernel " + m_desc.kernel + " could not be instantiated" +
                (why.empty() ? "" : ": " + why));
  }
}

live_cu::~live_cu()
{
  m_desc.live->destroy(m_instance);   // joins the instance's thread: no callbacks after this
  m_shared->alive = false;
  // Take back what the instance counted in the card's activity.
  int s = m_shared->state.exchange(XRTEMU_LIVE_IDLE);
  state_counts(m_ctx.act, s, -1);
}

uint32_t live_cu::read(uint32_t offset, uint32_t& resp)
{
  return m_desc.live->read(m_instance, offset, &resp);
}

void live_cu::write(uint32_t offset, uint32_t value)
{
  m_desc.live->write(m_instance, offset, value);
}

std::string live_cu::take_errors()
{
  std::lock_guard<std::mutex> lk(m_shared->errors_mutex);
  auto& sh = *m_shared;
  if (sh.count > errors_kept)
    sh.errors += "; and " + std::to_string(sh.count - errors_kept) + " more";
  sh.count = 0;
  return std::exchange(sh.errors, {});
}

void live_cu::run_done(void* ctx, uint64_t cycles)
{
  auto* self = static_cast<live_cu*>(ctx);
  self->m_run_cycles.store(cycles, std::memory_order_relaxed);
  self->m_runs_done.fetch_add(1, std::memory_order_release);
}

bool live_cu::take_run_cycles(uint64_t& cycles)
{
  uint64_t n = m_runs_done.load(std::memory_order_acquire);
  if (n == m_runs_taken)
    return false;
  m_runs_taken = n;
  cycles = m_run_cycles.load(std::memory_order_relaxed);
  return true;
}

int live_cu::resolve(void* ctx, uint32_t arg, uint64_t addr, uint64_t len, xrtemu_window* out)
{
  auto* self = static_cast<live_cu*>(ctx);
  const auto* allowed = arg < self->m_desc.args.size() ? &self->m_desc.args[arg].allowed : nullptr;
  for (auto& w : self->m_ctx.banks) {
    if (addr < w.base || addr - w.base >= w.size || len > w.size - (addr - w.base))
      continue;
    // Connectivity: a port reaches only the banks the xclbin wired it to.
    if (allowed && !allowed->empty() && std::find(allowed->begin(), allowed->end(), w.base) == allowed->end()) {
      self->missed(addr, len);
      return 0;
    }
    *out = w;
    return 1;
  }
  // Host-only buffers are reachable from every port; they come and go, so
  // the window is this burst's bytes only.
  if (self->m_ctx.host_window)
    if (void* h = self->m_ctx.host_window(addr, len)) {
      *out = {addr, len, static_cast<uint8_t*>(h), 0};
      return 1;
    }
  self->missed(addr, len);
  return 0;
}

void live_cu::interrupt(void* ctx, int level)
{
  auto* self = static_cast<live_cu*>(ctx);
  auto sh = self->m_shared;
  self->m_ctx.post([sh, level] {
    if (sh->alive)
      sh->ctrl->set_remote_irq(level != 0);
  });
}

void live_cu::state_counts(activity* act, int s, int sign)
{
  if (!act)
    return;
  if (s != XRTEMU_LIVE_IDLE)
    act->active += sign;
  if (s == XRTEMU_LIVE_WAITING)
    act->parked += sign;
}

void live_cu::state(void* ctx, int s)
{
  auto* self = static_cast<live_cu*>(ctx);
  int before = self->m_shared->state.exchange(s);
  // Count the new state before uncounting the old: the watchdog must never
  // see a running instance as absent.
  state_counts(self->m_ctx.act, s, +1);
  state_counts(self->m_ctx.act, before, -1);
  if (self->m_ctx.act)
    self->m_ctx.act->moved();
}

void live_cu::poll(void* ctx)
{
  auto* self = static_cast<live_cu*>(ctx);
  auto sh = self->m_shared;
  // One pending hint at a time: a poller needs only the latest.
  if (sh->poll_posted.exchange(true))
    return;
  self->m_ctx.post([sh] {
    sh->poll_posted = false;
    if (sh->alive && sh->poll_hint)
      sh->poll_hint->notify(sc_core::SC_ZERO_TIME);
  });
}

void live_cu::missed(uint64_t addr, uint64_t len)
{
  if (!m_ctx.describe)
    return;
  auto d = m_ctx.describe(addr, len);
  std::lock_guard<std::mutex> lk(m_shared->errors_mutex);
  m_misses.emplace_back(hex(addr) + "..", std::move(d));
  if (m_misses.size() > 256)   // a master may miss many times before the errors are reported
    m_misses.pop_front();
}

void live_cu::report(void* ctx, const char* msg)
{
  auto* self = static_cast<live_cu*>(ctx);
  std::string m = msg ? msg : "error";
  {
    std::lock_guard<std::mutex> lk(self->m_shared->errors_mutex);
    auto& sh = *self->m_shared;
    // A DECERR for an address resolve() refused: say which buffer it missed.
    if (m.find("DECERR") != std::string::npos)
      for (auto it = self->m_misses.rbegin(); it != self->m_misses.rend(); ++it)
        if (m.find(it->first) != std::string::npos) {
          m += "; the address is " + it->second;
          break;
        }
    if (++sh.count > errors_kept)
      return;   // counted; take_errors() says how many more
    sh.errors += (sh.errors.empty() ? "" : "; ") + m;
  }
  auto sh = self->m_shared;
  auto rep = self->m_ctx.report;
  self->m_ctx.post([sh, rep, m] {
    if (rep)
      rep(m);
  });
}

} // namespace xrtemu::emu
