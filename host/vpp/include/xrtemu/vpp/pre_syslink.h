// v++ -l's pre-system-link step: the compiler.userPreSysLinkOverlayTcl
// scripts of a link config run in xrtemu's `vivado` against the platform's
// block design; the PLRAM sizes they set (update_plram_specification) become
// the banks' sizes in the xclbin's MEM_TOPOLOGY (docs/swap.md).
#pragma once

#include "xrtemu/emu/platform.h"
#include "xrtemu/vpp/link_config.h"

#include <ostream>
#include <string>

namespace xrtemu::vpp {

// The platform as the system link sees it: `platform` with the PLRAM sizes
// the scripts set (bases unchanged).  `vivado` is the tool to run (a path,
// or a name looked up on PATH); `work_dir` holds its result file.  Throws
// vpp::error naming the script when it fails.
emu::platform_desc run_pre_syslink(const link_config& cfg, const emu::platform_desc& platform,
                                   const std::string& vivado, const std::string& work_dir, std::ostream& log);

} // namespace xrtemu::vpp
