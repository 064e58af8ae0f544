// `v++ -l`: .xo files + connectivity -> one kernel model .so -> .xclbin.
#pragma once

#include "xrtemu/emu/platform.h"
#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/link_config.h"
#include "xrtemu/vpp/xclbin_builder.h"

#include <ostream>
#include <string>
#include <vector>

namespace xrtemu::vpp {

// CUs and bank assignments after checking the config against the kernels
// and the platform.  Errors name the config entry (file:line: key).
struct link_plan
{
  std::vector<cu_request> cus;
  std::map<std::string, std::string> sp;   // "<cu>.<arg>" -> bank tag
  std::map<std::string, std::vector<std::string>> sp_more;   // further banks of a range (HBM[0:3])
  std::vector<stream_spec> streams;
  std::vector<std::string> notes;          // things the user should know
};

link_plan plan_link(const std::vector<kernel_desc>& kernels, const emu::platform_desc& platform,
                    const link_config& cfg);

struct link_request
{
  std::vector<std::string> inputs;       // .xo files
  std::string output;                    // .xclbin
  const emu::platform_desc* platform = nullptr;
  link_config config;
  std::string kernel_include_dir;
  std::string target = "hw";
  std::string temps_dir;
  std::string model_output;              // also keep the model library here (for XRTEMU_MODEL_PATH)
  bool verbose = false;
  std::string vivado = "vivado";         // runs userPreSysLinkOverlayTcl scripts (pre_syslink.h)
  bool debug = false;                    // -g: every kernel's runs are checked (docs/memcheck.md)
};

void link_kernels(const link_request& req, std::ostream& log);

} // namespace xrtemu::vpp
