// The xrt_core::device an emulated card presents to coreutil.  Every
// driver call (ishim) lands here and becomes buffer bookkeeping plus calls
// into the emulated card; nothing here knows SystemC.
#pragma once

#include "buffer_table.h"
#include "card_state.h"
#include "device.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace xrtemu::shim {

class device_emu;

// What xclDeviceHandle points at: one open of a card (xclOpen/xclClose).
// It owns the device object coreutil caches for the handle.
struct hal
{
  static constexpr uint32_t magic_value = 0x58454d55;  // "XEMU"
  uint32_t magic = magic_value;
  unsigned index;
  std::shared_ptr<device_emu> device;
  explicit hal(unsigned idx);
  ~hal();
};

// Checks a handle coming from user code.
hal* to_hal(xclDeviceHandle h);

class device_emu : public xrt_core::device
{
public:
  device_emu(hal* h, id_type id, card_state& card);
  ~device_emu() override;

  card_state& card() { return m_card; }
  buffer_table& buffers() { return m_buffers; }

  // xrt_core::device
  handle_type get_device_handle() const override { return m_hal; }
  bool is_userpf() const override { return true; }

  // ishim: lifetime and contexts
  void close_device() override;
  void open_context(const xuid_t uuid, unsigned int ip_index, bool shared) override;
  void close_context(const xuid_t uuid, unsigned int ip_index) override;

  // ishim: buffers
  xclBufferHandle alloc_bo(size_t size, unsigned int flags) override;
  xclBufferHandle alloc_bo(void* userptr, size_t size, unsigned int flags) override;
  void free_bo(xclBufferHandle bo) override;
  xclBufferExportHandle export_bo(xclBufferHandle bo) const override;
  xclBufferHandle import_bo(xclBufferExportHandle ehdl) override;
  void close_export_handle(xclBufferExportHandle ehdl) override;
  void copy_bo(xclBufferHandle dst, xclBufferHandle src, size_t size, size_t dst_offset,
               size_t src_offset) override;
  void sync_bo(xclBufferHandle bo, xclBOSyncDirection dir, size_t size, size_t offset) override;
  void* map_bo(xclBufferHandle bo, bool write) override;
  void unmap_bo(xclBufferHandle bo, void* addr) override;
  void get_bo_properties(xclBufferHandle bo, xclBOProperties* props) const override;

  // ishim: registers and raw access
  void reg_read(uint32_t ipidx, uint32_t offset, uint32_t* data) const override;
  void reg_write(uint32_t ipidx, uint32_t offset, uint32_t data) override;
  void xread(xclAddressSpace space, uint64_t offset, void* buf, size_t size) const override;
  void xwrite(xclAddressSpace space, uint64_t offset, const void* buf, size_t size) override;
  void unmgd_pread(void* buf, size_t size, uint64_t offset) override;
  void unmgd_pwrite(const void* buf, size_t size, uint64_t offset) override;

  // ishim: execution
  void exec_buf(xclBufferHandle cmd_bo) override;
  int exec_wait(int timeout_ms) const override;
  void load_axlf(const axlf* top) override;

  // ishim: board management (not modelled)
  void reclock(const uint16_t*) override;
  void p2p_enable(bool) override;
  void p2p_disable(bool) override;
  void set_cma(bool, uint64_t) override;
  void update_scheduler_status() override {}
  void user_reset(xclResetKind) override;

  // ishim: AIE (no AI Engines on the emulated cards)
  xrt_core::graph_handle open_graph(const xuid_t, const char*, xrt::graph::access_mode) override;
  void close_graph(xrt_core::graph_handle) override;
  void reset_graph(xrt_core::graph_handle) override;
  uint64_t get_timestamp(xrt_core::graph_handle) override;
  void run_graph(xrt_core::graph_handle, int) override;
  int wait_graph_done(xrt_core::graph_handle, int) override;
  void wait_graph(xrt_core::graph_handle, uint64_t) override;
  void suspend_graph(xrt_core::graph_handle) override;
  void resume_graph(xrt_core::graph_handle) override;
  void end_graph(xrt_core::graph_handle, uint64_t) override;
  void update_graph_rtp(xrt_core::graph_handle, const char*, const char*, size_t) override;
  void read_graph_rtp(xrt_core::graph_handle, const char*, char*, size_t) override;
  void open_aie_context(xrt::aie::access_mode) override;
  void sync_aie_bo(xrt::bo&, const char*, xclBOSyncDirection, size_t, size_t) override;
  void reset_aie() override;
  void sync_aie_bo_nb(xrt::bo&, const char*, xclBOSyncDirection, size_t, size_t) override;
  void wait_gmio(const char*) override;
  int start_profiling(int, const char*, const char*, uint32_t) override;
  uint64_t read_profiling(int) override;
  void stop_profiling(int) override;
  void load_axlf_meta(const axlf*) override;

private:
  const xrt_core::query::request& lookup_query(xrt_core::query::key_type key) const override;

  unsigned cu_index_or_error(uint32_t ipidx) const;
  // Give a buffer (size and flags set) its device range: in the bank its
  // memory index names, or in the host window for host-only buffers.
  void place_in_bank(buffer& b);
  void place_in_host_window(buffer& b);

  hal* m_hal;
  card_state& m_card;
  buffer_table m_buffers;

  // Completions the card reports on its thread; shared so that a command
  // finishing after close_device() touches nothing freed.  exec_wait
  // returns once `done` moved past `reported` (docs/architecture.md, "The
  // launch path", says when it waits for more).
  struct completions
  {
    std::mutex mutex;
    std::condition_variable cv;
    std::atomic<uint64_t> submitted{0};
    std::atomic<uint64_t> done{0};
    std::atomic<uint64_t> reported{0};
    // The count of `done` a lone sleeping exec_wait wants before it is
    // woken; a completion below it only counts (several sleepers: each
    // completion wakes them).
    std::atomic<uint64_t> wake_at{0};
    std::atomic<uint32_t> sleepers{0};
    void count_one();   // a command finished (any thread)
  };
  std::shared_ptr<completions> m_exec = std::make_shared<completions>();
};

} // namespace xrtemu::shim
