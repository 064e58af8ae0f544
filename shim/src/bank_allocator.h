// The driver's memory manager for one bank (xocl keeps a drm_mm per bank):
// hands out aligned address ranges inside [base, base+size) and takes them
// back.  First fit over a map of free ranges; adjacent frees coalesce.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

namespace xrtemu::shim {

class bank_allocator
{
public:
  bank_allocator(uint64_t base, uint64_t size);

  // Address of a new range, or nullopt when no free range is large enough.
  std::optional<uint64_t> allocate(uint64_t size, uint64_t align = 4096);
  void release(uint64_t addr);

  uint64_t capacity() const { return m_size; }
  uint64_t used() const;
  uint64_t count() const;   // live allocations

private:
  uint64_t m_base, m_size;
  mutable std::mutex m_mutex;
  std::map<uint64_t, uint64_t> m_free;   // start -> length
  std::map<uint64_t, uint64_t> m_live;   // start -> length
  uint64_t m_used = 0;
};

} // namespace xrtemu::shim
