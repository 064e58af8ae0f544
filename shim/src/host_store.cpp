// host_store: buffer stores and the command-buffer page pool (see the header).
#include "host_store.h"

#include <sys/mman.h>

#include "errors.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

namespace xrtemu::shim {

namespace {
// A buffer's host store, zeroed.  Large ones are mapped, so that untouched
// pages cost nothing (a 1 GiB buffer of which a host writes a window).
constexpr size_t mapped_store = 1 << 20;

} // namespace

void* page_aligned(size_t size)
{
  if (size >= mapped_store) {
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
      throw xrt_core::system_error(ENOMEM, "cannot map " + std::to_string(size) + " bytes of host memory");
    return p;
  }
  void* p = nullptr;
  if (::posix_memalign(&p, 4096, size ? size : 1))
    throw xrt_core::system_error(ENOMEM, "cannot allocate " + std::to_string(size) + " bytes of host memory");
  std::memset(p, 0, size);
  return p;
}

void free_store(void* p, size_t size)
{
  if (size >= mapped_store)
    ::munmap(p, size);
  else
    std::free(p);
}

// Command buffers come and go with every OpenCL command.  Freed page-sized
// stores are kept for reuse: malloc's page-aligned blocks fragmented the
// heap once tens of thousands were alive, and each allocation then cost
// more the more commands were outstanding.
namespace {
constexpr size_t exec_page = 4096;
std::mutex exec_pool_mutex;
std::vector<void*> exec_pool;   // free stores of exec_page bytes
} // namespace

void* exec_store(size_t size)
{
  if (size > exec_page)
    return page_aligned(size);
  void* p = nullptr;
  {
    std::lock_guard<std::mutex> lk(exec_pool_mutex);
    if (!exec_pool.empty()) {
      p = exec_pool.back();
      exec_pool.pop_back();
    }
  }
  if (!p)
    return page_aligned(exec_page);
  std::memset(p, 0, exec_page);
  return p;
}

void release_exec_store(void* p, size_t size)
{
  if (size <= exec_page) {
    std::lock_guard<std::mutex> lk(exec_pool_mutex);
    if (exec_pool.size() < 65536) {
      exec_pool.push_back(p);
      return;
    }
  }
  free_store(p, size <= exec_page ? exec_page : size);
}

} // namespace xrtemu::shim
