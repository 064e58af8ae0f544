// hls::split and hls::merge: one-to-many and many-to-one stream channels (UG1399,
// "HLS Split/Merge Library").
//
//   hls::split::round_robin<T, N_OUT, DEPTH = 2, N_IN_DEPTH = 2> s;   // s.in, s.out[N_OUT]
//   hls::split::load_balance<T, N_OUT, DEPTH = 2, N_IN_DEPTH = 2> s;
//   hls::merge::round_robin<T, N_IN, DEPTH = 2, N_OUT_DEPTH = 2> m;   // m.in[N_IN], m.out
//   hls::merge::load_balance<T, N_IN, DEPTH = 2, N_OUT_DEPTH = 2> m;
//
// The ends are ordinary hls::streams, so they bind to hls::stream<T>& parameters of
// dataflow processes or hls::tasks. The distribution happens inside the stream operation
// itself (no helper thread), so sequential C simulation of a dataflow region sees it too:
//  - split round_robin: element i goes to out[i % N_OUT];
//  - split load_balance: each element goes to the output holding the fewest elements (ties
//    go to the next output after the previous choice), i.e. to whichever consumer keeps up;
//  - merge round_robin: reads take in[0], in[1], ... in turn, waiting for the input whose
//    turn it is;
//  - merge load_balance: reads take the first non-empty input after the previous one.
// Writing a split's outputs or a merge's inputs directly is allowed (they are streams);
// reading split.in or writing merge.out throws std::logic_error.
#ifndef XRTEMU_HLS_NP_CHANNEL_H
#define XRTEMU_HLS_NP_CHANNEL_H

#include <cstddef>
#include <iostream>
#include <stdexcept>
#include <string>

#include "hls_stream.h"
#include "xrtemu_hls/task_sched.h"

namespace xrtemu_hls {

// split: writes into `in` are routed to one of the outputs.
template <class _AP_T, int _AP_N, class Out, bool _AP_Balance> struct split_router : stream_hook<_AP_T> {
  Out* out;
  int next = 0;
  explicit split_router(Out* o) : out(o) {}
  int pick() {
    int k = next;
    if (_AP_Balance)
      for (int i = 1; i < _AP_N; ++i) {
        int c = (next + i) % _AP_N;
        if (out[c].size() < out[k].size()) k = c;
      }
    next = (k + 1) % _AP_N;
    return k;
  }
  void write(const _AP_T& v) override { out[pick()].write(v); }
  bool write_nb(const _AP_T& v) override {
    int k = pick();
    if (out[k].write_nb(v)) return true;
    next = k;  // not taken: the same output's turn again
    return false;
  }
  _AP_T read() override { throw std::logic_error("hls::split: its input stream cannot be read"); }
  bool read_nb(_AP_T&) override { throw std::logic_error("hls::split: its input stream cannot be read"); }
  std::size_t size() const override { return 0; }
};

// merge: reads of `out` take from one of the inputs.
template <class _AP_T, int _AP_N, class In, bool _AP_Balance> struct merge_router : stream_hook<_AP_T> {
  In* in;
  int next = 0;
  explicit merge_router(In* i) : in(i) {}
  int ready() const {
    for (int i = 0; i < _AP_N; ++i)
      if (!in[(next + i) % _AP_N].empty()) return (next + i) % _AP_N;
    return -1;
  }
  _AP_T read() override {
    if (!_AP_Balance) {
      int k = next;
      next = (next + 1) % _AP_N;
      return in[k].read();  // waits (tasks) or warns like any stream read
    }
    int k = ready();
    if (k < 0) {
      scheduler& s = scheduler::get();
      if (!s.should_block()) {
        std::cerr << "WARNING: hls::merge output is read while all inputs are empty" << std::endl;
        return _AP_T();
      }
      s.wait([this] { return ready() >= 0; }, this, "hls::merge output");
      k = ready();
    }
    next = (k + 1) % _AP_N;
    return in[k].read();
  }
  bool read_nb(_AP_T& v) override {
    int k = _AP_Balance ? ready() : next;
    if (k < 0 || !in[k].read_nb(v)) return false;
    next = (k + 1) % _AP_N;
    return true;
  }
  void write(const _AP_T&) override { throw std::logic_error("hls::merge: its output stream cannot be written"); }
  bool write_nb(const _AP_T&) override { throw std::logic_error("hls::merge: its output stream cannot be written"); }
  std::size_t size() const override {
    std::size_t n = 0;
    for (int i = 0; i < _AP_N; ++i) n += in[i].size();
    return n;
  }
};

template <class _AP_T, int _AP_N_OUT, int _AP_DEPTH, int _AP_N_IN_DEPTH, bool _AP_Balance> class split_channel {
  static_assert(_AP_N_OUT > 0, "hls::split needs at least one output");

 public:
  hls::stream<_AP_T, _AP_N_IN_DEPTH> in;
  hls::stream<_AP_T, _AP_DEPTH> out[_AP_N_OUT];
  split_channel() : router_(out) { in.hook(&router_); }
  split_channel(const split_channel&) = delete;
  split_channel& operator=(const split_channel&) = delete;

 private:
  split_router<_AP_T, _AP_N_OUT, hls::stream<_AP_T, _AP_DEPTH>, _AP_Balance> router_;
};

template <class _AP_T, int _AP_N_IN, int _AP_DEPTH, int _AP_N_OUT_DEPTH, bool _AP_Balance> class merge_channel {
  static_assert(_AP_N_IN > 0, "hls::merge needs at least one input");

 public:
  hls::stream<_AP_T, _AP_DEPTH> in[_AP_N_IN];
  hls::stream<_AP_T, _AP_N_OUT_DEPTH> out;
  merge_channel() : router_(in) { out.hook(&router_); }
  merge_channel(const merge_channel&) = delete;
  merge_channel& operator=(const merge_channel&) = delete;

 private:
  merge_router<_AP_T, _AP_N_IN, hls::stream<_AP_T, _AP_DEPTH>, _AP_Balance> router_;
};

}  // namespace xrtemu_hls

namespace hls {
namespace split {
template <typename _AP_T, int _AP_N_OUT, int _AP_DEPTH = 2, int _AP_N_IN_DEPTH = 2>
class round_robin : public xrtemu_hls::split_channel<_AP_T, _AP_N_OUT, _AP_DEPTH, _AP_N_IN_DEPTH, false> {};
template <typename _AP_T, int _AP_N_OUT, int _AP_DEPTH = 2, int _AP_N_IN_DEPTH = 2>
class load_balance : public xrtemu_hls::split_channel<_AP_T, _AP_N_OUT, _AP_DEPTH, _AP_N_IN_DEPTH, true> {};
}  // namespace split
namespace merge {
template <typename _AP_T, int _AP_N_IN, int _AP_DEPTH = 2, int _AP_N_OUT_DEPTH = 2>
class round_robin : public xrtemu_hls::merge_channel<_AP_T, _AP_N_IN, _AP_DEPTH, _AP_N_OUT_DEPTH, false> {};
template <typename _AP_T, int _AP_N_IN, int _AP_DEPTH = 2, int _AP_N_OUT_DEPTH = 2>
class load_balance : public xrtemu_hls::merge_channel<_AP_T, _AP_N_IN, _AP_DEPTH, _AP_N_OUT_DEPTH, true> {};
}  // namespace merge
}  // namespace hls

#endif
