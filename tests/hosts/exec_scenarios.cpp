// Execution-mode scenarios (ap_ctrl_chain, CU selection, command states,
// hung kernels, abort, timeouts) on exec_modes.xclbin, written as any XRT
// user would.  The e2e test reads the profile the run leaves behind.
#include "scenario.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>
#include <ert.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace {

using scenario::expect_error;
std::string dir;
using namespace std::chrono_literals;

xrt::uuid load(xrt::device& d)
{
  return d.load_xclbin(dir + "/examples/exec_modes.xclbin");
}

xrt::bo int_bo(xrt::device& d, const xrt::kernel& k, int arg, size_t n, int fill = 0)
{
  xrt::bo b(d, n * sizeof(int), k.group_id(arg));
  auto p = b.map<int*>();
  for (size_t i = 0; i < n; ++i)
    p[i] = fill;
  b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  return b;
}

// Back-to-back runs of an ap_ctrl_chain kernel: all started, then waited.
void chain()
{
  xrt::device d(0);
  auto uuid = load(d);
  xrt::kernel k(d, uuid, "vinc_chain");
  const int n = 4096, runs = 16;
  auto in = int_bo(d, k, 0, n);
  auto pin = in.map<int*>();
  for (int i = 0; i < n; ++i)
    pin[i] = i;
  in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  std::vector<xrt::bo> outs;
  std::vector<xrt::run> rs;
  for (int r = 0; r < runs; ++r) {
    outs.push_back(int_bo(d, k, 1, n, -1));
    rs.push_back(k(in, outs.back(), r, n));
  }
  for (auto& r : rs)
    EXPECT(r.wait() == ERT_CMD_STATE_COMPLETED);
  for (int r = 0; r < runs; ++r) {
    outs[r].sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    auto p = outs[r].map<int*>();
    EXPECT(p[0] == r && p[n - 1] == n - 1 + r);
  }
  std::cout << "chain runs ok\n";
}

// "kernel:{cu,cu}" limits runs to those CUs; plain "kernel" spreads over all.
void select()
{
  xrt::device d(0);
  auto uuid = load(d);
  xrt::kernel some(d, uuid, "tag:{tag_1,tag_3}");
  xrt::kernel all(d, uuid, "tag");
  auto out = int_bo(d, some, 0, 64);
  std::vector<xrt::run> rs;
  for (int i = 0; i < 12; ++i)
    rs.push_back(some(out, i));
  for (auto& r : rs)
    EXPECT(r.wait() == ERT_CMD_STATE_COMPLETED);
  rs.clear();
  for (int i = 0; i < 12; ++i)
    rs.push_back(all(out, i));
  for (auto& r : rs)
    EXPECT(r.wait() == ERT_CMD_STATE_COMPLETED);
  expect_error("unknown CU", [&] { xrt::kernel(d, uuid, "tag:{tag_9}"); });
}

// NEW before start, COMPLETED after; a hung run reports TIMEOUT from
// wait(timeout), RUNNING from state(), ABORT after abort(); the CU then
// takes the next run.
void hung()
{
  xrt::device d(0);
  auto uuid = load(d);
  xrt::kernel k(d, uuid, "wait_flag:{wait_flag_1}");
  auto flag = int_bo(d, k, 0, 1, 0);
  auto polls = int_bo(d, k, 1, 1, -1);
  xrt::run r(k);
  r.set_arg(0, flag);
  r.set_arg(1, polls);
  EXPECT(r.state() == ERT_CMD_STATE_NEW);
  r.start();
  auto st = r.wait(200ms);
  std::cout << "wait(200ms) -> " << st << "\n";
  EXPECT(st == ERT_CMD_STATE_TIMEOUT);
  EXPECT(r.state() == ERT_CMD_STATE_RUNNING);
  auto ab = r.abort();
  std::cout << "abort -> " << ab << "\n";
  EXPECT(ab == ERT_CMD_STATE_ABORT);
  EXPECT(r.state() == ERT_CMD_STATE_ABORT);
  // Let the abandoned body finish (it writes its own count into `polls`
  // whenever it notices), then run again on the same CU with fresh output.
  flag.map<int*>()[0] = 1;
  flag.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  auto polls2 = int_bo(d, k, 1, 1, -1);
  auto r2 = k(flag, polls2);
  EXPECT(r2.wait() == ERT_CMD_STATE_COMPLETED);
  polls2.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  EXPECT(polls2.map<int*>()[0] == 0);
  std::cout << "CU usable after abort\n";
}

// With a CU timeout configured (XRTEMU_CU_TIMEOUT_MS) a hung run ends by
// itself with TIMEOUT, and the CU works again.
void timeout()
{
  xrt::device d(0);
  auto uuid = load(d);
  xrt::kernel k(d, uuid, "wait_flag:{wait_flag_2}");
  auto flag = int_bo(d, k, 0, 1, 0);
  auto polls = int_bo(d, k, 1, 1, -1);
  auto r = k(flag, polls);
  auto st = r.wait();
  std::cout << "wait() -> " << st << "\n";
  EXPECT(st == ERT_CMD_STATE_TIMEOUT);
  flag.map<int*>()[0] = 1;
  flag.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  auto polls2 = int_bo(d, k, 1, 1, -1);
  auto r2 = k(flag, polls2);
  EXPECT(r2.wait() == ERT_CMD_STATE_COMPLETED);
  std::cout << "CU usable after timeout\n";
}

