// The legacy C HAL (xrt.h: xclOpen, xclAllocBO, xclExecBuf, ...): host
// programs that link -lxrt_core call these directly, and so does Xilinx's
// OpenCL runtime (libxrt++ looks up xclProbe, xclVersion, xclGetDeviceInfo2,
// xclOpenContext, xclAllocBO/xclMapBO for its command buffers, xclExecBuf,
// xclExecWait, xclRead/xclWrite with dlsym on this library).  Each entry
// point forwards to the same device object coreutil uses and turns
// exceptions into the error codes the HAL documents, with errno set as the
// driver's failed ioctl would leave it (callers print strerror(errno)).
#include "device_emu.h"

#include "errors.h"

#include "xrtemu/xclbin/axlf.h"

#include <xrt.h>
#include <deprecated/xrt.h>
#include <experimental/xrt-next.h>
#include <xclbin.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>

using xrtemu::shim::device_emu;
using xrtemu::shim::hal;
using xrtemu::shim::to_hal;

namespace xrtemu::shim {
size_t num_cards();
}

namespace {

device_emu& dev(xclDeviceHandle h) { return *to_hal(h)->device; }

void report(const char* fn, const std::exception& e)
{
  std::fprintf(stderr, "[xrtemu] %s: %s\n", fn, e.what());
}

// Runs f, mapping failures to -errno as the HAL does (and setting errno).
template <typename F>
int guarded(const char* fn, F f)
{
  int code = EINVAL;
  try {
    f();
    return 0;
  }
  catch (const std::system_error& e) {
    report(fn, e);
    code = std::abs(e.code().value());
  }
  catch (const std::exception& e) {
    report(fn, e);
  }
  errno = code;
  return -code;
}

// One section of the loaded xclbin, as the driver keeps it.
std::vector<uint8_t> loaded_section(device_emu& d, axlf_section_kind kind)
{
  auto& img = d.card().image();
  if (img.empty())
    throw xrt_core::system_error(EINVAL, "no xclbin is loaded");
  auto sec = xrtemu::xclbin::section(img.data(), img.size(), kind);
  if (sec.empty())
    throw xrt_core::system_error(ENOENT, "the loaded xclbin has no section of kind " + std::to_string(kind));
  return sec;
}

// The CU whose control block holds a kernel-control-space address, and the
// register offset within it.  CUs are the driver's (coreutil's order).
std::pair<uint32_t, uint32_t> cu_register(device_emu& d, uint64_t address)
{
  auto& cus = d.get_cus();
  int best = -1;
  for (size_t i = 0; i < cus.size(); ++i)
    if (cus[i] <= address && (best < 0 || cus[i] > cus[best]))
      best = static_cast<int>(i);
  if (best < 0) {
    char hex[32];
    std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(address));
    throw xrt_core::system_error(EINVAL, std::string("no CU control block at address ") + hex);
  }
  return {static_cast<uint32_t>(best), static_cast<uint32_t>(address - cus[best])};
}

} // namespace

