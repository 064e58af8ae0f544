// Device queries the emulated card answers (xrt::device::get_info, xbutil).
// Unknown keys raise query::no_such_key, which coreutil treats as "this
// driver doesn't report that" and falls back where it can.
#include "device_emu.h"

#include "xrtemu/xclbin/design.h"

#include <map>
#include <string>
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

const std::map<key_type, std::unique_ptr<xrt_core::query::request>>& table()
{
  static const auto t = [] {
    std::map<key_type, std::unique_ptr<xrt_core::query::request>> m;
    m[key_type::rom_vbnv] = make([](device_emu& d) { return d.card().platform().vbnv; });
    m[key_type::pcie_vendor] = make([](device_emu&) { return uint16_t(0x10ee); });
    m[key_type::pcie_device] = make([](device_emu&) { return uint16_t(0x5005); });
    m[key_type::pcie_bdf] = make([](device_emu& d) {
      // Emulated cards sit on bus 0xee so they never look like real ones.
      return std::tuple<uint16_t, uint16_t, uint16_t, uint16_t>(0, 0xee, uint16_t(d.get_device_id()), 1);
    });
    m[key_type::xclbin_uuid] = make([](device_emu& d) {
      if (!d.card().loaded())
        throw xrt_core::query::no_such_key(key_type::xclbin_uuid, "no xclbin loaded");
      return xclbin::to_string(d.card().loaded_uuid());
    });
    m[key_type::m2m] = make([](device_emu&) { return uint32_t(1); });
    m[key_type::nodma] = make([](device_emu&) { return uint32_t(0); });
    m[key_type::kds_numcdmas] = make([](device_emu&) { return uint32_t(0); });
    m[key_type::is_offline] = make([](device_emu&) { return false; });
    m[key_type::is_ready] = make([](device_emu&) { return true; });
    m[key_type::clock_freqs_mhz] = make([](device_emu& d) {
      std::vector<std::string> v;
      for (auto& [name, mhz] : d.card().platform().clocks_mhz)
        v.push_back(std::to_string(static_cast<int>(mhz)));
      return v;
    });
    m[key_type::xclbin_full] = make([](device_emu& d) {
      auto& img = d.card().image();
      return std::vector<char>(img.begin(), img.end());
    });
    return m;
  }();
  return t;
}

} // namespace

const xrt_core::query::request& device_emu::lookup_query(key_type key) const
{
  auto& t = table();
  auto it = t.find(key);
  if (it == t.end())
    throw xrt_core::query::no_such_key(key);
  return *it->second;
}

} // namespace xrtemu::shim
