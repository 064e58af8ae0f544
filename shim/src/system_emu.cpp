// The shim's xrt_core::system singleton: which emulated cards exist, and
// how coreutil opens them.  Constructed while the library loads (the base
// constructor registers it with coreutil).
#include "device_emu.h"
#include "fault_injection.h"
#include "system.h"

#include "xrtemu/cards/device_list.h"
#include "xrtemu/emu/card.h"

#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <boost/property_tree/ptree.hpp>
#include <fstream>
#include <thread>

#include "profile_trace.h"
#include "runtime_options.h"
#include "status_publisher.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>

namespace fs = std::filesystem;

namespace xrtemu::shim {

namespace {

// The platform directory this library sits in (its XILINX_XRT):
// <home>/lib/libxrt_core.so.2, platform files in <home>/share/xrtemu/platforms.
std::string home_dir()
{
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&home_dir), &info) && info.dli_fname)
    return fs::path(info.dli_fname).parent_path().parent_path().string();
  return "/usr";
}

// Cards to emulate: emconfig.json under XCL_EMULATION_MODE, XRTEMU_CONFIG,
// XRTEMU_PLATFORM (cards/include/xrtemu/cards/device_list.h).
std::vector<emu::platform_desc> configured_cards()
{
  cards::catalog cat(cards::platform_dirs(home_dir()));
  return cards::configured_devices(cat).cards;
}

class system_emu;
system_emu& singleton();

class system_emu : public xrt_core::system
{
public:
  // Host facts for `xbutil examine` (report "host"): the same ptree fields
  // XRT's Linux system object fills (uname, os-release, cores, memory).
  void get_os_info(boost::property_tree::ptree& pt) override
  {
    struct utsname u{};
    if (::uname(&u) == 0) {
      pt.put("sysname", u.sysname);
      pt.put("release", u.release);
      pt.put("version", u.version);
      pt.put("machine", u.machine);
    }
    std::ifstream osr("/etc/os-release");
    for (std::string line; std::getline(osr, line);)
      if (line.rfind("PRETTY_NAME=", 0) == 0) {
        auto v = line.substr(12);
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"')
          v = v.substr(1, v.size() - 2);
        pt.put("distribution", v);
      }
    std::string model = "unknown";
    std::ifstream prod("/sys/devices/virtual/dmi/id/product_name");
    if (prod.good())
      std::getline(prod, model);
    pt.put("model", model);
    pt.put("cores", std::thread::hardware_concurrency());
    char mem[32];
    std::snprintf(mem, sizeof mem, "0x%lx",
                  static_cast<unsigned long>(::sysconf(_SC_PHYS_PAGES)) * static_cast<unsigned long>(::sysconf(_SC_PAGE_SIZE)));
    pt.put("memory_bytes", std::string(mem));
    boost::property_tree::ptree glibc, libs;
    glibc.put("name", "glibc");
    glibc.put("version", ::gnu_get_libc_version());
    libs.push_back({"", glibc});
    pt.put_child("libraries", libs);
    char host[256] = {0};
    ::gethostname(host, sizeof host - 1);
    pt.put("hostname", std::string(host));
  }

  // Driver list for the "xrt" part of the host report: the emulator stands
  // in for xocl (no management driver).
  void get_xrt_info(boost::property_tree::ptree& pt) override
  {
    boost::property_tree::ptree drv, drivers;
    drv.put("name", "xrtemu");
    drv.put("version", "emulated");
    drv.put("hash", "unknown");
    drivers.push_back({"", drv});
    pt.put_child("drivers", drivers);
  }

  std::pair<xrt_core::device::id_type, xrt_core::device::id_type>
  get_total_devices(bool) const override
  {
    auto n = static_cast<xrt_core::device::id_type>(cards().size());
    return {n, n};
  }

