// hls::stream<T> for native execution of HLS kernels.
//
// Default semantics match C simulation: an unbounded FIFO (dataflow processes run one after
// the other, so a write never blocks), and reading an empty stream prints a warning naming
// the stream and returns a value-initialised T.
//
// Blocking mode, for running producer and consumer on different threads: call
// xrtemu::hls::blocking_streams(true) (process-wide) or s.set_blocking(true) (one stream).
// Then read() on an empty stream waits for data, and write() waits while a stream with a
// depth (hls::stream<T, DEPTH> or set_depth()) is full. All operations are thread-safe.
//
// Port mode, for a stream argument of a compute unit on the emulated card: attach(port)
// makes every operation go through the xrtemu_stream_port (xrtemu/kernel_model.h) instead
// of the local FIFO; elements cross as AXI4-Stream beats (xrtemu_hls/stream_beat.h). A port
// operation that reports CANCELLED throws xrtemu::hls::stream_cancelled so the kernel
// unwinds.
#ifndef XRTEMU_HLS_STREAM_H
#define XRTEMU_HLS_STREAM_H

#include <atomic>
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

namespace hls {

template <typename T, std::size_t DEPTH = 0> class stream {
 public:
  stream() : name_("hls::stream"), depth_(DEPTH) {}
  explicit stream(const char* name) : name_(name ? name : "hls::stream"), depth_(DEPTH) {}
  explicit stream(const std::string& name) : name_(name), depth_(DEPTH) {}
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;

  // -1 follows the global switch, 0/1 force non-blocking/blocking for this stream.
  void set_blocking(bool on) { std::lock_guard<std::mutex> l(m_); mode_ = on ? 1 : 0; }
  void set_depth(std::size_t d) { std::lock_guard<std::mutex> l(m_); depth_ = d; }
  std::size_t depth() const { return port_ ? port_->depth(port_->ctx) : depth_; }
  const std::string& name() const { return name_; }

  // Route all operations through p (nullptr goes back to the local FIFO). Call before the
  // stream is shared with other threads; the port does its own locking.
  void attach(const xrtemu_stream_port* p) {
    static_assert(xrtemu_hls::beat_codec<T>::supported,
                  "hls::stream element type cannot cross a stream port: it is not trivially copyable "
                  "(specialise xrtemu_hls::beat_codec for it)");
    port_ = p;
    if (p && p->name && name_ == "hls::stream") name_ = p->name;
  }
  const xrtemu_stream_port* port() const { return port_; }

  bool empty() const {
    if (port_) return port_->size(port_->ctx) == 0;
    std::lock_guard<std::mutex> l(m_);
    return q_.empty();
  }
  bool full() const {
    if (port_) return port_->size(port_->ctx) >= port_->depth(port_->ctx);
    std::lock_guard<std::mutex> l(m_);
    return depth_ != 0 && q_.size() >= depth_;
  }
  std::size_t size() const {
    if (port_) return port_->size(port_->ctx);
    std::lock_guard<std::mutex> l(m_);
    return q_.size();
  }

  T read() {
    if (port_) return port_read();
    std::unique_lock<std::mutex> l(m_);
    if (q_.empty()) {
      if (blocking()) {
        cv_.wait(l, [this] { return !q_.empty(); });
      } else {
        std::cerr << "WARNING: hls::stream '" << name_ << "' is read while empty, which may result in RTL simulation hanging." << std::endl;
        return T();
      }
    }
    T v = q_.front();
    q_.pop_front();
    cv_.notify_all();
    return v;
  }
  void read(T& v) { v = read(); }
  void operator>>(T& v) { v = read(); }
  bool read_nb(T& v) {
    if (port_) return port_read(v, 0);
    std::lock_guard<std::mutex> l(m_);
    if (q_.empty()) return false;
    v = q_.front();
    q_.pop_front();
    cv_.notify_all();
    return true;
  }

  void write(const T& v) {
    if (port_) {
      port_write(v, 1);
      return;
    }
    std::unique_lock<std::mutex> l(m_);
    if (depth_ != 0 && blocking()) cv_.wait(l, [this] { return q_.size() < depth_; });
    q_.push_back(v);
    cv_.notify_all();
  }
  void operator<<(const T& v) { write(v); }
  bool write_nb(const T& v) {
    if (port_) return port_write(v, 0);
    std::lock_guard<std::mutex> l(m_);
    if (depth_ != 0 && q_.size() >= depth_) return false;
    q_.push_back(v);
    cv_.notify_all();
    return true;
  }

 private:
  bool blocking() const { return mode_ < 0 ? xrtemu::hls::blocking_streams() : mode_ != 0; }

  // Port operations; compiled only for types a port can carry, so local-only streams of
  // other element types keep working.  false: WOULD_BLOCK from a non-blocking call.
  T port_read() {
    T v;
    if constexpr (xrtemu_hls::beat_codec<T>::supported) {
      xrtemu_hls::beat_buffer<T> b;
      b.clear();
      int r = port_->read(port_->ctx, &b.beat, 1);
      if (r != XRTEMU_STREAM_OK) fail(r, 1);
      xrtemu_hls::beat_codec<T>::decode(b.beat, v);
    } else {
      unsupported();
    }
    return v;
  }
  bool port_read(T& v, int blocking) {
    if constexpr (xrtemu_hls::beat_codec<T>::supported) {
      xrtemu_hls::beat_buffer<T> b;
      b.clear();
      int r = port_->read(port_->ctx, &b.beat, blocking);
      if (r == XRTEMU_STREAM_WOULD_BLOCK && !blocking) return false;
      if (r != XRTEMU_STREAM_OK) fail(r, blocking);
      xrtemu_hls::beat_codec<T>::decode(b.beat, v);
      return true;
    } else {
      (void)v, (void)blocking;
      unsupported();
    }
  }
  bool port_write(const T& v, int blocking) {
    if constexpr (xrtemu_hls::beat_codec<T>::supported) {
      xrtemu_hls::beat_buffer<T> b;
      xrtemu_hls::beat_codec<T>::encode(v, b.beat);
      int r = port_->write(port_->ctx, &b.beat, blocking);
      if (r == XRTEMU_STREAM_WOULD_BLOCK && !blocking) return false;
      if (r != XRTEMU_STREAM_OK) fail(r, blocking);
      return true;
    } else {
      (void)v, (void)blocking;
      unsupported();
    }
  }
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
  std::deque<T> q_;
  const xrtemu_stream_port* port_ = nullptr;
};

}  // namespace hls

#endif
