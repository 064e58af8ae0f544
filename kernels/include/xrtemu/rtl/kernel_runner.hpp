// Running one invocation of an RTL kernel: the body of the model's run()
// for kernels packaged by `xrtemu package_xo`.  The generated wrapper
// (host/vpp/src/rtl_wrapper.cpp writes it) binds the verilated module's
// ports into an rtl_kernel_spec and calls run_rtl_kernel(); this file
// knows nothing about the module's class.
//
// One invocation, as XRT's driver would drive the real kernel:
//  1. ap_rst_n low for reset_cycles, then high;
//  2. AXI4-Lite writes of the arguments at their kernel.xml offsets (m_axi
//     arguments: the 64-bit device address the host gave, from ABI 2's
//     xrtemu_global), GIE/IER when the module has an interrupt line;
//  3. ap_start (AP_CTRL bit 0); then clocks until ap_done, learnt from the
//     interrupt line or by polling AP_CTRL;
//  4. meanwhile the m_axi ports are served from the DMI windows of the
//     arguments on each port, the AXI4-Stream ports from/to the stream links.
// ap_ctrl_none kernels skip 3 and run until the card cancels them.
#pragma once

#include "xrtemu/control_registers.h"
#include "xrtemu/kernel_model.h"
#include "xrtemu/rtl/axi_lite_master.hpp"
#include "xrtemu/rtl/axi_to_memory_bridge.hpp"
#include "xrtemu/rtl/axis_bridge.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace xrtemu::rtl {

// The verilated module, as the runner needs it.
class dut
{
public:
  virtual ~dut() = default;
  virtual void set_clock(bool high) = 0;
  virtual void set_reset_n(bool high) = 0;   // no-op for modules without ap_rst_n
  virtual void eval() = 0;
  // The optional second kernel clock ap_clk_2 (its reset ap_rst_n_2 follows
  // set_reset_n).
  virtual bool has_clock2() const { return false; }
  virtual void set_clock2(bool high) { (void)high; }
  // Waveforms (FST): false when the model was built without tracing.
  virtual bool open_trace(const std::string& path) { (void)path; return false; }
  virtual void dump(uint64_t time) { (void)time; }
  virtual void close_trace() {}
};

struct rtl_arg
{
  const char* name;
  uint32_t kind;     // enum xrtemu_arg_kind
  uint32_t offset;   // register offset (scalars, m_axi)
  uint32_t size;     // register bytes
  int port;          // index into masters (GLOBAL) or streams (STREAM); -1 none
};

struct rtl_master
{
  std::string name;  // "m_axi_gmem"
  axi_mm_ports ports;
};

struct rtl_stream
{
  std::string name;  // "s_axis_in"
  bool input;        // kernel reads it (read_only in kernel.xml)
  axis_ports ports;
};

struct rtl_kernel_spec
{
  std::string kernel;
  uint32_t control = XRTEMU_CTRL_HS;
  bool has_control = false;          // s_axi_control present
  axi_lite_ports control_ports;
  port_ref interrupt;
  std::vector<rtl_arg> args;
  std::vector<rtl_master> masters;
  std::vector<rtl_stream> streams;
};

// Why a run stops early: the card cancelled it (reset, abort, timeout).
struct run_cancelled : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

struct run_stats
{
  uint64_t cycles = 0;
};

namespace detail {

// Turns xrtemu_beat <-> axis_beat at a stream link.
inline axis_beat from_link(const xrtemu_beat& b, uint32_t bytes)
{
  axis_beat out;
  out.data.assign(b.data, b.data + bytes);
  out.keep.assign(b.keep, b.keep + (bytes + 7) / 8);
  out.strb.assign(b.strb, b.strb + (bytes + 7) / 8);
  out.last = b.last;
  out.user = b.user;
  out.id = b.id;
  out.dest = b.dest;
  return out;
}

class stream_end
{
public:
  stream_end(const rtl_stream& s, xrtemu_stream_port* port, stall_dice dice)
    : m_name(s.name), m_input(s.input), m_port(port)
  {
    if (m_input)
      m_src = std::make_unique<axis_source>(s.ports, dice);
    else
      m_sink = std::make_unique<axis_sink>(s.ports, dice);
    uint32_t n = m_input ? m_src->data_bytes() : m_sink->data_bytes();
    m_data.assign(n ? n : 1, 0);
    m_keep.assign((m_data.size() + 7) / 8, 0);
    m_strb.assign(m_keep.size(), 0);
  }
  bool input() const { return m_input; }
  const std::string& name() const { return m_name; }

