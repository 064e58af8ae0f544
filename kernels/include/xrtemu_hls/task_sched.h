// Bookkeeping for hls::task threads (hls_task.h) and the channels they block on.
//
// While any task runs, a read of an empty hls::stream / stream_of_blocks blocks instead of
// warning (as Vitis C simulation does with tasks). Every such wait goes through
// scheduler::wait(), which knows who waits:
//  - A *group* is the set of tasks started by one thread (the testbench's main thread, a
//    compute unit's body); tasks started by a task join its group.
//  - A group is *quiescent* when each of its tasks waits on an empty input and no element
//    moved through any channel (the epoch) for a settle period: 2 ms, or 20 ms when a task
//    polls a stream port of the card (its producer may be another compute unit).
//  - Deadlock: the group's owner thread waits on an empty channel while its group is
//    quiescent. The owner gets xrtemu::hls::task_deadlock (a message on stderr too), as
//    Vitis reports "deadlock detected when simulating hls::tasks".
//  - Stop: a task whose owner ends it (hls::task's destructor drains the group first) gets
//    xrtemu_hls::task_stop thrown out of its wait, which its thread catches.
// Header-only, C++11.
#ifndef XRTEMU_HLS_TASK_SCHED_H
#define XRTEMU_HLS_TASK_SCHED_H

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>

namespace xrtemu {
namespace hls {
// The owner of a group of tasks waits on a channel that nothing can fill any more.
class task_deadlock : public std::runtime_error {
 public:
  explicit task_deadlock(const std::string& m) : std::runtime_error(m) {}
};
}  // namespace hls
}  // namespace xrtemu

namespace xrtemu_hls {

// Unwinds a task thread that its owner stopped; caught by the task's thread loop.
struct task_stop {};

struct task_group {
  int tasks = 0;         // live task threads
  int waiting = 0;       // of those, waiting on an empty input
  int port_waiting = 0;  // of those, polling a card stream port
};

struct task_state {
  task_group* group = nullptr;
  bool stop = false;                 // owner asked this task to end
  const void* waiting_on = nullptr;  // channel it waits on, if any
  bool finished = false;             // its thread left the loop
  std::string error;                 // what ended it, if not a stop
  task_state* next = nullptr;        // scheduler's list of live tasks
};

class scheduler {
 public:
  static scheduler& get() {
    static scheduler s;
    return s;
  }

  // Tasks exist anywhere in the process: channel reads block instead of warning.
  bool tasks_running() const { return tasks_.load(std::memory_order_relaxed) > 0; }
  // Something moved; wakes waiters. Call after the channel's own lock is released.
  void moved() {
    epoch_.fetch_add(1, std::memory_order_relaxed);
    { std::lock_guard<std::mutex> l(m_); }
    cv_.notify_all();
  }

  // The calling thread's group (its own, or the group of the task it runs).
  static task_group*& current_group() {
    static thread_local task_group* g = nullptr;
    return g;
  }
  static task_state*& current_task() {
    static thread_local task_state* t = nullptr;
    return t;
  }
  static task_group& own_group() {
    static thread_local task_group g;
    task_group*& cur = current_group();
    if (!cur) cur = &g;
    return *cur;
  }

  void task_started(task_state& t) {
    std::lock_guard<std::mutex> l(m_);
    t.group->tasks++;
    tasks_++;
    t.next = live_;
    live_ = &t;
  }
  void task_finished(task_state& t) {
    {
      std::lock_guard<std::mutex> l(m_);
      t.group->tasks--;
      tasks_--;
      t.finished = true;
      for (task_state** p = &live_; *p; p = &(*p)->next)
        if (*p == &t) {
          *p = t.next;
          break;
        }
    }
    cv_.notify_all();
  }

  // Blocks until ready() (evaluated with the scheduler lock held; it may take the channel's
  // own lock). `channel` identifies what is waited on, `name` names it in messages;
  // `port` marks polling of a card stream port (longer settle time).
  template <class Ready>
  void wait(Ready ready, const void* channel, const std::string& name, bool port = false) {
    std::unique_lock<std::mutex> l(m_);
    if (ready()) return;
    task_state* me = current_task();
    task_group& g = own_group();
    if (me) {
      g.waiting++;
      if (port) g.port_waiting++;
      me->waiting_on = channel;
    }
    struct leave {
      task_state* me;
      task_group& g;
      bool port;
      ~leave() {
        if (!me) return;
        g.waiting--;
        if (port) g.port_waiting--;
        me->waiting_on = nullptr;
      }
    } on_exit{me, g, port};
    unsigned long seen = epoch_.load();
    int still = 0;
    for (;;) {
      if (me && me->stop) throw task_stop();
      cv_.wait_for(l, std::chrono::microseconds(port ? 200 : 1000));
      if (ready()) return;
      if (me && me->stop) throw task_stop();
      if (me) continue;
      // The owner (or a thread without tasks) waits: deadlock once its tasks are quiescent.
      if (quiescent_step(g, seen, still)) {
        std::string msg = "ERROR [HLS SIM]: deadlock detected when simulating hls::tasks: '" + name +
                          "' is read while empty and every task of this region waits on an empty channel";
        std::fprintf(stderr, "%s\n", msg.c_str());
        throw xrtemu::hls::task_deadlock(msg);
      }
    }
  }

  // Owner side of hls::task's end: wait until the group is quiescent, then stop t.
  void drain_and_stop(task_state& t) {
    std::unique_lock<std::mutex> l(m_);
    task_group& g = *t.group;
    unsigned long seen = epoch_.load();
    int still = 0;
    while (!t.finished && !quiescent_step(g, seen, still)) cv_.wait_for(l, std::chrono::microseconds(500));
    t.stop = true;
    cv_.notify_all();
  }

  // `channel` is being destroyed by the calling thread: once the caller's tasks are
  // quiescent, stop every task waiting on it and wait until they left the wait.
  void channel_gone(const void* channel) {
    if (!tasks_running()) return;
    std::unique_lock<std::mutex> l(m_);
    task_group& g = own_group();
    unsigned long seen = epoch_.load();
    int still = 0;
    while (g.tasks > 0 && !quiescent_step(g, seen, still)) cv_.wait_for(l, std::chrono::microseconds(500));
    for (;;) {
      bool any = false;
      for (task_state* t = live_; t; t = t->next)
        if (t->waiting_on == channel) t->stop = any = true;
      if (!any) return;
      cv_.notify_all();
      cv_.wait_for(l, std::chrono::microseconds(500));
    }
  }

  // Whether a read of an empty channel by this thread blocks: it is a task, or it owns some.
  bool should_block() {
    if (!tasks_running()) return false;
    if (current_task()) return true;
    std::lock_guard<std::mutex> l(m_);
    return own_group().tasks > 0;
  }

 private:
  // One observation of group g: true once all its tasks wait and nothing moved for the
  // settle period. `seen`/`still` carry the state between observations.
  bool quiescent_step(task_group& g, unsigned long& seen, int& still) {
    unsigned long now = epoch_.load();
    if (g.tasks == 0 || g.waiting < g.tasks || now != seen) {
      seen = now;
      still = 0;
      return false;
    }
    ++still;
    return still >= (g.port_waiting ? 40 : 4);
  }

  std::mutex m_;
  std::condition_variable cv_;
  std::atomic<int> tasks_{0};
  std::atomic<unsigned long> epoch_{0};
  task_state* live_ = nullptr;
};

}  // namespace xrtemu_hls

#endif
