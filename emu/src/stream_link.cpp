#include "stream_link.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>

namespace xrtemu::emu {

namespace {

uint32_t mask_bytes(uint32_t data_bytes) { return (data_bytes + 7) / 8; }

// Copy n bytes from src (m available) into dst, zero-extending.
void fill(uint8_t* dst, uint32_t n, const uint8_t* src, size_t m)
{
  if (!dst)
    return;
  size_t k = std::min<size_t>(n, src ? m : 0);
  if (k)
    std::memcpy(dst, src, k);
  if (n > k)
    std::memset(dst + k, 0, n - k);
}


} // namespace

stream_link::stream_link(std::string name, uint32_t depth, activity* act)
  : m_name(std::move(name)), m_depth(std::max<uint32_t>(depth, 1)), m_act(act), m_ring(m_depth)
{
  auto self = static_cast<void*>(this);
  auto rd = [](void* c, xrtemu_beat* b, int blk) { return static_cast<stream_link*>(c)->read(*b, blk != 0); };
  auto wr = [](void* c, const xrtemu_beat* b, int blk) { return static_cast<stream_link*>(c)->write(*b, blk != 0); };
  auto sz = [](void* c) { return static_cast<stream_link*>(c)->size(); };
  auto dp = [](void* c) { return static_cast<stream_link*>(c)->depth(); };
  m_producer = {self, m_name.c_str(), [](void*, xrtemu_beat*, int) { return int(XRTEMU_STREAM_CANCELLED); }, wr, sz, dp};
  m_consumer = {self, m_name.c_str(), rd, [](void*, const xrtemu_beat*, int) { return int(XRTEMU_STREAM_CANCELLED); }, sz, dp};
}

uint32_t stream_link::size() const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  return m_count;
}

int stream_link::write(const xrtemu_beat& b, bool blocking)
{
  std::unique_lock<std::mutex> lk(m_mutex);
  if (m_count == m_depth) {
    if (!blocking)
      return XRTEMU_STREAM_WOULD_BLOCK;
    m_write_stalls.fetch_add(1, std::memory_order_relaxed);
    parked_scope p(m_act);
    ++m_writers_waiting;
    uint64_t e = m_epoch.load();
    m_cv.wait(lk, [&] { return m_epoch.load() != e || m_count < m_depth; });
    --m_writers_waiting;
    if (m_epoch.load() != e)
      return XRTEMU_STREAM_CANCELLED;
  }
  auto& s = m_ring[(m_head + m_count) % m_depth];
  s.data.assign(b.data, b.data + b.data_bytes);
  uint32_t mb = mask_bytes(b.data_bytes);
  if (b.keep)
    s.keep.assign(b.keep, b.keep + mb);
  else
    s.keep.assign(mb, 0xff);
  if (b.strb)
    s.strb.assign(b.strb, b.strb + mb);
  else
    s.strb.assign(mb, 0xff);
  s.user = b.user;
  s.id = b.id;
  s.dest = b.dest;
  s.last = b.last;
  ++m_count;
  m_beats.fetch_add(1, std::memory_order_relaxed);
  if (m_act)
    m_act->moved();
  lk.unlock();
  m_cv.notify_all();
  return XRTEMU_STREAM_OK;
}

int stream_link::read(xrtemu_beat& b, bool blocking)
{
  std::unique_lock<std::mutex> lk(m_mutex);
  if (m_count == 0) {
    if (!blocking)
      return XRTEMU_STREAM_WOULD_BLOCK;
    m_read_stalls.fetch_add(1, std::memory_order_relaxed);
    parked_scope p(m_act);
    ++m_readers_waiting;
    uint64_t e = m_epoch.load();
    m_cv.wait(lk, [&] { return m_epoch.load() != e || m_count > 0; });
    --m_readers_waiting;
    if (m_epoch.load() != e)
      return XRTEMU_STREAM_CANCELLED;
  }
  auto& s = m_ring[m_head];
  // The reader's width rules: zero-extend a narrower beat, cut a wider one.
  fill(b.data, b.data_bytes, s.data.data(), s.data.size());
  uint32_t mb = mask_bytes(b.data_bytes);
  fill(b.keep, mb, s.keep.data(), s.keep.size());
  fill(b.strb, mb, s.strb.data(), s.strb.size());
  b.user = s.user;
  b.id = s.id;
  b.dest = s.dest;
  b.last = s.last;
  m_head = (m_head + 1) % m_depth;
  --m_count;
  if (m_act)
    m_act->moved();
  lk.unlock();
  m_cv.notify_all();
  return XRTEMU_STREAM_OK;
}

void stream_link::cancel()
{
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    m_epoch.fetch_add(1);
    m_count = 0;
    m_head = 0;
  }
  m_cv.notify_all();
}

link_end::link_end(stream_link* l, bool producer, const std::atomic<bool>* r) : link(l), revoked(r)
{
  auto rd = [](void* c, xrtemu_beat* b, int blk) {
    auto e = static_cast<link_end*>(c);
    return e->revoked->load() ? int(XRTEMU_STREAM_CANCELLED) : e->link->read(*b, blk != 0);
  };
  auto wr = [](void* c, const xrtemu_beat* b, int blk) {
    auto e = static_cast<link_end*>(c);
    return e->revoked->load() ? int(XRTEMU_STREAM_CANCELLED) : e->link->write(*b, blk != 0);
  };
  auto no_rd = [](void*, xrtemu_beat*, int) { return int(XRTEMU_STREAM_CANCELLED); };
  auto no_wr = [](void*, const xrtemu_beat*, int) { return int(XRTEMU_STREAM_CANCELLED); };
  auto sz = [](void* c) { return static_cast<link_end*>(c)->link->size(); };
  auto dp = [](void* c) { return static_cast<link_end*>(c)->link->depth(); };
  port = {this, l->name().c_str(), producer ? +no_rd : +rd, producer ? +wr : +no_wr, sz, dp};
}

const xrtemu_stream_port* unconnected_port(const std::string& name)
{
  // One per name, kept for the life of the process (few and tiny).
  static std::mutex m;
  static std::map<std::string, std::unique_ptr<std::pair<std::string, xrtemu_stream_port>>> ports;
  std::lock_guard<std::mutex> lk(m);
  auto& p = ports[name];
  if (!p) {
    p = std::make_unique<std::pair<std::string, xrtemu_stream_port>>();
    p->first = name + " (not connected: add a stream_connect for it)";
    p->second = {nullptr, p->first.c_str(),
                 [](void*, xrtemu_beat*, int) { return int(XRTEMU_STREAM_CANCELLED); },
                 [](void*, const xrtemu_beat*, int) { return int(XRTEMU_STREAM_CANCELLED); },
                 [](void*) { return 0u; }, [](void*) { return 0u; }};
  }
  return &p->second;
}

} // namespace xrtemu::emu
