// ABI conformance: our declarations in shim/abi/ against the installed
// Debian XRT 2.13 binaries.  A wrong slot or size here would otherwise show
// up as a crash inside a user's program.
//
//  * slot numbers come from our headers (Itanium ABI: a pointer to a virtual
//    member function holds 1 + the slot's byte offset in the vtable);
//  * the truth comes from the installed files: the vtables in the stock
//    noop shim (libxrt_noop.so.2) name the function in every slot, and
//    libxrt_coreutil.so.2 exports the base vtables with their sizes;
//  * sizeof(device) is checked against the bytes coreutil's own constructor
//    initialises.
#include "device.h"
#include "system.h"

#include "elf_image.h"

#include <catch2/catch.hpp>

#include <dlfcn.h>

#include <cstring>
#include <string>
#include <vector>

#ifndef XRT_LIB_DIR
#error "XRT_LIB_DIR must name the directory of the installed XRT libraries"
#endif

namespace xrt_core {

// Friend of device: reads slot numbers, including the private lookup_query.
struct abi_probe
{
  template <typename PMF>
  static size_t slot(PMF pmf)
  {
    struct rep { uintptr_t ptr; ptrdiff_t adj; } r{};
    static_assert(sizeof(PMF) == sizeof(rep), "Itanium member pointer layout");
    std::memcpy(&r, &pmf, sizeof r);
    REQUIRE((r.ptr & 1) == 1);   // virtual
    return (r.ptr - 1) / sizeof(void*);
  }

  struct entry { std::string name; size_t params; size_t slot; };

  static std::vector<entry> device_slots()
  {
    using D = device;
    using I = ishim;
    return {
      {"close_device", 0, slot(&I::close_device)},
      {"open_context", 3, slot(&I::open_context)},
      {"close_context", 2, slot(&I::close_context)},
      {"alloc_bo", 2, slot(static_cast<xclBufferHandle (I::*)(size_t, unsigned)>(&I::alloc_bo))},
      {"alloc_bo", 3, slot(static_cast<xclBufferHandle (I::*)(void*, size_t, unsigned)>(&I::alloc_bo))},
      {"free_bo", 1, slot(&I::free_bo)},
      {"export_bo", 1, slot(&I::export_bo)},
      {"import_bo", 1, slot(static_cast<xclBufferHandle (I::*)(xclBufferExportHandle)>(&I::import_bo))},
      {"close_export_handle", 1, slot(&I::close_export_handle)},
      {"import_bo", 2, slot(static_cast<xclBufferHandle (I::*)(pid_t, xclBufferExportHandle)>(&I::import_bo))},
      {"copy_bo", 5, slot(&I::copy_bo)},
      {"sync_bo", 4, slot(&I::sync_bo)},
      {"map_bo", 2, slot(&I::map_bo)},
      {"unmap_bo", 2, slot(&I::unmap_bo)},
      {"get_bo_properties", 2, slot(&I::get_bo_properties)},
      {"reg_read", 3, slot(&I::reg_read)},
      {"reg_write", 3, slot(&I::reg_write)},
      {"xread", 4, slot(&I::xread)},
      {"xwrite", 4, slot(&I::xwrite)},
      {"unmgd_pread", 3, slot(&I::unmgd_pread)},
      {"unmgd_pwrite", 3, slot(&I::unmgd_pwrite)},
      {"exec_buf", 1, slot(&I::exec_buf)},
      {"exec_wait", 1, slot(&I::exec_wait)},
      {"load_axlf", 1, slot(&I::load_axlf)},
      {"reclock", 1, slot(&I::reclock)},
      {"p2p_enable", 1, slot(&I::p2p_enable)},
      {"p2p_disable", 1, slot(&I::p2p_disable)},
      {"set_cma", 2, slot(&I::set_cma)},
      {"update_scheduler_status", 0, slot(&I::update_scheduler_status)},
      {"user_reset", 1, slot(&I::user_reset)},
      {"open_ip_interrupt_notify", 1, slot(&I::open_ip_interrupt_notify)},
      {"close_ip_interrupt_notify", 1, slot(&I::close_ip_interrupt_notify)},
      {"enable_ip_interrupt", 1, slot(&I::enable_ip_interrupt)},
      {"disable_ip_interrupt", 1, slot(&I::disable_ip_interrupt)},
      {"wait_ip_interrupt", 1, slot(static_cast<void (I::*)(xclInterruptNotifyHandle)>(&I::wait_ip_interrupt))},
      {"wait_ip_interrupt", 2, slot(static_cast<std::cv_status (I::*)(xclInterruptNotifyHandle, int32_t)>(&I::wait_ip_interrupt))},
      {"open_graph", 3, slot(&I::open_graph)},
      {"close_graph", 1, slot(&I::close_graph)},
      {"reset_graph", 1, slot(&I::reset_graph)},
      {"get_timestamp", 1, slot(&I::get_timestamp)},
      {"run_graph", 2, slot(&I::run_graph)},
      {"wait_graph_done", 2, slot(&I::wait_graph_done)},
      {"wait_graph", 2, slot(&I::wait_graph)},
      {"suspend_graph", 1, slot(&I::suspend_graph)},
      {"resume_graph", 1, slot(&I::resume_graph)},
      {"end_graph", 2, slot(&I::end_graph)},
      {"update_graph_rtp", 4, slot(&I::update_graph_rtp)},
      {"read_graph_rtp", 4, slot(&I::read_graph_rtp)},
      {"open_aie_context", 1, slot(&I::open_aie_context)},
      {"sync_aie_bo", 5, slot(&I::sync_aie_bo)},
      {"reset_aie", 0, slot(&I::reset_aie)},
      {"sync_aie_bo_nb", 5, slot(&I::sync_aie_bo_nb)},
      {"wait_gmio", 1, slot(&I::wait_gmio)},
      {"start_profiling", 4, slot(&I::start_profiling)},
      {"read_profiling", 1, slot(&I::read_profiling)},
      {"stop_profiling", 1, slot(&I::stop_profiling)},
      {"load_axlf_meta", 1, slot(&I::load_axlf_meta)},
      {"get_device_handle", 0, slot(&D::get_device_handle)},
      {"get_mgmt_handle", 0, slot(&D::get_mgmt_handle)},
      {"get_user_handle", 0, slot(&D::get_user_handle)},
      {"is_userpf", 0, slot(&D::is_userpf)},
      {"lookup_query", 1, slot(&D::lookup_query)},
      {"get_info", 1, slot(&D::get_info)},
      {"read", 3, slot(&D::read)},
      {"write", 3, slot(&D::write)},
      {"reset", 1, slot(&D::reset)},
      {"xclmgmt_load_xclbin", 1, slot(&D::xclmgmt_load_xclbin)},
      {"open", 2, slot(&D::open)},
      {"close", 1, slot(&D::close)},
    };
  }

