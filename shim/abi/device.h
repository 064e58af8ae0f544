// xrt_core::device: coreutil's per-device object, subclassed by each shim.
//
// The base part is built and destroyed by coreutil's own constructor and
// destructor (exported from libxrt_coreutil.so.2), so this declaration only
// has to agree with coreutil on three things: the vtable order (ishim's 57
// slots, then the 14 below), the object size, and the position of the data
// members coreutil's inline code touches.  The private members reproduce
// XRT 2.13's with the same standard-library types.  tests/abi checks the
// slot order against the installed binaries and the size against the bytes
// coreutil's constructor initialises.
#pragma once

#include "ishim.h"
#include "query.h"

#include <boost/optional/optional.hpp>
#include <boost/property_tree/ptree_fwd.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace xrt_core {

// CU index type as coreutil stores it in its name-to-index map.
struct cuidx_type
{
  union {
    std::uint32_t index;
    struct {
      std::uint16_t domain_index;
      std::uint16_t domain;
    };
  };
};

class device : public ishim
{
  friend struct abi_probe;   // the conformance test reads private slots
public:
  using id_type = unsigned int;
  using handle_type = xclDeviceHandle;

  // Defined in libxrt_coreutil.so.2.
  explicit device(id_type device_id);
  virtual ~device();                                         // slots 57-58

  device(const device&) = delete;
  device& operator=(const device&) = delete;

  id_type get_device_id() const { return m_device_id; }

  virtual handle_type get_device_handle() const = 0;         // slot 59
  virtual handle_type get_mgmt_handle() const { return nullptr; }       // 60
  virtual handle_type get_user_handle() const { return get_device_handle(); } // 61
  virtual bool is_userpf() const { return false; }           // 62

private:
  virtual const query::request& lookup_query(query::key_type key) const = 0; // 63

public:
  virtual void get_info(boost::property_tree::ptree&) const {}        // 64
  virtual void read(uint64_t, void*, uint64_t) const {}               // 65
  virtual void write(uint64_t, const void*, uint64_t) const {}        // 66
  virtual void reset(int&) const {}                                   // 67 (query::reset_type&)
  virtual void xclmgmt_load_xclbin(const char*) const {}              // 68
  virtual int open(const std::string&, int) const                     // 69
  { throw std::runtime_error("Not implemented"); }
  virtual void close(int) const                                       // 70
  { throw std::runtime_error("Not implemented"); }

  // Non-virtual helpers exported by coreutil that a shim calls.
  void register_axlf(const axlf* top);   // after a successful xclbin download
  xrt::uuid get_xclbin_uuid() const;
  // CU base addresses in coreutil's CU index order (after register_axlf).
  const std::vector<uint64_t>& get_cus(const xrt::uuid& xclbin_id = xrt::uuid()) const;

private:
  id_type m_device_id;
  mutable boost::optional<bool> m_nodma = boost::none;
  std::map<std::string, cuidx_type> m_cu2idx;
  std::vector<uint64_t> m_cus;
  xrt::xclbin m_xclbin;
};

} // namespace xrt_core
