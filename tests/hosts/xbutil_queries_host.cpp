// The device queries stock xbutil's examine reports make, asked the way
// xbutil asks them: through stock libxrt_coreutil's xrt_core::device (the
// object behind xrt::device::get_handle()), looking each key up and casting
// the answer to the query's result type, which is what XRT's inline
// xrt_core::device_query<> does.  XRT installs no header for that template,
// so the key numbers and result types come from the shim's own declarations
// of XRT 2.13's internals (shim/abi, checked against the installed
// binaries).  The reports built by coreutil itself come through the public
// xrt::device::get_info.
//   xbutil_queries_host queries <xclbin dir>
//       every query with nothing loaded, then with vadd.xclbin loaded, its
//       buffers allocated and three runs done; then xbutil reset with the
//       kernel open (refused) and closed (the card empties).
//   xbutil_queries_host errors <xclbin dir>
//       a run that fails on the card, then the error log.
//   xbutil_queries_host peer
//       loads nothing and prints what the card shows: another process's
//       xclbin, CUs and memory when the peer view finds one.
// Output: "@@@ <phase>", then "@@ <query>" and its value on the next lines.
#include "scenario.h"

#include "device.h"

#include <experimental/xrt_error.h>
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <boost/any.hpp>

#include <cstring>
#include <iostream>
#include <unistd.h>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace xrt_core {
// The shim ABI's hook for tests: reaches the device's query table.
struct abi_probe
{
  static const query::request& lookup(const device& d, query::key_type k) { return d.lookup_query(k); }
};
} // namespace xrt_core

