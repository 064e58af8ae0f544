// Finds the live status of another process's emulated card (peer_status.h).
#include "peer_status.h"

#include <xclbin.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace xrtemu::shim {

bool peer_view_enabled()
{
  const char* v = std::getenv("XRTEMU_PEER_VIEW");
  return !(v && std::strcmp(v, "0") == 0);
}

std::shared_ptr<const peer_card> find_peer(unsigned index, const std::string& platform)
{
  if (!peer_view_enabled() || index >= status::max_cards)
    return nullptr;
  const int self = static_cast<int>(::getpid());
  int only = 0;
  if (const char* v = std::getenv("XRTEMU_PEER_PID"); v && *v)
    only = std::atoi(v);
  std::shared_ptr<peer_card> best;
  uint64_t best_ms = 0;
  for (int pid : status::list()) {
    if (pid == self || (only > 0 && pid != only))
      continue;
    std::unique_ptr<status::segment> seg;
    try {
      seg = status::read(pid);   // checks signature, sizes, counts and that the process lives
    }
    catch (const status::read_error&) {
      continue;                  // stale, corrupt, another user's: not a peer
    }
    if (index >= seg->head.num_cards)
      continue;
    auto& c = seg->cards[index];
    if (!c.xclbin_loaded || status::text(c.platform) != platform)
      continue;
    if (best && seg->head.updated_unix_ms <= best_ms)
      continue;
    best = std::make_shared<peer_card>();
    best->pid = pid;
    best->program = status::text(seg->head.program);
    std::memcpy(&best->card, &c, sizeof c);
    best_ms = seg->head.updated_unix_ms;
  }
  return best;
}

namespace {

uint8_t mem_type_of(const std::string& type)
{
  // The types the v++ front end writes for each kind of platform bank.
  if (type == "HBM")
    return MEM_HBM;
  if (type == "PLRAM")
    return MEM_DRAM;
  if (type == "HOST")
    return MEM_HOST;
  if (type == "BRAM")
    return MEM_BRAM;
  return MEM_DDR4;
}

} // namespace

std::string peer_xclbin_uuid(const peer_card& p)
{
  static const char hex[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      s += '-';
    s += hex[p.card.xclbin_uuid[i] >> 4];
    s += hex[p.card.xclbin_uuid[i] & 0xf];
  }
  return s;
}

std::vector<char> peer_mem_topology(const peer_card& p)
{
  const size_t head = offsetof(mem_topology, m_mem_data);
  std::vector<char> out(head + p.card.num_banks * sizeof(mem_data), 0);
  int32_t count = static_cast<int32_t>(p.card.num_banks);
  std::memcpy(out.data(), &count, sizeof count);
  for (uint32_t b = 0; b < p.card.num_banks; ++b) {
    auto& e = p.card.banks[b];
    mem_data m{};
    m.m_type = mem_type_of(status::text(e.type));
    m.m_used = e.in_xclbin ? 1 : 0;
    m.m_size = e.size / 1024;            // KiB, as in the xclbin
    m.m_base_address = e.base;
    std::snprintf(reinterpret_cast<char*>(m.m_tag), sizeof m.m_tag, "%s", status::text(e.tag).c_str());
    std::memcpy(out.data() + head + b * sizeof(mem_data), &m, sizeof m);
  }
  return out;
}

std::vector<std::string> peer_memstat_raw(const peer_card& p)
{
  std::vector<std::string> out;
  for (uint32_t b = 0; b < p.card.num_banks; ++b)
    out.push_back(std::to_string(p.card.banks[b].allocated) + " " + std::to_string(p.card.banks[b].bo_count));
  return out;
}

std::vector<char> peer_memstat(const peer_card& p)
{
  std::string text;
  for (uint32_t b = 0; b < p.card.num_banks; ++b) {
    auto& e = p.card.banks[b];
    char line[256];
    std::snprintf(line, sizeof line, "[%s] %s @0x%012llx (%llu KB): %llu KB in %llu BOs\n",
                  e.in_xclbin ? "IN-USE" : "UNUSED", status::text(e.tag).c_str(),
                  static_cast<unsigned long long>(e.base), static_cast<unsigned long long>(e.size / 1024),
                  static_cast<unsigned long long>(e.allocated / 1024), static_cast<unsigned long long>(e.bo_count));
    text += line;
  }
  return std::vector<char>(text.begin(), text.end());
}

xrt_core::query::kds_cu_info::result_type peer_cu_info(const peer_card& p)
{
  xrt_core::query::kds_cu_info::result_type out;
  for (uint32_t i = 0; i < p.card.num_cus; ++i) {
    auto& c = p.card.cus[i];
    out.push_back({0, i, status::text(c.kernel) + ":" + status::text(c.name), c.base,
                   c.busy ? 0x1u : 0x4u, c.runs});
  }
  return out;
}

std::vector<std::string> peer_dma_threads(const peer_card& p)
{
  uint64_t c2h = 0, h2c = 0;
  for (uint32_t b = 0; b < p.card.num_banks; ++b) {
    c2h += p.card.banks[b].from_device;
    h2c += p.card.banks[b].to_device;
  }
  return {std::to_string(c2h) + " " + std::to_string(h2c)};
}

} // namespace xrtemu::shim
