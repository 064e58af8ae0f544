// Host memory behind buffers: a buffer's store is zeroed, and mapped
// (untouched pages cost nothing) from 1 MiB up; command buffers, which come
// and go with every OpenCL command, come from huge-page arenas and reuse
// freed page-sized stores.
#pragma once

#include <cstddef>

namespace xrtemu::shim {

void* page_aligned(size_t size);             // zeroed; throws ENOMEM
void free_store(void* p, size_t size);
void* exec_store(size_t size);               // a command buffer's store (pooled pages)
void release_exec_store(void* p, size_t size);

} // namespace xrtemu::shim
