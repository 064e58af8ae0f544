// xrt_core::system: the shim's process-wide singleton.  Its base
// constructor (exported by coreutil) records `this` as the system coreutil
// asks for devices, so a shim only has to construct one during static
// initialisation.  12 vtable slots in this order; no virtual destructor.
#pragma once

#include "device.h"

#include <boost/property_tree/ptree_fwd.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace xrt_core {

class system
{
protected:
  system();   // defined in libxrt_coreutil.so.2

public:
  virtual void get_xrt_info(boost::property_tree::ptree&) {}          // 0
  virtual void get_os_info(boost::property_tree::ptree&) {}           // 1
  virtual void get_devices(boost::property_tree::ptree&) const {}     // 2
  virtual device::id_type get_device_id(const std::string& str) const;  // 3 (coreutil)
  virtual std::pair<device::id_type, device::id_type>
  get_total_devices(bool is_user = true) const = 0;                   // 4
  virtual std::shared_ptr<device> get_userpf_device(device::id_type id) const = 0;      // 5
  virtual std::shared_ptr<device>
  get_userpf_device(device::handle_type hdl, device::id_type id) const = 0;             // 6
  virtual std::shared_ptr<device> get_mgmtpf_device(device::id_type id) const = 0;      // 7

  enum class monitor_access_type { bar, mmap, ioctl };
  virtual monitor_access_type get_monitor_access_type() const         // 8
  { return monitor_access_type::bar; }
  virtual void program_plp(const device*, const std::vector<char>&, bool) const  // 9
  { throw std::runtime_error("plp program is not supported"); }
  virtual void mem_read(const device*, long long, long long, const std::string&) const  // 10
  { throw std::runtime_error("memory read is not supported"); }
  virtual void mem_write(const device*, long long, long long, unsigned int) const       // 11
  { throw std::runtime_error("memory write is not supported"); }
};

// coreutil's device registry (exported free functions).
std::shared_ptr<device> get_userpf_device(device::handle_type handle, device::id_type id);
std::shared_ptr<device> get_userpf_device(device::handle_type handle);

} // namespace xrt_core
