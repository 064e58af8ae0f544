// rtl_live host: checks what only a live RTL module per CU gives (the
// kernels are kernels/examples/rtl_live, Verilog run by Verilator).
//   usage: rtl_live_host <rtl_live.xclbin> state|ip|um|chain|clocks|decerr|hang [elements]
//   state  rtl_count run 3 times (n each): run r writes r*n + i, because the
//          module's base register survives from one run to the next.
//   ip     rtl_count driven by hand through xrt::ip: arguments, ap_start,
//          polling ap_done, then the module's own read-only registers
//          0x30 (runs since reset) and 0x34 (base); two runs.
//   um     the same on rtl_um.xclbin, where the module is a user-managed
//          kernel (ap_ctrl_none to XRT: only xrt::ip ever starts it).
//   chain  rtl_chain (ap_ctrl_chain) started 8 times back to back, each
//          run with its own buffers and k = r + 1, then all waited for.
//   clocks rtl_clocks through xrt::ip: counts `elements` ap_clk cycles (default
//          3000) and the ap_clk_2 cycles meanwhile; prints both and their ratio.
//   decerr rtl_count given a device address in no bank: the run must end in
//          ERROR (the AXI master got DECERR), and the next run must work.
//   hang   rtl_clocks told to count 2^32-16 cycles (minutes): wait(200 ms) says
//          TIMEOUT, abort() ends it ABORT (the card rebuilds the module),
//          and a short run on the same CU completes.
// Prints "TEST PASSED" and exits 0, or "FAIL: ..." and exits 1.
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>
#include <experimental/xrt_ip.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr std::chrono::seconds run_timeout{60};

struct failure : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

void fail(const std::string& what) { throw failure(what); }

std::string state_name(ert_cmd_state s)
{
  switch (s) {
  case ERT_CMD_STATE_COMPLETED: return "COMPLETED";
  case ERT_CMD_STATE_ERROR: return "ERROR";
  case ERT_CMD_STATE_ABORT: return "ABORT";
  case ERT_CMD_STATE_TIMEOUT: return "TIMEOUT (not done within 60 s)";
  default: return "state " + std::to_string(s);
  }
}

void expect_completed(xrt::run& run, const std::string& what)
{
  auto s = run.wait(std::chrono::duration_cast<std::chrono::milliseconds>(run_timeout));
  if (s != ERT_CMD_STATE_COMPLETED)
    fail(what + " ended in " + state_name(s));
}

// rtl_count's output: out[i] == base + i.
void check_count(const int* out, uint32_t n, uint32_t base, const std::string& what)
{
  for (uint32_t i = 0; i < n; ++i)
    if (uint32_t(out[i]) != base + i) {
      std::ostringstream s;
      s << what << ": out[" << i << "] = " << out[i] << ", expected " << base + i << " (base " << base << ")";
      fail(s.str());
    }
}

void state_mode(xrt::device& device, const xrt::uuid& uuid, uint32_t n)
{
  xrt::kernel count(device, uuid, "rtl_count");
  for (int r = 0; r < 3; ++r) {
    xrt::bo out(device, n * sizeof(int), count.group_id(0));
    auto p = out.map<int*>();
    std::fill(p, p + n, -1);
    out.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    auto run = count(out, n);
    expect_completed(run, "rtl_count run " + std::to_string(r));
    out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    check_count(p, n, r * n, "rtl_count run " + std::to_string(r) + " (state kept across runs?)");
  }
  std::cout << "state: 3 runs of " << n << ", base carried from run to run\n";
}

void ip_mode(xrt::device& device, const xrt::uuid& uuid, uint32_t n, const std::string& name)
{
  xrt::ip ip(device, uuid, name);
  for (uint32_t r = 0; r < 2; ++r) {
    xrt::bo out(device, n * sizeof(int), xrt::bo::flags::normal, 0);
    auto p = out.map<int*>();
    std::fill(p, p + n, -1);
    out.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    uint64_t addr = out.address();
    ip.write_register(0x10, uint32_t(addr));
    ip.write_register(0x14, uint32_t(addr >> 32));
    ip.write_register(0x1C, n);
    uint32_t ctrl = ip.read_register(0x00);
    if (!(ctrl & 0x4))
      fail("run " + std::to_string(r) + ": AP_CTRL = " + std::to_string(ctrl) + " before ap_start, ap_idle expected");
    ip.write_register(0x00, 0x1);
    auto t0 = std::chrono::steady_clock::now();
    long polls = 0;
    for (ctrl = 0; !(ctrl & 0x2); ++polls) {
      ctrl = ip.read_register(0x00);
      if (std::chrono::steady_clock::now() - t0 > run_timeout)
        fail("run " + std::to_string(r) + ": no ap_done after " + std::to_string(polls) + " reads of AP_CTRL (last " +
             std::to_string(ctrl) + ")");
    }
    if (ip.read_register(0x00) & 0x2)
      fail("ap_done did not clear when AP_CTRL was read");
    uint32_t runs = ip.read_register(0x30), base = ip.read_register(0x34);
    if (runs != r + 1 || base != (r + 1) * n) {
      std::ostringstream s;
      s << "after run " << r << " the module says runs (0x30) = " << runs << ", base (0x34) = " << base
        << "; expected " << r + 1 << " and " << (r + 1) * n;
      fail(s.str());
    }
    out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    check_count(p, n, r * n, "xrt::ip run " + std::to_string(r));
    std::cout << "ip: run " << r << " done after " << polls << " polls; runs = " << runs << ", base = " << base << "\n";
  }
}

