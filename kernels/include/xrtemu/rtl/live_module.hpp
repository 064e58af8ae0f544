// One RTL CU as the FPGA has it: a verilated module created at xclbin load,
// taken through reset once and clocked on its own thread until unload.  The
// card hands every access to the CU's control range to it (write(), read())
// and each becomes a transaction of the AXI4-Lite master on s_axi_control,
// so the module's own register file answers: argument registers, ap_start,
// ap_done/ap_ready as the module raises them, ap_continue, ISR, and any
// register the kernel adds.  Its interrupt output is reported as it changes.
//
// Clocking: a module that is not running (no ap_start since its last done
// was seen) and has not moved anything for a while is not clocked until
// the next register access; a running one is clocked at full speed, with
// naps only while it waits on a stream link and nothing moves.  Whether it
// is running is read off the register traffic: an ap_start written, until
// a read of AP_CTRL shows ap_done (ap_ctrl_hs) or ap_continue is written
// (ap_ctrl_chain).  An ap_ctrl_none module always runs.
#pragma once

#include "xrtemu/control_registers.h"
#include "xrtemu/kernel_model.h"
#include "xrtemu/rtl/kernel_runner.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace xrtemu::rtl {

// XRTEMU_WAVES=<dir>: a live CU writes <dir>/<cu>.fst from load to unload.
inline std::string live_waves_path(const char* cu)
{
  const char* dir = std::getenv("XRTEMU_WAVES");
  if (!dir || !*dir)
    return "";
  return std::string(dir) + "/" + (cu ? cu : "cu") + ".fst";
}

template <typename Dut>
class live_module
{
public:
  // make builds the module and fills in its ports.  It runs on the
  // instance's own thread: Verilator ties a model's context to the thread
  // that built it (tracing depends on it).
  using factory = std::function<std::unique_ptr<Dut>(rtl_kernel_spec&)>;

  live_module(factory make, const xrtemu_live_env& env, run_options opt)
    : m_make(std::move(make)), m_env(env), m_opt(std::move(opt)), m_cu(env.cu_name ? env.cu_name : "?")
  {
    m_thread = std::thread([this] { loop(); });
    auto& r = registry::get();
    std::lock_guard<std::mutex> lk(r.mutex);
    r.all.insert(this);
  }

  ~live_module()
  {
    if (!s_registry_gone) {
      auto& r = registry::get();
      std::lock_guard<std::mutex> lk(r.mutex);
      r.all.erase(this);
    }
    halt();
  }

  // Stops the clock and destroys the module (closing its waveform).  Idempotent.
  void halt()
  {
    {
      std::lock_guard<std::mutex> lk(m_mutex);
      m_stop = true;
      m_pending.store(true);   // the running loop looks here every cycle
    }
    m_cv.notify_all();
    std::lock_guard<std::mutex> lk(m_join_mutex);
    if (m_thread.joinable())
      m_thread.join();
  }

  void write(uint32_t offset, uint32_t value)
  {
    auto r = std::make_shared<request>();
    r->write = true;
    r->offset = offset;
    r->value = value;
    submit(r);
  }

  uint32_t read(uint32_t offset, uint32_t* resp)
  {
    auto r = std::make_shared<request>();
    r->offset = offset;
    submit(r);
    std::unique_lock<std::mutex> lk(m_mutex);
    m_done_cv.wait(lk, [&] { return r->done || m_dead; });
    if (resp)
      *resp = r->done ? r->resp : 2;
    return r->value;
  }

private:
  // Every instance in this model library.  Built after Verilator's own
  // statics (at the first instance), so destroyed before them at exit: it
  // halts the instances the card has not torn down yet, while the trace
  // writers can still unregister from Verilator.
  struct registry
  {
    std::mutex mutex;
    std::set<live_module*> all;
    static registry& get()
    {
      static registry r;
      return r;
    }
    ~registry()
    {
      std::lock_guard<std::mutex> lk(mutex);
      for (auto* m : all)
        m->halt();
      s_registry_gone = true;   // instances deleted later must not look here
    }
  };
  static inline bool s_registry_gone = false;   // trivially destructible: valid to the end

