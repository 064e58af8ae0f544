// Stress host: many host threads drive the 4-CU spin_hash xclbin at once
// through the stock XRT native API (links only libxrt_coreutil).  Every
// thread owns its kernel object, buffers and runs, keeps two runs in flight,
// changes every argument from one run to the next and checks every result,
// so a lost or duplicated completion or arguments crossed between runs
// shows up as a mismatch.
//   usage: stress_host <compute_4cu[_banks].xclbin> [runs per thread] [threads]
// Prints one "stress:" summary line; exits 1 on any mismatch or error.
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>
#include <ert.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// The kernel's own source, linked in as the reference (tests/stress/CMakeLists.txt).
extern "C" void spin_hash(const unsigned* in, unsigned* out, unsigned n, unsigned rounds);

namespace {

constexpr unsigned max_n = 64;
// Buffer size: a whole page.  Stock coreutil backs a normal BO with
// aligned_alloc(page size, BO size); ThreadSanitizer rejects that call unless
// the size is a multiple of the alignment (C11), glibc does not.
constexpr size_t bo_bytes = 4096;
constexpr unsigned poison = 0xdeadbeefU;
constexpr int in_flight = 2;
// Only to turn a lost completion into a message instead of a hang.
constexpr std::chrono::seconds lost_after{600};

std::atomic<long> g_completed{0}, g_mismatches{0}, g_errors{0};
std::mutex g_print;

// At most a few detailed complaints, so a broken run does not flood the log.
void complain(const std::string& what)
{
  static int printed = 0;
  std::lock_guard<std::mutex> lk(g_print);
  if (printed++ < 20)
    std::printf("stress: %s\n", what.c_str());
}

// Which CUs each thread asks for: every CU, or a named subset.  (Where the
// CUs sit in different banks, coreutil keeps in "spin_hash" only the CUs
// connected like spin_hash_1.)
std::string kernel_name(int thread)
{
  switch (thread % 4) {
  case 1: return "spin_hash:{spin_hash_1,spin_hash_3}";
  case 3: return "spin_hash:{spin_hash_2,spin_hash_4}";
  default: return "spin_hash";
  }
}

struct slot
{
  xrt::bo in, out;
  xrt::run run;
  unsigned* pin = nullptr;
  unsigned* pout = nullptr;
  long iter = -1;   // the iteration this slot's run carries
  unsigned n = 0, rounds = 0;
};

// Arguments and input unique to (thread, iteration).
void prepare(slot& s, int thread, long iter)
{
  s.iter = iter;
  s.n = 1 + unsigned((iter * 7 + thread) % max_n);
  s.rounds = unsigned(iter % 4);
  for (unsigned i = 0; i < s.n; ++i)
    s.pin[i] = unsigned(thread) << 24 ^ unsigned(iter) << 6 ^ i;
  for (unsigned i = 0; i <= max_n; ++i)
    s.pout[i] = poison;
  s.in.sync(XCL_BO_SYNC_BO_TO_DEVICE, s.n * sizeof(unsigned), 0);
  s.out.sync(XCL_BO_SYNC_BO_TO_DEVICE, (max_n + 1) * sizeof(unsigned), 0);
}

void start(slot& s, xrt::kernel& k, int thread, long iter)
{
  prepare(s, thread, iter);
  if (iter % 16 == 15) {
    // Now and then a fresh run object, as `kernel(args...)` code does.
    s.run = k(s.in, s.out, s.n, s.rounds);
    return;
  }
  s.run.set_arg(2, s.n);
  s.run.set_arg(3, s.rounds);
  s.run.start();
}

// Under ThreadSanitizer: the acquire with which coreutil learns that a
// command finished is a plain load of the packet's state word inside the
// uninstrumented library, so TSan sees no ordering between the card's last
// touch of the packet and the host's next set_arg/start/free of it.  Repeat
// that load, as an acquire, where TSan sees it: it pairs with the card's
// release store of the final state (emu/src/scheduler.cpp set_state) and
// orders only what the card did before publishing that state.
void observe_completion(const xrt::run& run)
{
#ifdef XRTEMU_STRESS_TSAN
  __atomic_load_n(&run.get_ert_packet()->header, __ATOMIC_ACQUIRE);
#else
  (void)run;
#endif
}

// Waits for the slot's run and checks its output; true when it is right.
bool finish(slot& s, int thread)
{
  auto state = s.run.wait(lost_after);
  observe_completion(s.run);
  if (state != ERT_CMD_STATE_COMPLETED) {
    complain("thread " + std::to_string(thread) + " run " + std::to_string(s.iter) + " ended in state " +
             std::to_string(state) + (state == ERT_CMD_STATE_TIMEOUT ? " (no completion: lost?)" : ""));
    return false;
  }
  g_completed++;
  s.out.sync(XCL_BO_SYNC_BO_FROM_DEVICE, (max_n + 1) * sizeof(unsigned), 0);
  unsigned expect[max_n];
  spin_hash(s.pin, expect, s.n, s.rounds);
  for (unsigned i = 0; i <= max_n; ++i) {
    unsigned want = i < s.n ? expect[i] : poison;   // past n the kernel must not write
    if (s.pout[i] != want) {
      char msg[200];
      std::snprintf(msg, sizeof msg, "thread %d run %ld (n %u rounds %u): out[%u] = 0x%08x, expected 0x%08x",
                    thread, s.iter, s.n, s.rounds, i, s.pout[i], want);
      complain(msg);
      return false;
    }
  }
  return true;
}

void worker(xrt::device& device, const xrt::uuid& uuid, int thread, long runs)
{
  try {
    auto k = xrt::kernel(device, uuid, kernel_name(thread));
    std::vector<slot> slots(in_flight);
    for (auto& s : slots) {
      s.in = xrt::bo(device, bo_bytes, k.group_id(0));
      s.out = xrt::bo(device, bo_bytes, k.group_id(1));
      s.pin = s.in.map<unsigned*>();
      s.pout = s.out.map<unsigned*>();
      s.run = xrt::run(k);
      s.run.set_arg(0, s.in);
      s.run.set_arg(1, s.out);
    }
    long next = 0;
    for (auto& s : slots)
      if (next < runs)
        start(s, k, thread, next++);
    // Round robin over the slots: wait, check, reuse for the next iteration.
    for (long done = 0; done < runs; ++done) {
      auto& s = slots[done % in_flight];
      if (!finish(s, thread))
        g_mismatches++;
      if (next < runs)
        start(s, k, thread, next++);
    }
  }
  catch (const std::exception& e) {
    g_errors++;
    complain("thread " + std::to_string(thread) + " error: " + e.what());
  }
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <compute_4cu.xclbin> [runs per thread] [threads]\n", argv[0]);
    return 2;
  }
  long runs = argc > 2 ? std::atol(argv[2]) : 10000;
  int threads = argc > 3 ? std::atoi(argv[3]) : 8;
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back(worker, std::ref(device), std::cref(uuid), t, runs);
    for (auto& t : pool)
      t.join();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("stress: threads %d runs %ld completed %ld mismatches %ld errors %ld (%.2f s, %.0f runs/s)\n",
                threads, threads * runs, g_completed.load(), g_mismatches.load(), g_errors.load(), s,
                g_completed.load() / s);
  }
  catch (const std::exception& e) {
    std::printf("stress: error: %s\n", e.what());
    return 1;
  }
  bool ok = g_completed == threads * runs && g_mismatches == 0 && g_errors == 0;
  std::printf("%s\n", ok ? "STRESS PASSED" : "STRESS FAILED");
  return ok ? 0 : 1;
}
