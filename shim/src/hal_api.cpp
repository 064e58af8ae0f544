// The legacy C HAL (xrt.h: xclOpen, xclAllocBO, xclExecBuf, ...): host
// programs that link -lxrt_core call these directly.  Each entry point
// forwards to the same device object coreutil uses and turns exceptions
// into the error codes the HAL documents.
#include "device_emu.h"

#include "errors.h"

#include <experimental/xrt-next.h>
#include <xrt.h>

#include <cerrno>
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

// Runs f, mapping failures to -errno as the HAL does.
template <typename F>
int guarded(const char* fn, F f)
{
  try {
    f();
    return 0;
  }
  catch (const std::system_error& e) {
    report(fn, e);
    return -std::abs(e.code().value());
  }
  catch (const std::exception& e) {
    report(fn, e);
    return -EINVAL;
  }
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
    return nullptr;
  }
}

void xclClose(xclDeviceHandle handle)
{
  try { delete to_hal(handle); }
  catch (const std::exception& e) { report("xclClose", e); }
}

unsigned int xclVersion() { return 2; }

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
