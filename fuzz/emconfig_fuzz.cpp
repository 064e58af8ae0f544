// Fuzz target: the device lists: emconfig.json (emconfigutil's format, as
// XRT's emulation reads it) and XRTEMU_CONFIG's {"devices": [...]}.
#include "xrtemu/cards/device_list.h"
#include "xrtemu/cards/emconfig.h"

#include "fuzz_input.h"

using namespace xrtemu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  auto& path = fuzz::as_file(data, size, "emconfig.json");
  try {
    (void)cards::read_emconfig(path);
  }
  catch (const cards::error&) {
  }
  try {
    (void)cards::read_device_config(path);
  }
  catch (const cards::error&) {
  }
  return 0;
}
