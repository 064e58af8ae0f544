// Buffer export handles between the devices of one process (xclExportBO /
// xclImportBO, xrt::bo::export_buffer, OpenCL's xclGetMemObjectFd /
// xclGetMemObjectFromFd).  On a card the handle is a dma-buf file
// descriptor for the BO's memory; here it is a real descriptor too (a
// memfd, so the number is unique and close() works), registered with the
// host address of the memory it stands for: the exporting card's bank
// memory for a device buffer, the host store for a host-only one.  A device
// that imports it sees that memory through a host window, as a peer card's
// BAR: map, copy_bo and kernels reach it; sync has nothing to move.
#pragma once

#include <cstddef>
#include <optional>

namespace xrtemu::shim {

struct exported_memory
{
  void* memory = nullptr;   // the BO's bytes, as the host can address them
  size_t size = 0;
  unsigned flags = 0;       // the exporter's BO flags
  unsigned device = 0;      // exporting device index (for messages)
};

// A new handle for `m`; throws system_error when no descriptor can be made.
int register_export(const exported_memory& m);
// The memory behind `fd`, if this process exported it and has not closed it.
std::optional<exported_memory> find_export(int fd);
// Forgets `fd` and closes it (close_export_handle); unknown handles are ignored.
void close_export(int fd);

} // namespace xrtemu::shim
