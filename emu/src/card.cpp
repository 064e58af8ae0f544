#include "card_impl.h"

#include <algorithm>

#include "bus_word.h"

#include <cstdio>
#include <cstring>
#include <set>

namespace xrtemu::emu {

card::impl::impl(const platform_desc& p, unsigned idx, sim_kernel& s)
  : platform(p), index(idx), sim(s),
    mem_bus(("card" + std::to_string(idx) + "_mem_bus").c_str()),
    ctrl_bus(("card" + std::to_string(idx) + "_ctrl_bus").c_str()),
    bridge(("card" + std::to_string(idx) + "_host").c_str()), checker(p)
{
  auto prefix = "card" + std::to_string(idx) + "_";
  // One reservation per run of back-to-back banks.  A bank that an xclbin
  // may enlarge (max_size, PLRAM) reserves its largest extent: the
  // addresses are the card's, what the xclbin allows is the driver's check.
  std::vector<const bank_desc*> by_base;
  for (auto& b : p.banks)
    by_base.push_back(&b);
  std::sort(by_base.begin(), by_base.end(), [](auto* a, auto* b) { return a->base < b->base; });
  for (size_t i = 0; i < by_base.size();) {
    size_t j = i;
    while (j + 1 < by_base.size() && by_base[j + 1]->base == by_base[j]->base + by_base[j]->window())
      ++j;
    regions.push_back(std::make_unique<backing_region>(by_base[i]->base, by_base[j]->base + by_base[j]->window() - by_base[i]->base));
    i = j + 1;
  }
  for (size_t i = 0; i < p.banks.size(); ++i) {
    auto b = p.banks[i];
    b.size = b.window();
    uint8_t* backing = nullptr;
    for (auto& r : regions)
      if (b.base >= r->base && b.base - r->base < r->size)
        backing = r->data + (b.base - r->base);
    banks.push_back(std::make_unique<memory_bank>((prefix + "bank" + std::to_string(i)).c_str(), b, backing));
    mem_bus.map(b.base, b.size, b.tag);
    mem_bus.init.bind(banks.back()->socket);
  }
  dma = std::make_unique<dma_engine>(platform, events.epoch());
  poster post = [this](std::function<void()> t) { sim.post(std::move(t)); };
  cu_context ctx{post, &platform, &act, &events, [this](const std::string& m) { report(m); },
                 [this](uint64_t addr, uint64_t len) { return mem_bus.host_window(addr, len); }};
  ctx.checker = &checker;
  ctx.opts = &opts;
  ctx.dma = dma.get();
  // Timed HLS runs end at their card time (kernel_time.h); the timer is the
  // one the command latency uses, made on first use (simulation thread).
  ctx.at = [this](std::chrono::steady_clock::time_point due, std::function<void()> task) {
    post_at(due, std::move(task));
  };
  auto clock = [&](const char* name) {
    auto it = platform.clocks_mhz.find(name);
    return it == platform.clocks_mhz.end() ? 0.0 : it->second;
  };
  ctx.clock_mhz[0] = clock("ap_clk");
  ctx.clock_mhz[1] = clock("ap_clk_2");
  std::vector<cu_control_if*> cus;
  for (uint32_t i = 0; i < p.max_cus; ++i) {
    slots.push_back(std::make_unique<compute_unit>((prefix + "cu" + std::to_string(i)).c_str(),
                                                   static_cast<uint32_t>(p.cu_stride), ctx, static_cast<int>(i)));
    ctrl_bus.map(p.cu_base + p.cu_stride * i, p.cu_stride, "CU slot " + std::to_string(i));
    ctrl_bus.init.bind(slots.back()->ctrl.socket);
    slots.back()->mem.bind(mem_bus.targ);
    cus.push_back(slots.back().get());
  }
  sched = std::make_unique<scheduler>((prefix + "scheduler").c_str(), cus, p.cu_base, p.cu_stride, &events);
  sched->bus.bind(ctrl_bus.targ);
  bridge.socket.bind(ctrl_bus.targ);
}

// Timed mode: `task` runs on the simulation thread at host moment `due`
// (a timed completion's latency, an HLS run's card time), through the
// card's timer thread, made on first use.  Simulation thread.
void card::impl::post_at(std::chrono::steady_clock::time_point due, std::function<void()> task)
{
  if (!timer)
    timer = std::make_unique<completion_timer>();
  timer->at(due, [this, task = std::move(task)] { sim.post(task); });
}

card::impl::~impl()
{
  timer.reset();   // pending timed completions are dropped, nothing posts any more
  stop_watchdog();
  for (auto& s : slots)
    s->stop_worker();
}

void card::impl::stop_watchdog()
{
  {
    std::lock_guard<std::mutex> lk(watchdog_mutex);
    watchdog_stop = true;
  }
  watchdog_cv.notify_all();
  if (watchdog.joinable())
    watchdog.join();
}

void card::impl::report(const std::string& msg)
{
  if (log)
    log(msg);
  else
    std::fprintf(stderr, "[xrtemu] %s\n", msg.c_str());
}

void card::impl::start_watchdog()
{
  if (watchdog.joinable())
    return;
  watchdog = std::thread([this] {
    std::unique_lock<std::mutex> lk(watchdog_mutex);
    int warned = -1;
    while (!watchdog_cv.wait_for(lk, std::chrono::milliseconds(20), [this] { return watchdog_stop; })) {
      sim.post([this] { check(); });
      // A body on the simulation thread that does not come back blocks the
      // card; nothing can abandon it there, so at least say what happened.
      int cu = act.inline_cu.load();
      auto since = std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(act.inline_since.load()));
      if (cu < 0 || std::chrono::steady_clock::now() - since < std::chrono::seconds(2)) {
        warned = -1;
        continue;
      }
      if (warned == cu)
        continue;
      warned = cu;
      std::fprintf(stderr,
                   "[xrtemu] CU slot %d: a kernel body running on the simulation thread (its earlier runs were "
                   "fast) has not returned for 2 s; the card cannot abort or time it out there. Set "
                   "XRTEMU_INLINE_BODY_US=0 (or a CU timeout) to run bodies on worker threads\n", cu);
    }
  });
}

