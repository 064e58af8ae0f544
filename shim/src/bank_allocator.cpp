#include "bank_allocator.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>

namespace xrtemu::shim {

bank_allocator::bank_allocator(uint64_t base, uint64_t size) : m_base(base), m_size(size)
{
  if (size)
    m_free.emplace(base, size);
}

std::optional<uint64_t> bank_allocator::allocate(uint64_t size, uint64_t lo, uint64_t hi, uint64_t align)
{
  if (size == 0)
    size = 1;
  // Round lengths to the alignment so every block stays aligned.
  size = (size + align - 1) & ~(align - 1);
  std::lock_guard<std::mutex> lk(m_mutex);
  // The free range holding lo, if any, then those after it.
  auto it = m_free.upper_bound(lo);
  if (it != m_free.begin() && std::prev(it)->first + std::prev(it)->second > lo)
    --it;
  for (; it != m_free.end() && it->first < hi; ++it) {
    uint64_t start = (std::max(it->first, lo) + align - 1) & ~(align - 1);
    uint64_t end = std::min(it->first + it->second, hi);
    if (start < it->first || start + size > end || start + size < start)
      continue;
    uint64_t head = start - it->first, tail = it->first + it->second - (start + size);
    uint64_t fstart = it->first;
    m_free.erase(it);
    if (head)
      m_free.emplace(fstart, head);
    if (tail)
      m_free.emplace(start + size, tail);
    m_live.emplace(start, size);
    m_used += size;
    return start;
  }
  return std::nullopt;
}

void bank_allocator::release(uint64_t addr)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  auto it = m_live.find(addr);
  if (it == m_live.end())
    throw std::logic_error("bank_allocator: release of unknown address " + std::to_string(addr));
  uint64_t start = it->first, len = it->second;
  m_used -= len;
  m_live.erase(it);
  auto next = m_free.lower_bound(start);
  if (next != m_free.end() && start + len == next->first) {
    len += next->second;
    next = m_free.erase(next);
  }
  if (next != m_free.begin()) {
    auto prev = std::prev(next);
    if (prev->first + prev->second == start) {
      prev->second += len;
      return;
    }
  }
  m_free.emplace(start, len);
}

uint64_t bank_allocator::used() const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  return m_used;
}

uint64_t bank_allocator::count() const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  return m_live.size();
}

uint64_t bank_allocator::used(uint64_t lo, uint64_t hi) const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  uint64_t bytes = 0;
  auto it = m_live.upper_bound(lo);
  if (it != m_live.begin())
    --it;
  for (; it != m_live.end() && it->first < hi; ++it) {
    uint64_t s = std::max(it->first, lo), e = std::min(it->first + it->second, hi);
    if (e > s)
      bytes += e - s;
  }
  return bytes;
}

uint64_t bank_allocator::count(uint64_t lo, uint64_t hi) const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  return static_cast<uint64_t>(std::distance(m_live.lower_bound(lo), m_live.lower_bound(hi)));
}

} // namespace xrtemu::shim