// The consumer waits for beats no producer will send: every running CU (it
// and the free-running filter) is parked on a stream.  The card reports a deadlock and fails the run
// instead of hanging the host; the pipeline works afterwards.
void deadlock()
{
  xrt::device d(0);
  auto uuid = d.load_xclbin(dir + "/examples/stream_pipeline.xclbin");
  xrt::kernel producer(d, uuid, "producer"), consumer(d, uuid, "consumer");
  const int n = 64;
  auto in = int_bo(d, producer, 0, n, 5);
  auto out = int_bo(d, consumer, 1, 2 * n, -1);
  auto c = consumer(nullptr, out, n);   // and no producer run
  ert_cmd_state st = ERT_CMD_STATE_NEW;
  try {
    st = c.wait();
  }
  catch (const std::exception& e) {
    std::cout << "consumer wait threw: " << e.what() << "\n";
    st = c.state();
  }
  std::cout << "consumer -> " << st << "\n";
  EXPECT(st == ERT_CMD_STATE_ERROR);
  // The links were emptied; a matched pair now runs through.
  auto c2 = consumer(nullptr, out, n);
  auto p2 = producer(in, nullptr, n);
  EXPECT(p2.wait() == ERT_CMD_STATE_COMPLETED);
  EXPECT(c2.wait() == ERT_CMD_STATE_COMPLETED);
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  std::cout << "after deadlock: out[0] = " << out.map<int*>()[0] << "\n";
}

// Thousands of runs outstanding at once, on two overlapping CU sets: all
// started, then waited in order (the native, unmanaged path), then again
// with a completion callback on each (coreutil's command monitor, the path
// OpenCL takes).  Every run completes with its own result.
void backlog()
{
  xrt::device d(0);
  auto uuid = load(d);
  xrt::kernel one(d, uuid, "tag:{tag_1}");
  xrt::kernel three(d, uuid, "tag:{tag_1,tag_2,tag_3}");
  const int n = 3000;
  std::vector<xrt::bo> outs;
  std::vector<xrt::run> rs;
  for (int i = 0; i < n; ++i) {
    auto& k = i % 3 ? three : one;
    outs.push_back(int_bo(d, k, 0, 1, -1));
    rs.emplace_back(k);
    rs.back().set_arg(0, outs.back());
    rs.back().set_arg(1, i);
  }
  for (auto& r : rs)
    r.start();
  for (auto& r : rs)
    EXPECT(r.wait() == ERT_CMD_STATE_COMPLETED);
  bool all = true;
  for (int i = 0; i < n; ++i) {
    outs[i].sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    all = all && outs[i].map<int*>()[0] == i;
  }
  EXPECT(all);
  std::cout << "backlog waited: " << n << " runs ok\n";

  // Stock coreutil may call a callback more than once for one run (from
  // the monitor and from wait()); every run must see its own at least once.
  // The monitor thread's call can come after every wait() has returned and
  // after this function has, so the counters live until the process ends
  // (ASan caught a local vector freed under a late callback).
  static auto& hits = *new std::vector<std::atomic<int>>(n);
  for (int i = 0; i < n; ++i) {
    rs[i].set_arg(1, -2);
    rs[i].add_callback(ERT_CMD_STATE_COMPLETED,
                       [](const void*, ert_cmd_state, void* c) { static_cast<std::atomic<int>*>(c)->fetch_add(1); },
                       &hits[i]);
  }
  for (auto& r : rs)
    r.start();
  for (auto& r : rs)
    EXPECT(r.wait() == ERT_CMD_STATE_COMPLETED);
  auto called = [&] {
    int c = 0;
    for (auto& h : hits)
      c += h.load() > 0;
    return c;
  };
  for (int i = 0; i < 200 && called() < n; ++i)
    std::this_thread::sleep_for(10ms);   // callbacks run on coreutil's monitor thread
  std::cout << "backlog callbacks: " << called() << " runs\n";
  EXPECT(called() == n);
}

// A kernel whose runs were fast runs on the simulation thread; when one of
// them then spins (the flag is 0), the card's watchdog says so after 2 s.
// The host can still set the flag (a sync writes memory on the host's own
// thread), the body returns, and the card carries on.
void inline_hang()
{
  xrt::device d(0);
  auto uuid = load(d);
  xrt::kernel k(d, uuid, "wait_flag:{wait_flag_1}");
  auto flag = int_bo(d, k, 0, 1, 1);
  auto polls = int_bo(d, k, 1, 1, -1);
  for (int i = 0; i < 20; ++i)
    EXPECT(k(flag, polls).wait() == ERT_CMD_STATE_COMPLETED);
  flag.map<int*>()[0] = 0;
  flag.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  auto r = k(flag, polls);
  std::this_thread::sleep_for(3500ms);   // the watchdog speaks after 2 s
  flag.map<int*>()[0] = 1;
  flag.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  EXPECT(r.wait() == ERT_CMD_STATE_COMPLETED);
  EXPECT(k(flag, polls).wait() == ERT_CMD_STATE_COMPLETED);
  std::cout << "card usable after the slow inline body\n";
}

const scenario::table scenarios = {
  {"inline_hang", inline_hang},
  {"backlog", backlog},
  {"deadlock", deadlock},
  {"chain", chain}, {"select", select}, {"hung", hung}, {"timeout", timeout},
};

} // namespace

int main(int argc, char** argv)
{
  return scenario::main(argc, argv, scenarios, dir);
}
