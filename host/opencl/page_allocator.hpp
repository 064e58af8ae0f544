// Page-aligned host memory for OpenCL buffers, the role Vitis examples give
// to xcl2.hpp's aligned allocator: with 4 KiB alignment the runtime can use
// the host memory itself for CL_MEM_USE_HOST_PTR instead of copying it.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

template <typename T>
struct page_allocator
{
  using value_type = T;
  page_allocator() = default;
  template <typename U>
  page_allocator(const page_allocator<U>&) {}
  T* allocate(std::size_t n)
  {
    void* p = nullptr;
    if (::posix_memalign(&p, 4096, n * sizeof(T) ? n * sizeof(T) : 1))
      throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t) { std::free(p); }
  bool operator==(const page_allocator&) const { return true; }
  bool operator!=(const page_allocator&) const { return false; }
};

template <typename T>
using page_vector = std::vector<T, page_allocator<T>>;