void card::impl::check()
{
  if (opts.cu_timeout_ms)
    sched->expire(std::chrono::milliseconds(opts.cu_timeout_ms));
  auto now = std::chrono::steady_clock::now();
  uint64_t progress = act.progress.load();
  int active = act.active.load();
  bool stuck = opts.deadlock_ms && !links.empty() && act.controlled.load() > 0 && active > 0 &&
               act.parked.load() >= active;
  if (!stuck || progress != last_progress) {
    last_progress = progress;
    quiet_since = now;
    return;
  }
  if (now - quiet_since >= std::chrono::milliseconds(opts.deadlock_ms)) {
    declare_deadlock();
    quiet_since = now;
  }
}

void card::impl::declare_deadlock()
{
  // Name every link somebody waits on, and which side waits.
  std::string waits;
  for (auto& l : links) {
    if (l->reader_waiting())
      waits += "\n  " + l->name() + ": the reader waits (FIFO empty)";
    if (l->writer_waiting())
      waits += "\n  " + l->name() + ": the writer waits (FIFO full, depth " + std::to_string(l->depth()) + ")";
  }
  std::string cus, free;
  for (size_t i = 0; i < programmed.load(); ++i) {
    if (slots[i]->protocol() == XRTEMU_CTRL_NONE)
      free += (free.empty() ? "" : ", ") + program.cus[i].name;
    else if (slots[i]->busy())
      cus += (cus.empty() ? "" : ", ") + program.cus[i].name;
  }
  std::string why = "stream deadlock: every running CU is waiting on a stream and none can move (running: " +
                    (cus.empty() ? std::string("none") : cus) + (free.empty() ? "" : "; free-running: " + free) + ")";
  report(why + waits + "\n  the waiting runs fail and the links are emptied");
  events.add(profile_event::deadlock, -1, 0);
  for (size_t i = 0; i < programmed.load(); ++i)
    slots[i]->set_cancel_reason(why);
  for (auto& l : links)
    l->cancel();
  // Live (RTL) CUs do not unwind on their own: reset them, which fails what
  // the scheduler started there.
  for (size_t i = 0; i < programmed.load(); ++i)
    if (slots[i]->live())
      slots[i]->reset(why);
}