  static std::vector<entry> system_slots()
  {
    using S = system;
    return {
      {"get_xrt_info", 1, slot(&S::get_xrt_info)},
      {"get_os_info", 1, slot(&S::get_os_info)},
      {"get_devices", 1, slot(&S::get_devices)},
      {"get_device_id", 1, slot(&S::get_device_id)},
      {"get_total_devices", 1, slot(&S::get_total_devices)},
      {"get_userpf_device", 1, slot(static_cast<std::shared_ptr<device> (S::*)(device::id_type) const>(&S::get_userpf_device))},
      {"get_userpf_device", 2, slot(static_cast<std::shared_ptr<device> (S::*)(device::handle_type, device::id_type) const>(&S::get_userpf_device))},
      {"get_mgmtpf_device", 1, slot(&S::get_mgmtpf_device)},
      {"get_monitor_access_type", 0, slot(&S::get_monitor_access_type)},
      {"program_plp", 3, slot(&S::program_plp)},
      {"mem_read", 4, slot(&S::mem_read)},
      {"mem_write", 4, slot(&S::mem_write)},
    };
  }
};

} // namespace xrt_core

namespace {

const std::string lib_dir = XRT_LIB_DIR;
const std::string coreutil = lib_dir + "/libxrt_coreutil.so.2";

// "ns::cls<T>::name(a, b) const" -> {"name", 2}
std::pair<std::string, size_t> base_name(const std::string& f)
{
  auto open = f.find('(');
  if (open == std::string::npos)
    return {f, 0};
  // The parameter list is the balanced (...) starting at `open`.
  int depth = 0;
  size_t params = 0, close = open;
  bool any = false;
  for (size_t i = open; i < f.size(); ++i) {
    char c = f[i];
    if (c == '(' || c == '<') ++depth;
    else if (c == ')' || c == '>') { if (--depth == 0) { close = i; break; } }
    else if (c == ',' && depth == 1) ++params;
    else if (depth == 1 && c != ' ') any = true;
  }
  (void)close;
  auto head = f.substr(0, open);
  auto colon = head.rfind("::");
  auto name = colon == std::string::npos ? head : head.substr(colon + 2);
  return {name, any ? params + 1 : 0};
}

size_t max_slot(const std::vector<xrt_core::abi_probe::entry>& v)
{
  size_t m = 0;
  for (auto& e : v) m = std::max(m, e.slot);
  return m;
}

} // namespace

