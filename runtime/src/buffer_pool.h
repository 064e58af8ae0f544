// The runtime's device-buffer pool: xrt::bo objects kept after use, by
// memory group and size class (powers of two from 4 KiB), and handed out
// again instead of allocating a new buffer per call.  Thread-safe.
#pragma once

#include "matmul_rt/runtime.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>

#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace matmul_rt {

class buffer_pool : public std::enable_shared_from_this<buffer_pool>
{
public:
  buffer_pool(xrt::device device, bool enabled) : device_(std::move(device)), enabled_(enabled) {}

  // A buffer of at least `bytes` bytes in memory group `group`.
  std::shared_ptr<device_buffer::impl> acquire(size_t bytes, int group);
  // Called when a buffer's last handle goes: keep it for reuse (or drop it).
  void give_back(xrt::bo bo, int group);

  runtime::pool_stats stats() const;

private:
  static size_t size_class(size_t bytes);

  xrt::device device_;
  bool enabled_;
  mutable std::mutex mutex_;
  std::map<std::pair<int, size_t>, std::vector<xrt::bo>> free_;
  runtime::pool_stats stats_;
};

// What a device_buffer handle owns.
struct device_buffer::impl
{
  xrt::bo bo;
  size_t size = 0;        // what was asked for (the bo may be larger)
  int group = 0;
  void* host = nullptr;   // the bo's host mapping
  std::weak_ptr<buffer_pool> pool;
  bool quarantined = false;  // a device-side writer may still use it: never reuse
  ~impl();
};

} // namespace matmul_rt
