#include "buffer_table.h"

#include "errors.h"

#include <cerrno>

namespace xrtemu::shim {

xclBufferHandle buffer_table::insert(std::unique_ptr<buffer> b)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  auto h = m_next++;
  m_buffers.emplace(h, std::move(b));
  return h;
}

buffer* buffer_table::find(xclBufferHandle h) const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  auto it = m_buffers.find(h);
  return it == m_buffers.end() ? nullptr : it->second.get();
}

buffer& buffer_table::get(xclBufferHandle h) const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  auto it = m_buffers.find(h);
  if (it == m_buffers.end())
    throw xrt_core::system_error(EINVAL, "no buffer object with handle " + std::to_string(h));
  return *it->second;
}

std::unique_ptr<buffer> buffer_table::remove(xclBufferHandle h)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  auto it = m_buffers.find(h);
  if (it == m_buffers.end())
    return nullptr;
  auto b = std::move(it->second);
  m_buffers.erase(it);
  return b;
}

size_t buffer_table::size() const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  return m_buffers.size();
}

} // namespace xrtemu::shim
