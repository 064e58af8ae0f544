// Turning a kernel model (.so) plus connectivity into an xclbin design.
// Shared by `xrtemu package` and `xrtemu link`.
#pragma once

#include "xrtemu/emu/platform.h"
#include "xrtemu/kernel_model.h"
#include "xrtemu/xclbin/design.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace xrtemu::vpp {

// A model library loaded for inspection; stays loaded for the process.
struct loaded_model
{
  std::string path;
  const xrtemu_model* model = nullptr;
  std::vector<uint8_t> bytes;   // the .so file, to embed
};
loaded_model load_model(const std::string& path);

struct cu_request
{
  std::string kernel;   // "vadd"
  std::string name;     // "vadd_1"
};

struct xclbin_request
{
  const emu::platform_desc* platform = nullptr;
  const loaded_model* model = nullptr;
  std::vector<cu_request> cus;               // IP_LAYOUT order; bases follow it
  std::map<std::string, std::string> sp;     // "<cu>.<arg>" -> bank tag (else first bank)
  std::map<std::string, std::vector<std::string>> sp_more;   // further banks the port reaches
  std::string mode = "hw";
};

// Kernels appear in the order of their first CU.  Throws std::runtime_error
// for kernels missing from the model or banks missing from the platform.
xclbin::design build_design(const xclbin_request& req);

} // namespace xrtemu::vpp
