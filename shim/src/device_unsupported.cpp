// device_emu's driver calls for hardware the emulated card does not have:
// AI Engine graphs and profiling, P2P, host memory (CMA), reclocking.  Each
// fails with ENOTSUP and says what is missing, as XRT's driver does on a
// card without the feature.
#include "device_emu.h"
#include "errors.h"

#include <string>

namespace xrtemu::shim {

namespace {

[[noreturn]] void no_aie(const char* what)
{
  throw xrt_core::error(ENOTSUP, std::string(what) + ": the emulated card has no AI Engine");
}


} // namespace

void device_emu::reclock(const uint16_t*)
{
  throw xrt_core::system_error(ENOTSUP, "reclocking is not supported by the emulated card");
}
void device_emu::p2p_enable(bool) { throw xrt_core::system_error(ENOTSUP, "P2P is not supported by the emulated card"); }
void device_emu::p2p_disable(bool) { throw xrt_core::system_error(ENOTSUP, "P2P is not supported by the emulated card"); }
void device_emu::set_cma(bool, uint64_t) { throw xrt_core::system_error(ENOTSUP, "host memory (CMA) is not supported by the emulated card"); }
xrt_core::graph_handle device_emu::open_graph(const xuid_t, const char*, xrt::graph::access_mode) { no_aie("open_graph"); }
void device_emu::close_graph(xrt_core::graph_handle) { no_aie("close_graph"); }
void device_emu::reset_graph(xrt_core::graph_handle) { no_aie("reset_graph"); }
uint64_t device_emu::get_timestamp(xrt_core::graph_handle) { no_aie("get_timestamp"); }
void device_emu::run_graph(xrt_core::graph_handle, int) { no_aie("run_graph"); }
int device_emu::wait_graph_done(xrt_core::graph_handle, int) { no_aie("wait_graph_done"); }
void device_emu::wait_graph(xrt_core::graph_handle, uint64_t) { no_aie("wait_graph"); }
void device_emu::suspend_graph(xrt_core::graph_handle) { no_aie("suspend_graph"); }
void device_emu::resume_graph(xrt_core::graph_handle) { no_aie("resume_graph"); }
void device_emu::end_graph(xrt_core::graph_handle, uint64_t) { no_aie("end_graph"); }
void device_emu::update_graph_rtp(xrt_core::graph_handle, const char*, const char*, size_t) { no_aie("update_graph_rtp"); }
void device_emu::read_graph_rtp(xrt_core::graph_handle, const char*, char*, size_t) { no_aie("read_graph_rtp"); }
void device_emu::open_aie_context(xrt::aie::access_mode) { no_aie("open_aie_context"); }
void device_emu::sync_aie_bo(xrt::bo&, const char*, xclBOSyncDirection, size_t, size_t) { no_aie("sync_aie_bo"); }
void device_emu::reset_aie() { no_aie("reset_aie"); }
void device_emu::sync_aie_bo_nb(xrt::bo&, const char*, xclBOSyncDirection, size_t, size_t) { no_aie("sync_aie_bo_nb"); }
void device_emu::wait_gmio(const char*) { no_aie("wait_gmio"); }
int device_emu::start_profiling(int, const char*, const char*, uint32_t) { no_aie("start_profiling"); }
uint64_t device_emu::read_profiling(int) { no_aie("read_profiling"); }
void device_emu::stop_profiling(int) { no_aie("stop_profiling"); }
void device_emu::load_axlf_meta(const axlf*) { no_aie("load_axlf_meta"); }

} // namespace xrtemu::shim
