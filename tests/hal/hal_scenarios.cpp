// Legacy HAL scenarios (xclhal2.h) for the end-to-end tests.  Linked with
// -lxrt_core (Debian's, at link time) like any old host; the tests start it
// through `xrtemu run`, which puts our libxrt_core.so.2 first on the
// library path.  One scenario per process: hal_scenarios <name> <xclbin dir>.
#include <xrt/xclhal2.h>
#include <deprecated/xrt.h>   // xclRead/xclWrite, as pre-2.x hosts used them
#include <ert.h>

#include "../hosts/scenario.h"
#include "../../host/hal/xclbin_sections.h"

#include <dlfcn.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace {

std::string dir;
constexpr uint64_t GiB = 1ULL << 30;

std::vector<char> slurp(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const axlf* top_of(const std::vector<char>& image) { return reinterpret_cast<const axlf*>(image.data()); }

// An open device, closed at the end of the scenario.
struct device
{
  xclDeviceHandle h;
  explicit device(unsigned index = 0) : h(xclOpen(index, nullptr, XCL_QUIET))
  {
    if (!h)
      throw std::runtime_error("xclOpen(" + std::to_string(index) + ") failed");
  }
  ~device() { xclClose(h); }
  operator xclDeviceHandle() const { return h; }
};

// A mapped buffer object.
struct bo
{
  xclDeviceHandle dev;
  xclBufferHandle handle;
  char* host = nullptr;
  uint64_t address = 0;
  bo(xclDeviceHandle d, size_t size, unsigned flags) : dev(d), handle(xclAllocBO(d, size, 0, flags))
  {
    if (handle == NULLBO)
      throw std::runtime_error("xclAllocBO failed (flags 0x" + std::to_string(flags) + ")");
    host = static_cast<char*>(xclMapBO(dev, handle, true));
    xclBOProperties p{};
    EXPECT(xclGetBOProperties(dev, handle, &p) == 0);
    address = p.paddr;
  }
  ~bo() { xclFreeBO(dev, handle); }
  template <typename T>
  T* as() { return reinterpret_cast<T*>(host); }
};

bool finished(uint32_t s)
{
  return s == ERT_CMD_STATE_COMPLETED || s == ERT_CMD_STATE_ERROR || s == ERT_CMD_STATE_ABORT ||
         s == ERT_CMD_STATE_TIMEOUT || s == ERT_CMD_STATE_NORESPONSE;
}

// An ERT_START_CU packet in its own exec buffer; regs[k] is the register at 4*k.
struct command
{
  bo buf;
  ert_start_kernel_cmd* pkt;
  command(xclDeviceHandle d, uint32_t cu_mask, const std::vector<uint32_t>& regs) : buf(d, 4096, XCL_BO_FLAGS_EXECBUF)
  {
    pkt = buf.as<ert_start_kernel_cmd>();
    std::memset(pkt, 0, 4096);
    pkt->state = ERT_CMD_STATE_NEW;
    pkt->opcode = ERT_START_CU;
    pkt->count = 1 + static_cast<uint32_t>(regs.size());
    pkt->cu_mask = cu_mask;
    std::copy(regs.begin(), regs.end(), pkt->data);
  }
  void start() { EXPECT(xclExecBuf(buf.dev, buf.handle) == 0); }
  uint32_t wait()
  {
    while (!finished(pkt->state))
      EXPECT(xclExecWait(buf.dev, 1000) >= 0);
    return pkt->state;
  }
};

// Register map of a kernel whose arguments are pointers then 32-bit scalars,
// in the Vitis HLS layout from 0x10: each argument's data words plus one
// reserved word (12 bytes a pointer, 8 a scalar).
std::vector<uint32_t> regmap(const std::vector<uint64_t>& ptrs, const std::vector<uint32_t>& scalars)
{
  std::vector<uint32_t> r(4 + 3 * ptrs.size() + 2 * scalars.size(), 0);
  size_t w = 4;
  for (auto p : ptrs) {
    r[w] = static_cast<uint32_t>(p);
    r[w + 1] = static_cast<uint32_t>(p >> 32);
    w += 3;
  }
  for (auto s : scalars) {
    r[w] = s;
    w += 2;
  }
  return r;
}

// vadd of n elements on CU vadd_1 of the loaded vadd.xclbin.
bool run_vadd(xclDeviceHandle d, const axlf* top, int n)
{
  const size_t bytes = n * 4;
  unsigned cu = hal_example::cu_index(top, "vadd:vadd_1");
  bo a(d, bytes, hal_example::arg_bank(top, "vadd:vadd_1", 0));
  bo b(d, bytes, hal_example::arg_bank(top, "vadd:vadd_1", 1));
  bo c(d, bytes, hal_example::arg_bank(top, "vadd:vadd_1", 2));
  for (int i = 0; i < n; ++i) {
    a.as<unsigned>()[i] = i;
    b.as<unsigned>()[i] = 7 * i;
    c.as<unsigned>()[i] = 0;
  }
  EXPECT(xclSyncBO(d, a.handle, XCL_BO_SYNC_BO_TO_DEVICE, bytes, 0) == 0);
  EXPECT(xclSyncBO(d, b.handle, XCL_BO_SYNC_BO_TO_DEVICE, bytes, 0) == 0);
  command cmd(d, 1u << cu, regmap({a.address, b.address, c.address}, {uint32_t(n)}));
  cmd.start();
  auto state = cmd.wait();
  EXPECT(xclSyncBO(d, c.handle, XCL_BO_SYNC_BO_FROM_DEVICE, bytes, 0) == 0);
  for (int i = 0; i < n; ++i)
    if (c.as<unsigned>()[i] != 8u * i)
      return false;
  return state == ERT_CMD_STATE_COMPLETED;
}

// out = f(a, b) on CU `cu` ("kernel:instance", arguments a, b, out, n) of
// the loaded xclbin; true when every element is right.
template <typename F>
bool run_binary(xclDeviceHandle d, const axlf* top, const std::string& cu, int n, F f)
{
  const size_t bytes = n * 4;
  bo a(d, bytes, hal_example::arg_bank(top, cu, 0));
  bo b(d, bytes, hal_example::arg_bank(top, cu, 1));
  bo out(d, bytes, hal_example::arg_bank(top, cu, 2));
  for (int i = 0; i < n; ++i) {
    a.as<int>()[i] = i - 100;
    b.as<int>()[i] = 5 * i + 2;
  }
  EXPECT(xclSyncBO(d, a.handle, XCL_BO_SYNC_BO_TO_DEVICE, bytes, 0) == 0);
  EXPECT(xclSyncBO(d, b.handle, XCL_BO_SYNC_BO_TO_DEVICE, bytes, 0) == 0);
  command cmd(d, 1u << hal_example::cu_index(top, cu), regmap({a.address, b.address, out.address}, {uint32_t(n)}));
  cmd.start();
  EXPECT(cmd.wait() == ERT_CMD_STATE_COMPLETED);
  EXPECT(xclSyncBO(d, out.handle, XCL_BO_SYNC_BO_FROM_DEVICE, bytes, 0) == 0);
  int wrong = 0;
  for (int i = 0; i < n; ++i)
    wrong += out.as<int>()[i] != f(a.as<int>()[i], b.as<int>()[i]);
  std::cout << cu << ": " << wrong << " wrong of " << n << "\n";
  return wrong == 0;
}

// Loads an xclbin and opens a shared context on one CU; closes it at the end.
struct loaded
{
  xclDeviceHandle dev;
  std::vector<char> image;
  std::vector<unsigned> cus;
  loaded(xclDeviceHandle d, const std::string& file, const std::vector<std::string>& cu_names) : dev(d), image(slurp(file))
  {
    EXPECT(image.size() > sizeof(axlf));
    EXPECT(xclLoadXclBin(dev, top()) == 0);
    for (auto& n : cu_names) {
      cus.push_back(hal_example::cu_index(top(), n));
      EXPECT(xclOpenContext(dev, top()->m_header.uuid, cus.back(), true) == 0);
    }
  }
  ~loaded()
  {
    for (auto c : cus)
      xclCloseContext(dev, top()->m_header.uuid, c);
  }
  const axlf* top() const { return top_of(image); }
};

const scenario::table scenarios = {
  {"swap", [] {
    // xclbins loaded in turn on one open device, two of them with a kernel
    // named krnl_vadd that computes different things.
    device d;
    auto mul = [](int x, int y) { return x * y; };
    auto add = [](int x, int y) { return x + y; };
    auto sub = [](int x, int y) { return x - y; };
    for (int round = 0; round < 2; ++round) {
      {
        loaded x(d, dir + "/examples/reload_vmul.xclbin", {"krnl_vmul:krnl_vmul_1"});
        EXPECT(run_binary(d, x.top(), "krnl_vmul:krnl_vmul_1", 1000, mul));
      }
      {
        loaded x(d, dir + "/examples/reload_vadd.xclbin", {"krnl_vadd:krnl_vadd_1"});
        EXPECT(run_binary(d, x.top(), "krnl_vadd:krnl_vadd_1", 1000, add));
      }
      {
        loaded x(d, dir + "/examples/reload_vadd_minus.xclbin", {"krnl_vadd:krnl_vadd_1"});
        EXPECT(run_binary(d, x.top(), "krnl_vadd:krnl_vadd_1", 1000, sub));
      }
    }
  }},

  {"probe", [] {
    // Which libxrt_core the dynamic linker gave this program.
    Dl_info info{};
    EXPECT(::dladdr(reinterpret_cast<void*>(&xclProbe), &info) && info.dli_fname);
    std::cout << "xclProbe from " << info.dli_fname << "\n";
    EXPECT(xclVersion() == 2);
    unsigned n = xclProbe();
    std::cout << "devices " << n << "\n";
    EXPECT(n >= 1);
    for (unsigned i = 0; i < n; ++i) {
      device d(i);
      xclDeviceInfo2 info{};
      EXPECT(xclGetDeviceInfo2(d, &info) == 0);
      std::cout << "device " << i << " " << info.mName << " banks " << info.mDDRBankCount << " DDR "
                << (info.mDDRSize >> 30) << " GiB\n";
      EXPECT(info.mDDRBankCount > 0 && info.mDDRSize > 0);
    }
    EXPECT(xclOpen(n, nullptr, XCL_QUIET) == nullptr);
    std::cout << "open past the last device refused\n";
  }},

  {"buffers", [] {
    device d;
    for (unsigned bank = 0; bank < 4; ++bank) {
      bo b(d, 8192, bank);
      std::cout << "bank " << bank << " at 0x" << std::hex << b.address << std::dec << "\n";
      EXPECT(b.address >= bank * 16 * GiB && b.address + 8192 <= (bank + 1) * 16 * GiB);
    }
    bo b(d, 8192, 1);
    // Write/read at an offset, through the driver.
    const char msg[] = "legacy hal";
    EXPECT(xclWriteBO(d, b.handle, msg, sizeof msg, 100) == 0);
    char back[sizeof msg] = {};
    EXPECT(xclReadBO(d, b.handle, back, sizeof back, 100) == 0);
    EXPECT(std::memcmp(back, msg, sizeof msg) == 0);
    EXPECT(std::memcmp(b.host + 100, msg, sizeof msg) == 0);   // same host store as the map
    EXPECT(xclWriteBO(d, b.handle, msg, sizeof msg, 8192 - 4) != 0);
    EXPECT(xclReadBO(d, b.handle, back, sizeof back, 8192) != 0);
    std::cout << "read/write BO ok\n";
    // Sync both ways.
    for (int i = 0; i < 8192; ++i) b.host[i] = static_cast<char>(i * 13);
    EXPECT(xclSyncBO(d, b.handle, XCL_BO_SYNC_BO_TO_DEVICE, 8192, 0) == 0);
    std::memset(b.host, 0, 8192);
    EXPECT(xclSyncBO(d, b.handle, XCL_BO_SYNC_BO_FROM_DEVICE, 4096, 4096) == 0);
    EXPECT(b.host[0] == 0 && b.host[4096] == static_cast<char>(4096 * 13));
    EXPECT(xclSyncBO(d, b.handle, XCL_BO_SYNC_BO_FROM_DEVICE, 8192, 4096) != 0);   // past the end
    std::cout << "sync ok\n";
    // Copy across banks on the card.
    bo c(d, 8192, 3);
    EXPECT(xclCopyBO(d, c.handle, b.handle, 4096, 0, 4096) == 0);
    EXPECT(xclSyncBO(d, c.handle, XCL_BO_SYNC_BO_FROM_DEVICE, 4096, 0) == 0);
    EXPECT(std::memcmp(c.host, b.host + 4096, 4096) == 0);
    std::cout << "copy ok\n";
    // User memory as the host side.
    void* user = nullptr;
    EXPECT(::posix_memalign(&user, 4096, 4096) == 0);
    auto ub = xclAllocUserPtrBO(d, user, 4096, 2);
    EXPECT(ub != NULLBO);
    EXPECT(xclMapBO(d, ub, true) == user);
    xclFreeBO(d, ub);
    std::free(user);
    std::cout << "user pointer ok\n";
    // Refusals: no such bank, device-only memory has no host side.
    EXPECT(xclAllocBO(d, 4096, 0, 7) == NULLBO);
    EXPECT(xclAllocBO(d, 17 * GiB, 0, 0) == NULLBO);
    auto dev_only = xclAllocBO(d, 4096, 0, XCL_BO_FLAGS_DEV_ONLY | 2);
    EXPECT(dev_only != NULLBO);
    auto p = xclMapBO(d, dev_only, false);
    std::cout << "map of a device-only BO gives " << p << "\n";
    EXPECT(p == nullptr || p == reinterpret_cast<void*>(-1));
    xclFreeBO(d, dev_only);
    // A freed handle is gone.
    auto gone = xclAllocBO(d, 4096, 0, 0);
    xclFreeBO(d, gone);
    xclBOProperties props{};
    EXPECT(xclGetBOProperties(d, gone, &props) != 0);
    std::cout << "refusals ok\n";
  }},

  {"vadd", [] {
    device d;
    loaded x(d, dir + "/vadd.xclbin", {"vadd:vadd_1"});
    EXPECT(run_vadd(d, x.top(), 1000));
    EXPECT(run_vadd(d, x.top(), 1));
    std::cout << "vadd ok\n";
  }},

  {"multi_cu", [] {
    // Four commands in flight at once, one per CU, each CU on its own bank.
    device d;
    const std::vector<std::string> names = {"vscale:vscale_1", "vscale:vscale_2", "vinc:vinc_1", "vinc:vinc_2"};
    loaded x(d, dir + "/examples/multi_cu.xclbin", names);
    const int n = 4096;
    std::vector<std::unique_ptr<bo>> in, out;
    std::vector<std::unique_ptr<command>> cmds;
    for (size_t k = 0; k < names.size(); ++k) {
      in.push_back(std::make_unique<bo>(d, n * 4, hal_example::arg_bank(x.top(), names[k], 0)));
      out.push_back(std::make_unique<bo>(d, n * 4, hal_example::arg_bank(x.top(), names[k], 1)));
      std::cout << names[k] << ": CU " << x.cus[k] << ", bank " << hal_example::arg_bank(x.top(), names[k], 0) << "\n";
      for (int i = 0; i < n; ++i) in[k]->as<int>()[i] = i;
      EXPECT(xclSyncBO(d, in[k]->handle, XCL_BO_SYNC_BO_TO_DEVICE, n * 4, 0) == 0);
      cmds.push_back(std::make_unique<command>(
          d, 1u << x.cus[k], regmap({in[k]->address, out[k]->address}, {uint32_t(k + 2), uint32_t(n)})));
    }
    for (auto& c : cmds) c->start();
    for (auto& c : cmds) EXPECT(c->wait() == ERT_CMD_STATE_COMPLETED);
    for (size_t k = 0; k < names.size(); ++k) {
      EXPECT(xclSyncBO(d, out[k]->handle, XCL_BO_SYNC_BO_FROM_DEVICE, n * 4, 0) == 0);
      int want = k < 2 ? int(k + 2) * (n - 1) : (n - 1) + int(k + 2);
      EXPECT(out[k]->as<int>()[n - 1] == want);
    }
    std::cout << "four CUs ok\n";
  }},

  {"lookup", [] {
    // What old hosts ask the driver about the loaded xclbin.
    device d;
    const std::vector<std::string> names = {"vscale:vscale_1", "vscale:vscale_2", "vinc:vinc_1", "vinc:vinc_2"};
    loaded x(d, dir + "/examples/multi_cu.xclbin", {});
    for (auto& n : names) {
      int idx = xclIPName2Index(d, n.c_str());
      std::cout << n << " -> " << idx << "\n";
      EXPECT(idx == static_cast<int>(hal_example::cu_index(x.top(), n)));
    }
    EXPECT(xclIPName2Index(d, "vadd:vadd_1") < 0);
    mem_data m{};
    size_t size = 0;
    EXPECT(xclGetSectionInfo(d, &m, &size, MEM_TOPOLOGY, 2) == 0);
    std::cout << "MEM_TOPOLOGY[2] " << reinterpret_cast<const char*>(m.m_tag) << " at 0x" << std::hex << m.m_base_address
              << std::dec << "\n";
    EXPECT(size == sizeof m && std::string(reinterpret_cast<const char*>(m.m_tag)) == "DDR[2]");
    ip_data ip{};
    EXPECT(xclGetSectionInfo(d, &ip, &size, IP_LAYOUT, 0) == 0);
    EXPECT(size == sizeof ip && ip.m_type == IP_KERNEL);
    EXPECT(xclGetSectionInfo(d, &m, &size, MEM_TOPOLOGY, 99) != 0);
    std::cout << "lookups ok\n";
  }},

  {"registers", [] {
    // Register access by CU index (xclRegRead/Write) and by address in the
    // kernel control space (xclRead/xclWrite), as pre-ERT hosts did.
    device d;
    loaded x(d, dir + "/vadd.xclbin", {"vadd:vadd_1"});
    uint32_t ctrl = 0;
    EXPECT(xclRegRead(d, x.cus[0], 0x0, &ctrl) == 0);
    std::cout << "AP_CTRL 0x" << std::hex << ctrl << std::dec << "\n";
    EXPECT(ctrl == 0x4);   // idle
    EXPECT(xclRegWrite(d, x.cus[0], 0x34, 1234) == 0);
    uint32_t v = 0;
    EXPECT(xclRegRead(d, x.cus[0], 0x34, &v) == 0 && v == 1234);
    EXPECT(xclRegRead(d, 9, 0x0, &v) != 0);
    auto& ips = hal_example::ips_of(x.top());
    uint64_t base = ips.m_ip_data[hal_example::ip_layout_index(x.top(), "vadd:vadd_1")].m_base_address;
    uint32_t w = 4321;
    EXPECT(xclWrite(d, XCL_ADDR_KERNEL_CTRL, base + 0x34, &w, 4) == 4);
    EXPECT(xclRead(d, XCL_ADDR_KERNEL_CTRL, base + 0x34, &v, 4) == 4);
    std::cout << "register 0x34 through the control space: " << v << "\n";
    EXPECT(v == 4321);
    std::cout << "registers ok\n";
  }},

  {"unmanaged", [] {
    // Raw device memory access at a BO's device address.
    device d;
    bo b(d, 4096, 2);
    const char msg[] = "written behind the BO's back";
    EXPECT(xclUnmgdPwrite(d, 0, msg, sizeof msg, b.address + 64) == static_cast<ssize_t>(sizeof msg));
    EXPECT(xclSyncBO(d, b.handle, XCL_BO_SYNC_BO_FROM_DEVICE, 4096, 0) == 0);
    EXPECT(std::memcmp(b.host + 64, msg, sizeof msg) == 0);
    char back[sizeof msg] = {};
    EXPECT(xclUnmgdPread(d, 0, back, sizeof back, b.address + 64) == static_cast<ssize_t>(sizeof back));
    EXPECT(std::memcmp(back, msg, sizeof msg) == 0);
    std::cout << "unmanaged ok\n";
  }},

  {"errors", [] {
    // Bad requests come back as error codes with errno set; the device keeps working.
    device d;
    auto image = slurp(dir + "/vadd.xclbin");
    auto bad = image;
    bad[0] = 'X';
    errno = 0;
    int rc = xclLoadXclBin(d, top_of(bad));
    std::cout << "bad magic: " << rc << " errno " << errno << "\n";
    EXPECT(rc < 0 && errno == -rc);
    loaded x(d, dir + "/vadd.xclbin", {"vadd:vadd_1"});
    xuid_t other{};
    errno = 0;
    rc = xclOpenContext(d, other, 0, true);
    std::cout << "context on another xclbin: " << rc << " errno " << errno << "\n";
    EXPECT(rc < 0 && errno == -rc);
    EXPECT(xclOpenContext(d, x.top()->m_header.uuid, 5, true) < 0);
    // A packet naming a CU that does not exist ends in ERROR.
    command nowhere(d, 1u << 3, regmap({}, {1}));
    nowhere.start();
    auto st = nowhere.wait();
    std::cout << "command for CU 3: state " << st << "\n";
    EXPECT(st == ERT_CMD_STATE_ERROR);
    // A packet whose count (2047 words) runs past its 64-byte exec buffer
    // ends in ERROR; nothing beyond the buffer is read.
    {
      bo small(d, 64, XCL_BO_FLAGS_EXECBUF);
      auto pkt = small.as<ert_start_kernel_cmd>();
      std::memset(pkt, 0, 64);
      pkt->state = ERT_CMD_STATE_NEW;
      pkt->opcode = ERT_START_CU;
      pkt->count = 0x7ff;
      pkt->cu_mask = 1u << hal_example::cu_index(x.top(), "vadd:vadd_1");
      EXPECT(xclExecBuf(d, small.handle) == 0);
      while (!finished(pkt->state))
        EXPECT(xclExecWait(d, 1000) >= 0);
      std::cout << "packet longer than its buffer: state " << pkt->state << "\n";
      EXPECT(pkt->state == ERT_CMD_STATE_ERROR);
    }
    // Only exec buffers can be executed.
    bo plain(d, 4096, 0);
    errno = 0;
    rc = xclExecBuf(d, plain.handle);
    std::cout << "exec of a plain BO: " << rc << " errno " << errno << "\n";
    EXPECT(rc < 0);
    // Once every completion has been reported, nothing is outstanding: the wait returns 0.
    while (xclExecWait(d, 1) > 0) {}
    EXPECT(xclExecWait(d, 1) == 0);
    // A handle that is not one.
    int junk = 0;
    EXPECT(xclAllocBO(&junk, 4096, 0, 0) == NULLBO);
    EXPECT(run_vadd(d, x.top(), 256));
    std::cout << "device usable after errors\n";
  }},
};

} // namespace

int main(int argc, char** argv)
{
  return scenario::main(argc, argv, scenarios, dir);
}
