#include "model_library.h"

#include <dlfcn.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace xrtemu::shim {

namespace {

std::shared_ptr<model_library> open_model(const std::string& path, const std::string& origin,
                                          void*& handle, const xrtemu_model*& model)
{
  handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    throw std::runtime_error(origin + ": cannot load kernel model: " + ::dlerror());
  auto fn = reinterpret_cast<xrtemu_model_fn>(::dlsym(handle, XRTEMU_MODEL_SYMBOL));
  if (!fn) {
    ::dlclose(handle);
    throw std::runtime_error(origin + ": not an xrtemu kernel model (no " XRTEMU_MODEL_SYMBOL ")");
  }
  model = fn();
  if (!model || model->abi < XRTEMU_MODEL_ABI || model->abi > XRTEMU_MODEL_ABI_MAX) {
    ::dlclose(handle);
    throw std::runtime_error(origin + ": kernel model ABI " +
                             std::to_string(model ? model->abi : 0) + " is not supported (this card takes " +
                             std::to_string(XRTEMU_MODEL_ABI) + ".." + std::to_string(XRTEMU_MODEL_ABI_MAX) + ")");
  }
  return nullptr;
}

} // namespace

model_library::model_library(void* handle, const xrtemu_model* model, std::string origin, int fd)
  : m_handle(handle), m_model(model), m_origin(std::move(origin)), m_fd(fd)
{}

model_library::~model_library()
{
  // Models stay mapped: a kernel thread might still be unwinding through
  // one when the xclbin is replaced, and C++ objects with unique symbols
  // cannot be unloaded anyway.  So the memory file stays open too: the
  // loader knows a copy by its path, /proc/self/fd/N, and a reused N would
  // hand the next copy this one's handle.
}

std::vector<uint8_t> model_library::read_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error(path + ": cannot read kernel model");
  return {std::istreambuf_iterator<char>(in), {}};
}

std::shared_ptr<model_library> model_library::from_image(const std::vector<uint8_t>& image,
                                                         const std::string& origin)
{
  // dlopen needs a file: an anonymous memory file keeps nothing on disk.
  int fd = ::memfd_create("xrtemu-model", MFD_CLOEXEC);
  if (fd < 0)
    throw std::runtime_error(origin + ": memfd_create failed");
  size_t off = 0;
  while (off < image.size()) {
    auto n = ::write(fd, image.data() + off, image.size() - off);
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error(origin + ": cannot stage kernel model");
    }
    off += static_cast<size_t>(n);
  }
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  void* h = nullptr;
  const xrtemu_model* m = nullptr;
  try {
    open_model(path, origin, h, m);
  }
  catch (...) {
    ::close(fd);
    throw;
  }
  return std::shared_ptr<model_library>(new model_library(h, m, origin, fd));
}

std::string model_library::search(const std::string& kernel)
{
  const char* env = std::getenv("XRTEMU_MODEL_PATH");
  if (!env)
    return {};
  std::stringstream dirs(env);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::error_code ec;
    if (dir.empty() || !std::filesystem::is_directory(dir, ec))
      continue;
    for (auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.path().extension() != ".so")
        continue;
      // Looking needs a load; the shared one by path is enough for that.
      void* h = nullptr;
      const xrtemu_model* m = nullptr;
      try {
        open_model(entry.path().string(), entry.path().string(), h, m);
        if (model_library(h, m, {}, -1).find(kernel))
          return entry.path().string();
      }
      catch (const std::exception&) {
        // Not a model, or a stale one: keep looking.
      }
    }
  }
  return {};
}

const xrtemu_kernel* model_library::find(const std::string& kernel) const
{
  for (uint32_t i = 0; i < m_model->num_kernels; ++i)
    if (kernel == m_model->kernels[i].name)
      return &m_model->kernels[i];
  return nullptr;
}

const xrtemu_live* model_library::find_live(const std::string& kernel) const
{
  auto fn = reinterpret_cast<xrtemu_live_fn>(::dlsym(m_handle, (XRTEMU_LIVE_PREFIX + kernel).c_str()));
  const xrtemu_live* live = fn ? fn() : nullptr;
  return live && live->create && live->destroy && live->read && live->write ? live : nullptr;
}

bool model_library::memcheck(const std::string& kernel) const
{
  return ::dlsym(m_handle, (XRTEMU_MEMCHECK_PREFIX + kernel).c_str()) != nullptr;
}

} // namespace xrtemu::shim
