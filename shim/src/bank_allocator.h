// The driver's memory manager for one run of back-to-back banks (xocl keeps
// a drm_mm per memory region): hands out aligned address ranges inside
// [base, base+size), each within the window a request names (one bank, or
// a group of banks: memory_groups.h), and takes them back.  First fit over
// a map of free ranges; adjacent frees coalesce.
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

  // Address of a new range inside [lo, hi), or nullopt when no free range
  // there is large enough.
  std::optional<uint64_t> allocate(uint64_t size, uint64_t lo, uint64_t hi, uint64_t align = 4096);
  std::optional<uint64_t> allocate(uint64_t size) { return allocate(size, m_base, m_base + m_size); }
  void release(uint64_t addr);

  uint64_t base() const { return m_base; }
  uint64_t capacity() const { return m_size; }
  uint64_t used() const;
  uint64_t count() const;   // live allocations
  // Bytes of live ranges inside [lo, hi), and the ranges that start there.
  uint64_t used(uint64_t lo, uint64_t hi) const;
  uint64_t count(uint64_t lo, uint64_t hi) const;

private:
  uint64_t m_base, m_size;
  mutable std::mutex m_mutex;
  std::map<uint64_t, uint64_t> m_free;   // start -> length
  std::map<uint64_t, uint64_t> m_live;   // start -> length
  uint64_t m_used = 0;
};

} // namespace xrtemu::shim
