#include "device_emu.h"

#include "bo_export.h"
#include "host_store.h"
#include "errors.h"
#include "fault_injection.h"
#include "peer_status.h"
#include "status_publisher.h"

#include <ert.h>
#include <xclbin.h>

#include <cerrno>
#include <cstdio>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <thread>

namespace xrtemu::shim {

namespace {

// exec_wait reports every completion at once while at most this many
// commands are outstanding (see exec_wait for more).
constexpr uint64_t batch_floor = 32;

constexpr unsigned type_bits(unsigned flags) { return flags & ~unsigned(XRT_BO_FLAGS_MEMIDX_MASK); }

// Device addresses for host-only buffers: a window far above every bank,
// like the host-memory aperture a card sees through its PCIe bridge.
constexpr uint64_t host_window_base = 0x7000'0000'0000ULL;
std::atomic<uint64_t> host_window_next{host_window_base};

// Times one driver call for the host track of the profile; costs one
// pointer test when profiling is off.
class host_span
{
public:
  explicit host_span(const card_state& c) : m_p(c.profile()), m_t0(m_p ? m_p->now_ns() : 0) {}
  void done(host_event::kind k, uint64_t bytes, int bank, uint64_t handle, const emu::dma_window& w = {}) const
  {
    if (m_p)
      m_p->add(k, m_t0, bytes, bank, handle, w.start_ns, w.end_ns);
  }

private:
  host_profile* m_p;
  uint64_t m_t0;
};

} // namespace

device_emu::device_emu(hal* h, id_type id, card_state& card)
  : xrt_core::device(id), m_hal(h), m_card(card)
{}

device_emu::~device_emu()
{
  faults::forget(this);
  // Return device memory of buffers the host never freed.
  std::vector<xclBufferHandle> live;
  m_buffers.for_each([&](xclBufferHandle h, const buffer&) { live.push_back(h); });
  for (auto h : live) {
    try { free_bo(h); } catch (...) {}
  }
}

void device_emu::close_device()
{
  // Deleting the handle drops the last owner of this object; nothing of
  // `this` may be touched afterwards.
  delete m_hal;
}

void device_emu::open_context(const xuid_t uuid, unsigned int ip_index, bool shared)
{
  if (ip_index == static_cast<unsigned>(-1))
    return;   // virtual CU context
  if (!m_card.loaded())
    throw xrt_core::system_error(EINVAL, "cannot open a CU context: no xclbin is loaded");
  auto id = m_card.loaded_uuid();
  if (std::memcmp(uuid, id.data(), 16) != 0)
    throw xrt_core::system_error(EINVAL, "cannot open a CU context: xclbin " +
                                 xclbin::to_string(id) + " is loaded, not the one requested");
  m_card.open_context(cu_index_or_error(ip_index), !shared);
}

void device_emu::close_context(const xuid_t, unsigned int ip_index)
{
  if (ip_index != static_cast<unsigned>(-1))
    m_card.close_context(ip_index);
}

unsigned device_emu::cu_index_or_error(uint32_t ipidx) const
{
  auto n = m_card.card().num_cus();
  if (ipidx >= n)
    throw xrt_core::system_error(EINVAL, "CU index " + std::to_string(ipidx) +
                                 " does not exist (the loaded xclbin has " + std::to_string(n) + " CUs)");
  return ipidx;
}

xclBufferHandle device_emu::alloc_bo(size_t size, unsigned int flags)
{
  faults::on_alloc(get_device_id());
  host_span span(m_card);
  auto b = std::make_unique<buffer>();
  b->size = size;
  b->flags = flags;
  switch (type_bits(flags)) {
  case XCL_BO_FLAGS_EXECBUF:
    b->type = buffer::kind::exec;
    b->host = exec_store(size);
    b->owns_host = true;
    break;
  case XCL_BO_FLAGS_HOST_ONLY:
    // Lives in host memory; the card reaches it through a host window.
    b->type = buffer::kind::host_only;
    b->host = page_aligned(size);
    b->owns_host = true;
    place_in_host_window(*b);
    break;
  case XCL_BO_FLAGS_DEV_ONLY:
    b->type = buffer::kind::device_only;
    place_in_bank(*b);
    break;
  case XCL_BO_FLAGS_P2P:
    // P2P: the host maps the card's memory itself (through the PCIe BAR on
    // a card), so map() writes and reads the bank directly, without sync.
    b->type = buffer::kind::normal;
    place_in_bank(*b);
    b->host = m_card.card().direct_pointer(b->device, size);
    if (!b->host) {
      m_card.card().forget_buffer(b->device);
      m_card.release(static_cast<unsigned>(b->platform_bank), b->device);
      throw xrt_core::system_error(ENOMEM, "p2p buffer of " + std::to_string(size) + " bytes: bank memory not mappable");
    }
    break;
  default:
    b->type = buffer::kind::normal;
    place_in_bank(*b);
    try {
      b->host = page_aligned(size);
    }
    catch (...) {
      m_card.card().forget_buffer(b->device);
      m_card.release(static_cast<unsigned>(b->platform_bank), b->device);
      throw;
    }
    b->owns_host = true;
    break;
  }
  int bank = b->platform_bank;
  auto h = m_buffers.insert(std::move(b));
  span.done(host_event::alloc, size, bank, h);
  return h;
}

void device_emu::place_in_bank(buffer& b)
{
  auto bank = m_card.resolve_bank(b.flags & XRT_BO_FLAGS_MEMIDX_MASK);
  b.device = m_card.allocate(bank, b.size);
  b.platform_bank = static_cast<int>(bank.platform_bank);
  m_card.card().note_buffer(b.device, b.size);
}

void device_emu::place_in_host_window(buffer& b)
{
  auto span = (b.size + 4095) & ~uint64_t(4095);
  b.device = host_window_next.fetch_add(span ? span : 4096);
  b.host_window = true;
  m_card.card().map_host_window(b.device, b.host, b.size);
  m_card.card().note_buffer(b.device, b.size);
}

xclBufferHandle device_emu::alloc_bo(void* userptr, size_t size, unsigned int flags)
{
  faults::on_alloc(get_device_id());
  host_span span(m_card);
  auto b = std::make_unique<buffer>();
  b->type = buffer::kind::user_ptr;
  b->size = size;
  b->flags = flags;
  b->host = userptr;
  if (type_bits(flags) == XCL_BO_FLAGS_HOST_ONLY)
    place_in_host_window(*b);
  else
    place_in_bank(*b);
  int bank = b->platform_bank;
  auto h = m_buffers.insert(std::move(b));
  span.done(host_event::alloc, size, bank, h);
  return h;
}

void device_emu::free_bo(xclBufferHandle h)
{
  faults::abort_held(this, h);
  host_span span(m_card);
  auto b = m_buffers.remove(h);
  if (!b)
    return;
  if (b->host_window)
    m_card.card().unmap_host_window(b->device);
  if (b->host_window || b->platform_bank >= 0)
    m_card.card().forget_buffer(b->device);
  if (b->platform_bank >= 0)
    m_card.release(static_cast<unsigned>(b->platform_bank), b->device);
  if (b->owns_host && b->type == buffer::kind::exec)
    release_exec_store(b->host, b->size);
  else if (b->owns_host)
    free_store(b->host, b->size);
  span.done(host_event::release, b->size, b->platform_bank, h);
}

xclBufferExportHandle device_emu::export_bo(xclBufferHandle h) const
{
  auto& b = m_buffers.get(h);
  exported_memory m;
  m.size = b.size;
  m.flags = b.flags;
  m.device = get_device_id();
  if (b.host_window)
    m.memory = b.host;   // host memory (host_only, or itself imported)
  else if (b.platform_bank >= 0)
    m.memory = m_card.card().direct_pointer(b.device, b.size);
  if (!m.memory || b.type == buffer::kind::exec)
    throw xrt_core::system_error(EINVAL, "export of buffer " + std::to_string(h) + ": it has no memory to share");
  return register_export(m);
}

xclBufferHandle device_emu::import_bo(xclBufferExportHandle ehdl)
{
  auto m = find_export(ehdl);
  if (!m)
    throw xrt_core::system_error(EINVAL, "import of handle " + std::to_string(ehdl) +
                                 ": no buffer of this process was exported under it (or it was closed); "
                                 "xrtemu shares buffers between the devices of one process");
  host_span span(m_card);
  auto b = std::make_unique<buffer>();
  b->type = buffer::kind::user_ptr;
  b->size = m->size;
  // A host-only view of the exporter's memory (bo_export.h).
  b->flags = XCL_BO_FLAGS_HOST_ONLY;
  b->host = m->memory;
  b->imported = true;
  place_in_host_window(*b);
  auto h = m_buffers.insert(std::move(b));
  span.done(host_event::alloc, m->size, -1, h);
  return h;
}

void device_emu::close_export_handle(xclBufferExportHandle ehdl) { close_export(ehdl); }

void device_emu::copy_bo(xclBufferHandle dst, xclBufferHandle src, size_t size, size_t dst_offset,
                         size_t src_offset)
{
  auto& d = m_buffers.get(dst);
  auto& s = m_buffers.get(src);
  if (dst_offset + size > d.size || src_offset + size > s.size)
    throw xrt_core::system_error(EINVAL, "copy_bo: range past the end of a buffer");
  // Card-side copy (the M2M engine) when both have device memory.
  // Address 0 is a valid device address (the start of the first bank).
  host_span span(m_card);
  if (d.platform_bank >= 0 && s.platform_bank >= 0) {
    auto w = m_card.card().dma_copy(d.device + dst_offset, s.device + src_offset, size);
    span.done(host_event::copy, size, d.platform_bank, dst, w);
    return;
  }
  // One side in host memory only (a host_only buffer the card reaches over
  // the slave bridge): the copy engine reads or writes host memory.
  if (d.platform_bank >= 0 && s.host_window) {
    auto w = m_card.card().dma_write(d.device + dst_offset, static_cast<const char*>(s.host) + src_offset, size);
    span.done(host_event::copy, size, d.platform_bank, dst, w);
    return;
  }
  if (d.host_window && s.platform_bank >= 0) {
    auto w = m_card.card().dma_read(s.device + src_offset, static_cast<char*>(d.host) + dst_offset, size);
    span.done(host_event::copy, size, s.platform_bank, dst, w);
    return;
  }
  if (d.host && s.host) {
    std::memmove(static_cast<char*>(d.host) + dst_offset, static_cast<char*>(s.host) + src_offset, size);
    return;
  }
  throw xrt_core::system_error(EINVAL, "copy_bo: buffers have no common memory to copy through");
}

void device_emu::sync_bo(xclBufferHandle h, xclBOSyncDirection dir, size_t size, size_t offset)
{
  auto& b = m_buffers.get(h);
  if (offset + size > b.size)
    throw xrt_core::system_error(EINVAL, "sync of " + std::to_string(size) + " bytes at offset " +
                                 std::to_string(offset) + " runs past the end of a " +
                                 std::to_string(b.size) + "-byte buffer");
  if (b.host_window || b.type == buffer::kind::exec || type_bits(b.flags) == XCL_BO_FLAGS_P2P)
    return;   // one copy only (host memory, or the card's mapped by p2p): nothing to move
  if (!b.host || b.platform_bank < 0)
    return;   // device-only buffers have no host side to sync
  faults::on_sync(get_device_id(), m_card, b.platform_bank, dir == XCL_BO_SYNC_BO_TO_DEVICE, size);
  auto host = static_cast<char*>(b.host) + offset;
  host_span span(m_card);
  emu::dma_window w;
  if (dir == XCL_BO_SYNC_BO_TO_DEVICE)
    w = m_card.card().dma_write(b.device + offset, host, size);
  else if (dir == XCL_BO_SYNC_BO_FROM_DEVICE)
    w = m_card.card().dma_read(b.device + offset, host, size);
  else
    throw xrt_core::system_error(EINVAL, "sync_bo: unknown direction " + std::to_string(dir));
  bool to_device = dir == XCL_BO_SYNC_BO_TO_DEVICE;
  m_card.count_dma(b.platform_bank, to_device, size);
  span.done(to_device ? host_event::sync_to_device : host_event::sync_from_device, size, b.platform_bank, h, w);
}

void* device_emu::map_bo(xclBufferHandle h, bool)
{
  auto& b = m_buffers.get(h);
  if (!b.host)
    throw xrt_core::system_error(EINVAL, "cannot map a device-only buffer (handle " + std::to_string(h) + ")");
  return b.host;
}

void device_emu::unmap_bo(xclBufferHandle, void*) {}

void device_emu::get_bo_properties(xclBufferHandle h, xclBOProperties* props) const
{
  auto& b = m_buffers.get(h);
  props->handle = h;
  props->flags = b.flags;
  props->size = b.size;
  props->paddr = b.device;
}

void device_emu::reg_read(uint32_t ipidx, uint32_t offset, uint32_t* data) const
{
  *data = m_card.card().read_register(cu_index_or_error(ipidx), offset);
}

void device_emu::reg_write(uint32_t ipidx, uint32_t offset, uint32_t data)
{
  m_card.card().write_register(cu_index_or_error(ipidx), offset, data);
}

void device_emu::xread(xclAddressSpace, uint64_t offset, void* buf, size_t size) const
{
  host_span span(m_card);
  auto w = m_card.card().dma_read(offset, buf, size);
  auto bank = m_card.bank_at(offset);
  m_card.count_dma(bank, false, size);
  span.done(host_event::read, size, bank, 0, w);
}

void device_emu::xwrite(xclAddressSpace, uint64_t offset, const void* buf, size_t size)
{
  host_span span(m_card);
  auto w = m_card.card().dma_write(offset, buf, size);
  auto bank = m_card.bank_at(offset);
  m_card.count_dma(bank, true, size);
  span.done(host_event::write, size, bank, 0, w);
}

void device_emu::unmgd_pread(void* buf, size_t size, uint64_t offset)
{
  xread(XCL_ADDR_SPACE_DEVICE_RAM, offset, buf, size);
}

void device_emu::unmgd_pwrite(const void* buf, size_t size, uint64_t offset)
{
  xwrite(XCL_ADDR_SPACE_DEVICE_RAM, offset, buf, size);
}

void device_emu::exec_buf(xclBufferHandle h)
{
  auto& b = m_buffers.get(h);
  if (b.type != buffer::kind::exec)
    throw xrt_core::system_error(EINVAL, "exec_buf: buffer " + std::to_string(h) + " is not a command buffer");
  if (b.size < sizeof(uint32_t) || !b.host)
    throw xrt_core::system_error(EINVAL, "exec_buf: command buffer " + std::to_string(h) + " holds no packet header (" +
                                 std::to_string(b.size) + " bytes)");
  auto packet = static_cast<uint32_t*>(b.host);
  auto pkt = reinterpret_cast<ert_packet*>(packet);
  auto exec = m_exec;
  host_span(m_card).done(host_event::exec, 0, -1, pkt->opcode);
  // Packets the driver finishes itself, before exec_buf returns.
  exec->submitted.fetch_add(1);
  auto finish = [exec](uint32_t* p, uint32_t state) {
    reinterpret_cast<std::atomic<uint32_t>*>(p)->store((p[0] & ~0xfu) | state, std::memory_order_release);
    exec->count_one();
  };
  auto finish_here = [&](uint32_t state) { finish(packet, state); };
  // The driver's own packets have a fixed size: never read past the buffer.
  auto too_short = [&](size_t need, const char* what) {
    if (b.size >= need)
      return false;
    std::fprintf(stderr, "[xrtemu] %s packet in a %zu-byte command buffer (needs %zu bytes)\n", what, b.size, need);
    finish_here(ERT_CMD_STATE_ERROR);
    return true;
  };
  if (pkt->opcode == ERT_ABORT) {
    if (too_short(sizeof(ert_abort_cmd), "ERT_ABORT"))
      return;
    // xrt::run::abort(): the payload names the command's exec BO.  The
    // card finishes the target (ABORT) itself; this packet completes here.
    auto target = static_cast<xclBufferHandle>(reinterpret_cast<ert_abort_cmd*>(packet)->exec_bo_handle);
    if (auto t = m_buffers.find(target); t && t->type == buffer::kind::exec) {
      if (faults::abort_held(this, target))
        finish(static_cast<uint32_t*>(t->host), ERT_CMD_STATE_ABORT);   // a hang injected by faults::on_exec
      else
        m_card.card().abort(static_cast<uint32_t*>(t->host));
    }
    finish_here(ERT_CMD_STATE_COMPLETED);
    return;
  }
  faults::verdict verdict;
  try {
    verdict = faults::on_exec(get_device_id(), this, h, m_card, packet);
  }
  catch (...) {
    exec->submitted.fetch_sub(1);   // refused (the card is offline): never counted done
    throw;
  }
  switch (verdict) {
  case faults::verdict::hang:
    pkt->state = ERT_CMD_STATE_RUNNING;
    if (auto ms = m_card.card().options().cu_timeout_ms)
      faults::expire_held(this, h, ms, [finish, packet] { finish(packet, ERT_CMD_STATE_TIMEOUT); });
    return;
  case faults::verdict::error: finish_here(ERT_CMD_STATE_ERROR); return;
  case faults::verdict::run: break;
  }
  if (pkt->opcode == ERT_START_COPYBO) {
    // KDMA copy (xrt::bo::copy without M2M, OpenCL clEnqueueCopyBuffer):
    // the packet names BO handles and offsets, which the driver resolves;
    // the copy runs on the card's copy engine, as copy_bo does.
    if (too_short(sizeof(ert_start_copybo_cmd), "ERT_START_COPYBO"))
      return;
    auto c = reinterpret_cast<ert_start_copybo_cmd*>(packet);
    try {
      copy_bo(c->dst_bo_hdl, c->src_bo_hdl, ert_copybo_size(c), ert_copybo_dst_offset(c), ert_copybo_src_offset(c));
      finish_here(ERT_CMD_STATE_COMPLETED);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "[xrtemu] copy command failed: %s\n", e.what());
      finish_here(ERT_CMD_STATE_ERROR);
    }
    return;
  }
  pkt->state = ERT_CMD_STATE_QUEUED;
  auto counters = m_card.commands();
  counters->submitted.fetch_add(1, std::memory_order_relaxed);
  auto errors = m_card.errors();
  try {
    m_card.card().submit(packet, b.size, [exec, counters, errors](emu::cmd_state st) {
      counters->completed.fetch_add(1, std::memory_order_relaxed);
      // A CU that failed its run (a bus error on its memory accesses):
      // logged as a KDS CU error of the hardware class.
      if (st == emu::cmd_state::error)
        errors->record(XRT_ERROR_CODE_BUILD(XRT_ERROR_NUM_KDS_CU, XRT_ERROR_DRIVER_XOCL, XRT_ERROR_SEVERITY_ERROR,
                                            XRT_ERROR_MODULE_UNKNOWN, XRT_ERROR_CLASS_HARDWARE));
      exec->count_one();
    });
  }
  catch (...) {
    exec->submitted.fetch_sub(1);
    throw;
  }
}

