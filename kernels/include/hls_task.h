// hls::task: a free-running process of data-driven task-level parallelism (UG1399,
// "HLS Task Library").
//
//   hls_thread_local hls::stream<int> s;
//   hls_thread_local hls::task t(func, in, s);   // func(in, s) runs again and again
//
// Each task runs its function in a loop on its own thread for as long as the task object
// lives. Arguments that are objects (streams, stream_of_blocks) are passed by reference;
// scalars and pointers are copied when the task starts. While tasks run, reading an empty
// stream waits for data instead of warning (xrtemu_hls/task_sched.h).
//
// How a task ends: its destructor waits until every task started by the same thread waits
// on an empty input and nothing has moved for a moment (the region is quiescent: all the
// data it was given has been processed), then stops the task (its pending read unwinds) and
// joins the thread. A channel destroyed while a task waits on it stops that task too.
//  - C simulation: `hls_thread_local` is `thread_local`, so tasks started by the top
//    function live until the testbench's thread exits; the testbench reads the outputs
//    while they run. Reading an output that the quiescent tasks will never fill is a
//    deadlock: stderr gets "ERROR [HLS SIM]: deadlock detected ..." and the read throws
//    xrtemu::hls::task_deadlock (uncaught, the simulation aborts, as Vitis' csim fails).
//  - On the emulated card, `xrtemu compile` defines `hls_thread_local` as nothing, so the
//    tasks of a run are ordinary locals of the top function: the run ends once its tasks
//    have consumed their input (a task polling a card stream port waits 20 ms of silence),
//    and a task that failed (stream cancelled by the card) fails the run.
// Data a task holds between two reads when it is stopped is dropped.
#ifndef XRTEMU_HLS_TASK_H
#define XRTEMU_HLS_TASK_H

#include <functional>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include "hls_stream.h"
#include "xrtemu_hls/task_sched.h"

#ifndef hls_thread_local
#define hls_thread_local thread_local
#endif

namespace xrtemu_hls {
// Errors of tasks that ended by an exception, since the last take_task_errors().
inline std::string& task_error_log() {
  static std::string s;
  return s;
}
inline std::mutex& task_error_mutex() {
  static std::mutex m;
  return m;
}
inline std::string take_task_errors() {
  std::lock_guard<std::mutex> l(task_error_mutex());
  std::string s;
  s.swap(task_error_log());
  return s;
}

// Scalars and pointers are copied; objects (channels) are referred to.
template <class _AP_A, bool Copy = std::is_scalar<typename std::decay<_AP_A>::type>::value ||
                              !std::is_lvalue_reference<_AP_A>::value>
struct task_arg {
  typedef typename std::decay<_AP_A>::type type;
  static type bind(_AP_A&& a) { return std::forward<_AP_A>(a); }
};
template <class _AP_A> struct task_arg<_AP_A, false> {
  typedef std::reference_wrapper<typename std::remove_reference<_AP_A>::type> type;
  static type bind(_AP_A&& a) { return std::ref(a); }
};
}  // namespace xrtemu_hls

namespace hls {

class task {
  typedef xrtemu_hls::scheduler sched;

 public:
  // An empty task, started later with t(func, args...) (arrays of tasks).
  task() {}
  template <class _AP_F, class... _AP_A> explicit task(_AP_F&& f, _AP_A&&... a) { start(std::forward<_AP_F>(f), std::forward<_AP_A>(a)...); }
  task(const task&) = delete;
  task& operator=(const task&) = delete;
  ~task() { stop(); }

  template <class _AP_F, class... _AP_A> void operator()(_AP_F&& f, _AP_A&&... a) { start(std::forward<_AP_F>(f), std::forward<_AP_A>(a)...); }

  bool running() const { return thread_.joinable() && !state_.finished; }

 private:
  template <class _AP_F, class... _AP_A> void start(_AP_F&& f, _AP_A&&... a) {
    if (thread_.joinable()) throw std::logic_error("hls::task started twice");
    std::function<void()> body = std::bind(std::forward<_AP_F>(f), xrtemu_hls::task_arg<_AP_A>::bind(std::forward<_AP_A>(a))...);
    state_.group = &sched::own_group();
    sched::get().task_started(state_);
    thread_ = std::thread([this, body] {
      sched::current_task() = &state_;
      sched::current_group() = state_.group;
      try {
        for (;;) body();
      } catch (const xrtemu_hls::task_stop&) {
      } catch (const std::exception& e) {
        state_.error = e.what();
      } catch (...) {
        state_.error = "unknown exception";
      }
      sched::get().task_finished(state_);
    });
  }

  void stop() {
    if (!thread_.joinable()) return;
    sched::get().drain_and_stop(state_);
    thread_.join();
    if (!state_.error.empty()) {
      std::cerr << "ERROR: hls::task ended: " << state_.error << std::endl;
      std::lock_guard<std::mutex> l(xrtemu_hls::task_error_mutex());
      std::string& log = xrtemu_hls::task_error_log();
      log += (log.empty() ? "" : "; ") + state_.error;
    }
  }

  xrtemu_hls::task_state state_;
  std::thread thread_;
};

}  // namespace hls

#endif