uint8_t* card::impl::bank_pointer(uint64_t addr, uint64_t n) const
{
  // Back-to-back banks share one reservation: a range may cross them.
  for (auto& r : regions)
    if (addr >= r->base && addr - r->base < r->size && n <= r->size - (addr - r->base))
      return r->data + (addr - r->base);
  return nullptr;
}

void card::impl::bad_range(const char* what, uint64_t addr, uint64_t n) const
{
  // Name the bank the range starts in, or else the closest one, so a wrong
  // offset or size is easy to spot.
  const bank_desc* best = platform.bank_at(addr);
  uint64_t best_gap = 0;
  if (!best) {
    best_gap = ~0ull;
    for (auto& b : platform.banks) {
      uint64_t gap = addr < b.base ? b.base - addr : addr - (b.base + b.size - 1);
      if (gap < best_gap) {
        best_gap = gap;
        best = &b;
      }
    }
  }
  std::string near;
  if (best)
    near = std::string(best_gap == 0 ? "; it starts in " : "; nearest bank is ") + best->tag + " [" +
           hex(best->base) + ", " + hex(best->base + best->size) + ")" + (best_gap == 0 ? " but runs past its end" : "");
  throw error(std::string(what) + ": device range [" + hex(addr) + ", " + hex(addr + n) +
              ") is not inside one memory bank of " + platform.name + near);
}

card::card(std::unique_ptr<impl> p) : m_impl(std::move(p)) {}
card::~card() = default;

const platform_desc& card::platform() const { return m_impl->platform; }
unsigned card::index() const { return m_impl->index; }

// One host DMA: the card memory at addr (a bank, else a host window), the
// copy, and in timed mode the transfer's card time (dma_engine).
template <typename Copy>
dma_window card::impl::host_dma(bool to_card, const char* what, uint64_t addr, size_t n, Copy copy)
{
  void* mem = bank_pointer(addr, n);
  if (!mem)
    mem = mem_bus.host_window(addr, n);
  if (!mem)
    bad_range(what, addr, n);
  if (!timed.load(std::memory_order_relaxed)) {
    copy(mem);
    return {};
  }
  auto w = dma->begin(to_card, platform.bank_index_at(addr), n);
  copy(mem);
  dma->finish(w);
  return w;
}

dma_window card::dma_write(uint64_t addr, const void* src, size_t n)
{
  return m_impl->host_dma(true, "DMA write", addr, n, [&](void* to) { std::memcpy(to, src, n); });
}

dma_window card::dma_read(uint64_t addr, void* dst, size_t n)
{
  return m_impl->host_dma(false, "DMA read", addr, n, [&](void* from) { std::memcpy(dst, from, n); });
}

dma_window card::dma_copy(uint64_t dst, uint64_t src, size_t n)
{
  auto d = direct_pointer(dst, n);
  auto s = direct_pointer(src, n);
  if (!d)
    m_impl->bad_range("copy destination", dst, n);
  if (!s)
    m_impl->bad_range("copy source", src, n);
  if (!m_impl->timed.load(std::memory_order_relaxed)) {
    std::memmove(d, s, n);
    return {};
  }
  auto& p = m_impl->platform;
  auto w = m_impl->dma->book_copy(p.bank_index_at(dst), p.bank_index_at(src), n);
  std::memmove(d, s, n);
  m_impl->dma->finish(w);
  return w;
}

void* card::direct_pointer(uint64_t addr, size_t n)
{
  if (auto p = m_impl->bank_pointer(addr, n))
    return p;
  return m_impl->mem_bus.host_window(addr, n);
}

void card::map_host_window(uint64_t addr, void* host, size_t n) { m_impl->mem_bus.add_host_window(addr, host, n); }
void card::unmap_host_window(uint64_t addr) { m_impl->mem_bus.remove_host_window(addr); }
void card::note_buffer(uint64_t addr, uint64_t size) { m_impl->checker.add_buffer(addr, size); }
void card::forget_buffer(uint64_t addr) { m_impl->checker.remove_buffer(addr); }

