// Device queries the emulated card answers (xrt::device::get_info, xbutil).
// Unknown keys raise query::no_such_key, which coreutil treats as "this
// driver doesn't report that" and falls back where it can; the reports
// built on them (info_platform, info_memory) print "N/A" or leave the item
// out, as on a board without that sensor or controller.
//
// Not modelled, so answered with no_such_key: sensors (temperatures,
// voltages, fans), the management controller (xmc_*, oem_id, serial
// numbers), ECC counters (mig_ecc_*), FPGA name and JTAG idcode, P2P,
// mailbox (the emulated card has no management function to talk to), flash,
// PS kernels and AIE.
//
// A process that has loaded no xclbin answers the xclbin, CU and memory
// queries from the card's owner in another process (peer_status.h).
#include "device_emu.h"
#include "fault_injection.h"
#include "peer_status.h"

#include "xrtemu/xclbin/axlf.h"
#include "xrtemu/xclbin/design.h"

#include <xclbin.h>

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace xrtemu::shim {

namespace {

using xrt_core::query::key_type;

// One request object per key; the answer is computed from the device.
template <typename Fn>
struct answer : xrt_core::query::request
{
  Fn fn;
  explicit answer(Fn f) : fn(f) {}
  boost::any get(const xrt_core::device* d) const override
  {
    return fn(const_cast<device_emu&>(static_cast<const device_emu&>(*d)));
  }
};

template <typename Fn>
std::unique_ptr<xrt_core::query::request> make(Fn f)
{
  return std::make_unique<answer<Fn>>(f);
}

std::vector<char> as_chars(const std::vector<uint8_t>& v) { return std::vector<char>(v.begin(), v.end()); }

// A section of the loaded xclbin, as the driver keeps it after a download
// (xocl's icap sysfs nodes); empty before any xclbin, as there.
std::vector<char> loaded_section(device_emu& d, axlf_section_kind kind)
{
  auto& img = d.card().image();
  if (img.empty())
    return {};
  return as_chars(xclbin::section(img.data(), img.size(), kind));
}

// The card as another process that loaded an xclbin onto it sees it, when
// this process has loaded none itself.
std::shared_ptr<const peer_card> peer_of(device_emu& d)
{
  if (d.card().loaded())
    return nullptr;
  return find_peer(static_cast<unsigned>(d.get_device_id()), d.card().platform().name);
}

bool is_pcie(device_emu& d) { return d.card().platform().shell != "edge"; }

[[noreturn]] void no_pcie(key_type k)
{
  throw xrt_core::query::no_such_key(k, "the emulated edge board has no PCIe link");
}

// PCIe generation and width from a VBNV such as xilinx_u250_gen3x16_xdma_4_1.
std::pair<uint64_t, uint64_t> pcie_link(device_emu& d, key_type k)
{
  if (!is_pcie(d))
    no_pcie(k);
  std::smatch m;
  auto& vbnv = d.card().platform().vbnv;
  if (!std::regex_search(vbnv, m, std::regex("gen([1-5])x([0-9]+)")))
    throw xrt_core::query::no_such_key(k, "the platform's VBNV (" + vbnv + ") names no PCIe generation and width");
  // xocl's link_speed sysfs node (and so this query) holds the PCIe
  // generation, not GT/s: xbutil prints "Gen<speed>x<width>".
  return {std::stoull(m[1]), std::stoull(m[2])};
}

uint64_t host_bank_bytes(device_emu& d)
{
  uint64_t n = 0;
  for (auto& b : d.card().platform().banks)
    if (b.kind == emu::bank_kind::host)
      n += b.size;
  return n;
}

// Per MEM_TOPOLOGY (or group topology) entry of the loaded xclbin: the
// platform bank it stands for, -1 when unused or a stream connection.
std::vector<int> topology_banks(device_emu& d)
{
  std::vector<int> out;
  auto design = d.card().design();
  for (auto& m : design.banks)
    out.push_back(m.used && !m.stream_connection() ? d.card().platform_bank_of(m) : -1);
  return out;
}

// Entries memstat must cover: group topology entries come after the
// MEM_TOPOLOGY ones, so the larger count.
size_t memstat_entries(device_emu& d, size_t mem_entries)
{
  auto grp = loaded_section(d, ASK_GROUP_TOPOLOGY);
  if (grp.size() >= sizeof(int32_t)) {
    int32_t n = 0;
    std::memcpy(&n, grp.data(), sizeof n);
    if (n > 0 && static_cast<size_t>(n) > mem_entries)
      return static_cast<size_t>(n);
  }
  return mem_entries;
}

const std::map<key_type, std::unique_ptr<xrt_core::query::request>>& table()
{
  static const auto t = [] {
    std::map<key_type, std::unique_ptr<xrt_core::query::request>> m;
    // --- identity ---
    m[key_type::rom_vbnv] = make([](device_emu& d) { return d.card().platform().vbnv; });
    // PCIe identity on PCIe shells; an edge board has none (XRT's edge
    // driver answers only pcie_bdf).
    m[key_type::pcie_vendor] = make([](device_emu& d) {
      if (!is_pcie(d))
        no_pcie(key_type::pcie_vendor);
      return uint16_t(0x10ee);
    });
    m[key_type::pcie_device] = make([](device_emu& d) {
      if (!is_pcie(d))
        no_pcie(key_type::pcie_device);
      return uint16_t(0x5005);
    });
    m[key_type::pcie_bdf] = make([](device_emu& d) {
      // Emulated cards sit on bus 0xee so they never look like real ones.
      return std::tuple<uint16_t, uint16_t, uint16_t, uint16_t>(0, 0xee, uint16_t(d.get_device_id()), 1);
    });
    m[key_type::instance] = make([](device_emu& d) { return int64_t(d.get_device_id()); });
    m[key_type::logic_uuids] = make([](device_emu& d) {
      return std::vector<std::string>{d.card().platform().logic_uuid};
    });
    m[key_type::interface_uuids] = make([](device_emu& d) {
      return std::vector<std::string>{d.card().platform().interface_uuid};
    });
    m[key_type::is_ready] = make([](device_emu&) { return true; });

    // --- PCIe (pcie shells only) ---
    m[key_type::pcie_subsystem_vendor] = make([](device_emu& d) {
      if (!is_pcie(d))
        no_pcie(key_type::pcie_subsystem_vendor);
      return uint16_t(0x10ee);
    });
    m[key_type::pcie_subsystem_id] = make([](device_emu& d) {
      if (!is_pcie(d))
        no_pcie(key_type::pcie_subsystem_id);
      return uint16_t(0x000e);
    });
    m[key_type::pcie_link_speed] = make([](device_emu& d) { return pcie_link(d, key_type::pcie_link_speed).first; });
    m[key_type::pcie_link_speed_max] =
      make([](device_emu& d) { return pcie_link(d, key_type::pcie_link_speed_max).first; });
    m[key_type::pcie_express_lane_width] =
      make([](device_emu& d) { return pcie_link(d, key_type::pcie_express_lane_width).second; });
    m[key_type::pcie_express_lane_width_max] =
      make([](device_emu& d) { return pcie_link(d, key_type::pcie_express_lane_width_max).second; });
    m[key_type::cpu_affinity] = make([](device_emu& d) {
      if (!is_pcie(d))
        no_pcie(key_type::cpu_affinity);
      auto n = std::thread::hardware_concurrency();
      return n > 1 ? "0-" + std::to_string(n - 1) : std::string("0");
    });
    // Host memory banks (HOST[n]) the platform declares; host-only buffers
    // work without them, through the card's host window.
    m[key_type::host_mem_size] = make([](device_emu& d) { return host_bank_bytes(d); });
    m[key_type::shared_host_mem] = make([](device_emu& d) { return host_bank_bytes(d); });
    m[key_type::enabled_host_mem] = make([](device_emu& d) { return host_bank_bytes(d); });
    m[key_type::max_shared_host_mem_aperture_bytes] = make([](device_emu& d) { return host_bank_bytes(d); });
    // One DMA channel: "card_to_host host_to_card" bytes, summed over banks.
    m[key_type::dma_threads_raw] = make([](device_emu& d) {
      if (auto p = peer_of(d))
        return peer_dma_threads(*p);
      uint64_t c2h = 0, h2c = 0;
      for (unsigned b = 0; b < d.card().platform().banks.size(); ++b) {
        c2h += d.card().traffic(b).from_device.load(std::memory_order_relaxed);
        h2c += d.card().traffic(b).to_device.load(std::memory_order_relaxed);
      }
      return std::vector<std::string>{std::to_string(c2h) + " " + std::to_string(h2c)};
    });
    m[key_type::m2m] = make([](device_emu&) { return uint32_t(1); });
    m[key_type::nodma] = make([](device_emu&) { return uint32_t(0); });
    m[key_type::kds_numcdmas] = make([](device_emu&) { return uint32_t(0); });

    // --- board ---
    // The DDR banks of the platform (HBM, PLRAM and host banks are not
    // "DDR" in the ROM's sense).
    m[key_type::rom_ddr_bank_size_gb] = make([](device_emu& d) {
      for (auto& b : d.card().platform().banks)
        if (b.kind == emu::bank_kind::ddr)
          return uint64_t(b.size >> 30);
      return uint64_t(0);
    });
    m[key_type::rom_ddr_bank_count_max] = make([](device_emu& d) {
      uint64_t n = 0;
      for (auto& b : d.card().platform().banks)
        n += b.kind == emu::bank_kind::ddr;
      return n;
    });
    m[key_type::status_mig_calibrated] = make([](device_emu&) { return true; });
    // Refreshes the memory controllers' cached ECC counters on a board; the
    // emulated banks keep none, so there is nothing to refresh.
    m[key_type::mig_cache_update] = make([](device_emu&) { return std::string(); });
    m[key_type::clock_freqs_mhz] = make([](device_emu& d) {
      std::vector<std::string> v;
      for (auto& [name, mhz] : d.card().platform().clocks_mhz)
        v.push_back(std::to_string(static_cast<int>(mhz)));
      return v;
    });
    // The loaded xclbin's clock section; before one (or if it has none), the
    // platform's clocks: ap_clk is the data clock, ap_clk_2 the kernel clock.
    m[key_type::clock_freq_topology_raw] = make([](device_emu& d) {
      auto raw = loaded_section(d, CLOCK_FREQ_TOPOLOGY);
      if (!raw.empty())
        return raw;
      auto& clocks = d.card().platform().clocks_mhz;
      constexpr size_t head = offsetof(clock_freq_topology, m_clock_freq);
      std::vector<char> out(head + clocks.size() * sizeof(clock_freq), 0);
      auto* topo = reinterpret_cast<clock_freq_topology*>(out.data());
      topo->m_count = static_cast<int16_t>(clocks.size());
      size_t i = 0;
      for (auto& [name, mhz] : clocks) {
        clock_freq f{};
        f.m_freq_Mhz = static_cast<uint16_t>(mhz);
        f.m_type = name == "ap_clk" ? CT_DATA : name == "ap_clk_2" ? CT_KERNEL : CT_SYSTEM;
        std::snprintf(f.m_name, sizeof f.m_name, "%s", name.c_str());
        std::memcpy(out.data() + head + i++ * sizeof(clock_freq), &f, sizeof f);
      }
      return out;
    });

    // --- the loaded xclbin ---
    m[key_type::xclbin_uuid] = make([](device_emu& d) {
      if (auto p = peer_of(d))
        return peer_xclbin_uuid(*p);
      // Nothing loaded: the null UUID, as xocl's sysfs node reads then
      // (xbutil validate programs the test xclbin only when it sees that).
      if (!d.card().loaded())
        return std::string("00000000-0000-0000-0000-000000000000");
      return xclbin::to_string(d.card().loaded_uuid());
    });
    m[key_type::xclbin_full] = make([](device_emu& d) {
      auto& img = d.card().image();
      return std::vector<char>(img.begin(), img.end());
    });
    m[key_type::mem_topology_raw] = make([](device_emu& d) {
      if (auto p = peer_of(d))
        return peer_mem_topology(*p);
      return loaded_section(d, MEM_TOPOLOGY);
    });
    // Without a group section every bank is its own group (what xocl builds).
    m[key_type::group_topology] = make([](device_emu& d) {
      if (auto p = peer_of(d))
        return peer_mem_topology(*p);
      auto grp = loaded_section(d, ASK_GROUP_TOPOLOGY);
      return grp.empty() ? loaded_section(d, MEM_TOPOLOGY) : grp;
    });
    m[key_type::ip_layout_raw] = make([](device_emu& d) { return loaded_section(d, IP_LAYOUT); });
    // The xclbin's debug IP (monitors, checkers); a card whose xclbin has
    // none answers an empty layout, as xocl's icap node does.
    m[key_type::debug_ip_layout_raw] = make([](device_emu& d) { return loaded_section(d, DEBUG_IP_LAYOUT); });
    // Per topology entry "allocated_bytes bo_count" (xocl's memstat_raw);
    // entries of one platform bank share its allocator's numbers.
    m[key_type::memstat_raw] = make([](device_emu& d) {
      if (auto p = peer_of(d))
        return peer_memstat_raw(*p);
      std::vector<std::string> out;
      auto banks = topology_banks(d);
      for (size_t i = 0; i < memstat_entries(d, banks.size()); ++i) {
        int pb = i < banks.size() ? banks[i] : -1;
        auto& a = d.card();
        out.push_back(pb < 0 ? "0 0"
                             : std::to_string(a.bank_used(pb)) + " " + std::to_string(a.bank_buffers(pb)));
      }
      return out;
    });
    // The human-readable form, one line per topology entry.
    m[key_type::memstat] = make([](device_emu& d) {
      if (auto p = peer_of(d))
        return peer_memstat(*p);
      std::string text;
      auto design = d.card().design();
      for (auto& mb : design.banks) {
        int pb = mb.used && !mb.stream_connection() ? d.card().platform_bank_of(mb) : -1;
        uint64_t used = pb < 0 ? 0 : d.card().bank_used(pb);
        uint64_t count = pb < 0 ? 0 : d.card().bank_buffers(pb);
        char line[256];
        std::snprintf(line, sizeof line, "[%s] %s @0x%012llx (%llu KB): %llu KB in %llu BOs\n",
                      mb.used ? "IN-USE" : "UNUSED", mb.tag.c_str(), static_cast<unsigned long long>(mb.base),
                      static_cast<unsigned long long>(mb.size / 1024), static_cast<unsigned long long>(used / 1024),
                      static_cast<unsigned long long>(count));
        text += line;
      }
      return std::vector<char>(text.begin(), text.end());
    });
    // The CUs as KDS numbers them.  Until the card's CUs are bound (during
    // a download, when coreutil asks from register_axlf) there is no such
    // list: coreutil then orders CUs from IP_LAYOUT itself, and the card
    // adopts that order, so both always agree.
    m[key_type::kds_cu_info] = make([](device_emu& d) {
      if (auto p = peer_of(d)) {
        auto cus = peer_cu_info(*p);
        if (cus.empty())
          throw xrt_core::query::no_such_key(key_type::kds_cu_info, "no compute units are configured");
        return cus;
      }
      // cu_names() is cleared by a download and set once its CUs are bound;
      // until then status() would still describe the previous xclbin.
      if (d.card().cu_names().empty())
        throw xrt_core::query::no_such_key(key_type::kds_cu_info, "no compute units are configured");
      auto cus = d.card().card().status();
      if (cus.empty())
        throw xrt_core::query::no_such_key(key_type::kds_cu_info, "no compute units are configured");
      xrt_core::query::kds_cu_info::result_type out;
      for (uint32_t i = 0; i < cus.size(); ++i)
        out.push_back({0, i, cus[i].kernel + ":" + cus[i].name, cus[i].base,
                       cus[i].busy ? 0x1u : 0x4u,   // START while running, else IDLE
                       cus[i].runs});
      return out;
    });
    // --- health ---
    // The AXI firewall between shell and user logic: never tripped on the
    // emulated card (a bad access by a CU fails its command instead), so
    // level 0, no level name, status 0 and no trip time, what xocl's
    // firewall node shows on a healthy board.
    m[key_type::firewall_detect_level] = make([](device_emu&) { return uint64_t(0); });
    m[key_type::firewall_detect_level_name] = make([](device_emu&) { return std::string(); });
    m[key_type::firewall_status] = make([](device_emu&) { return uint64_t(0); });
    m[key_type::firewall_time_sec] = make([](device_emu&) { return uint64_t(0); });
    // xocl's error log (struct xcl_errors: count, then up to 32 records of
    // code, timestamp, pid), which xbutil examine -r error and xrt::error read.
    m[key_type::xocl_errors] = make([](device_emu& d) { return d.card().errors()->bytes(); });
    m[key_type::kds_scu_info] = make([](device_emu&) { return xrt_core::query::kds_scu_info::result_type{}; });
    return m;
  }();
  return t;
}

} // namespace

const xrt_core::query::request& device_emu::lookup_query(key_type key) const
{
  if (auto* f = faults::query(key))
    return *f;   // is_offline, mig_ecc_*: fault_injection.cpp
  auto& t = table();
  auto it = t.find(key);
  if (it == t.end())
    throw xrt_core::query::no_such_key(key);
  return *it->second;
}

} // namespace xrtemu::shim