  void drive_idle() { m_input ? m_src->drive_idle() : m_sink->drive_idle(); }
  bool before_edge() { return m_input ? m_src->before_edge() : m_sink->before_edge(); }
  void after_edge() { m_input ? m_src->after_edge() : m_sink->after_edge(); }
  bool moved() const { return m_input ? m_src->moved() : m_sink->moved(); }
  uint64_t beats() const { return m_input ? m_src->beats() : m_sink->beats(); }

  // Waiting on the link: an input with no beat to offer, an output holding
  // one the link would not take.
  bool waiting() const { return m_input ? m_src->empty() : m_sink->has_beat(); }

  // Moves at most one beat between the bridge and the link; blocking waits
  // for the link (the card sees the body parked, for deadlock detection).
  // True when a beat moved.
  bool service(bool blocking)
  {
    if (m_input) {
      if (!m_src->empty())
        return false;
      xrtemu_beat b = link_beat();
      int rc = m_port->read(m_port->ctx, &b, blocking);
      if (rc == XRTEMU_STREAM_CANCELLED)
        throw run_cancelled("stream " + std::string(m_port->name ? m_port->name : m_name.c_str()) + " was cancelled");
      if (rc != XRTEMU_STREAM_OK)
        return false;
      m_src->offer(from_link(b, static_cast<uint32_t>(m_data.size())));
      return true;
    } else {
      if (!m_sink->has_beat())
        return false;
      auto& a = m_sink->front();
      xrtemu_beat b{a.data.data(), a.keep.data(), a.strb.data(), a.user, a.id, a.dest,
                    static_cast<uint32_t>(a.data.size()), a.last ? 1u : 0u};
      int rc = m_port->write(m_port->ctx, &b, blocking);
      if (rc == XRTEMU_STREAM_CANCELLED)
        throw run_cancelled("stream " + std::string(m_port->name ? m_port->name : m_name.c_str()) + " was cancelled");
      if (rc != XRTEMU_STREAM_OK)
        return false;
      m_sink->pop();
      return true;
    }
  }

private:
  xrtemu_beat link_beat()
  {
    return xrtemu_beat{m_data.data(), m_keep.data(), m_strb.data(), 0, 0, 0,
                       static_cast<uint32_t>(m_data.size()), 0};
  }

  std::string m_name;
  bool m_input;
  xrtemu_stream_port* m_port;
  std::unique_ptr<axis_source> m_src;
  std::unique_ptr<axis_sink> m_sink;
  std::vector<uint8_t> m_data, m_keep, m_strb;
};

} // namespace detail

// The bridges of one module as plain pointer ranges: the ports are
// uint8_t, and a store through one may alias anything, so a vector's bounds
// would be reloaded after each (bench P5).
struct bridge_view
{
  axi_lite_master* lite;
  bool has_lite;
  axi_to_memory_bridge* const* mm_b;
  axi_to_memory_bridge* const* mm_e;
  detail::stream_end* const* ss_b;
  detail::stream_end* const* ss_e;
};