  struct request
  {
    bool write = false;
    uint32_t offset = 0, value = 0, resp = 0;
    bool done = false;
  };

  void submit(const std::shared_ptr<request>& r)
  {
    {
      std::lock_guard<std::mutex> lk(m_mutex);
      m_requests.push_back(r);
      m_pending.store(true, std::memory_order_release);
    }
    m_cv.notify_one();
  }

  void report(const std::string& msg)
  {
    if (m_env.report)
      m_env.report(m_env.ctx, msg.c_str());
  }

  void set_state(int s)
  {
    if (s != m_state && m_env.state)
      m_env.state(m_env.ctx, s);
    m_state = s;
  }

  // The register traffic tells whether the module runs (see the top).
  void observe(const request& r)
  {
    if (r.write && r.offset == ap::gie)
      m_gie = (r.value & ap::gie_enable) != 0;
    if (r.write && r.offset == ap::ier)
      m_ier_done = (r.value & ap::irq_done) != 0;
    if (r.offset != ap::ctrl)
      return;
    if (r.write) {
      if (r.value & ap::start) {
        if (m_running++ == 0)
          m_run_start = m_cycles;
      }
      if ((r.value & ap::cont) && m_spec.control == XRTEMU_CTRL_CHAIN && m_running)
        finished_one();
      return;
    }
    if ((r.value & ap::done) && m_spec.control != XRTEMU_CTRL_CHAIN && m_running)
      finished_one();
  }

  void finished_one()
  {
    --m_running;
    record_cycles(m_cu, m_spec.kernel, m_cycles - m_run_start);   // per run seen done
    // The card times the run with it (timed mode); an older card's env ends
    // before.  Under ap_ctrl_hs with the interrupt enabled the run ends where
    // the line rose (seen within 64 cycles), not where the card read ap_done;
    // a polled one where the module's own look at AP_CTRL saw ap_done.
    uint64_t end = m_irq_rise > m_run_start && m_irq_rise <= m_cycles     ? m_irq_rise
                   : m_done_seen > m_run_start && m_done_seen <= m_cycles ? m_done_seen
                                                                          : m_cycles;
    if (m_env.size >= offsetof(xrtemu_live_env, run_done) + sizeof m_env.run_done && m_env.run_done)
      m_env.run_done(m_env.ctx, end - m_run_start);
    m_run_start = m_cycles;
  }

  void loop()
  {
    try {
      run();
    }
    catch (const std::exception& e) {
      report("CU " + m_cu + ": " + e.what());
    }
    m_dut.reset();   // on the thread that built it
    // Nothing answers from now on: release readers.
    std::lock_guard<std::mutex> lk(m_mutex);
    m_dead = true;
    m_done_cv.notify_all();
  }

