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
#ifndef XRTEMU_HLS_STREAM_H
#define XRTEMU_HLS_STREAM_H

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <iostream>
#include <mutex>
#include <string>

namespace xrtemu {
namespace hls {
inline std::atomic<int>& blocking_flag() {
  static std::atomic<int> f(0);
  return f;
}
// Process-wide switch; a stream's own set_blocking() overrides it.
inline void blocking_streams(bool on) { blocking_flag().store(on ? 1 : 0); }
inline bool blocking_streams() { return blocking_flag().load() != 0; }
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
  std::size_t depth() const { return depth_; }
  const std::string& name() const { return name_; }

  bool empty() const { std::lock_guard<std::mutex> l(m_); return q_.empty(); }
  bool full() const { std::lock_guard<std::mutex> l(m_); return depth_ != 0 && q_.size() >= depth_; }
  std::size_t size() const { std::lock_guard<std::mutex> l(m_); return q_.size(); }

  T read() {
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
    std::lock_guard<std::mutex> l(m_);
    if (q_.empty()) return false;
    v = q_.front();
    q_.pop_front();
    cv_.notify_all();
    return true;
  }

  void write(const T& v) {
    std::unique_lock<std::mutex> l(m_);
    if (depth_ != 0 && blocking()) cv_.wait(l, [this] { return q_.size() < depth_; });
    q_.push_back(v);
    cv_.notify_all();
  }
  void operator<<(const T& v) { write(v); }
  bool write_nb(const T& v) {
    std::lock_guard<std::mutex> l(m_);
    if (depth_ != 0 && q_.size() >= depth_) return false;
    q_.push_back(v);
    cv_.notify_all();
    return true;
  }

 private:
  bool blocking() const { return mode_ < 0 ? xrtemu::hls::blocking_streams() : mode_ != 0; }

  std::string name_;
  std::size_t depth_;
  int mode_ = -1;
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::deque<T> q_;
};

}  // namespace hls

#endif
