// The device-buffer pool (see buffer_pool.h) and the device_buffer handle.
#include "buffer_pool.h"

namespace matmul_rt {

size_t buffer_pool::size_class(size_t bytes)
{
  size_t c = 4096;
  while (c < bytes)
    c <<= 1;
  return c;
}

std::shared_ptr<device_buffer::impl> buffer_pool::acquire(size_t bytes, int group)
{
  if (bytes == 0)
    throw std::invalid_argument("matmul_rt: malloc_device of 0 bytes");
  size_t cls = enabled_ ? size_class(bytes) : bytes;
  auto b = std::make_shared<device_buffer::impl>();
  {
    std::lock_guard lock(mutex_);
    if (auto it = free_.find({group, cls}); it != free_.end() && !it->second.empty()) {
      b->bo = std::move(it->second.back());
      it->second.pop_back();
      ++stats_.reuses;
    }
  }
  if (!b->bo) {
    try {
      b->bo = xrt::bo(device_, cls, xrt::bo::flags::normal, xrt::memory_group(group));
    }
    catch (const std::exception& e) {
      throw error("matmul_rt: cannot allocate a device buffer of " + std::to_string(cls) + " bytes in memory group " +
                  std::to_string(group) + ": " + e.what());
    }
    std::lock_guard lock(mutex_);
    ++stats_.allocations;
  }
  b->size = bytes;
  b->group = group;
  b->host = b->bo.map();
  b->pool = shared_from_this();
  return b;
}

void buffer_pool::give_back(xrt::bo bo, int group)
{
  if (!enabled_)
    return;
  std::lock_guard lock(mutex_);
  free_[{group, bo.size()}].push_back(std::move(bo));
}

runtime::pool_stats buffer_pool::stats() const
{
  std::lock_guard lock(mutex_);
  return stats_;
}

device_buffer::impl::~impl()
{
  if (quarantined)
    return;
  if (auto p = pool.lock())
    p->give_back(std::move(bo), group);
}

device_buffer::device_buffer(device_buffer&&) noexcept = default;
device_buffer& device_buffer::operator=(device_buffer&&) noexcept = default;
device_buffer::~device_buffer() = default;

size_t device_buffer::size() const { return impl_ ? impl_->size : 0; }

void* device_buffer::data()
{
  if (!impl_)
    throw error("matmul_rt: use of a freed device buffer");
  return impl_->host;
}

uint64_t device_buffer::address() const { return impl_ ? impl_->bo.address() : 0; }

namespace {

void move_data(device_buffer::impl* b, xclBOSyncDirection dir, size_t bytes, size_t offset)
{
  if (!b)
    throw error("matmul_rt: use of a freed device buffer");
  if (bytes == 0)
    bytes = b->size - std::min(offset, b->size);
  if (offset + bytes > b->size)
    throw dma_error("matmul_rt: DMA of " + std::to_string(bytes) + " bytes at offset " + std::to_string(offset) +
                    " runs past the end of a " + std::to_string(b->size) + "-byte device buffer");
  try {
    b->bo.sync(dir, bytes, offset);
  }
  catch (const std::exception& e) {
    throw dma_error(std::string("matmul_rt: DMA ") + (dir == XCL_BO_SYNC_BO_TO_DEVICE ? "to" : "from") +
                    " the device failed: " + e.what());
  }
}

} // namespace

void device_buffer::to_device(size_t bytes, size_t offset)
{
  move_data(impl_.get(), XCL_BO_SYNC_BO_TO_DEVICE, bytes, offset);
}

void device_buffer::from_device(size_t bytes, size_t offset)
{
  move_data(impl_.get(), XCL_BO_SYNC_BO_FROM_DEVICE, bytes, offset);
}

} // namespace matmul_rt