  void run()
  {
    m_dut = m_make(m_spec);
    Dut& d = *m_dut;
    const auto& spec = m_spec;
    uint64_t seed = 1;
    auto dice = [&] { return stall_dice(m_opt.stall_percent, seed++ * 0x9E3779B97F4A7C15ull); };

    axi_lite_master lite(spec.control_ports, "CU " + m_cu + " s_axi_control", dice());
    std::vector<std::unique_ptr<axi_to_memory_bridge>> masters;
    for (size_t m = 0; m < spec.masters.size(); ++m) {
      // The first GLOBAL argument on the port stands for the port when
      // the card checks connectivity.
      uint32_t arg = 0;
      for (size_t i = 0; i < spec.args.size(); ++i)
        if (spec.args[i].kind == XRTEMU_ARG_GLOBAL && spec.args[i].port == static_cast<int>(m)) {
          arg = static_cast<uint32_t>(i);
          break;
        }
      axi_target_options o;
      o.dice = dice();
      o.resolve = [this, arg](uint64_t addr, uint64_t len, mem_window& w, bool& keep) {
        xrtemu_window x{};
        if (!m_env.resolve || !m_env.resolve(m_env.ctx, arg, addr, len, &x))
          return false;
        w = {x.base, x.size, x.host};
        keep = x.keep != 0;
        return true;
      };
      masters.push_back(std::make_unique<axi_to_memory_bridge>("CU " + m_cu + " " + spec.masters[m].name,
                                                            spec.masters[m].ports, std::vector<mem_window>{}, o));
    }
    std::vector<std::unique_ptr<detail::stream_end>> streams;
    for (size_t i = 0; i < spec.args.size(); ++i) {
      auto& a = spec.args[i];
      if (a.kind == XRTEMU_ARG_STREAM && a.port >= 0 && m_env.streams && m_env.streams[i])
        streams.push_back(std::make_unique<detail::stream_end>(spec.streams[a.port], m_env.streams[i], dice()));
    }

    // Clocks at the platform's frequencies (env clock_mhz), in picoseconds:
    // the waveform's time line, and the edges of ap_clk_2 between those of
    // ap_clk.  Every AXI interface is on ap_clk (the Vitis rule), so the
    // bridges act on ap_clk's rising edges only.
    auto period = [](double mhz, double fallback) {
      return static_cast<uint64_t>(1e6 / (mhz > 0 ? mhz : fallback) + 0.5);
    };
    const bool env_clocks = m_env.size >= offsetof(xrtemu_live_env, clock_mhz) + sizeof m_env.clock_mhz;
    const uint64_t period1 = period(env_clocks ? m_env.clock_mhz[0] : 0, 300);
    const uint64_t half1 = period1 / 2;
    const uint64_t half2 = std::max<uint64_t>(1, period(env_clocks ? m_env.clock_mhz[1] : 0, 500) / 2);
    const bool two_clocks = d.has_clock2();
    uint64_t edge2 = half2;   // time of ap_clk_2's next edge
    bool clk2 = false;
    uint64_t time = 0;
    bool tracing = false;
    auto clock2_until = [&](uint64_t until) {
      for (; edge2 < until; edge2 += half2) {
        clk2 = !clk2;
        d.set_clock2(clk2);
        d.eval();
        if (tracing)
          d.dump(edge2);
      }
    };
    if (!m_opt.waves.empty()) {
      tracing = d.open_trace(m_opt.waves);
      std::fprintf(stderr, "[xrtemu] CU %s: %s\n", m_cu.c_str(),
                   tracing ? ("waveform in " + m_opt.waves).c_str()
                           : "XRTEMU_WAVES is set but this model was packaged without tracing");
    }
    struct closer
    {
      Dut& d;
      bool on;
      ~closer() { if (on) d.close_trace(); }
    } close_at_exit{d, tracing};

    std::vector<axi_to_memory_bridge*> mm;
    for (auto& m : masters)
      mm.push_back(m.get());
    std::vector<detail::stream_end*> ss;
    for (auto& s : streams)
      ss.push_back(s.get());
    const bool has_lite = spec.has_control;
    const bridge_view view{&lite, has_lite, mm.data(), mm.data() + mm.size(), ss.data(), ss.data() + ss.size()};
    bool moved = false;
    uint64_t cycles = 0;   // a local, kept in a register; m_cycles follows at each register access
    auto after_rise = [&]() __attribute__((always_inline)) {
      if (tracing)
        d.dump(time);
      if (two_clocks)
        clock2_until(time + half1);
    };
    auto after_fall = [&]() __attribute__((always_inline)) {
      if (tracing)
        d.dump(time + half1);
      if (two_clocks)
        clock2_until(time + period1);
      time += period1;
    };
    auto cycle = [&, view]() __attribute__((always_inline)) {
      moved = clock_cycle(d, view, after_rise, after_fall);
      ++cycles;
    };
    reset_module(d, view, m_opt.reset_cycles, cycle);

    const port_ref irq = spec.interrupt;
    bool irq_level = false;
    const bool free_running = spec.control == XRTEMU_CTRL_NONE;
    std::shared_ptr<request> cur;
    bool peeking = false;     // the module's own AP_CTRL read is in flight
    uint64_t peek_at = 0;     // the cycle it was issued
    uint64_t quiet = 0;
    uint32_t nap_us = 1;
    set_state(free_running ? XRTEMU_LIVE_BUSY : XRTEMU_LIVE_IDLE);

    for (;;) {
      // Next register access, one at a time as the host issues them.
      if (!cur && !peeking && m_pending.load(std::memory_order_acquire)) {
        std::lock_guard<std::mutex> lk(m_mutex);
        if (m_stop)
          return;
        if (!m_requests.empty()) {
          cur = std::move(m_requests.front());
          m_requests.pop_front();
          if (cur->write)
            lite.write(cur->offset, cur->value);
          else
            lite.read(cur->offset);
        }
        m_pending.store(!m_requests.empty() || m_stop, std::memory_order_relaxed);
      }
      if (!has_lite && cur) {
        // No control slave (ap_ctrl_none without one): nothing answers.
        finish(cur, 0, 3);
        cur.reset();
      }

      cycle();
      // Hot path: the host is not talking to the module.  Everything below
      // is looked at every 64th cycle only (register accesses and interrupt
      // edges wait at most that long; bench P5).
      if (!cur && (cycles & 63)) {
        quiet = moved ? 0 : quiet + 1;
        continue;
      }

      if (peeking && lite.idle()) {
        // The module's own look at AP_CTRL (see peek_due below): the
        // clear-on-read bits it took are owed to the card's next read.
        uint32_t v = lite.has_read() ? lite.pop_read() : 0;
        (void)lite.take_error();
        peeking = false;
        m_owed |= v & (ap::done | ap::ready);
        if ((v & ap::done) && m_done_seen <= m_run_start)
          m_done_seen = peek_at;
      }
      if (cur && lite.idle()) {
        uint32_t v = 0;
        if (!cur->write && lite.has_read())
          v = lite.pop_read();
        if (!cur->write && cur->offset == ap::ctrl) {
          v |= m_owed;
          m_owed = 0;
        }
        if (auto e = lite.take_error(); !e.empty())
          report(e);
        m_cycles = cycles;
        finish(cur, v, lite.last_resp());
        cur.reset();
        moved = true;
      }
      // A polled ap_ctrl_hs run (no interrupt line, or the card did not
      // enable it): look at AP_CTRL every 64 cycles while the host is not
      // talking to the module, so the run's count ends where ap_done rose
      // rather than where the card got round to reading it.
      const bool polled = !irq.bound() || !m_gie || !m_ier_done;
      if (!cur && !peeking && polled && has_lite && lite.idle() && m_spec.control == XRTEMU_CTRL_HS &&
          m_running > 0 && m_done_seen <= m_run_start && !m_pending.load(std::memory_order_relaxed)) {
        lite.read(ap::ctrl);
        peeking = true;
        peek_at = cycles;
      }
      if (irq.bound() && irq.high() != irq_level) {
        irq_level = !irq_level;
        if (irq_level && m_spec.control == XRTEMU_CTRL_HS && m_running > 0)
          m_irq_rise = cycles;
        if (m_env.interrupt)
          m_env.interrupt(m_env.ctx, irq_level);
      }
      if ((cycles & 255) == 0)
        for (auto* m : mm)
          for (auto& e : m->take_errors())
            report(e);

      const bool running = free_running || m_running > 0;
      // A poller (no interrupt line, or ert_polling) learns of ap_ready and
      // ap_done by reading AP_CTRL: tell it when to look.  An ap_ctrl_hs run
      // whose done interrupt the card enabled needs no hints: each wakes the
      // simulation thread for nothing (every 512 cycles, ~20 us).
      const bool hinted = polled || m_spec.control != XRTEMU_CTRL_HS;
      if (running && hinted && (cycles & 511) == 0 && m_env.poll)
        m_env.poll(m_env.ctx);
      if (moved || cur) {
        quiet = 0;
        nap_us = 1;
        if (running)
          set_state(XRTEMU_LIVE_BUSY);
        continue;
      }
      ++quiet;
      bool bridges_busy = has_lite && !lite.idle();
      for (auto* m : mm)
        bridges_busy = bridges_busy || !m->idle();
      if (!running) {
        // Waiting for the host: once everything has settled, sleep until
        // a register access (or unload).
        if (quiet > 4096 && !bridges_busy) {
          set_state(XRTEMU_LIVE_IDLE);
          std::unique_lock<std::mutex> lk(m_mutex);
          m_cv.wait(lk, [&] { return m_stop || !m_requests.empty(); });
          if (m_stop)
            return;
          quiet = 0;
        }
        continue;
      }
      // Running but stalled on a stream: nap, and let the card see it.
      bool waiting = false;
      for (auto* s : ss)
        waiting = waiting || s->waiting();
      if (waiting && !bridges_busy && quiet > 4096) {
        set_state(XRTEMU_LIVE_WAITING);
        std::unique_lock<std::mutex> lk(m_mutex);
        m_cv.wait_for(lk, std::chrono::microseconds(nap_us), [&] { return m_stop || !m_requests.empty(); });
        if (m_stop)
          return;
        nap_us = nap_us < 512 ? nap_us * 2 : nap_us;
      } else if (free_running && !waiting && !bridges_busy && quiet > (1u << 20)) {
        // A free-running (ap_ctrl_none / user-managed) module that has done
        // nothing visible for a million cycles is probably waiting for the
        // host: nap, then give it 4096 cycles again (it may be counting).
        std::unique_lock<std::mutex> lk(m_mutex);
        m_cv.wait_for(lk, std::chrono::microseconds(nap_us), [&] { return m_stop || !m_requests.empty(); });
        if (m_stop)
          return;
        nap_us = nap_us < 512 ? nap_us * 2 : nap_us;
        quiet = (1u << 20) - 4096;
      }
    }
  }

