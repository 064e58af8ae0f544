// hls::stream<T> for native execution of HLS kernels.
//
// Default semantics match C simulation: an unbounded FIFO (dataflow processes run one after
// the other, so a write never blocks), and reading an empty stream prints a warning naming
// the stream and returns a value-initialised T.
//
// hls::stream<T, DEPTH> derives from hls::stream<T> (as in Vitis), so a stream with a depth
// binds to a `hls::stream<T>&` parameter; the depth only matters in blocking mode.
//
// Blocking mode, for running producer and consumer on different threads: call
// xrtemu::hls::blocking_streams(true) (process-wide) or s.set_blocking(true) (one stream).
// Then read() on an empty stream waits for data, and write() waits while a stream with a
// depth (hls::stream<T, DEPTH> or set_depth()) is full. All operations are thread-safe.
//
// With hls::task threads (hls_task.h) a read of an empty stream by a task, or by a thread
// that started tasks, waits for data (xrtemu_hls/task_sched.h: deadlock detection, stop);
// writes stay unbounded, as in Vitis C simulation.
//
// Port mode, for a stream argument of a compute unit on the emulated card: attach(port)
// makes every operation go through the xrtemu_stream_port (xrtemu/kernel_model.h) instead
// of the local FIFO; elements cross as AXI4-Stream beats (xrtemu_hls/stream_beat.h). A port
// operation that reports CANCELLED throws xrtemu::hls::stream_cancelled so the kernel
// unwinds.
#ifndef XRTEMU_HLS_STREAM_H
#define XRTEMU_HLS_STREAM_H

#include <atomic>
#include <cassert>  // Vitis' stream header brings assert() in; kernels rely on it
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>

#include "xrtemu/kernel_model.h"
#include "xrtemu_hls/stream_beat.h"
#include "xrtemu_hls/task_sched.h"

namespace xrtemu {
namespace hls {
inline std::atomic<int>& blocking_flag() {
  static std::atomic<int> f(0);
  return f;
}
// Process-wide switch; a stream's own set_blocking() overrides it.
inline void blocking_streams(bool on) { blocking_flag().store(on ? 1 : 0); }
inline bool blocking_streams() { return blocking_flag().load() != 0; }

// Thrown from a stream operation whose port was cancelled (run aborted, CU reset, deadlock).
class stream_cancelled : public std::exception {
 public:
  explicit stream_cancelled(const std::string& stream)
      : stream_(stream), what_("hls::stream '" + stream + "': cancelled by the card") {}
  const char* what() const noexcept override { return what_.c_str(); }
  const std::string& stream() const noexcept { return stream_; }

 private:
  std::string stream_, what_;
};
}  // namespace hls
}  // namespace xrtemu

namespace xrtemu_hls {
// Redirects a stream's operations (hls::split's input, hls::merge's output: hls_np_channel.h).
template <class _AP_T> struct stream_hook {
  virtual ~stream_hook() {}
  virtual void write(const _AP_T& v) = 0;
  virtual bool write_nb(const _AP_T& v) = 0;
  virtual _AP_T read() = 0;
  virtual bool read_nb(_AP_T& v) = 0;
  virtual std::size_t size() const = 0;
};
}  // namespace xrtemu_hls