TEST_CASE("coreutil's device and system vtables have the sizes our declarations imply", "[abi]")
{
  abi_test::elf_image cu(coreutil);
  auto dv = cu.find("_ZTVN8xrt_core6deviceE");
  auto sv = cu.find("_ZTVN8xrt_core6systemE");
  REQUIRE(dv);
  REQUIRE(sv);
  auto dslots = xrt_core::abi_probe::device_slots();
  auto sslots = xrt_core::abi_probe::system_slots();
  // offset-to-top + typeinfo, then one pointer per slot.
  CHECK(dv->size == 16 + 8 * (max_slot(dslots) + 1));
  CHECK(sv->size == 16 + 8 * (max_slot(sslots) + 1));
  CHECK(max_slot(dslots) + 1 == 71);
  CHECK(max_slot(sslots) + 1 == 12);
}

TEST_CASE("every device slot we declare holds the same function in each stock shim", "[abi]")
{
  // The PCIe shim, both emulation shims and the noop shim of libxrt1.
  auto shim = GENERATE(as<std::string>{}, "libxrt_noop.so.2", "libxrt_core.so.2", "libxrt_hwemu.so.2",
                       "libxrt_swemu.so.2");
  INFO("stock shim " << shim);
  abi_test::elf_image nb(lib_dir + "/" + shim);
  auto close = nb.find("_ZN8xrt_core4shimINS_11device_pcieEE12close_deviceEv");
  REQUIRE(close);
  auto refs = nb.references_to(close->value);
  REQUIRE(!refs.empty());   // close_device is slot 0 of each concrete vtable
  auto ours = xrt_core::abi_probe::device_slots();
  for (auto first : refs) {
    auto names = nb.slots(first, 71);
    for (auto& e : ours) {
      INFO("slot " << e.slot << " declared as " << e.name << " (" << e.params << " params), noop has " << names[e.slot]);
      if (names[e.slot] == "<unknown>")
        continue;   // an inline base function the binary does not name
      auto [name, params] = base_name(names[e.slot]);
      CHECK(name == e.name);
      CHECK(params == e.params);
    }
    // The two destructor slots sit between ishim's and device's own slots.
    INFO("destructor slots: " << names[57] << " / " << names[58]);
    CHECK(names[57].find("::~") != std::string::npos);
    CHECK(names[58].find("::~") != std::string::npos);
  }
}

TEST_CASE("coreutil's own device vtable agrees on the slots it defines", "[abi]")
{
  abi_test::elf_image cu(coreutil);
  auto dv = cu.find("_ZTVN8xrt_core6deviceE");
  REQUIRE(dv);
  auto names = cu.slots(dv->value + 16, 71);
  size_t named = 0;
  for (auto& e : xrt_core::abi_probe::device_slots()) {
    auto& n = names[e.slot];
    if (n == "<pure>" || n == "<unknown>")
      continue;
    ++named;
    INFO("slot " << e.slot << ": ours " << e.name << ", coreutil " << n);
    CHECK(base_name(n).first == e.name);
  }
  INFO("coreutil slot 57: " << names[57] << ", slot 58: " << names[58]);
  CHECK((names[57].find("~device") != std::string::npos || names[57] == "<unknown>"));
  CHECK(names[0] == "<pure>");   // close_device is pure in the base
  (void)named;
}

TEST_CASE("sizeof(xrt_core::device) matches what coreutil's constructor initialises", "[abi]")
{
  void* lib = ::dlopen(coreutil.c_str(), RTLD_NOW | RTLD_GLOBAL);
  REQUIRE(lib);
  using ctor_t = void (*)(void*, unsigned);
  using dtor_t = void (*)(void*);
  auto ctor = reinterpret_cast<ctor_t>(::dlsym(lib, "_ZN8xrt_core6deviceC2Ej"));
  auto dtor = reinterpret_cast<dtor_t>(::dlsym(lib, "_ZN8xrt_core6deviceD2Ev"));
  REQUIRE(ctor);
  REQUIRE(dtor);
  for (unsigned char fill : {0xA5, 0x5A}) {
    alignas(16) unsigned char buf[512];
    std::memset(buf, fill, sizeof buf);
    ctor(buf, 0x1234567u);
    size_t last = 0;
    for (size_t i = 0; i < sizeof buf; ++i)
      if (buf[i] != fill)
        last = i;
    size_t touched = (last + 1 + 7) & ~size_t(7);
    INFO("coreutil's constructor initialised " << touched << " bytes; we declare " << sizeof(xrt_core::device));
    CHECK(touched == sizeof(xrt_core::device));
    // A member coreutil wrote is where our inline accessor reads it.
    CHECK(reinterpret_cast<xrt_core::device*>(buf)->get_device_id() == 0x1234567u);
    dtor(buf);
  }
  CHECK(alignof(xrt_core::device) == 8);
}