  void finish(const std::shared_ptr<request>& r, uint32_t value, uint32_t resp)
  {
    {
      std::lock_guard<std::mutex> lk(m_mutex);
      if (!r->write)
        r->value = value;
      r->resp = resp;
      r->done = true;
      observe(*r);
    }
    if (!r->write)
      m_done_cv.notify_all();
  }

  factory m_make;
  std::unique_ptr<Dut> m_dut;   // built and used on the loop thread
  rtl_kernel_spec m_spec;
  xrtemu_live_env m_env;
  run_options m_opt;
  std::string m_cu;

  std::mutex m_mutex;
  std::condition_variable m_cv, m_done_cv;
  std::deque<std::shared_ptr<request>> m_requests;
  std::atomic<bool> m_pending{false};
  bool m_stop = false, m_dead = false;

  // Loop thread only.
  uint64_t m_cycles = 0, m_run_start = 0;
  uint64_t m_irq_rise = 0;   // cycle the interrupt line last rose during an ap_ctrl_hs run
  uint64_t m_done_seen = 0;  // cycle the module's own AP_CTRL look first saw ap_done in this run
  uint32_t m_owed = 0;       // ap_done/ap_ready that look cleared, for the card's next AP_CTRL read
  bool m_gie = false, m_ier_done = false;   // the card enabled the done interrupt
  uint32_t m_running = 0;
  int m_state = -1;
  std::thread m_thread;
  std::mutex m_join_mutex;
};

} // namespace xrtemu::rtl