void device_emu::completions::count_one()
{
  // Sequentially consistent with exec_wait's store of wake_at / sleepers
  // and its load of done: one of the two sides sees the other.
  uint64_t d = done.fetch_add(1) + 1;
  uint32_t n = sleepers.load();
  if (n == 0 || (n == 1 && d < wake_at.load()))
    return;   // nobody sleeps, or the lone sleeper waits for more
  { std::lock_guard<std::mutex> lk(mutex); }   // the sleeper is inside wait, or sees d
  cv.notify_all();
}

int device_emu::exec_wait(int timeout_ms) const
{
  auto& e = *m_exec;
  using clk = std::chrono::steady_clock;
  const auto deadline = clk::now() + std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms);
  // A short spin first: an emulated command often finishes within
  // microseconds, far below a thread wake-up.  Bounded in time too: on a
  // loaded host each yield may give the core away for a whole time slice,
  // and 2000 of them overran short timeouts (wait(1 ms) took 80 ms).
  const auto spin_end = std::min(deadline, clk::now() + std::chrono::microseconds(200));
  for (int i = 0; i < 2000 && clk::now() < spin_end; ++i) {
    if (e.done.load(std::memory_order_acquire) != e.reported.load())
      break;
    std::this_thread::yield();
  }
  std::unique_lock<std::mutex> lk(e.mutex);
  const uint64_t reported = e.reported.load();
  // Sleep until done reaches `want` or `until`; false on timeout.
  auto sleep_for = [&](uint64_t want, clk::time_point until) {
    // Count in first, then say what to wake for: a completion in between
    // sees a wake_at of 0 (wake) or of want, never a stale larger one.
    e.sleepers.fetch_add(1);
    e.wake_at.store(want);
    bool ok = e.cv.wait_until(lk, until, [&] { return e.done.load() >= want; });
    e.sleepers.fetch_sub(1);
    e.wake_at.store(0);   // another sleeper, if any, is woken by every completion
    return ok;
  };
  if (e.done.load() == reported && !sleep_for(reported + 1, deadline))
    return 0;
  // Stock XRT's command monitor (OpenCL, runs with callbacks) scans every
  // command it tracks each time exec_wait returns, reading each one's packet
  // (a cache miss apiece once thousands are outstanding), so a return per
  // completion costs O(n) each.  Then wait for a quarter of them to finish,
  // or at most about as long as such a scan takes, before reporting.
  const uint64_t outstanding = e.submitted.load() - reported;
  if (outstanding > batch_floor && e.done.load() - reported < outstanding / 4) {
    auto grace = std::min<clk::duration>(std::chrono::milliseconds(5), std::chrono::nanoseconds(100) * outstanding);
    sleep_for(reported + outstanding / 4, std::min(deadline, clk::now() + grace));
  }
  e.reported.store(e.done.load());
  return 1;
}

