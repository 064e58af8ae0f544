// Host-side scenarios for the end-to-end tests.  Like any user program it
// links only stock libxrt_coreutil; the tests run it in a child process
// with XILINX_XRT pointing at our platform directory and check what it
// prints.  One scenario per invocation: xrt_scenarios <name> <xclbin dir>.
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>
#include <experimental/xrt_ip.h>
#include <experimental/xrt_xclbin.h>
#include <ert.h>
#include "scenario.h"
#include <xclbin.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace {

std::string dir;
constexpr uint64_t GiB = 1ULL << 30;

using scenario::expect_error;

std::vector<char> slurp(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const std::string& path, const std::vector<char>& data)
{
  std::ofstream(path, std::ios::binary).write(data.data(), static_cast<std::streamsize>(data.size()));
}

// vadd through the native API; returns true when the result is right.
bool run_vadd(xrt::device& device, const xrt::uuid& uuid, int n)
{
  auto krnl = xrt::kernel(device, uuid, "vadd");
  xrt::bo a(device, n * sizeof(int), krnl.group_id(0));
  xrt::bo b(device, n * sizeof(int), krnl.group_id(1));
  xrt::bo c(device, n * sizeof(int), krnl.group_id(2));
  std::vector<unsigned> va(n), vb(n), vc(n);
  for (int i = 0; i < n; ++i) { va[i] = i * 3; vb[i] = 1000 - i; }
  a.write(va.data());
  b.write(vb.data());
  a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  auto run = krnl(a, b, c, n);
  auto state = run.wait();
  std::cout << "run state " << state << "\n";
  c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  c.read(vc.data());
  for (int i = 0; i < n; ++i)
    if (vc[i] != va[i] + vb[i])
      return false;
  return state == ERT_CMD_STATE_COMPLETED;
}

