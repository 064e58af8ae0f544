// Memory checker scenarios, written as an XRT user would: kernels that
// write past their output, read before their input, write into another
// buffer of the same bank, and one that behaves, on memcheck_g.xclbin
// (v++ -g) or memcheck.xclbin (checked only when XRTEMU_MEMCHECK=1 or
// xrt.ini [Emulation] memcheck=true asks).  The card's message goes to
// stderr; the e2e test reads it.
#include "scenario.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>
#include <ert.h>

#include <iostream>
#include <string>
#include <vector>

namespace {

std::string dir;

xrt::uuid load(xrt::device& d, const char* name)
{
  return d.load_xclbin(dir + "/memcheck/" + name);
}

xrt::bo int_bo(xrt::device& d, const xrt::kernel& k, int arg, size_t n, int first)
{
  xrt::bo b(d, n * sizeof(int), k.group_id(arg));
  auto p = b.map<int*>();
  for (size_t i = 0; i < n; ++i)
    p[i] = first + static_cast<int>(i);
  b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  return b;
}

// Waits as a user would and reports the final state; a wait that throws
// (a failed command) is reported too.
ert_cmd_state finish(xrt::run& r, const std::string& what)
{
  ert_cmd_state st;
  try {
    st = r.wait();
  }
  catch (const std::exception& e) {
    std::cout << what << ": wait threw: " << e.what() << "\n";
    st = r.state();
  }
  std::cout << what << ": state " << (st == ERT_CMD_STATE_COMPLETED ? "COMPLETED" : st == ERT_CMD_STATE_ERROR ? "ERROR" : "other")
            << " (" << st << ")\n";
  return st;
}

// mc_good stays inside its buffers: n elements, out[i] = 2 * in[i].
void good_run(xrt::device& d, const xrt::uuid& uuid, int n, const std::string& what)
{
  xrt::kernel k(d, uuid, "mc_good");
  auto in = int_bo(d, k, 0, n, 1);
  auto out = int_bo(d, k, 1, n, -7);
  auto r = k(in, out, n);
  EXPECT(finish(r, what) == ERT_CMD_STATE_COMPLETED);
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  auto p = out.map<int*>();
  int wrong = 0;
  for (int i = 0; i < n; ++i)
    wrong += p[i] != 2 * (i + 1);
  std::cout << what << ": " << wrong << " wrong\n";
  EXPECT(wrong == 0);
}

// Off by one: 1000 ints (not whole pages) and 1024 ints (whole pages).
void overrun(const char* xclbin, int n)
{
  xrt::device d(0);
  auto uuid = load(d, xclbin);
  xrt::kernel k(d, uuid, "mc_overrun");
  auto in = int_bo(d, k, 0, n, 10);
  auto out = int_bo(d, k, 1, n, 0);
  std::cout << "out buffer at 0x" << std::hex << out.address() << std::dec << ", " << n * sizeof(int) << " bytes\n";
  auto r = k(in, out, n);
  auto st = finish(r, "mc_overrun");
  // What the body wrote before the fault reached the buffer.
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  std::cout << "out[0] = " << out.map<int*>()[0] << ", out[n-1] = " << out.map<int*>()[n - 1] << "\n";
  if (st == ERT_CMD_STATE_ERROR) {
    // The card stays usable: the next run on it is fine.
    good_run(d, uuid, 1000, "good after fault");
  }
}

void overrun_g() { overrun("memcheck_g.xclbin", 1000); }
void overrun_pages() { overrun("memcheck_g.xclbin", 1024); }
void overrun_plain() { overrun("memcheck.xclbin", 1000); }

void underrun()
{
  xrt::device d(0);
  auto uuid = load(d, "memcheck_g.xclbin");
  xrt::kernel k(d, uuid, "mc_underrun");
  const int n = 1024;
  auto in = int_bo(d, k, 0, n, 10);
  auto out = int_bo(d, k, 1, n, 0);
  std::cout << "in buffer at 0x" << std::hex << in.address() << std::dec << "\n";
  auto r = k(in, out, n);
  EXPECT(finish(r, "mc_underrun") == ERT_CMD_STATE_ERROR);
}

// A write meant for another buffer of the same bank is stopped: the other
// buffer keeps its bytes.
void stray()
{
  xrt::device d(0);
  auto uuid = load(d, "memcheck_g.xclbin");
  xrt::kernel k(d, uuid, "mc_stray");
  const int n = 256;
  auto out = int_bo(d, k, 0, n, 0);
  auto other = int_bo(d, k, 0, n, 1000);
  long long delta = static_cast<long long>(other.address() - out.address()) + 8;
  std::cout << "out at 0x" << std::hex << out.address() << ", other at 0x" << other.address() << std::dec
            << ", delta " << delta << "\n";
  auto r = k(out, delta, n);
  EXPECT(finish(r, "mc_stray") == ERT_CMD_STATE_ERROR);
  other.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  std::cout << "other[2] = " << other.map<int*>()[2] << "\n";
  EXPECT(other.map<int*>()[2] == 1002);
}

// A write just before a buffer that is not whole pages (1000 bytes): its
// view puts the buffer's start on the guard page (in strict mode its end,
// and the bytes before it are checked when the run ends).
void stray_before()
{
  xrt::device d(0);
  auto uuid = load(d, "memcheck_g.xclbin");
  xrt::kernel k(d, uuid, "mc_stray");
  auto out = int_bo(d, k, 0, 250, 0);
  auto r = k(out, -8LL, 250);
  EXPECT(finish(r, "mc_stray before") == ERT_CMD_STATE_ERROR);
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  std::cout << "out[249] = " << out.map<int*>()[249] << "\n";
}

// Checked runs that stay inside their buffers complete with the right data,
// again and again (views are reused), next to faulting runs.
void good()
{
  xrt::device d(0);
  auto uuid = load(d, "memcheck_g.xclbin");
  for (int i = 0; i < 3; ++i) {
    good_run(d, uuid, 1000, "good 1000");
    good_run(d, uuid, 4096, "good 4096");
  }
  // An in-place run: one buffer bound to both arguments.
  xrt::kernel k(d, uuid, "mc_good");
  auto b = int_bo(d, k, 0, 1000, 1);
  auto r = k(b, b, 1000);
  EXPECT(finish(r, "in place") == ERT_CMD_STATE_COMPLETED);
  b.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  EXPECT(b.map<int*>()[999] == 2000);
}

// A faulting run and good runs in flight together on other CUs: the good
// ones complete, then the card runs more.
void recover()
{
  xrt::device d(0);
  auto uuid = load(d, "memcheck_g.xclbin");
  xrt::kernel bad(d, uuid, "mc_overrun"), ok(d, uuid, "mc_good");
  const int n = 1 << 16;
  auto in = int_bo(d, ok, 0, n, 1);
  auto out = int_bo(d, ok, 1, n, 0);
  // Whole pages: the off-by-one leaves the buffer's allocation and faults.
  auto bin = int_bo(d, bad, 0, 1024, 0);
  auto bout = int_bo(d, bad, 1, 1024, 0);
  auto r1 = ok(in, out, n);
  auto r2 = bad(bin, bout, 1024);
  auto r3 = ok(in, out, n);
  EXPECT(finish(r2, "bad") == ERT_CMD_STATE_ERROR);
  EXPECT(finish(r1, "ok 1") == ERT_CMD_STATE_COMPLETED);
  EXPECT(finish(r3, "ok 2") == ERT_CMD_STATE_COMPLETED);
  auto r4 = bad(bin, bout, 1024);
  EXPECT(finish(r4, "bad again") == ERT_CMD_STATE_ERROR);
  good_run(d, uuid, 4096, "good at the end");
}

const scenario::table scenarios = {
  {"overrun_g", overrun_g},
  {"overrun_pages", overrun_pages},
  {"overrun_plain", overrun_plain},
  {"underrun", underrun},
  {"stray", stray},
  {"stray_before", stray_before},
  {"good", good},
  {"recover", recover},
};

} // namespace

int main(int argc, char** argv)
{
  return scenario::main(argc, argv, scenarios, dir);
}
