// hls::stream_of_blocks<B, DEPTH>: a FIFO of whole blocks (typically arrays) between two
// processes, accessed in place through locks (UG1399, "HLS Stream of Blocks").
//
//   void producer(hls::stream_of_blocks<int[16]>& out) {
//     hls::write_lock<int[16]> b(out);    // acquire an empty block
//     for (int i = 0; i < 16; ++i) b[i] = i;
//   }                                      // release: the block joins the FIFO
//   void consumer(hls::stream_of_blocks<int[16]>& in) {
//     hls::read_lock<int[16]> b(in);      // acquire the oldest full block
//     ... b[i] ...
//   }                                      // release: the block is free again
//
// Behaviour here:
//  - a write_lock always gets a block (writers never wait; DEPTH is the hardware's number
//    of buffers and is reported by depth()), so sequential C simulation of a dataflow region
//    works with any block count;
//  - a read_lock of an empty stream waits for a block while hls::task threads run
//    (xrtemu_hls/task_sched.h); otherwise it warns, as an empty hls::stream read does, and
//    hands out a value-initialised block;
//  - blocks are reused, so a fresh write_lock sees whatever an earlier user left, as in
//    hardware;
//  - the lock guards are the only access; locks of one stream may be held by different
//    threads (task-level parallelism).
// Not a top-level kernel interface (Vitis does not allow that either).
#ifndef XRTEMU_HLS_STREAMOFBLOCKS_H
#define XRTEMU_HLS_STREAMOFBLOCKS_H

#include <cstddef>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hls_stream.h"
#include "xrtemu_hls/task_sched.h"

namespace hls {

namespace detail {
template <typename _AP_B, bool Write> class block_lock;
// Everything but the depth, so locks need only the block type.
template <typename _AP_B> class sob_base {
  typedef xrtemu_hls::scheduler sched;

 public:
  struct block {
    _AP_B v;
  };

  explicit sob_base(std::size_t depth, const char* name) : depth_(depth), name_(name ? name : "hls::stream_of_blocks") {}
  sob_base(const sob_base&) = delete;
  sob_base& operator=(const sob_base&) = delete;
  ~sob_base() { sched::get().channel_gone(this); }

  bool empty() const {
    std::lock_guard<std::mutex> l(m_);
    return full_.empty();
  }
  // Whether a writer would stall in hardware: DEPTH blocks are written and not yet read.
  bool full() const {
    std::lock_guard<std::mutex> l(m_);
    return full_.size() + writing_ >= depth_;
  }
  std::size_t depth() const { return depth_; }
  const std::string& name() const { return name_; }

 private:
  template <typename, bool> friend class block_lock;

  block* write_acquire() {
    std::lock_guard<std::mutex> l(m_);
    ++writing_;
    return take_free();
  }
  void write_release(block* b) {
    {
      std::lock_guard<std::mutex> l(m_);
      --writing_;
      full_.push_back(b);
    }
    if (sched::get().tasks_running()) sched::get().moved();
  }
  block* read_acquire() {
    std::unique_lock<std::mutex> l(m_);
    if (full_.empty()) {
      l.unlock();
      if (sched::get().should_block()) {
        sched::get().wait([this] { return !empty(); }, this, name_);
      } else {
        std::cerr << "WARNING: hls::stream_of_blocks '" << name_ << "' is read while empty" << std::endl;
        l.lock();
        block* b = take_free();
        *b = block();
        return b;
      }
      l.lock();
    }
    block* b = full_.front();
    full_.pop_front();
    return b;
  }
  void read_release(block* b) {
    {
      std::lock_guard<std::mutex> l(m_);
      free_.push_back(b);
    }
    if (sched::get().tasks_running()) sched::get().moved();
  }
  block* take_free() {
    if (free_.empty()) {
      store_.emplace_back(new block());
      return store_.back().get();
    }
    block* b = free_.back();
    free_.pop_back();
    return b;
  }

  std::size_t depth_;
  std::string name_;
  mutable std::mutex m_;
  std::vector<std::unique_ptr<block>> store_;  // every block ever made
  std::vector<block*> free_;
  std::deque<block*> full_;
  std::size_t writing_ = 0;
};
}  // namespace detail

template <typename _AP_B, int _AP_DEPTH = 2> class stream_of_blocks : public detail::sob_base<_AP_B> {
  static_assert(_AP_DEPTH > 0, "hls::stream_of_blocks depth must be positive");

 public:
  stream_of_blocks() : detail::sob_base<_AP_B>(_AP_DEPTH, nullptr) {}
  explicit stream_of_blocks(const char* name) : detail::sob_base<_AP_B>(_AP_DEPTH, name) {}
};

namespace detail {
// A held block: acquired at construction, released at the end of scope (or release()).
template <typename _AP_B, bool Write> class block_lock {
 public:
  explicit block_lock(sob_base<_AP_B>& s) : s_(&s), b_(Write ? s.write_acquire() : s.read_acquire()) {}
  block_lock(const block_lock&) = delete;
  block_lock& operator=(const block_lock&) = delete;
  ~block_lock() { release(); }
  operator _AP_B&() { return b_->v; }
  _AP_B& get() { return b_->v; }
  void release() {
    if (b_ && Write) s_->write_release(b_);
    if (b_ && !Write) s_->read_release(b_);
    b_ = nullptr;
  }

 private:
  sob_base<_AP_B>* s_;
  typename sob_base<_AP_B>::block* b_;
};
}  // namespace detail

// The block being written; it joins the FIFO when released.
template <typename _AP_B> class write_lock : public detail::block_lock<_AP_B, true> {
 public:
  explicit write_lock(detail::sob_base<_AP_B>& s) : detail::block_lock<_AP_B, true>(s) {}
};

// The oldest written block; it is free again when released.
template <typename _AP_B> class read_lock : public detail::block_lock<_AP_B, false> {
 public:
  explicit read_lock(detail::sob_base<_AP_B>& s) : detail::block_lock<_AP_B, false>(s) {}
};

}  // namespace hls

#endif