// One ap_clk cycle: the bridges see which handshakes happen at the rising
// edge, the module takes the edge, streams move a beat each way, the bridges
// drive their next values, then the falling edge.  after_rise/after_fall
// run after each eval (waveforms, a second clock).  True when anything
// moved that changes what the module sees next: a handshake, or a beat given
// to or taken from a bridge.  Inlined into both loops that clock modules.
template <typename Dut, typename Rise, typename Fall>
__attribute__((always_inline)) inline bool clock_cycle(Dut& d, bridge_view b, Rise&& after_rise, Fall&& after_fall)
{
  // Register traffic is not the module making progress: a runner polling
  // AP_CTRL must not keep a module that waits on a stream from parking.
  const bool lite_busy = b.has_lite && !b.lite->quiet();
  if (lite_busy)
    b.lite->before_edge();
  bool any = false;
  for (auto p = b.mm_b; p != b.mm_e; ++p)
    any = (*p)->before_edge() || any;
  for (auto p = b.ss_b; p != b.ss_e; ++p)
    any = (*p)->before_edge() || any;
  d.set_clock(true);
  d.eval();
  after_rise();
  for (auto p = b.ss_b; p != b.ss_e; ++p)
    any = (*p)->service(false) || any;
  if (lite_busy)
    b.lite->after_edge();
  for (auto p = b.mm_b; p != b.mm_e; ++p)
    (*p)->after_edge();
  for (auto p = b.ss_b; p != b.ss_e; ++p)
    (*p)->after_edge();
  d.set_clock(false);
  d.eval();
  after_fall();
  return any;
}

// Reset: every valid and ready low, ap_rst_n low for `cycles` cycles, then
// high.  Settle before the bridges sample again: outputs may depend on the
// reset combinationally (TREADY = ap_rst_n && ...), and a handshake the
// module sees but a bridge does not would take a beat twice.  Inlined: were
// `cycle` passed to a real call, the loop's state could not stay in
// registers (bench P5).
template <typename Dut, typename Cycle>
__attribute__((always_inline)) inline void reset_module(Dut& d, bridge_view b, uint32_t cycles, Cycle&& cycle)
{
  b.lite->drive_idle();
  for (auto p = b.mm_b; p != b.mm_e; ++p)
    (*p)->drive_idle();
  for (auto p = b.ss_b; p != b.ss_e; ++p)
    (*p)->drive_idle();
  d.set_reset_n(false);
  d.set_clock(false);
  d.set_clock2(false);
  d.eval();
  for (uint32_t i = 0; i < cycles; ++i)
    cycle();
  d.set_reset_n(true);
  d.eval();
  cycle();
}

// XRTEMU_RTL_STATS=<file>: one line a finished run, "<cu> <kernel> <cycles>"
// (bench P5 reads it).
inline void record_cycles(const std::string& cu, const std::string& kernel, uint64_t cycles)
{
  if (const char* f = std::getenv("XRTEMU_RTL_STATS"); f && *f)
    if (FILE* out = std::fopen(f, "a")) {
      std::fprintf(out, "%s %s %llu\n", cu.c_str(), kernel.c_str(), static_cast<unsigned long long>(cycles));
      std::fclose(out);
    }
}

struct run_options
{
  uint32_t reset_cycles = 16;
  uint32_t poll_interval = 64;        // cycles between AP_CTRL reads without an interrupt line
  uint32_t stall_percent = 0;         // random back-pressure on every port (tests)
  std::string waves;                  // FST file to write, "" for none
};

// XRTEMU_WAVES=<dir>: one FST per CU run, <dir>/<cu>-<run>.fst.
inline std::string waves_path(const xrtemu_run_info* info, const std::string& kernel)
{
  const char* dir = std::getenv("XRTEMU_WAVES");
  if (!dir || !*dir)
    return "";
  std::string cu = info && info->cu_name ? info->cu_name : kernel;
  uint64_t run = info ? info->run : 0;
  return std::string(dir) + "/" + cu + "-" + std::to_string(run) + ".fst";
}