extern "C" {

unsigned int xclProbe()
{
  try { return static_cast<unsigned>(xrtemu::shim::num_cards()); }
  catch (const std::exception& e) { report("xclProbe", e); return 0; }
}

xclDeviceHandle xclOpen(unsigned int index, const char*, enum xclVerbosityLevel)
{
  try {
    if (index >= xrtemu::shim::num_cards())
      throw std::runtime_error("no emulated device with index " + std::to_string(index));
    return new hal(index);
  }
  catch (const std::exception& e) {
    report("xclOpen", e);
    errno = ENODEV;
    return nullptr;
  }
}

void xclClose(xclDeviceHandle handle)
{
  try { delete to_hal(handle); }
  catch (const std::exception& e) { report("xclClose", e); }
}

unsigned int xclVersion() { return 2; }

// Exclusive device locks are gone from XRT 2.x drivers; old hosts still call these.
int xclLockDevice(xclDeviceHandle handle)
{
  return guarded("xclLockDevice", [&] { to_hal(handle); });
}

int xclUnlockDevice(xclDeviceHandle handle)
{
  return guarded("xclUnlockDevice", [&] { to_hal(handle); });
}

int xclResetDevice(xclDeviceHandle handle, enum xclResetKind kind)
{
  return guarded("xclResetDevice", [&] { dev(handle).user_reset(kind); });
}

// Messages from the host through XRT's logger: errors and warnings are shown
// (XRT's default verbosity), the rest dropped.
int xclLogMsg(xclDeviceHandle, enum xrtLogMsgLevel level, const char* tag, const char* format, ...)
{
  if (level > XRT_WARNING || !format)
    return 0;
  char msg[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(msg, sizeof msg, format, args);
  va_end(args);
  std::fprintf(stderr, "[%s] %s\n", tag ? tag : "XRT", msg);
  return 0;
}

int xclGetDeviceInfo2(xclDeviceHandle handle, struct xclDeviceInfo2* info)
{
  return guarded("xclGetDeviceInfo2", [&] {
    auto& d = dev(handle);
    std::memset(info, 0, sizeof *info);
    info->mMagic = 0x586c0c6c;
    info->mHALMajorVersion = 2;   // HAL 2.x, as xclVersion() says
    info->mHALMinorVersion = 1;
    info->mVendorId = 0x10ee;
    info->mDeviceId = 0x5005;
    info->mDataAlignment = 4096;
    info->mDMAThreads = 2;
    auto& p = d.card().platform();
    std::snprintf(info->mName, sizeof info->mName, "%s", p.vbnv.c_str());
    uint64_t total = 0;
    for (auto& b : p.banks)
      total += b.size;
    info->mDDRSize = total;
    info->mDDRBankCount = static_cast<unsigned short>(p.banks.size());
    info->mNumClocks = static_cast<unsigned short>(std::min<size_t>(p.clocks_mhz.size(), 4));
    size_t i = 0;
    for (auto& [name, mhz] : p.clocks_mhz)
      if (i < 4)
        info->mOCLFrequency[i++] = static_cast<unsigned short>(mhz);
  });
}

int xclLoadXclBin(xclDeviceHandle handle, const struct axlf* buffer)
{
  return guarded("xclLoadXclBin", [&] { dev(handle).load_axlf(buffer); });
}

// Sections of the loaded xclbin, one entry at a time (the driver's sysfs view).
int xclGetSectionInfo(xclDeviceHandle handle, void* info, size_t* size, enum axlf_section_kind kind, int index)
{
  return guarded("xclGetSectionInfo", [&] {
    if (!info || !size)
      throw xrt_core::system_error(EINVAL, "null info or size");
    auto sec = loaded_section(dev(handle), kind);
    size_t entry = 0, first = 0;
    switch (kind) {
    case MEM_TOPOLOGY: entry = sizeof(mem_data); first = offsetof(mem_topology, m_mem_data); break;
    case CONNECTIVITY: entry = sizeof(connection); first = offsetof(connectivity, m_connection); break;
    case IP_LAYOUT: entry = sizeof(ip_data); first = offsetof(ip_layout, m_ip_data); break;
    default:
      throw xrt_core::system_error(EINVAL, "section kind " + std::to_string(kind) +
                                   " is not one of MEM_TOPOLOGY, CONNECTIVITY, IP_LAYOUT");
    }
    int32_t count = 0;
    std::memcpy(&count, sec.data(), sizeof count);
    if (index < 0 || index >= count || first + (index + 1) * entry > sec.size())
      throw xrt_core::system_error(EINVAL, "entry " + std::to_string(index) + " of " +
                                   std::to_string(count) + " does not exist");
    std::memcpy(info, sec.data() + first + index * entry, entry);
    *size = entry;
  });
}

// CU index of "kernel:instance", the number xclOpenContext and CU masks use.
int xclIPName2Index(xclDeviceHandle handle, const char* name)
{
  int index = -ENOENT;
  int rc = guarded("xclIPName2Index", [&] {
    auto& d = dev(handle);
    auto sec = loaded_section(d, IP_LAYOUT);
    auto layout = reinterpret_cast<const ip_layout*>(sec.data());
    auto& cus = d.get_cus();
    for (int32_t i = 0; i < layout->m_count; ++i) {
      auto& ip = layout->m_ip_data[i];
      if (ip.m_type != IP_KERNEL || !name ||
          std::strncmp(reinterpret_cast<const char*>(ip.m_name), name, sizeof ip.m_name) != 0)
        continue;
      auto it = std::find(cus.begin(), cus.end(), ip.m_base_address);
      if (it != cus.end())
        index = static_cast<int>(it - cus.begin());
      return;
    }
    throw xrt_core::system_error(ENOENT, std::string("no CU named '") + (name ? name : "(null)") +
                                 "' in the loaded xclbin");
  });
  return rc ? rc : index;
}

int xclOpenContext(xclDeviceHandle handle, const xuid_t id, unsigned int ip, bool shared)
{
  return guarded("xclOpenContext", [&] { dev(handle).open_context(id, ip, shared); });
}

int xclCloseContext(xclDeviceHandle handle, const xuid_t id, unsigned int ip)
{
  return guarded("xclCloseContext", [&] { dev(handle).close_context(id, ip); });
}

xclBufferHandle xclAllocBO(xclDeviceHandle handle, size_t size, int, unsigned int flags)
{
  xclBufferHandle bo = XRT_NULL_BO;
  guarded("xclAllocBO", [&] { bo = dev(handle).alloc_bo(size, flags); });
  return bo;
}

xclBufferHandle xclAllocUserPtrBO(xclDeviceHandle handle, void* userptr, size_t size, unsigned int flags)
{
  xclBufferHandle bo = XRT_NULL_BO;
  guarded("xclAllocUserPtrBO", [&] { bo = dev(handle).alloc_bo(userptr, size, flags); });
  return bo;
}

void xclFreeBO(xclDeviceHandle handle, xclBufferHandle bo)
{
  guarded("xclFreeBO", [&] { dev(handle).free_bo(bo); });
}

size_t xclWriteBO(xclDeviceHandle handle, xclBufferHandle bo, const void* src, size_t size, size_t seek)
{
  return static_cast<size_t>(guarded("xclWriteBO", [&] {
    auto p = static_cast<char*>(dev(handle).map_bo(bo, true));
    auto& b = dev(handle).buffers().get(bo);
    if (seek + size > b.size)
      throw xrt_core::system_error(EINVAL, "xclWriteBO: write past the end of the buffer");
    std::memcpy(p + seek, src, size);
  }));
}

size_t xclReadBO(xclDeviceHandle handle, xclBufferHandle bo, void* dst, size_t size, size_t skip)
{
  return static_cast<size_t>(guarded("xclReadBO", [&] {
    auto p = static_cast<char*>(dev(handle).map_bo(bo, false));
    auto& b = dev(handle).buffers().get(bo);
    if (skip + size > b.size)
      throw xrt_core::system_error(EINVAL, "xclReadBO: read past the end of the buffer");
    std::memcpy(dst, p + skip, size);
  }));
}

void* xclMapBO(xclDeviceHandle handle, xclBufferHandle bo, bool write)
{
  void* p = nullptr;
  guarded("xclMapBO", [&] { p = dev(handle).map_bo(bo, write); });
  return p;
}

int xclUnmapBO(xclDeviceHandle handle, xclBufferHandle bo, void* addr)
{
  return guarded("xclUnmapBO", [&] { dev(handle).unmap_bo(bo, addr); });
}

int xclSyncBO(xclDeviceHandle handle, xclBufferHandle bo, enum xclBOSyncDirection dir, size_t size, size_t offset)
{
  return guarded("xclSyncBO", [&] { dev(handle).sync_bo(bo, dir, size, offset); });
}

int xclCopyBO(xclDeviceHandle handle, xclBufferHandle dst, xclBufferHandle src, size_t size,
              size_t dst_offset, size_t src_offset)
{
  return guarded("xclCopyBO", [&] { dev(handle).copy_bo(dst, src, size, dst_offset, src_offset); });
}

int xclGetBOProperties(xclDeviceHandle handle, xclBufferHandle bo, struct xclBOProperties* props)
{
  return guarded("xclGetBOProperties", [&] { dev(handle).get_bo_properties(bo, props); });
}

int xclExportBO(xclDeviceHandle handle, xclBufferHandle bo)
{
  xclBufferExportHandle fd = XRT_NULL_BO_EXPORT;
  int rc = guarded("xclExportBO", [&] { fd = dev(handle).export_bo(bo); });
  return rc ? rc : fd;
}

xclBufferHandle xclImportBO(xclDeviceHandle handle, int fd, unsigned int)
{
  xclBufferHandle bo = XRT_NULL_BO;
  guarded("xclImportBO", [&] { bo = dev(handle).import_bo(fd); });
  return bo;
}

int xclExecBuf(xclDeviceHandle handle, xclBufferHandle cmd)
{
  return guarded("xclExecBuf", [&] { dev(handle).exec_buf(cmd); });
}

int xclExecWait(xclDeviceHandle handle, int timeout_ms)
{
  int r = 0;
  if (guarded("xclExecWait", [&] { r = dev(handle).exec_wait(timeout_ms); }))
    return -1;
  return r;
}

int xclRegRead(xclDeviceHandle handle, uint32_t ipidx, uint32_t offset, uint32_t* data)
{
  return guarded("xclRegRead", [&] { dev(handle).reg_read(ipidx, offset, data); });
}

int xclRegWrite(xclDeviceHandle handle, uint32_t ipidx, uint32_t offset, uint32_t data)
{
  return guarded("xclRegWrite", [&] { dev(handle).reg_write(ipidx, offset, data); });
}

// Address-space access: the kernel control space by absolute CU address (how
// pre-ERT hosts and OpenCL's CL_MEM_REGISTER_MAP reach CU registers) and
// device memory.  Returns the size moved, or -errno.
size_t xclWrite(xclDeviceHandle handle, enum xclAddressSpace space, uint64_t offset, const void* buf, size_t size)
{
  int rc = guarded("xclWrite", [&] {
    auto& d = dev(handle);
    if (space == XCL_ADDR_SPACE_DEVICE_RAM) {
      d.xwrite(space, offset, buf, size);
      return;
    }
    if (space != XCL_ADDR_KERNEL_CTRL || size % 4)
      throw xrt_core::system_error(EPERM, "only device memory and whole kernel registers are accessible");
    auto [cu, reg] = cu_register(d, offset);
    auto words = static_cast<const uint32_t*>(buf);
    for (size_t i = 0; i < size / 4; ++i)
      d.reg_write(cu, reg + 4 * static_cast<uint32_t>(i), words[i]);
  });
  return rc ? static_cast<size_t>(rc) : size;
}

size_t xclRead(xclDeviceHandle handle, enum xclAddressSpace space, uint64_t offset, void* buf, size_t size)
{
  int rc = guarded("xclRead", [&] {
    auto& d = dev(handle);
    if (space == XCL_ADDR_SPACE_DEVICE_RAM) {
      d.xread(space, offset, buf, size);
      return;
    }
    if (space != XCL_ADDR_KERNEL_CTRL || size % 4)
      throw xrt_core::system_error(EPERM, "only device memory and whole kernel registers are accessible");
    auto [cu, reg] = cu_register(d, offset);
    auto words = static_cast<uint32_t*>(buf);
    for (size_t i = 0; i < size / 4; ++i)
      d.reg_read(cu, reg + 4 * static_cast<uint32_t>(i), &words[i]);
  });
  return rc ? static_cast<size_t>(rc) : size;
}

ssize_t xclUnmgdPread(xclDeviceHandle handle, unsigned int, void* buf, size_t size, uint64_t offset)
{
  int r = guarded("xclUnmgdPread", [&] { dev(handle).unmgd_pread(buf, size, offset); });
  return r ? r : static_cast<ssize_t>(size);
}

ssize_t xclUnmgdPwrite(xclDeviceHandle handle, unsigned int, const void* buf, size_t size, uint64_t offset)
{
  int r = guarded("xclUnmgdPwrite", [&] { dev(handle).unmgd_pwrite(buf, size, offset); });
  return r ? r : static_cast<ssize_t>(size);
}

} // extern "C"