void chain_mode(xrt::device& device, const xrt::uuid& uuid, uint32_t n)
{
  constexpr int runs = 8;
  xrt::kernel chain(device, uuid, "rtl_chain");
  std::vector<xrt::bo> in, out;
  std::vector<xrt::run> started;
  for (int r = 0; r < runs; ++r) {
    in.emplace_back(device, n * sizeof(int), chain.group_id(0));
    out.emplace_back(device, n * sizeof(int), chain.group_id(1));
    auto pi = in[r].map<int*>(), po = out[r].map<int*>();
    for (uint32_t i = 0; i < n; ++i) {
      pi[i] = int(i) * 3 - 100 * r;
      po[i] = -1;
    }
    in[r].sync(XCL_BO_SYNC_BO_TO_DEVICE);
    out[r].sync(XCL_BO_SYNC_BO_TO_DEVICE);
  }
  for (int r = 0; r < runs; ++r)
    started.push_back(chain(in[r], out[r], n, uint32_t(r + 1)));   // no wait in between
  for (int r = 0; r < runs; ++r)
    expect_completed(started[r], "rtl_chain run " + std::to_string(r));
  for (int r = 0; r < runs; ++r) {
    out[r].sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    auto pi = in[r].map<int*>(), po = out[r].map<int*>();
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t want = uint32_t(pi[i]) * uint32_t(r + 1);
      if (uint32_t(po[i]) != want) {
        std::ostringstream s;
        s << "rtl_chain run " << r << " (k = " << r + 1 << "): out[" << i << "] = " << po[i] << ", expected "
          << int32_t(want) << " (in " << pi[i] << ")";
        fail(s.str());
      }
    }
  }
  std::cout << "chain: " << runs << " runs of " << n << " started back to back\n";
}

void clocks_mode(xrt::device& device, const xrt::uuid& uuid, uint32_t cycles)
{
  xrt::ip ip(device, uuid, "rtl_clocks:{rtl_clocks_1}");
  ip.write_register(0x10, cycles);
  ip.write_register(0x00, 0x1);
  auto t0 = std::chrono::steady_clock::now();
  while (!(ip.read_register(0x00) & 0x2))
    if (std::chrono::steady_clock::now() - t0 > run_timeout)
      fail("rtl_clocks: no ap_done");
  uint32_t c1 = ip.read_register(0x18), c2 = ip.read_register(0x1C);
  if (c1 != cycles)
    fail("rtl_clocks counted " + std::to_string(c1) + " ap_clk cycles, asked for " + std::to_string(cycles));
  std::cout << "clocks: ap_clk " << c1 << " cycles, ap_clk_2 " << c2 << " cycles, ratio " << double(c2) / c1 << "\n";
}

void decerr_mode(xrt::device& device, const xrt::uuid& uuid, uint32_t n)
{
  xrt::kernel count(device, uuid, "rtl_count");
  xrt::run bad(count);
  bad.set_arg(0, uint64_t(0xFFFF00000000ull));   // a raw device address outside every bank
  bad.set_arg(1, n);
  bad.start();
  auto s = bad.wait(run_timeout);
  if (s != ERT_CMD_STATE_ERROR)
    fail("a run writing outside every bank ended in " + state_name(s) + ", expected ERROR");
  xrt::bo out(device, n * sizeof(int), count.group_id(0));
  auto good = count(out, n);
  expect_completed(good, "the run after the failed one");
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  std::cout << "decerr: the bad run ended in ERROR, the next one completed\n";
}

void hang_mode(xrt::device& device, const xrt::uuid& uuid)
{
  xrt::kernel clocks(device, uuid, "rtl_clocks");
  auto slow = clocks(uint32_t(0xFFFFFFF0u));
  auto s = slow.wait(std::chrono::milliseconds(200));
  if (s != ERT_CMD_STATE_TIMEOUT)
    fail("wait(200 ms) on a run of 2^32 cycles gave " + state_name(s) + ", expected TIMEOUT");
  s = slow.abort();
  if (s != ERT_CMD_STATE_ABORT)
    fail("abort() gave " + state_name(s) + ", expected ABORT");
  auto quick = clocks(uint32_t(100));
  expect_completed(quick, "a short run after the abort");
  std::cout << "hang: TIMEOUT, ABORT, then a run completed\n";
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 3) {
    std::cerr << "usage: " << argv[0] << " <rtl_live.xclbin> state|ip|um|chain|clocks|decerr|hang [elements]\n";
    return 2;
  }
  std::string mode = argv[2];
  uint32_t n = argc > 3 ? uint32_t(std::strtoul(argv[3], nullptr, 0)) : (mode == "chain" ? 256 : 64);
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    if (mode == "state")
      state_mode(device, uuid, n);
    else if (mode == "ip")
      ip_mode(device, uuid, n, "rtl_count:{rtl_count_1}");
    else if (mode == "um")
      ip_mode(device, uuid, n, "rtl_um:{rtl_um_1}");   // rtl_um.xclbin: the same module, user-managed
    else if (mode == "chain")
      chain_mode(device, uuid, n);
    else if (mode == "hang")
      hang_mode(device, uuid);
    else if (mode == "decerr")
      decerr_mode(device, uuid, n);
    else if (mode == "clocks")
      clocks_mode(device, uuid, argc > 3 ? n : 3000);
    else {
      std::cerr << "unknown mode '" << mode << "' (state, ip, um, chain, clocks, decerr, hang)\n";
      return 2;
    }
    std::cout << "TEST PASSED\n";
    return 0;
  }
  catch (const failure& e) {
    std::cout << "FAIL: " << e.what() << "\n";
  }
  catch (const std::exception& e) {
    std::cout << "FAIL: XRT error: " << e.what() << "\n";
  }
  return 1;
}