namespace {

using xrt_core::query::key_type;
std::string dir;

// xrt_core::device_query<Q>(device): look up, get, any_cast to the result type.
template <typename T>
T ask(const xrt_core::device& d, key_type k)
{
  boost::any a = xrt_core::abi_probe::lookup(d, k).get(&d);
  return boost::any_cast<T>(a);
}

// Prints one query's answer, or "no_such_key: <message>" when the card has
// no such thing, or the error type and message on anything else.
template <typename T, typename Print>
void show(const xrt_core::device& d, const char* name, key_type k, Print print)
{
  std::cout << "@@ " << name << "\n";
  try {
    print(ask<T>(d, k));
  }
  catch (const xrt_core::query::no_such_key& e) {
    std::cout << "no_such_key: " << e.what() << "\n";
  }
  catch (const boost::bad_any_cast& e) {
    std::cout << "bad_any_cast: " << e.what() << "\n";
  }
  catch (const std::exception& e) {
    std::cout << "exception: " << e.what() << "\n";
  }
}

void u64(const xrt_core::device& d, const char* name, key_type k)
{
  show<uint64_t>(d, name, k, [](uint64_t v) { std::cout << "uint64 " << v << "\n"; });
}
void str(const xrt_core::device& d, const char* name, key_type k)
{
  show<std::string>(d, name, k, [](const std::string& v) { std::cout << "string " << v << "\n"; });
}
void strings(const xrt_core::device& d, const char* name, key_type k)
{
  show<std::vector<std::string>>(d, name, k, [](const std::vector<std::string>& v) {
    std::cout << "strings " << v.size() << "\n";
    for (auto& s : v)
      std::cout << s << "\n";
  });
}
void bytes(const xrt_core::device& d, const char* name, key_type k)
{
  show<std::vector<char>>(d, name, k, [](const std::vector<char>& v) {
    int32_t count = 0;
    if (v.size() >= sizeof count)
      std::memcpy(&count, v.data(), sizeof count);
    std::cout << "bytes " << v.size() << " count " << (v.empty() ? 0 : count) << "\n";
  });
}

void mem_topology(const xrt_core::device& d, const char* name, key_type k)
{
  show<std::vector<char>>(d, name, k, [](const std::vector<char>& v) {
    if (v.empty()) {
      std::cout << "bytes 0 count 0\n";
      return;
    }
    auto top = reinterpret_cast<const ::mem_topology*>(v.data());
    std::cout << "bytes " << v.size() << " count " << top->m_count << "\n";
    for (int i = 0; i < top->m_count; ++i) {
      auto& m = top->m_mem_data[i];
      std::cout << reinterpret_cast<const char*>(m.m_tag) << " used " << int(m.m_used) << " type "
                << int(m.m_type) << " base " << m.m_base_address << " kib " << m.m_size << "\n";
    }
  });
}

void cu_info(const xrt_core::device& d)
{
  show<xrt_core::query::kds_cu_info::result_type>(d, "kds_cu_info", key_type::kds_cu_info, [](const auto& v) {
    std::cout << "cus " << v.size() << "\n";
    for (auto& c : v)
      std::cout << c.index << " " << c.name << " " << c.base_addr << " " << c.status << " " << c.usages << "\n";
  });
}

// Every query xbutil 2.13's examine reports ask directly (the rest go
// through get_info below).
void raw_queries(const xrt_core::device& d)
{
  // dynamic-regions, memory
  str(d, "xclbin_uuid", key_type::xclbin_uuid);
  cu_info(d);
  show<xrt_core::query::kds_scu_info::result_type>(d, "kds_scu_info", key_type::kds_scu_info,
                                                   [](const auto& v) { std::cout << "scus " << v.size() << "\n"; });
  mem_topology(d, "mem_topology_raw", key_type::mem_topology_raw);
  mem_topology(d, "group_topology", key_type::group_topology);
  strings(d, "memstat_raw", key_type::memstat_raw);
  bytes(d, "ip_layout_raw", key_type::ip_layout_raw);
  strings(d, "dma_threads_raw", key_type::dma_threads_raw);
  // debug-ip-status
  bytes(d, "debug_ip_layout_raw", key_type::debug_ip_layout_raw);
  // error
  bytes(d, "xocl_errors", key_type::xocl_errors);
  // firewall
  u64(d, "firewall_detect_level", key_type::firewall_detect_level);
  str(d, "firewall_detect_level_name", key_type::firewall_detect_level_name);
  u64(d, "firewall_status", key_type::firewall_status);
  u64(d, "firewall_time_sec", key_type::firewall_time_sec);
  // mailbox: no management function on the emulated card
  strings(d, "mailbox_metrics", key_type::mailbox_metrics);
  // platform, pcie-info
  str(d, "rom_vbnv", key_type::rom_vbnv);
  u64(d, "pcie_link_speed", key_type::pcie_link_speed);
  u64(d, "pcie_express_lane_width", key_type::pcie_express_lane_width);
  strings(d, "logic_uuids", key_type::logic_uuids);
  strings(d, "interface_uuids", key_type::interface_uuids);
  show<std::vector<char>>(d, "clock_freq_topology_raw", key_type::clock_freq_topology_raw, [](const std::vector<char>& v) {
    int16_t count = 0;   // clock_freq_topology counts in 16 bits
    if (v.size() >= sizeof count)
      std::memcpy(&count, v.data(), sizeof count);
    std::cout << "bytes " << v.size() << " count " << count << "\n";
  });
  str(d, "rom_fpga_name", key_type::rom_fpga_name);
}

template <xrt::info::device key>
void report(const xrt::device& d, const char* name)
{
  std::cout << "@@ " << name << "\n";
  try {
    std::cout << d.get_info<key>() << "\n";
  }
  catch (const std::exception& e) {
    std::cout << "exception: " << e.what() << "\n";
  }
}

// The reports coreutil builds (xbutil's host, platform, memory, pcie-info,
// dynamic-regions, thermal, electrical, mechanical, aie reports).
void reports(const xrt::device& d)
{
  report<xrt::info::device::host>(d, "info_host");
  report<xrt::info::device::platform>(d, "info_platform");
  report<xrt::info::device::memory>(d, "info_memory");
  report<xrt::info::device::pcie_info>(d, "info_pcie_info");
  report<xrt::info::device::dynamic_regions>(d, "info_dynamic_regions");
  report<xrt::info::device::thermal>(d, "info_thermal");
  report<xrt::info::device::electrical>(d, "info_electrical");
  report<xrt::info::device::mechanical>(d, "info_mechanical");
  report<xrt::info::device::aie>(d, "info_aie");
  report<xrt::info::device::aie_shim>(d, "info_aie_shim");
}

void error_api(const xrt::device& d)
{
  std::cout << "@@ xrt_error\n";
  for (auto c : {XRT_ERROR_CLASS_SYSTEM, XRT_ERROR_CLASS_AIE, XRT_ERROR_CLASS_HARDWARE}) {
    xrt::error e(d, c);
    std::cout << "class " << int(c) << " code " << e.get_error_code() << " time " << e.get_timestamp() << "\n";
  }
}

void all(const xrt::device& d, const std::string& phase)
{
  std::cout << "@@@ " << phase << "\n";
  auto core = d.get_handle();
  raw_queries(*core);
  reports(d);
  error_api(d);
}

void reset(const xrt::device& d, const char* label)
{
  std::cout << "@@ " << label << "\n";
  try {
    d.get_handle()->user_reset(XCL_USER_RESET);
    std::cout << "reset done\n";
  }
  catch (const xrt_core::system_error& e) {
    std::cout << "system_error " << e.get_code() << ": " << e.what() << "\n";
  }
}

void queries()
{
  xrt::device d(0);
  all(d, "before");
  {
    auto uuid = d.load_xclbin(dir + "/vadd.xclbin");
    std::cout << "@@ loaded_uuid\n" << uuid.to_string() << "\n";
    xrt::kernel k(d, uuid, "vadd");
    const size_t n = 1024, size = n * sizeof(unsigned);
    xrt::bo a(d, size, k.group_id(0)), b(d, size, k.group_id(1)), c(d, size, k.group_id(2));
    a.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    b.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    for (int r = 0; r < 3; ++r)
      EXPECT(k(a, b, c, int(n)).wait() == ERT_CMD_STATE_COMPLETED);
    c.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    all(d, "loaded");
    // xbutil reset while the program holds its CU: refused (EBUSY).
    reset(d, "reset_busy");
  }
  // The kernel is gone, its context closed: the reset empties the card.
  reset(d, "reset_idle");
  std::cout << "@@@ after_reset\n";
  auto core = d.get_handle();
  str(*core, "xclbin_uuid", key_type::xclbin_uuid);
  cu_info(*core);
  mem_topology(*core, "mem_topology_raw", key_type::mem_topology_raw);
  // The card takes an xclbin again after the reset.
  auto again = d.load_xclbin(dir + "/vadd.xclbin");
  std::cout << "@@ reloaded_uuid\n" << again.to_string() << "\n";
  str(*core, "xclbin_uuid", key_type::xclbin_uuid);
  std::cout << "@@@ end\n";
}

// A run that fails on the card (here a stream deadlock: the consumer waits
// for beats no producer sends) lands in the error log xbutil examine -r
// error and xrt::error read.
void errors()
{
  xrt::device d(0);
  auto uuid = d.load_xclbin(dir + "/examples/stream_pipeline.xclbin");
  xrt::kernel consumer(d, uuid, "consumer");
  const int n = 64;
  xrt::bo out(d, 2 * n * sizeof(int), consumer.group_id(1));
  auto run = consumer(nullptr, out, n);
  ert_cmd_state st = ERT_CMD_STATE_NEW;
  try {
    st = run.wait();
  }
  catch (const std::exception&) {
    st = run.state();
  }
  EXPECT(st == ERT_CMD_STATE_ERROR);
  std::cout << "@@@ errors\n";
  auto core = d.get_handle();
  show<std::vector<char>>(*core, "xocl_errors", key_type::xocl_errors, [](const std::vector<char>& v) {
    int count = 0;
    std::memcpy(&count, v.data(), sizeof count);
    std::cout << "bytes " << v.size() << " count " << count << "\n";
    for (int i = 0; i < count; ++i) {
      uint64_t code = 0, ts = 0;
      uint32_t pid = 0;
      std::memcpy(&code, v.data() + 8 + i * 24, 8);
      std::memcpy(&ts, v.data() + 8 + i * 24 + 8, 8);
      std::memcpy(&pid, v.data() + 8 + i * 24 + 16, 4);
      std::cout << "num " << XRT_ERROR_NUM(code) << " class " << XRT_ERROR_CLASS(code) << " severity "
                << XRT_ERROR_SEVERITY(code) << " driver " << XRT_ERROR_DRIVER(code) << " pid_ok "
                << (pid == static_cast<uint32_t>(::getpid())) << " ts_ok " << (ts > 0) << "\n";
    }
  });
  error_api(d);
  std::cout << "@@@ end\n";
}

void peer()
{
  xrt::device d(0);
  std::cout << "@@@ peer\n";
  auto core = d.get_handle();
  str(*core, "xclbin_uuid", key_type::xclbin_uuid);
  cu_info(*core);
  mem_topology(*core, "mem_topology_raw", key_type::mem_topology_raw);
  strings(*core, "memstat_raw", key_type::memstat_raw);
  report<xrt::info::device::dynamic_regions>(d, "info_dynamic_regions");
  report<xrt::info::device::memory>(d, "info_memory");
  // xbutil reset from here would pull the card from under the other program.
  reset(d, "reset_peer");
  std::cout << "@@@ end\n";
}

} // namespace

int main(int argc, char** argv)
{
  return scenario::main(argc, argv, {{"queries", queries}, {"peer", peer}, {"errors", errors}}, dir);
}