// Runs one invocation.  argv as kernel_model.h describes for ABI 2.
// Throws run_cancelled when the card cancels, std::runtime_error with the
// AXI errors when the module misbehaved.  Dut: a class derived from dut;
// a template so that a final class's eval() and clock are called directly
// in the per-cycle loop (bench P5).
template <typename Dut>
run_stats run_rtl_kernel(Dut& d, const rtl_kernel_spec& spec, void* const* argv, const run_options& opt = {})
{
  const auto* info = static_cast<const xrtemu_run_info*>(argv[spec.args.size()]);
  auto cancelled = [info] { return info && info->size >= offsetof(xrtemu_run_info, cancelled) + sizeof info->cancelled && info->cancelled &&
                                   info->cancelled(info->ctx); };
  std::string who = info && info->cu_name ? std::string("CU ") + info->cu_name : "kernel " + spec.kernel;

  // Windows per master: every GLOBAL argument on it brings its bank.
  std::vector<std::vector<mem_window>> windows(spec.masters.size());
  for (size_t i = 0; i < spec.args.size(); ++i) {
    auto& a = spec.args[i];
    if (a.kind != XRTEMU_ARG_GLOBAL || a.port < 0)
      continue;
    auto* g = static_cast<const xrtemu_global*>(argv[i]);
    bool known = false;
    for (auto& w : windows[a.port])
      known = known || w.base == g->window_base;
    if (!known)
      windows[a.port].push_back({g->window_base, g->window_size, g->window_host});
  }
  uint64_t seed = 1;
  auto dice = [&] { return stall_dice(opt.stall_percent, seed++ * 0x9E3779B97F4A7C15ull); };

  axi_lite_master lite(spec.control_ports, "s_axi_control", dice());
  std::vector<std::unique_ptr<axi_to_memory_bridge>> masters;
  for (size_t m = 0; m < spec.masters.size(); ++m) {
    axi_target_options o;
    o.dice = dice();
    masters.push_back(std::make_unique<axi_to_memory_bridge>(spec.masters[m].name, spec.masters[m].ports,
                                                          windows[m], o));
  }
  std::vector<std::unique_ptr<detail::stream_end>> streams;
  for (size_t i = 0; i < spec.args.size(); ++i) {
    auto& a = spec.args[i];
    if (a.kind == XRTEMU_ARG_STREAM && a.port >= 0)
      streams.push_back(std::make_unique<detail::stream_end>(
        spec.streams[a.port], static_cast<xrtemu_stream_port*>(argv[i]), dice()));
  }

  uint64_t time = 0;
  bool tracing = false;
  if (!opt.waves.empty()) {
    tracing = d.open_trace(opt.waves);
    std::fprintf(stderr, "[xrtemu] %s: %s\n", who.c_str(),
                 tracing ? ("waveform in " + opt.waves).c_str()
                         : "XRTEMU_WAVES is set but this model was packaged without tracing");
  }
  struct closer
  {
    Dut& d;
    bool on;
    ~closer() { if (on) d.close_trace(); }
  } close_at_exit{d, tracing};

  run_stats stats;
  // Raw pointers: the loop below runs once a clock cycle, tens of millions
  // of times a second; every indirection shows (bench P5).
  std::vector<axi_to_memory_bridge*> mm;
  for (auto& m : masters)
    mm.push_back(m.get());
  std::vector<detail::stream_end*> ss;
  for (auto& s : streams)
    ss.push_back(s.get());
  const bridge_view view{&lite, spec.has_control, mm.data(), mm.data() + mm.size(), ss.data(), ss.data() + ss.size()};
  bool moved = false;
  uint64_t cycles = 0;
  auto dump = [&]() __attribute__((always_inline)) {
    if (tracing) {
      d.dump(time);
      time += 5;
    }
  };
  auto cycle = [&, view]() __attribute__((always_inline)) {
    moved = clock_cycle(d, view, dump, dump);
    ++cycles;
  };
  auto failed = [&] {
    bool any = !lite.error().empty();
    for (auto* m : mm)
      any = any || m->failed();
    return any;
  };
  auto errors = [&] {
    std::string e = lite.error();
    for (auto& m : masters)
      for (auto& x : m->errors())
        e += (e.empty() ? "" : "; ") + x;
    return e;
  };

  // 1. Reset.
  reset_module(d, view, opt.reset_cycles, cycle);

  // 2. Arguments, then 3. ap_start.
  bool interrupt = spec.interrupt.bound();
  bool handshake = spec.control != XRTEMU_CTRL_NONE && spec.has_control;
  if (spec.has_control) {
    for (size_t i = 0; i < spec.args.size(); ++i) {
      auto& a = spec.args[i];
      if (a.kind == XRTEMU_ARG_STREAM)
        continue;
      if (a.kind == XRTEMU_ARG_GLOBAL) {
        uint64_t addr = static_cast<const xrtemu_global*>(argv[i])->address;
        lite.write(a.offset, static_cast<uint32_t>(addr));
        lite.write(a.offset + 4, static_cast<uint32_t>(addr >> 32));
        continue;
      }
      auto bytes = static_cast<const uint8_t*>(argv[i]);
      for (uint32_t w = 0; w < (a.size + 3) / 4; ++w) {
        uint32_t v = 0;
        for (uint32_t b = 0; b < 4 && 4 * w + b < a.size; ++b)
          v |= uint32_t(bytes[4 * w + b]) << (8 * b);
        lite.write(a.offset + 4 * w, v);
      }
    }
    if (handshake && interrupt) {
      lite.write(ap::gie, ap::gie_enable);
      lite.write(ap::ier, ap::irq_done);
    }
    if (handshake)
      lite.write(ap::ctrl, ap::start);
  }

  // 4. Clock until done.  Idle handling: when nothing has moved for a while
  // and the module waits on exactly one stream, wait on that link (blocking:
  // the card sees this body parked); with several, nap and poll.
  const port_ref irq = spec.interrupt;
  const bool has_streams = !streams.empty();
  uint64_t idle = 0, since_poll = 0, after_error = 0;
  bool done = false, polling = false;
  uint32_t nap_us = 1;
  while (!done) {
    cycle();
    if ((cycles & 1023) == 0 && cancelled())
      throw run_cancelled(who + ": run cancelled");
    if (moved) {
      idle = 0;
      nap_us = 1;
    } else if (++idle > 64 && has_streams) {
      bool busy = spec.has_control && !lite.idle();
      for (auto& m : masters)
        busy = busy || !m->idle();
      detail::stream_end* waiting = nullptr;
      unsigned n = 0;
      for (auto& s : streams)
        if (s->waiting()) {
          waiting = s.get();
          ++n;
        }
      if (!busy && n == 1 && idle > 256) {
        if (cancelled())
          throw run_cancelled(who + ": run cancelled");
        waiting->service(true);
        idle = 0;
      } else if (n > 0 && idle > 4096) {
        std::this_thread::sleep_for(std::chrono::microseconds(nap_us));
        nap_us = nap_us < 512 ? nap_us * 2 : nap_us;
        if (cancelled())
          throw run_cancelled(who + ": run cancelled");
      }
    }
    if ((cycles & 255) == 0 && failed() && (after_error += 256) > 100000)
      break;   // a module that got an error response may never finish
    if (!handshake)
      continue;
    if (!lite.idle())
      continue;
    if (polling) {
      if (lite.has_read()) {
        uint32_t ctrl = lite.pop_read();
        polling = false;
        if (ctrl & ap::done) {
          done = true;
          if (interrupt)
            lite.write(ap::isr, ap::irq_done);   // acknowledge (toggle-on-write)
          if (spec.control == XRTEMU_CTRL_CHAIN)
            lite.write(ap::ctrl, ap::cont);
        }
      }
      continue;
    }
    if (interrupt ? irq.high() : ++since_poll >= opt.poll_interval) {
      since_poll = 0;
      lite.read(ap::ctrl);
      polling = true;
    }
  }
  // Let the last register writes land.
  for (int i = 0; i < 64 && !lite.idle(); ++i)
    cycle();
  stats.cycles = cycles;
  if (auto e = errors(); !e.empty())
    throw std::runtime_error(e);
  record_cycles(info && info->cu_name ? info->cu_name : "-", spec.kernel, stats.cycles);
  return stats;
}

} // namespace xrtemu::rtl
