// Runs the userPreSysLinkOverlayTcl scripts of a link (see pre_syslink.h):
// `vivado -mode batch -source <script>` in system link mode, which writes
// the PLRAM sizes the script set to a JSON file read back here.
#include "xrtemu/vpp/pre_syslink.h"
#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/run_tool.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace xrtemu::vpp {

emu::platform_desc run_pre_syslink(const link_config& cfg, const emu::platform_desc& platform,
                                   const std::string& vivado, const std::string& work_dir, std::ostream& log)
{
  emu::platform_desc out = platform;
  if (cfg.pre_syslink_tcl.empty())
    return out;
  if (platform.file.empty())
    throw error("platform " + platform.name + " has no platform file for the pre-system-link script");
  unsigned n = 0;
  for (auto& [script, at] : cfg.pre_syslink_tcl) {
    auto result = (fs::path(work_dir) / ("pre_syslink_" + std::to_string(n++) + ".json")).string();
    log << "xrtemu: " << at.str() << ": running " << script << " before the system link\n" << std::flush;
    try {
      run_tool({vivado, "-mode", "batch", "-nojournal", "-nolog", "-xrtemu_syslink_platform", out.file,
                "-xrtemu_syslink_out", result, "-source", script},
               "the userPreSysLinkOverlayTcl script " + script, false);
    }
    catch (const error& e) {
      throw error(at.str() + ": " + e.what());
    }
    std::ifstream in(result);
    nlohmann::json j;
    try {
      in >> j;
    }
    catch (const std::exception& e) {
      throw error(result + ": unreadable result of " + script + ": " + e.what());
    }
    for (auto& b : j.at("banks")) {
      auto tag = b.at("tag").get<std::string>();
      auto size = b.at("size").get<uint64_t>();
      auto it = std::find_if(out.banks.begin(), out.banks.end(), [&](auto& x) { return x.tag == tag; });
      if (it == out.banks.end() || size == 0 || size > it->window())
        throw error(script + ": " + tag + ": size " + std::to_string(size) + " does not fit the platform");
      if (size != it->size)
        log << "xrtemu: " << b.value("at", script) << ": " << tag << " is " << (size >> 10) << " KiB (platform: "
            << (it->size >> 10) << " KiB, at most " << (it->window() >> 10) << " KiB)\n";
      it->size = size;
    }
  }
  return out;
}

} // namespace xrtemu::vpp