namespace hls {

template <typename _AP_T, int _AP_DEPTH = 0> class stream;

template <typename _AP_T> class stream<_AP_T, 0> {
  typedef xrtemu_hls::scheduler sched;

 public:
  stream() : name_("hls::stream"), depth_(0) {}
  explicit stream(const char* name) : name_(name ? name : "hls::stream"), depth_(0) {}
  explicit stream(const std::string& name) : name_(name), depth_(0) {}
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;
  ~stream() { sched::get().channel_gone(this); }

  // -1 follows the global switch, 0/1 force non-blocking/blocking for this stream.
  void set_blocking(bool on) { std::lock_guard<std::mutex> l(m_); mode_ = on ? 1 : 0; }
  void set_depth(std::size_t d) { std::lock_guard<std::mutex> l(m_); depth_ = d; }
  std::size_t depth() const { return port_ ? port_->depth(port_->ctx) : depth_; }
  const std::string& name() const { return name_; }
  void set_name(const std::string& n) { name_ = n; }

  // Route all operations through p (nullptr goes back to the local FIFO). Call before the
  // stream is shared with other threads; the port does its own locking.
  void attach(const xrtemu_stream_port* p) {
    static_assert(xrtemu_hls::beat_codec<_AP_T>::supported,
                  "hls::stream element type cannot cross a stream port: it is not trivially copyable "
                  "(specialise xrtemu_hls::beat_codec for it)");
    port_ = p;
    if (p && p->name && name_ == "hls::stream") name_ = p->name;
  }
  const xrtemu_stream_port* port() const { return port_; }
  // Route all operations through h (hls_np_channel.h); nullptr restores the FIFO.
  void hook(xrtemu_hls::stream_hook<_AP_T>* h) { hook_ = h; }

  bool empty() const { return size() == 0; }
  bool full() const {
    if (port_) return port_->size(port_->ctx) >= port_->depth(port_->ctx);
    if (hook_) return false;
    std::lock_guard<std::mutex> l(m_);
    return depth_ != 0 && q_.size() >= depth_;
  }
  std::size_t size() const {
    if (port_) return port_->size(port_->ctx);
    if (hook_) return hook_->size();
    std::lock_guard<std::mutex> l(m_);
    return q_.size();
  }

  _AP_T read() {
    if (port_) return port_ops::read(*this);
    if (hook_) return hook_->read();
    _AP_T v;
    {
      std::unique_lock<std::mutex> l(m_);
      if (q_.empty()) {
        if (blocking()) {
          cv_.wait(l, [this] { return !q_.empty(); });
        } else if (sched::get().should_block()) {
          l.unlock();
          sched::get().wait([this] { return size() != 0; }, this, name_);
          l.lock();
        } else {
          std::cerr << "WARNING: hls::stream '" << name_ << "' is read while empty, which may result in RTL simulation hanging." << std::endl;
          return _AP_T();
        }
      }
      v = q_.front();
      q_.pop_front();
    }
    done();
    return v;
  }
  void read(_AP_T& v) { v = read(); }
  void operator>>(_AP_T& v) { v = read(); }
  bool read_nb(_AP_T& v) {
    if (port_) return port_ops::read_nb(*this, v);
    if (hook_) return hook_->read_nb(v);
    {
      std::lock_guard<std::mutex> l(m_);
      if (q_.empty()) return false;
      v = q_.front();
      q_.pop_front();
    }
    done();
    return true;
  }

  void write(const _AP_T& v) {
    if (port_) {
      port_ops::write(*this, v, true);
      return;
    }
    if (hook_) {
      hook_->write(v);
      return;
    }
    {
      std::unique_lock<std::mutex> l(m_);
      if (depth_ != 0 && blocking()) cv_.wait(l, [this] { return q_.size() < depth_; });
      q_.push_back(v);
    }
    done();
  }
  void operator<<(const _AP_T& v) { write(v); }
  bool write_nb(const _AP_T& v) {
    if (port_) return port_ops::write(*this, v, false);
    if (hook_) return hook_->write_nb(v);
    {
      std::lock_guard<std::mutex> l(m_);
      if (depth_ != 0 && q_.size() >= depth_) return false;
      q_.push_back(v);
    }
    done();
    return true;
  }

 protected:
  explicit stream(std::size_t depth, const char* name) : name_(name ? name : "hls::stream"), depth_(depth) {}

 private:
  bool blocking() const { return mode_ < 0 ? xrtemu::hls::blocking_streams() : mode_ != 0; }
  // An element moved: wake blocked writers/readers (tasks wait on the scheduler).
  void done() {
    cv_.notify_all();
    if (sched::get().tasks_running()) sched::get().moved();
  }

  // Port operations; compiled only for types a port can carry, so local-only streams of
  // other element types keep working. A task thread never blocks inside the card: it polls,
  // so its owner can stop it (task_sched.h).
  template <bool OK = xrtemu_hls::beat_codec<_AP_T>::supported, int = 0> struct port_io {
    // false: WOULD_BLOCK from a non-blocking call.
    static bool read(stream& s, _AP_T& v, int blocking) {
      xrtemu_hls::beat_buffer<_AP_T> b;
      b.clear();
      int r = s.port_->read(s.port_->ctx, &b.beat, blocking);
      if (r == XRTEMU_STREAM_WOULD_BLOCK && !blocking) return false;
      if (r != XRTEMU_STREAM_OK) s.fail(r, blocking);
      xrtemu_hls::beat_codec<_AP_T>::decode(b.beat, v);
      return true;
    }
    static bool write(stream& s, const _AP_T& v, int blocking) {
      xrtemu_hls::beat_buffer<_AP_T> b;
      xrtemu_hls::beat_codec<_AP_T>::encode(v, b.beat);
      int r = s.port_->write(s.port_->ctx, &b.beat, blocking);
      if (r == XRTEMU_STREAM_WOULD_BLOCK && !blocking) return false;
      if (r != XRTEMU_STREAM_OK) s.fail(r, blocking);
      return true;
    }
  };
  template <int _AP_I> struct port_io<false, _AP_I> {
    static bool read(stream& s, _AP_T&, int) { s.unsupported(); return false; }
    static bool write(stream& s, const _AP_T&, int) { s.unsupported(); return false; }
  };
  struct port_ops {
    static _AP_T read(stream& s) {
      _AP_T v;
      if (!xrtemu_hls::scheduler::current_task()) {
        port_io<>::read(s, v, 1);
      } else {
        bool got = false;
        sched::get().wait([&] { return got || (got = port_io<>::read(s, v, 0)); }, &s, s.name_, true);
      }
      s.done();
      return v;
    }
    static bool read_nb(stream& s, _AP_T& v) {
      bool r = port_io<>::read(s, v, 0);
      if (r) s.done();
      return r;
    }
    static bool write(stream& s, const _AP_T& v, bool blocking) {
      bool r;
      if (blocking && xrtemu_hls::scheduler::current_task()) {
        bool put = false;
        sched::get().wait([&] { return put || (put = port_io<>::write(s, v, 0)); }, &s, s.name_, true);
        r = true;
      } else {
        r = port_io<>::write(s, v, blocking ? 1 : 0);
      }
      if (r) s.done();
      return r;
    }
  };

  [[noreturn]] void fail(int r, int blocking) const {
    if (r == XRTEMU_STREAM_CANCELLED) throw xrtemu::hls::stream_cancelled(port_->name ? port_->name : name_);
    // Anything else breaks the port contract; never hand back an element that did not arrive.
    throw std::runtime_error("hls::stream '" + name_ + "': stream port returned " + std::to_string(r) +
                             (blocking ? " to a blocking call" : ""));
  }
  [[noreturn]] void unsupported() const {
    throw std::logic_error("hls::stream '" + name_ + "': element type cannot cross a stream port");
  }

  std::string name_;
  std::size_t depth_;
  int mode_ = -1;
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::deque<_AP_T> q_;
  const xrtemu_stream_port* port_ = nullptr;
  xrtemu_hls::stream_hook<_AP_T>* hook_ = nullptr;
};

// A stream with a depth is a stream<T> (Vitis' layout), so it binds to hls::stream<T>&.
template <typename _AP_T, int _AP_DEPTH> class stream : public stream<_AP_T, 0> {
  static_assert(_AP_DEPTH > 0, "hls::stream depth must be positive");

 public:
  stream() : stream<_AP_T, 0>(_AP_DEPTH, nullptr) {}
  explicit stream(const char* name) : stream<_AP_T, 0>(_AP_DEPTH, name) {}
  explicit stream(const std::string& name) : stream<_AP_T, 0>(_AP_DEPTH, name.c_str()) {}
};

}  // namespace hls

#endif
