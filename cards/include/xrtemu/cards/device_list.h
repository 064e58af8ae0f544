// Which cards a program gets: the one rule the shim, `xrtemu examine` and
// the tests share.  In order:
//   1. XCL_EMULATION_MODE=hw_emu|sw_emu and an emconfig.json where XRT looks
//      for it ($EMCONFIG_PATH, beside the executable, the current directory):
//      its devices, as on a machine with Vitis emulation;
//   2. XRTEMU_CONFIG, a JSON file {"devices": [{"platform": NAME}, ...]};
//   3. one card of XRTEMU_PLATFORM;
//   4. one xrtemu_u250.
// Explicit `config` / `platform` arguments (tool options) come before all.
#pragma once

#include "xrtemu/cards/catalog.h"

#include <string>
#include <vector>

namespace xrtemu::cards {

struct device_list
{
  std::vector<platform_desc> cards;
  std::string source;   // what chose them, for messages ("emconfig.json at …")
};

device_list configured_devices(const catalog& cat, const std::string& platform = "",
                               const std::string& config = "");

// The names in an XRTEMU_CONFIG-style file (errors name the file and key).
std::vector<std::string> read_device_config(const std::string& path);

} // namespace xrtemu::cards
