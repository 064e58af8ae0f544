// Fuzz target: the ERT command packet decoder the scheduler reads
// (emu/src/ert_decoder.h).  The input is the command buffer itself, copied
// into a heap block of exactly its size so that ASan sees any read past it;
// every CU bit and every register write the packet yields is visited.
#include "ert_decoder.h"

#include <cstdlib>
#include <cstring>
#include <memory>

using namespace xrtemu::emu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  size_t words = size / 4;
  std::unique_ptr<uint32_t[]> buf(new uint32_t[words ? words : 1]);
  std::memcpy(buf.get(), data, words * 4);
  ert_start s;
  std::string why;
  volatile uint32_t sink = 0;
  switch (decode_ert(words ? buf.get() : nullptr, words, s, why)) {
  case ert_action::start:
    for (size_t cu = 0; cu < s.cu_slots() + 1; ++cu)
      sink = sink + s.names_cu(cu);
    s.for_each_write([&](uint32_t off, uint32_t v, bool) {
      sink = sink + off + v;
      return true;
    });
    break;
  case ert_action::complete:
    break;
  case ert_action::reject:
    if (why.empty())
      std::abort();   // a refusal always says why
    break;
  }
  return 0;
}
