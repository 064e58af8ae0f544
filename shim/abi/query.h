// Device queries: how coreutil and xbutil ask a device for its properties.
//
// coreutil calls device::lookup_query(key) and then request::get(device)
// on the object returned; the answer travels in a boost::any whose held
// type must be exactly the request's result type (boost::any_cast compares
// type_info).  Keys are the enumerator positions of XRT 2.13's
// query::key_type (counted from the enum in query_requests.h at tag
// 202210.2.13.466, which assigns no values explicitly); only the ones the
// shim answers or mentions are named here.  The public-API test
// (tests/e2e_inspect_test.cpp: xrt::device::get_info<platform|memory|
// dynamic_regions|pcie_info>) proves them against stock coreutil, which
// asks for each by this number.
#pragma once

#include <boost/any.hpp>
#include <boost/format.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace xrt_core {

class device;

namespace query {

enum class key_type : int {
  pcie_vendor = 0,
  pcie_device = 1,
  pcie_subsystem_vendor = 2,
  pcie_subsystem_id = 3,
  pcie_link_speed = 4,
  pcie_link_speed_max = 5,
  pcie_express_lane_width = 6,
  pcie_express_lane_width_max = 7,
  pcie_bdf = 8,
  instance = 9,
  dma_threads_raw = 11,
  rom_vbnv = 12,
  rom_ddr_bank_size_gb = 13,
  rom_ddr_bank_count_max = 14,
  rom_fpga_name = 15,
  rom_time_since_epoch = 18,
  xclbin_uuid = 19,
  group_topology = 20,
  memstat = 21,
  memstat_raw = 22,
  mem_topology_raw = 24,
  ip_layout_raw = 25,
  debug_ip_layout_raw = 26,
  clock_freq_topology_raw = 27,
  kds_cu_info = 29,
  kds_scu_info = 31,
  ps_kernel = 32,
  xocl_errors = 33,
  xclbin_full = 34,
  m2m = 60,
  nodma = 62,
  clock_freqs_mhz = 64,
  idcode = 67,
  max_shared_host_mem_aperture_bytes = 70,
  status_mig_calibrated = 71,
  p2p_config = 72,
  firewall_detect_level = 132,
  firewall_detect_level_name = 133,
  firewall_status = 134,
  firewall_time_sec = 135,
  host_mem_size = 137,
  kds_numcdmas = 138,
  mig_cache_update = 139,
  mig_ecc_enabled = 140,
  mig_ecc_status = 141,
  mig_ecc_ce_cnt = 142,
  mig_ecc_ue_cnt = 143,
  mig_ecc_ce_ffa = 144,
  mig_ecc_ue_ffa = 145,
  is_ready = 150,
  is_offline = 151,
  interface_uuids = 156,
  logic_uuids = 157,
  cpu_affinity = 159,
  shared_host_mem = 160,
  enabled_host_mem = 161,
  mailbox_metrics = 165,
  noop = 201,     // last enumerator at this tag
};

// Result types that are not plain standard types.  boost::any compares the
// held type by its type_info name, so these must have XRT's qualified names
// (xrt_core::query::kds_cu_info::data ...) and member layout.
struct kds_cu_info
{
  struct data
  {
    uint32_t slot_index;
    uint32_t index;
    std::string name;       // "kernel:instance"
    uint64_t base_addr;
    uint32_t status;        // AP_CTRL-style bits: 0x1 START, 0x4 IDLE
    uint64_t usages;        // completed runs
  };
  using result_type = std::vector<data>;
};

struct kds_scu_info
{
  struct data
  {
    uint32_t slot_index;
    uint32_t index;
    std::string name;
    uint32_t status;
    uint64_t usages;
  };
  using result_type = std::vector<data>;
};

// Base of every request: one virtual destructor and six dispatch slots, in
// this order.  The base versions throw, so a request overrides only the
// arity it supports.
struct request
{
  enum class modifier { subdev, entry };

  virtual ~request() = default;
  virtual boost::any get(const device*) const
  { throw std::runtime_error("query request requires arguments"); }
  virtual boost::any get(const device*, const boost::any&) const
  { throw std::runtime_error("query request does not support one argument"); }
  virtual boost::any get(const device*, const boost::any&, const boost::any&) const
  { throw std::runtime_error("query request does not support two arguments"); }
  virtual boost::any get(const device*, modifier, const std::string&) const
  { throw std::runtime_error("query request does not support a modifier"); }
  virtual boost::any get(const device*, const boost::any&, const boost::any&, const boost::any&) const
  { throw std::runtime_error("query request does not support three arguments"); }
  virtual void put(const device*, const boost::any&) const
  { throw std::runtime_error("query request does not support update"); }
};

// Query failures.  coreutil catches no_such_key to fall back on xclbin
// parsing (CU order, xclbin uuid), so the name and base chain must match.
class exception : public std::runtime_error
{
public:
  explicit exception(const std::string& msg) : std::runtime_error(msg) {}
};

class no_such_key : public exception
{
  key_type m_key;
public:
  explicit no_such_key(key_type k)
    : exception(boost::str(boost::format("No such query request (%d)") % static_cast<int>(k)))
    , m_key(k) {}
  no_such_key(key_type k, const std::string& msg) : exception(msg), m_key(k) {}
  key_type get_key() const { return m_key; }
};

class not_supported : public exception
{
public:
  explicit not_supported(const std::string& msg) : exception(msg) {}
};

} // namespace query
} // namespace xrt_core
