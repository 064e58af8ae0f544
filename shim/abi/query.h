// Device queries: how coreutil and xbutil ask a device for its properties.
//
// coreutil calls device::lookup_query(key) and then request::get(device)
// on the object returned; the answer travels in a boost::any whose held
// type must be exactly the request's result type (boost::any_cast compares
// type_info).  Keys are the enumerator positions of XRT 2.13's
// query::key_type; only the ones the shim answers are named here, with
// their numeric values (checked by reading the installed binaries' use in
// tests/abi where possible, otherwise counted from the XRT 2.13 enum).
#pragma once

#include <boost/any.hpp>
#include <boost/format.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace xrt_core {

class device;

namespace query {

enum class key_type : int {
  pcie_vendor = 0,
  pcie_device = 1,
  pcie_bdf = 8,
  rom_vbnv = 12,
  rom_ddr_bank_size_gb = 13,
  rom_ddr_bank_count_max = 14,
  xclbin_uuid = 19,
  mem_topology_raw = 24,
  ip_layout_raw = 25,
  kds_cu_info = 29,
  kds_scu_info = 31,
  xclbin_full = 34,
  m2m = 60,
  nodma = 62,
  clock_freqs_mhz = 64,
  kds_numcdmas = 138,
  is_ready = 150,
  is_offline = 151,
  interface_uuids = 156,
  logic_uuids = 157,
  noop = 201,     // last enumerator at this tag
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