  // xrt::device("0000:ee:01.1"): a BDF names the card whose pcie_bdf query
  // answers it (bus 0xee, device = index, function 1; see queries.cpp), as
  // XRT's PCIe driver matches BDFs; anything else is an index (coreutil's).
  xrt_core::device::id_type get_device_id(const std::string& str) const override
  {
    unsigned dom = 0, bus = 0, dev = 0, fn = 0;
    char tail = 0;
    bool bdf = std::sscanf(str.c_str(), "%x:%x:%x.%x%c", &dom, &bus, &dev, &fn, &tail) == 4;
    if (!bdf) {
      dom = 0;
      bdf = std::sscanf(str.c_str(), "%x:%x.%x%c", &bus, &dev, &fn, &tail) == 3;
    }
    if (!bdf)
      return xrt_core::system::get_device_id(str);
    for (size_t i = 0; i < cards().size(); ++i)
      if (dom == 0 && bus == 0xee && dev == i && fn == 1)
        return static_cast<xrt_core::device::id_type>(i);
    throw xrt_core::system_error(ENODEV, "no emulated device at BDF '" + str + "' (the emulated cards are 0000:ee:<index>.1, " +
                                             std::to_string(cards().size()) + " of them)");
  }

  std::shared_ptr<xrt_core::device> get_userpf_device(xrt_core::device::id_type id) const override
  {
    if (id >= cards().size())
      throw std::runtime_error("no emulated device with index " + std::to_string(id) + " (there are " +
                               std::to_string(cards().size()) + "; see emconfig.json or XRTEMU_CONFIG)");
    if (!faults::admit(id))
      return nullptr;   // as xclOpen of an offline card: coreutil says "Could not open device"
    auto h = new hal(id);
    return h->device;
  }

  std::shared_ptr<xrt_core::device>
  get_userpf_device(xrt_core::device::handle_type handle, xrt_core::device::id_type id) const override
  {
    auto h = to_hal(handle);
    return std::shared_ptr<device_emu>(new device_emu(h, id, *cards().at(id)));
  }

  std::shared_ptr<xrt_core::device> get_mgmtpf_device(xrt_core::device::id_type) const override
  {
    throw std::runtime_error("the emulated card has no management function");
  }

  // The cards and the simulation start on first use, not at library load:
  // a failing platform file must surface as an exception from an XRT call.
  const std::vector<std::unique_ptr<card_state>>& cards() const
  {
    std::call_once(m_once, [this] {
      auto platforms = configured_cards();
      static const runtime_options opts = load_runtime_options();
      auto& sim = emu::simulation::start(platforms);
      for (unsigned i = 0; i < sim.num_cards(); ++i) {
        sim.get(i).configure(opts.card);
        m_cards.push_back(std::make_unique<card_state>(sim.get(i), i, opts.sharing));
        if (opts.card.profile)
          m_cards.back()->enable_profile();
      }
      // Exit hooks run in reverse order of registration, all before the
      // simulation's own (registered earlier by start()): the status mirror
      // stops (taking a last sample), then the profile is written.
      if (opts.card.profile)
        std::atexit([] { write_traces(opts.trace_file, opts.card, singleton().cards()); });
      status_publisher::start(m_cards);
      std::atexit([] { status_publisher::stop(); });
    });
    return m_cards;
  }

private:
  mutable std::once_flag m_once;
  mutable std::vector<std::unique_ptr<card_state>> m_cards;
};

system_emu& singleton()
{
  static system_emu s;
  return s;
}

// Register with coreutil as soon as the library is loaded.
struct registrar { registrar() { singleton(); } } const register_now;

} // namespace

size_t num_cards() { return singleton().get_total_devices(true).first; }

hal::hal(unsigned idx) : index(idx)
{
  if (!faults::admit(idx))
    throw xrt_core::system_error(ENODEV, "device " + std::to_string(idx) + " is offline");
  // coreutil builds (and caches) the device object for this handle by
  // calling back into the system's get_userpf_device(handle, id).
  device = std::static_pointer_cast<device_emu>(xrt_core::get_userpf_device(this, idx));
}

hal::~hal()
{
  magic = 0;
}

hal* to_hal(xclDeviceHandle h)
{
  auto p = static_cast<hal*>(h);
  if (!p || p->magic != hal::magic_value)
    throw xrt_core::system_error(EINVAL, "invalid device handle");
  return p;
}

} // namespace xrtemu::shim