const std::map<std::string, std::function<void()>> scenarios = {
  {"device_name", [] {
    xrt::device d(0);
    std::cout << "name " << d.get_info<xrt::info::device::name>() << "\n";
    // Each answer below comes from a different query key of the shim.
    std::cout << "bdf " << d.get_info<xrt::info::device::bdf>() << "\n";
    std::cout << "m2m " << d.get_info<xrt::info::device::m2m>() << "\n";
    std::cout << "nodma " << d.get_info<xrt::info::device::nodma>() << "\n";
    std::cout << "offline " << d.get_info<xrt::info::device::offline>() << "\n";
  }},
  {"bo_banks", [] {
    xrt::device d(0);
    for (int bank = 0; bank < 4; ++bank) {
      xrt::bo bo(d, 4096, xrt::bo::flags::normal, bank);
      auto addr = bo.address();
      std::cout << "bank " << bank << " address 0x" << std::hex << addr << std::dec << "\n";
      EXPECT(addr >= bank * 16 * GiB && addr + 4096 <= (bank + 1) * 16 * GiB);
    }
  }},
  {"bo_sizes", [] {
    xrt::device d(0);
    for (size_t size : {size_t(1), size_t(4096), size_t(1) << 20, size_t(256) << 20}) {
      xrt::bo bo(d, size, xrt::bo::flags::normal, 1);
      auto p = bo.map<uint8_t*>();
      for (size_t i = 0; i < size; i += 4093)
        p[i] = static_cast<uint8_t>(i * 7 + 1);
      p[size - 1] = 0x5a;
      bo.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      std::memset(p, 0, size);                 // host copy gone ...
      bo.sync(XCL_BO_SYNC_BO_FROM_DEVICE);     // ... device copy brings it back
      for (size_t i = 0; i < size - 1; i += 4093)
        EXPECT(p[i] == static_cast<uint8_t>(i * 7 + 1));
      EXPECT(p[size - 1] == 0x5a);
      // write/read with offsets
      uint32_t v = 0xdeadbeef, r = 0;
      if (size >= 8) {
        bo.write(&v, sizeof v, 4);
        bo.read(&r, sizeof r, 4);
        EXPECT(r == v);
      }
      std::cout << "size " << size << " ok\n";
    }
  }},
  {"bo_copy", [] {
    xrt::device d(0);
    const size_t n = 1 << 16;
    xrt::bo src(d, n, xrt::bo::flags::normal, 0), dst(d, n, xrt::bo::flags::normal, 2);
    auto s = src.map<uint8_t*>();
    for (size_t i = 0; i < n; ++i) s[i] = static_cast<uint8_t>(i ^ 0x3c);
    src.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    dst.copy(src, n / 2, n / 4, 0);            // device-side copy of the middle half
    dst.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    auto p = dst.map<uint8_t*>();
    for (size_t i = 0; i < n / 2; ++i)
      EXPECT(p[i] == static_cast<uint8_t>((i + n / 4) ^ 0x3c));
    std::cout << "copy ok\n";
    // Host memory to device-only memory and back: XRT sends these as KDMA
    // copy packets (ERT_START_COPYBO) through exec_buf.
    xrt::bo host_in(d, n, xrt::bo::flags::host_only, 0), host_out(d, n, xrt::bo::flags::host_only, 0);
    xrt::bo dev(d, n, xrt::bo::flags::device_only, 1);
    auto hi = host_in.map<uint8_t*>();
    for (size_t i = 0; i < n; ++i) hi[i] = static_cast<uint8_t>(i * 7);
    dev.copy(host_in);
    host_out.copy(dev, n / 2, 0, n / 2);          // the first half lands in the second half
    auto ho = host_out.map<uint8_t*>();
    for (size_t i = 0; i < n / 2; ++i)
      EXPECT(ho[n / 2 + i] == static_cast<uint8_t>(i * 7));
    std::cout << "host-only <-> device-only copy ok\n";
  }},
  {"bo_flags", [] {
    xrt::device d(0);
    xrt::bo host(d, 8192, xrt::bo::flags::host_only, 0);
    auto hp = host.map<int*>();
    hp[0] = 42;
    host.sync(XCL_BO_SYNC_BO_TO_DEVICE);       // a no-op: the data already lives in host memory
    EXPECT(hp[0] == 42);
    std::cout << "host_only address 0x" << std::hex << host.address() << std::dec << "\n";
    EXPECT(host.address() >= 64 * GiB);          // not in any card bank
    xrt::bo dev(d, 8192, xrt::bo::flags::device_only, 3);
    EXPECT(dev.address() >= 48 * GiB && dev.address() < 64 * GiB);
    expect_error("map device_only", [&] { dev.map(); });
    std::cout << "flags ok\n";
  }},
  {"bo_free", [] {
    xrt::device d(0);
    {
      xrt::bo big(d, 12 * GiB, xrt::bo::flags::device_only, 0);
      expect_error("second 12 GiB", [&] { xrt::bo again(d, 12 * GiB, xrt::bo::flags::device_only, 0); });
    }
    xrt::bo again(d, 12 * GiB, xrt::bo::flags::device_only, 0);   // freed memory is usable again
    std::cout << "free ok\n";
  }},
  {"bad_bank", [] {
    xrt::device d(0);
    expect_error("bank 7", [&] { xrt::bo bo(d, 4096, xrt::bo::flags::normal, 7); });
    xrt::bo ok(d, 4096, xrt::bo::flags::normal, 3);
    std::cout << "next bo ok\n";
  }},
  {"too_large", [] {
    xrt::device d(0);
    expect_error("17 GiB", [&] { xrt::bo bo(d, 17 * GiB, xrt::bo::flags::device_only, 0); });
    xrt::bo ok(d, 4096, xrt::bo::flags::normal, 0);
    std::cout << "next bo ok\n";
  }},
  {"vadd", [] {
    xrt::device d(0);
    auto uuid = d.load_xclbin(dir + "/vadd.xclbin");
    std::cout << "uuid " << uuid.to_string() << "\n";
    EXPECT(uuid == xrt::xclbin(dir + "/vadd.xclbin").get_uuid());
    EXPECT(run_vadd(d, uuid, 1000));
    EXPECT(run_vadd(d, uuid, 1));
    std::cout << "vadd ok\n";
  }},
  {"user_managed_ip", [] {
    // xrt::ip: the host drives the CU's AXI4-Lite block itself.
    xrt::device d(0);
    auto uuid = d.load_xclbin(dir + "/vadd.xclbin");
    auto ip = xrt::ip(d, uuid, "vadd:{vadd_1}");
    const int n = 256;
    xrt::bo a(d, n * 4, xrt::bo::flags::normal, 0), b(d, n * 4, xrt::bo::flags::normal, 0),
        c(d, n * 4, xrt::bo::flags::normal, 0);
    auto pa = a.map<int*>();
    auto pb = b.map<int*>();
    for (int i = 0; i < n; ++i) { pa[i] = i; pb[i] = 10 * i; }
    a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    auto w64 = [&](uint32_t off, uint64_t v) {
      ip.write_register(off, uint32_t(v));
      ip.write_register(off + 4, uint32_t(v >> 32));
    };
    w64(0x10, a.address());
    w64(0x1c, b.address());
    w64(0x28, c.address());
    ip.write_register(0x34, n);
    EXPECT(ip.read_register(0x00) == 0x4);   // ap_idle
    ip.write_register(0x00, 0x1);             // ap_start
    uint32_t ctrl = 0;
    for (int i = 0; i < 1000000 && !(ctrl & 0x2); ++i)
      ctrl = ip.read_register(0x00);
    std::cout << "ctrl at done 0x" << std::hex << ctrl << std::dec << "\n";
    EXPECT(ctrl & 0x2);                       // ap_done
    EXPECT((ip.read_register(0x00) & 0x2) == 0);   // cleared by the read
    c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    auto pc = c.map<int*>();
    for (int i = 0; i < n; ++i)
      EXPECT(pc[i] == 11 * i);
    expect_error("register past the block", [&] { ip.read_register(0x20000); });
    std::cout << "ip ok\n";
  }},
  {"reload", [] {
    // Loading a second xclbin replaces the first: its kernels go, the new ones work.
    xrt::device d(0);
    auto first = d.load_xclbin(dir + "/vadd.xclbin");
    EXPECT(run_vadd(d, first, 128));
    auto second = d.load_xclbin(dir + "/empty.xclbin");
    EXPECT(!(first == second));
    expect_error("old kernel after reload", [&] { xrt::kernel(d, second, "vadd"); });
    {
      auto k = xrt::kernel(d, second, "empty_kernel");
      EXPECT(k(1).wait() == ERT_CMD_STATE_COMPLETED);
      // As with xocl: no replacing an xclbin whose CUs a kernel object holds.
      expect_error("load while in use", [&] { d.load_xclbin(dir + "/vadd.xclbin"); });
      d.load_xclbin(dir + "/empty.xclbin");   // the same one again is fine
    }
    auto again = d.load_xclbin(dir + "/vadd.xclbin");
    EXPECT(run_vadd(d, again, 128));
    std::cout << "reload ok\n";
  }},
  {"hardware_xclbin", [] {
    // An xclbin as Vitis builds it for a card: BITSTREAM is an FPGA
    // bitstream, not a model.  Kernels bind by name to model libraries on
    // XRTEMU_MODEL_PATH, with the file's own topology, layout and offsets.
    auto image = slurp(dir + "/vadd.xclbin");
    auto top = reinterpret_cast<axlf*>(image.data());
    for (uint32_t i = 0; i < top->m_header.m_numSections; ++i)
      if (top->m_sections[i].m_sectionKind == BITSTREAM)
        std::memset(image.data() + top->m_sections[i].m_sectionOffset, 0xff,
                    std::min<uint64_t>(top->m_sections[i].m_sectionSize, 64));
    const std::string file = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/xrtemu_hw_vadd.xclbin";
    spit(file, image);
    xrt::device d(0);
    if (!std::getenv("XRTEMU_MODEL_PATH")) {
      expect_error("no model path", [&] { d.load_xclbin(file); });
      return;
    }
    auto uuid = d.load_xclbin(file);
    EXPECT(run_vadd(d, uuid, 500));
    std::cout << "hardware xclbin ran on models from XRTEMU_MODEL_PATH\n";
  }},
  {"unknown_kernel", [] {
    xrt::device d(0);
    auto uuid = d.load_xclbin(dir + "/vadd.xclbin");
    expect_error("kernel nosuch", [&] { xrt::kernel(d, uuid, "nosuch"); });
    EXPECT(run_vadd(d, uuid, 64));
    std::cout << "next run ok\n";
  }},
  {"bad_xclbins", [] {
    xrt::device d(0);
    auto good = slurp(dir + "/vadd.xclbin");
    EXPECT(good.size() > sizeof(axlf));
    auto top = reinterpret_cast<axlf*>(good.data());
    const std::string tmp = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/xrtemu_bad_";

    expect_error("missing file", [&] { d.load_xclbin(tmp + "does_not_exist.xclbin"); });

    auto bad_magic = good;
    std::memcpy(bad_magic.data(), "xclbin0", 7);
    spit(tmp + "magic.xclbin", bad_magic);
    expect_error("bad magic", [&] { d.load_xclbin(tmp + "magic.xclbin"); });

    // Stock coreutil reads the file itself and parses the sections it knows
    // (metadata, IP_LAYOUT, MEM_TOPOLOGY, ...) without bounds checks, before
    // the driver sees anything: a file cut inside those crashes stock XRT on
    // real cards too.  BITSTREAM is parsed only by the driver, so damage
    // there reaches our checks.
    auto past_end = good;
    auto pe = reinterpret_cast<axlf*>(past_end.data());
    for (uint32_t i = 0; i < pe->m_header.m_numSections; ++i)
      if (pe->m_sections[i].m_sectionKind == BITSTREAM)
        pe->m_sections[i].m_sectionOffset = pe->m_header.m_length + 4096;
    spit(tmp + "past_end.xclbin", past_end);
    expect_error("section past end", [&] { d.load_xclbin(tmp + "past_end.xclbin"); });

    auto bad_bank = good;
    auto bb = reinterpret_cast<axlf*>(bad_bank.data());
    for (uint32_t i = 0; i < bb->m_header.m_numSections; ++i)
      if (bb->m_sections[i].m_sectionKind == MEM_TOPOLOGY) {
        auto topo = reinterpret_cast<mem_topology*>(bad_bank.data() + bb->m_sections[i].m_sectionOffset);
        for (int32_t m = 0; m < topo->m_count; ++m)
          if (topo->m_mem_data[m].m_used) {
            std::strcpy(reinterpret_cast<char*>(topo->m_mem_data[m].m_tag), "DDR[9]");
            topo->m_mem_data[m].m_base_address = 0x7f0000000000ULL;
          }
      }
    spit(tmp + "bad_bank.xclbin", bad_bank);
    expect_error("unknown bank", [&] { d.load_xclbin(tmp + "bad_bank.xclbin"); });

    auto no_ip = good;
    auto ni = reinterpret_cast<axlf*>(no_ip.data());
    for (uint32_t i = 0; i < ni->m_header.m_numSections; ++i)
      if (ni->m_sections[i].m_sectionKind == IP_LAYOUT)
        ni->m_sections[i].m_sectionKind = USER_METADATA;
    spit(tmp + "no_ip.xclbin", no_ip);
    expect_error("missing IP_LAYOUT", [&] {
      auto u = d.load_xclbin(tmp + "no_ip.xclbin");
      xrt::kernel(d, u, "vadd");
    });
    (void)top;

    // The device is still usable.
    auto uuid = d.load_xclbin(dir + "/vadd.xclbin");
    EXPECT(run_vadd(d, uuid, 256));
    std::cout << "device usable after bad xclbins\n";
  }},
};

} // namespace

int main(int argc, char** argv)
{
  return scenario::main(argc, argv, scenarios, dir);
}
