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
//
// New stores are carved from 32 MiB arenas that ask for transparent huge
// pages: with tens of thousands of commands outstanding (each xrt::run and
// each OpenCL command has its own page) the host and the simulation thread
// touch one page per command, and 4 KiB pages then cost a TLB miss apiece.
// Arenas are never unmapped (their pages return to the pool).
namespace {
constexpr size_t exec_page = 4096;
constexpr size_t exec_arena = size_t(32) << 20;
std::mutex exec_pool_mutex;
std::vector<void*> exec_pool;   // free stores of exec_page bytes
char* arena_next = nullptr;     // the current arena's next fresh page
char* arena_end = nullptr;

// A fresh (zero) page from the current arena, or a new arena; nullptr when
// no arena can be mapped.  Caller holds exec_pool_mutex.
void* fresh_exec_page()
{
  if (arena_next == arena_end) {
    void* a = ::mmap(nullptr, exec_arena, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (a == MAP_FAILED)
      return nullptr;
#ifdef MADV_HUGEPAGE
    ::madvise(a, exec_arena, MADV_HUGEPAGE);   // advice only: fine if refused
#endif
    arena_next = static_cast<char*>(a);
    arena_end = arena_next + exec_arena;
  }
  void* p = arena_next;
  arena_next += exec_page;
  return p;
}
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
    else if ((p = fresh_exec_page()))
      return p;   // never used: still zero
  }
  if (!p)
    return page_aligned(exec_page);
  std::memset(p, 0, exec_page);
  return p;
}

void release_exec_store(void* p, size_t size)
{
  if (size <= exec_page) {
    // Every page-sized store comes back to the pool: arena pages cannot be
    // freed one by one (the pool is as large as the most commands ever
    // alive at once, as the arenas are).
    std::lock_guard<std::mutex> lk(exec_pool_mutex);
    exec_pool.push_back(p);
    return;
  }
  free_store(p, size);
}

} // namespace xrtemu::shim
