// Finding the compiled kernel models behind an xclbin's kernels: either the
// model our packager embedded in BITSTREAM, or, for xclbins built by Vitis
// for real cards, a model library found by kernel name on XRTEMU_MODEL_PATH.
//
// Every load is a private copy of the model (its own dlopen of its own
// memory file): each CU of a card is separate hardware, so a kernel's
// static variables (static hls::stream arrays, counters) belong to one CU,
// and a newly programmed xclbin starts from fresh ones.
#pragma once

#include "xrtemu/kernel_model.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace xrtemu::shim {

class model_library
{
public:
  // Load a private copy of a model image (bytes of a shared object).
  // `origin` names it in errors.
  static std::shared_ptr<model_library> from_image(const std::vector<uint8_t>& image,
                                                   const std::string& origin);
  // The bytes of a model file, to load copies of with from_image.
  static std::vector<uint8_t> read_file(const std::string& path);
  // Search XRTEMU_MODEL_PATH (colon separated directories of *.so files)
  // for a model file that defines `kernel`; empty when none does.
  static std::string search(const std::string& kernel);

  ~model_library();
  const xrtemu_kernel* find(const std::string& kernel) const;
  // The live interface of `kernel` (RTL kernels), nullptr when it runs per
  // invocation (kernel_model.h).
  const xrtemu_live* find_live(const std::string& kernel) const;
  // The kernel was built with v++ -g: its runs are checked (XRTEMU_MEMCHECK_PREFIX).
  bool memcheck(const std::string& kernel) const;
  const std::string& origin() const { return m_origin; }

private:
  model_library(void* handle, const xrtemu_model* model, std::string origin, int fd);
  void* m_handle;
  int m_fd;   // the memory file behind the copy, see from_image
  const xrtemu_model* m_model;
  std::string m_origin;
};

} // namespace xrtemu::shim