void card::impl::share_banks()
{
  for (auto& r : regions)
    checker.share(r->data, r->size);
}

void card::program(program_desc prog)
{
  auto& im = *m_impl;
  if (prog.cus.size() > im.slots.size())
    throw error("xclbin has " + std::to_string(prog.cus.size()) + " CUs but platform " + im.platform.name +
                " has " + std::to_string(im.slots.size()) + " CU slots");
  // Stream links: both ends must be stream arguments, each end used once.
  std::set<std::pair<unsigned, unsigned>> used;
  for (auto& l : prog.links) {
    for (auto [cu, arg] : {std::pair{l.from_cu, l.from_arg}, std::pair{l.to_cu, l.to_arg}}) {
      if (cu >= prog.cus.size() || arg >= prog.cus[cu].args.size())
        throw error("stream link names CU " + std::to_string(cu) + " argument " + std::to_string(arg) +
                    ", which the program does not have");
      auto& a = prog.cus[cu].args[arg];
      if (a.kind != XRTEMU_ARG_STREAM)
        throw error("stream link end " + prog.cus[cu].name + "." + a.name + " is not a stream argument");
      if (!used.insert({cu, arg}).second)
        throw error("stream argument " + prog.cus[cu].name + "." + a.name + " is connected twice");
    }
    if (prog.cus[l.from_cu].control == XRTEMU_CTRL_NONE && prog.cus[l.to_cu].control == XRTEMU_CTRL_NONE &&
        l.from_cu == l.to_cu)
      throw error("stream link loops back into free-running CU " + prog.cus[l.from_cu].name);
  }
  im.sim.call([&] {
    for (auto& s : im.slots)
      if (s->busy())
        throw error("cannot load an xclbin while CU " + (s->desc() ? s->desc()->name : std::string(s->name())) +
                    " is running");
    im.sched->abort_all("a new xclbin was loaded");
    for (auto& l : im.links) {
      l->cancel();
      im.retired.push_back(std::move(l));
    }
    im.links.clear();
    im.program = std::move(prog);
    if (std::any_of(im.program.cus.begin(), im.program.cus.end(), [](auto& c) { return c.memcheck; }))
      im.share_banks();
    auto& cus = im.program.cus;
    std::vector<std::vector<compute_unit::stream_wire>> wires(im.slots.size());
    for (size_t i = 0; i < cus.size(); ++i)
      wires[i].resize(cus[i].args.size());
    for (auto& l : im.program.links) {
      auto name = cus[l.from_cu].name + "." + cus[l.from_cu].args[l.from_arg].name + " -> " + cus[l.to_cu].name +
                  "." + cus[l.to_cu].args[l.to_arg].name;
      im.links.push_back(std::make_unique<stream_link>(name, l.depth ? l.depth : default_stream_depth, &im.act));
      wires[l.from_cu][l.from_arg] = {im.links.back().get(), true};
      wires[l.to_cu][l.to_arg] = {im.links.back().get(), false};
    }
    for (size_t i = 0; i < im.slots.size(); ++i)
      im.slots[i]->bind(i < cus.size() ? &cus[i] : nullptr, std::move(wires[i]));
    im.sched->set_programmed(cus.size());
    im.programmed = cus.size();
  });
  im.start_watchdog();
}

size_t card::num_cus() const { return m_impl->programmed.load(); }

uint32_t card::impl::host_access(tlm::tlm_command cmd, unsigned cu, uint32_t offset, uint32_t value)
{
  if (cu >= programmed.load())
    throw error("no CU with index " + std::to_string(cu));
  if (!slots[cu]->ctrl.in_range(offset))
    throw error("register offset " + hex(offset) + " is outside CU " + program.cus[cu].name +
                "'s control block (" + hex(platform.cu_stride) + " bytes, 4-byte aligned)");
  sim.call([&] { bus_word(bridge.socket, cmd, platform.cu_base + platform.cu_stride * cu + offset, value); });
  return value;
}

uint32_t card::read_register(unsigned cu, uint32_t offset)
{
  return m_impl->host_access(tlm::TLM_READ_COMMAND, cu, offset, 0);
}

