// Fuzz target: v++ link configuration, as a .cfg file ([connectivity] nk,
// sp, stream_connect, top-level keys) and as --connectivity.<key>=<value>
// command-line options (each `key=value` line of the input once more).
#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/link_config.h"

#include "fuzz_input.h"

#include <sstream>

using namespace xrtemu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  auto text = fuzz::as_text(data, size);
  try {
    vpp::link_config cfg;
    vpp::parse_cfg_text(text, "fuzz.cfg", cfg);
  }
  catch (const vpp::error&) {
  }
  std::istringstream lines(text);
  std::string line;
  vpp::link_config cfg;
  while (std::getline(lines, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos)
      continue;
    auto key = line.substr(0, eq);
    try {
      vpp::add_cfg_option("connectivity", key, line.substr(eq + 1), {"<command line>", 0, "connectivity." + key}, cfg);
    }
    catch (const vpp::error&) {
    }
  }
  return 0;
}
