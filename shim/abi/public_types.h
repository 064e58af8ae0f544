// Public XRT headers (Debian libxrt-dev) that define the types appearing in
// the internal ABI: handles, BO properties, axlf, graph/AIE enums, xclbin.
#pragma once

#include <xrt.h>
#include <xclbin.h>
#include <experimental/xrt-next.h>
#include <experimental/xrt_xclbin.h>
#include <xrt/xrt_aie.h>
#include <xrt/xrt_bo.h>
#include <xrt/xrt_graph.h>

#include <sys/types.h>

namespace xrt_core {
// The graph handle of the (uninstalled) xcl_graph.h is an untyped pointer.
using graph_handle = void*;
}
