// The process's table of exported buffers (bo_export.h).
#include "bo_export.h"

#include "errors.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <unordered_map>

namespace xrtemu::shim {

namespace {

struct table
{
  std::mutex mutex;
  std::unordered_map<int, exported_memory> by_fd;
};

table& exports()
{
  static table t;
  return t;
}

} // namespace

int register_export(const exported_memory& m)
{
  int fd = ::memfd_create("xrtemu-bo-export", MFD_CLOEXEC);
  if (fd < 0)
    throw xrt_core::system_error(errno, "export of a buffer: no file descriptor for its handle");
  auto& t = exports();
  std::lock_guard<std::mutex> lk(t.mutex);
  t.by_fd[fd] = m;
  return fd;
}

std::optional<exported_memory> find_export(int fd)
{
  auto& t = exports();
  std::lock_guard<std::mutex> lk(t.mutex);
  auto it = t.by_fd.find(fd);
  if (it == t.by_fd.end())
    return std::nullopt;
  return it->second;
}

void close_export(int fd)
{
  auto& t = exports();
  std::lock_guard<std::mutex> lk(t.mutex);
  if (t.by_fd.erase(fd))
    ::close(fd);
}

} // namespace xrtemu::shim
