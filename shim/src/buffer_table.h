// The BO handles of one device open, as the xocl driver keeps them: each
// buffer has an optional host-side store (what xclMapBO returns) and an
// optional device range in one bank (what xclSyncBO moves data to/from).
#pragma once

#include <xrt.h>

#include <cstdint>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <string>

namespace xrtemu::shim {

struct buffer
{
  enum class kind { normal, user_ptr, device_only, host_only, exec };

  kind type = kind::normal;
  size_t size = 0;
  unsigned flags = 0;         // as passed by the host (memory index + type bits)
  void* host = nullptr;       // host store, null for device_only
  bool owns_host = false;
  uint64_t device = 0;        // device address, 0 when none
  int platform_bank = -1;     // bank holding `device`, -1 when none
  bool host_window = false;   // host_only: `device` maps onto `host`
  bool imported = false;      // xclImportBO: `host` is another device's memory (bo_export.h)
};

class buffer_table
{
public:
  xclBufferHandle insert(std::unique_ptr<buffer> b);
  buffer& get(xclBufferHandle h) const;          // throws naming the handle
  buffer* find(xclBufferHandle h) const;         // nullptr when unknown
  std::unique_ptr<buffer> remove(xclBufferHandle h);
  size_t size() const;
  template <typename F> void for_each(F f) const
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    for (auto& [h, b] : m_buffers) f(h, *b);
  }

private:
  mutable std::mutex m_mutex;
  // Hashed: with 50,000 command buffers alive (runs kept outstanding) a
  // tree lookup in every exec_buf grew with their number.
  std::unordered_map<xclBufferHandle, std::unique_ptr<buffer>> m_buffers;
  xclBufferHandle m_next = 1;
};

} // namespace xrtemu::shim
