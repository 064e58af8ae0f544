// Generated C++ that turns compiled HLS kernels into a kernel model
// (kernels/include/xrtemu/kernel_model.h).
#pragma once

#include "xrtemu/vpp/kernel_interface.h"

#include <string>
#include <vector>

namespace xrtemu::vpp {

// Compile-time glue: includes the kernel's source and defines
// `extern "C" void <k.entry>(void* const* argv)`, which unpacks argv into the
// top function's own parameter types (deduced by the compiler, so any scalar
// type such as ap_uint<N> works: its sizeof bytes are copied).  estimate:
// loop_estimate.h's tables for a source instrumented with loop counters
// (source_path is then the instrumented copy), "" for none.
std::string thunk_source(const kernel_desc& k, const std::string& source_path, const std::string& estimate = "");

// Link-time glue: the xrtemu_model_v1() entry with one table row per kernel,
// calling the thunks above.
std::string model_source(const std::vector<kernel_desc>& kernels);

} // namespace xrtemu::vpp