void device_emu::load_axlf(const axlf* top)
{
  if (!top)
    throw xrt_core::system_error(EINVAL, "load_axlf: null xclbin");
  if (std::memcmp(top->m_magic, "xclbin2", 7) != 0)
    throw xrt_core::system_error(EINVAL, "load_axlf: not an xclbin (bad magic)");
  faults::on_load(get_device_id());
  bool fresh = m_card.load(top, top->m_header.m_length);
  register_axlf(top);
  if (fresh)
    m_card.bind_cus(get_cus());
  status_publisher::refresh();
}

// xbutil reset: xocl's user reset (a hot reset of the user function)
// leaves the card without an xclbin.  Other reset kinds are management
// operations (xbmgmt), which a user function cannot do.
void device_emu::user_reset(xclResetKind kind)
{
  if (kind != XCL_USER_RESET)
    throw xrt_core::system_error(ENOTSUP, "reset kind " + std::to_string(static_cast<int>(kind)) +
                                 " needs the management function (xbmgmt), which the emulated card does not have");
  // A program in another process using this card (peer_status.h): a reset
  // would pull the card from under it, so it is refused as for our own.
  if (!m_card.loaded())
    if (auto p = find_peer(get_device_id(), m_card.platform().name))
      throw xrt_core::system_error(EBUSY, "cannot reset the card: process " + std::to_string(p->pid) + " (" +
                                   p->program + ") is using it");
  m_card.reset();
  status_publisher::refresh();
}

} // namespace xrtemu::shim
