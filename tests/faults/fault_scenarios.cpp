// Fault injection scenarios: host programs written against stock XRT 2.13 as
// for a card, each meeting one injected fault (set by the e2e test through
// XRTEMU_FAULTS, xrt.ini or the shim's C API) and checking what XRT shows:
// run states, exception types and codes, device queries, the error log.
//   usage: fault_scenarios <scenario> <xclbin dir>
#include "../hosts/scenario.h"

#include <experimental/xrt_error.h>
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>
#include <ert.h>
#include <xrt_error_code.h>

#include <dlfcn.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <new>
#include <string>
#include <system_error>

namespace {

std::string dir;
using namespace std::chrono_literals;
constexpr int n = 1024;

// multi_cu.xclbin: vinc_1/vinc_2 and vscale_1/vscale_2, one DDR bank per CU.
struct bench
{
  xrt::device dev{0};
  xrt::uuid uuid = dev.load_xclbin(dir + "/examples/multi_cu.xclbin");
};

struct vinc_job
{
  xrt::kernel k;
  xrt::bo in, out;
  vinc_job(bench& b, const std::string& name)
    : k(b.dev, b.uuid, name), in(b.dev, n * sizeof(int), k.group_id(0)), out(b.dev, n * sizeof(int), k.group_id(1))
  {
    auto p = in.map<int*>();
    for (int i = 0; i < n; ++i)
      p[i] = i;
    in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  }
  xrt::run start(int inc) { return k(in, out, inc, n); }
  bool result_is(int inc)
  {
    out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    auto p = out.map<int*>();
    return p[0] == inc && p[n - 1] == n - 1 + inc;
  }
};

const char* state_name(ert_cmd_state s)
{
  switch (s) {
  case ERT_CMD_STATE_NEW: return "NEW";
  case ERT_CMD_STATE_QUEUED: return "QUEUED";
  case ERT_CMD_STATE_RUNNING: return "RUNNING";
  case ERT_CMD_STATE_COMPLETED: return "COMPLETED";
  case ERT_CMD_STATE_ERROR: return "ERROR";
  case ERT_CMD_STATE_ABORT: return "ABORT";
  case ERT_CMD_STATE_TIMEOUT: return "TIMEOUT";
  default: return "other";
  }
}

// XRTEMU_FAULTS=hang:cu=vinc_2 — the run on vinc_2 never completes: a
// timed wait times out, abort() ends it ABORT, the other CU keeps working
// and the next run on vinc_2 completes.
void hang()
{
  bench b;
  vinc_job two(b, "vinc:{vinc_2}"), one(b, "vinc:{vinc_1}");
  auto stuck = two.start(5);
  auto w = stuck.wait(200ms);
  std::cout << "wait(200ms) on the hung run: " << state_name(w) << "\n";
  std::cout << "state of the hung run: " << state_name(stuck.state()) << "\n";
  EXPECT(w == ERT_CMD_STATE_TIMEOUT);
  EXPECT(stuck.state() == ERT_CMD_STATE_RUNNING);
  auto other = one.start(7);
  EXPECT(other.wait() == ERT_CMD_STATE_COMPLETED);
  EXPECT(one.result_is(7));
  std::cout << "vinc_1 completes while vinc_2 hangs\n";
  auto a = stuck.abort();
  std::cout << "abort(): " << state_name(a) << ", state " << state_name(stuck.state()) << "\n";
  EXPECT(a == ERT_CMD_STATE_ABORT && stuck.state() == ERT_CMD_STATE_ABORT);
  auto again = two.start(9);
  EXPECT(again.wait() == ERT_CMD_STATE_COMPLETED);
  EXPECT(two.result_is(9));
  std::cout << "next run on vinc_2 completes\n";
}

// The same fault, and the host gives up on the run and exits with it
// still hung (as a test that only checks for a timeout does): the process
// ends normally.
void hang_exit()
{
  bench b;
  vinc_job two(b, "vinc:{vinc_2}");
  auto stuck = two.start(5);
  EXPECT(stuck.wait(100ms) == ERT_CMD_STATE_TIMEOUT);
  std::cout << "leaving with the run hung\n";
}

// The same fault with the card's CU timeout set (XRTEMU_CU_TIMEOUT_MS): the
// hung run ends ERT_CMD_STATE_TIMEOUT, as a real hung kernel does then.
void hang_timeout()
{
  bench b;
  vinc_job two(b, "vinc:{vinc_2}");
  auto stuck = two.start(5);
  auto s = stuck.wait();
  std::cout << "wait() on the hung run: " << state_name(s) << "\n";
  EXPECT(s == ERT_CMD_STATE_TIMEOUT && stuck.state() == ERT_CMD_STATE_TIMEOUT);
  EXPECT(two.start(6).wait() == ERT_CMD_STATE_COMPLETED && two.result_is(6));
}

// xrt.ini [Emulation] faults=error:kernel=vscale:after=1 — the second
// vscale run ends in ERROR; XRT 2.13's run.wait() returns the state.
void error()
{
  bench b;
  xrt::kernel k(b.dev, b.uuid, "vscale");
  xrt::bo in(b.dev, n * sizeof(int), k.group_id(0)), out(b.dev, n * sizeof(int), k.group_id(1));
  auto first = k(in, out, 2, n);
  EXPECT(first.wait() == ERT_CMD_STATE_COMPLETED);
  auto second = k(in, out, 2, n);
  auto s = second.wait();
  std::cout << "second vscale run: " << state_name(s) << "\n";
  EXPECT(s == ERT_CMD_STATE_ERROR && second.state() == ERT_CMD_STATE_ERROR);
  auto third = k(in, out, 2, n);
  EXPECT(third.wait() == ERT_CMD_STATE_COMPLETED);
  vinc_job v(b, "vinc");
  EXPECT(v.start(1).wait() == ERT_CMD_STATE_COMPLETED && v.result_is(1));
  std::cout << "later runs complete\n";
}

// XRTEMU_FAULTS=dma:dir=from_device:bank=DDR[2] — one sync from DDR[2]
// fails as the driver's DMA does (system_error, EIO); a retry works.
void dma()
{
  bench b;
  vinc_job v(b, "vinc:{vinc_1}");   // vinc_1's buffers are on DDR[2]
  EXPECT(v.start(3).wait() == ERT_CMD_STATE_COMPLETED);
  try {
    v.out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    std::cout << "sync: no exception\n";
    EXPECT(false);
  }
  catch (const std::system_error& e) {
    std::cout << "sync from device: std::system_error code " << e.code().value() << " ("
              << (e.code().value() == EIO ? "EIO" : "other") << "): " << e.what() << "\n";
    EXPECT(e.code().value() == EIO);
  }
  EXPECT(v.result_is(3));
  std::cout << "retried sync gives the result\n";
}

// XRTEMU_FAULTS=ecc:bank=DDR[2]:ce=3:... — the memory report
// (xrt::device::get_info<memory>, what xbutil examine -r memory prints)
// carries the counters; the card keeps working.
void ecc()
{
  bench b;
  std::cout << "MEMORY_JSON\n" << b.dev.get_info<xrt::info::device::memory>() << "\nEND_MEMORY_JSON\n";
  vinc_job v(b, "vinc:{vinc_1}");
  EXPECT(v.start(4).wait() == ERT_CMD_STATE_COMPLETED && v.result_is(4));
}

// XRTEMU_FAULTS=offline:after=2 — the third run takes the card offline:
// exec, sync, alloc and open fail as on a card that dropped off the bus, the
// device reports offline and the error log holds a firewall trip.
void offline()
{
  bench b;
  vinc_job v(b, "vinc");
  EXPECT(v.start(1).wait() == ERT_CMD_STATE_COMPLETED);
  EXPECT(!b.dev.get_info<xrt::info::device::offline>());
  EXPECT(v.start(2).wait() == ERT_CMD_STATE_COMPLETED);
  try {
    v.start(3);
    EXPECT(false);
  }
  catch (const std::system_error& e) {
    std::cout << "run after going offline: code " << e.code().value() << (e.code().value() == ENODEV ? " (ENODEV)" : "")
              << ": " << e.what() << "\n";
    EXPECT(e.code().value() == ENODEV);
  }
  EXPECT(b.dev.get_info<xrt::info::device::offline>());
  std::cout << "get_info<offline>: true\n";
  try {
    v.out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    EXPECT(false);
  }
  catch (const std::system_error& e) {
    std::cout << "sync: code " << e.code().value() << ": " << e.what() << "\n";
    EXPECT(e.code().value() == ENODEV);
  }
  try {
    xrt::bo more(b.dev, 4096, v.k.group_id(0));
    EXPECT(false);
  }
  catch (const std::bad_alloc&) {
    std::cout << "alloc: std::bad_alloc\n";
  }
  xrt::error err(b.dev, XRT_ERROR_CLASS_HARDWARE);
  auto code = err.get_error_code();
  std::cout << "xrt::error(HARDWARE): " << err.to_string() << "\n";
  EXPECT(XRT_ERROR_NUM(code) == XRT_ERROR_NUM_FIRWWALL_TRIP);
  EXPECT(XRT_ERROR_CLASS(code) == XRT_ERROR_CLASS_HARDWARE);
  EXPECT(err.get_timestamp() != 0);
  EXPECT(xrt::error(b.dev, XRT_ERROR_CLASS_SYSTEM).get_error_code() == 0);
  scenario::expect_error("open", [] { xrt::device again(0); });
}

// No configured faults: the test injects through the shim's C API.
void api()
{
  bench b;
  vinc_job v(b, "vinc:{vinc_1}");
  auto handle = ::dlopen("libxrt_core.so.2", RTLD_NOW | RTLD_NOLOAD);
  EXPECT(handle);
  using inject_fn = int (*)(const char*);
  using clear_fn = void (*)();
  auto inject = reinterpret_cast<inject_fn>(::dlsym(handle, "xrtemu_inject_faults"));
  auto clear = reinterpret_cast<clear_fn>(::dlsym(handle, "xrtemu_clear_faults"));
  EXPECT(inject && clear);
  int rc = inject("error:cu=vinc_1,hang:cu=vinc_1:after=x");
  std::cout << "bad spec: " << rc << "\n";
  EXPECT(rc == -EINVAL);
  EXPECT(v.start(1).wait() == ERT_CMD_STATE_COMPLETED);   // nothing of the bad spec was armed
  EXPECT(inject("error:cu=vinc_1:count=all") == 0);
  EXPECT(v.start(2).wait() == ERT_CMD_STATE_ERROR);
  EXPECT(v.start(3).wait() == ERT_CMD_STATE_ERROR);
  clear();
  EXPECT(v.start(4).wait() == ERT_CMD_STATE_COMPLETED && v.result_is(4));
  std::cout << "inject, then clear: ERROR, ERROR, COMPLETED\n";
}

// XRTEMU_FAULTS with a misspelt key: opening the device says which.
void bad_spec()
{
  scenario::expect_error("open", [] { xrt::device d(0); });
}

} // namespace

int main(int argc, char** argv)
{
  scenario::table t{{"hang", hang}, {"hang_exit", hang_exit}, {"hang_timeout", hang_timeout}, {"error", error}, {"dma", dma}, {"ecc", ecc},
                    {"offline", offline}, {"api", api}, {"bad_spec", bad_spec}};
  return scenario::main(argc, argv, t, dir);
}