void card::write_register(unsigned cu, uint32_t offset, uint32_t value)
{
  m_impl->host_access(tlm::TLM_WRITE_COMMAND, cu, offset, value);
}

void card::submit(uint32_t* packet, size_t bytes, std::function<void(cmd_state)> done)
{
  auto& im = *m_impl;
  im.act.moved();
  im.sim.post([&im, packet, bytes, done = std::move(done)]() mutable {
    im.sched->submit(packet, bytes, std::move(done));
  });
}

void card::abort(uint32_t* packet)
{
  auto& im = *m_impl;
  im.sim.call([&] { im.sched->abort(packet); });
}

void card::configure(const card_options& opts)
{
  auto& im = *m_impl;
  im.sim.call([&] {
    im.opts = opts;
    im.timed.store(opts.timed);
    auto& lat = im.platform.command_latency;
    if (opts.timed && (lat.interrupt_us > 0 || lat.polling_us > 0)) {
      auto ns = [](double us) { return std::chrono::nanoseconds(static_cast<int64_t>(us * 1000.0 + 0.5)); };
      im.sched->set_completion_latency(ns(lat.interrupt_us), ns(lat.polling_us),
                                       [&im](std::chrono::nanoseconds d, std::function<void()> task) {
                                         im.post_at(std::chrono::steady_clock::now() + d, std::move(task));
                                       });
    }
    else {
      im.sched->set_completion_latency({}, {}, {});
    }
    if (opts.memcheck)
      im.share_banks();
    im.events.enable(opts.profile);
    im.sched->set_polling(opts.polling);
    // With a CU timeout every body stays on a worker, where a hung one can
    // be abandoned; on the simulation thread it could not.
    auto limit = opts.cu_timeout_ms ? 0 : opts.inline_body_us;
    for (auto& slot : im.slots)
      slot->set_inline_limit(std::chrono::microseconds(limit));
  });
  if (opts.cu_timeout_ms || opts.deadlock_ms)
    im.start_watchdog();
}

card_options card::options() const
{
  card_options o;
  auto& im = *m_impl;
  im.sim.call([&] { o = im.opts; });
  return o;
}

std::vector<profile_event> card::events() const
{
  return m_impl->events.snapshot();
}

std::vector<cu_status> card::status() const
{
  // On the simulation thread, so a concurrent program() cannot tear it.
  std::vector<cu_status> out;
  auto& im = *m_impl;
  im.sim.call([&] {
    for (size_t i = 0; i < im.programmed.load(); ++i)
      out.push_back({im.program.cus[i].name, im.slots[i]->runs(), im.slots[i]->busy(), im.program.cus[i].control,
                     im.slots[i]->in_flight(), im.program.cus[i].kernel, im.program.cus[i].base});
  });
  return out;
}

card_snapshot card::snapshot() const
{
  card_snapshot out;
  auto& im = *m_impl;
  im.sim.call([&] {
    for (size_t i = 0; i < im.programmed.load(); ++i)
      out.cus.push_back({im.program.cus[i].name, im.slots[i]->runs(), im.slots[i]->busy(),
                         im.program.cus[i].control, im.slots[i]->in_flight(), im.program.cus[i].kernel,
                         im.program.cus[i].base});
    // im.links is built in program.links order, so the two line up.
    for (size_t i = 0; i < im.links.size() && i < im.program.links.size(); ++i) {
      auto& l = *im.links[i];
      auto& d = im.program.links[i];
      out.links.push_back({l.name(), d.from_cu, d.to_cu, l.depth(), l.size(), l.beats(), l.read_stalls(),
                           l.write_stalls()});
    }
    out.queued = im.sched->queued();
  });
  return out;
}

dma_stats card::dma() const
{
  return m_impl->dma->stats();
}

std::chrono::steady_clock::time_point card::profile_epoch() const
{
  return m_impl->events.epoch();
}

void card::set_log(std::function<void(const std::string&)> log)
{
  auto& im = *m_impl;
  im.sim.call([&] {
    im.log = log;
    im.sched->set_log(std::move(log));
  });
}

} // namespace xrtemu::emu
