// emconfig.json, the emulation device list of XRT's format, as Vitis's
// emconfigutil writes it and XRT's emulation drivers read it:
//   {"Platform": {"Boards": [{"Name": …, "NumBoards": 1,
//                             "Devices": [{"Name": <shell>, "NumDevices": "1"}]}]},
//    "Version": {"FileVersion": "2.0", "ToolVersion": …}}
// XRT finds it in $EMCONFIG_PATH, else beside the host executable.
#pragma once

#include "xrtemu/cards/platform.h"

#include <string>
#include <vector>

namespace xrtemu::cards {

// The shell names of the devices the file lists, one entry per device
// (NumBoards × NumDevices expanded).  Malformed files throw an error naming
// the file and the key.
std::vector<std::string> read_emconfig(const std::string& path);

// Writes `count` devices of platform `p`.
void write_emconfig(const std::string& path, const platform_desc& p, unsigned count);

// Where XRT's emulation would read emconfig.json: $EMCONFIG_PATH/emconfig.json
// if EMCONFIG_PATH is set, else the directory of the running executable, else
// the current directory.  Empty if no such file exists.
std::string find_emconfig();

} // namespace xrtemu::cards
