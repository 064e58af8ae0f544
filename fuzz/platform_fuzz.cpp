// Fuzz target: platform JSON (share/xrtemu/platforms/*.json and Vitis
// platforminfo-style files), as the catalog loads it.
#include "xrtemu/cards/platform.h"

#include "fuzz_input.h"

using namespace xrtemu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  auto& path = fuzz::as_file(data, size, "platform.json");
  try {
    auto p = cards::load_platform(path);
    for (auto& b : p.banks)
      (void)p.find_bank(b.tag);
  }
  catch (const cards::error&) {
  }
  return 0;
}
