// xrt_core::ishim: the driver-call interface coreutil invokes on a device.
//
// Declared here from the facts of XRT 202210.2.13.466 (core/common/ishim.h):
// a polymorphic struct with no data, whose virtual functions occupy the
// first 57 slots of xrt_core::device's vtable in exactly this order.  The
// Debian build defines XRT_ENABLE_AIE, so the graph/AIE group is present.
// Order matters, names do not: tests/abi/ compares every slot with the
// installed libxrt_noop.so.2 and libxrt_coreutil.so.2.
#pragma once

#include "errors.h"
#include "public_types.h"

#include <condition_variable>
#include <cstdint>
#include <system_error>

namespace xrt_core {

struct ishim
{
  // Slots 0-2: device lifetime and CU contexts.
  virtual void close_device() = 0;
  virtual void open_context(const xuid_t xclbin_uuid, unsigned int ip_index, bool shared) = 0;
  virtual void close_context(const xuid_t xclbin_uuid, unsigned int ip_index) = 0;

  // Slots 3-9: buffer objects.
  virtual xclBufferHandle alloc_bo(size_t size, unsigned int flags) = 0;
  virtual xclBufferHandle alloc_bo(void* userptr, size_t size, unsigned int flags) = 0;
  virtual void free_bo(xclBufferHandle bo) = 0;
  virtual xclBufferExportHandle export_bo(xclBufferHandle bo) const = 0;
  virtual xclBufferHandle import_bo(xclBufferExportHandle ehdl) = 0;
  virtual void close_export_handle(xclBufferExportHandle ehdl) = 0;
  virtual xclBufferHandle import_bo(pid_t, xclBufferExportHandle) { unsupported("import_bo(pid)"); }

  // Slots 10-14: moving and mapping buffer contents.
  virtual void copy_bo(xclBufferHandle dst, xclBufferHandle src, size_t size,
                       size_t dst_offset, size_t src_offset) = 0;
  virtual void sync_bo(xclBufferHandle bo, xclBOSyncDirection dir, size_t size, size_t offset) = 0;
  virtual void* map_bo(xclBufferHandle bo, bool write) = 0;
  virtual void unmap_bo(xclBufferHandle bo, void* addr) = 0;
  virtual void get_bo_properties(xclBufferHandle bo, xclBOProperties* props) const = 0;

  // Slots 15-20: register and raw address-space access.
  virtual void reg_read(uint32_t ipidx, uint32_t offset, uint32_t* data) const = 0;
  virtual void reg_write(uint32_t ipidx, uint32_t offset, uint32_t data) = 0;
  virtual void xread(xclAddressSpace space, uint64_t offset, void* buf, size_t size) const = 0;
  virtual void xwrite(xclAddressSpace space, uint64_t offset, const void* buf, size_t size) = 0;
  virtual void unmgd_pread(void* buf, size_t size, uint64_t offset) = 0;
  virtual void unmgd_pwrite(const void* buf, size_t size, uint64_t offset) = 0;

  // Slots 21-23: command execution and xclbin download.
  virtual void exec_buf(xclBufferHandle cmd_bo) = 0;
  virtual int exec_wait(int timeout_ms) const = 0;
  virtual void load_axlf(const axlf* top) = 0;

  // Slots 24-29: board management.
  virtual void reclock(const uint16_t* target_freq_mhz) = 0;
  virtual void p2p_enable(bool force) = 0;
  virtual void p2p_disable(bool force) = 0;
  virtual void set_cma(bool enable, uint64_t size) = 0;
  virtual void update_scheduler_status() = 0;
  virtual void user_reset(xclResetKind kind) = 0;

  // Slots 30-35: user-managed IP interrupts (base versions throw).
  virtual xclInterruptNotifyHandle open_ip_interrupt_notify(unsigned int) { unsupported("open_ip_interrupt_notify"); }
  virtual void close_ip_interrupt_notify(xclInterruptNotifyHandle) { unsupported("close_ip_interrupt_notify"); }
  virtual void enable_ip_interrupt(xclInterruptNotifyHandle) { unsupported("enable_ip_interrupt"); }
  virtual void disable_ip_interrupt(xclInterruptNotifyHandle) { unsupported("disable_ip_interrupt"); }
  virtual void wait_ip_interrupt(xclInterruptNotifyHandle) { unsupported("wait_ip_interrupt"); }
  virtual std::cv_status wait_ip_interrupt(xclInterruptNotifyHandle, int32_t) { unsupported("wait_ip_interrupt"); }

  // Slots 36-56: AI Engine graphs (present because Debian enables AIE).
  virtual graph_handle open_graph(const xuid_t uuid, const char* name, xrt::graph::access_mode am) = 0;
  virtual void close_graph(graph_handle g) = 0;
  virtual void reset_graph(graph_handle g) = 0;
  virtual uint64_t get_timestamp(graph_handle g) = 0;
  virtual void run_graph(graph_handle g, int iterations) = 0;
  virtual int wait_graph_done(graph_handle g, int timeout) = 0;
  virtual void wait_graph(graph_handle g, uint64_t cycle) = 0;
  virtual void suspend_graph(graph_handle g) = 0;
  virtual void resume_graph(graph_handle g) = 0;
  virtual void end_graph(graph_handle g, uint64_t cycle) = 0;
  virtual void update_graph_rtp(graph_handle g, const char* port, const char* buf, size_t size) = 0;
  virtual void read_graph_rtp(graph_handle g, const char* port, char* buf, size_t size) = 0;
  virtual void open_aie_context(xrt::aie::access_mode am) = 0;
  virtual void sync_aie_bo(xrt::bo& bo, const char* gmio, xclBOSyncDirection dir,
                           size_t size, size_t offset) = 0;
  virtual void reset_aie() = 0;
  virtual void sync_aie_bo_nb(xrt::bo& bo, const char* gmio, xclBOSyncDirection dir,
                              size_t size, size_t offset) = 0;
  virtual void wait_gmio(const char* gmio) = 0;
  virtual int start_profiling(int option, const char* port1, const char* port2, uint32_t value) = 0;
  virtual uint64_t read_profiling(int handle) = 0;
  virtual void stop_profiling(int handle) = 0;
  virtual void load_axlf_meta(const axlf* top) = 0;

protected:
  [[noreturn]] static void unsupported(const char* what)
  { throw error(ENOTSUP, std::string(what) + " is not supported"); }
};

} // namespace xrt_core
