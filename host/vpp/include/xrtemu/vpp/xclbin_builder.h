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
  void* handle = nullptr;       // dlopen handle (optional symbols: OpenCL metadata)
};
loaded_model load_model(const std::string& path);

struct cu_request
{
  std::string kernel;   // "vadd"
  std::string name;     // "vadd_1"
};

// One stream_connect: producer CU's stream argument -> consumer CU's.
struct stream_request
{
  std::string from_cu, from_arg, to_cu, to_arg;
  uint32_t depth = 0;   // FIFO depth in beats, 0 = the emulator's default
};

struct xclbin_request
{
  const emu::platform_desc* platform = nullptr;
  const loaded_model* model = nullptr;
  std::vector<cu_request> cus;               // IP_LAYOUT order; bases follow it
  std::map<std::string, std::string> sp;     // "<cu>.<arg>" -> bank tag (else first bank)
  std::map<std::string, std::vector<std::string>> sp_more;   // further banks the port reaches
  std::vector<stream_request> streams;       // each one MEM_STREAMING_CONNECTION (stream_links.h)
  std::string mode = "hw";
};

// TDATA width in bits of a stream argument from its Vitis type
// ("hls::stream<ap_axiu<32, 0, 0, 0> >&" -> 32, "hls::stream<int>&" -> 32),
// else from its element size in bytes (element_bytes, 0 = unknown); 0 when
// neither tells.
uint32_t stream_data_width(const std::string& type, uint32_t element_bytes);

// Kernels appear in the order of their first CU.  Throws std::runtime_error
// for kernels missing from the model, banks missing from the platform, or
// streams naming CUs or arguments that are not there.
xclbin::design build_design(const xclbin_request& req);

} // namespace xrtemu::vpp
