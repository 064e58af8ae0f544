// Decoding an ERT command packet (ert.h layout) as the scheduler reads it,
// with every length checked against the exec buffer the packet lives in:
// the header's count may claim more words than the buffer holds, and such a
// packet is refused instead of read past its end.  No SystemC here, so the
// decoder is unit-tested and fuzzed on its own (fuzz/ert_fuzz.cpp).
#pragma once

#include "xrtemu/control_registers.h"

#include <ert.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace xrtemu::emu {

// Header fields (ert.h): state [3:0], extra_cu_masks [11:10] (start-kernel
// packets), count [22:12] (words after the header), opcode [27:23].
inline uint32_t ert_opcode(uint32_t h) { return (h >> 23) & 0x1f; }
inline uint32_t ert_count(uint32_t h) { return (h >> 12) & 0x7ff; }
inline uint32_t ert_extra_masks(uint32_t h) { return (h >> 10) & 0x3; }

// A decoded start packet (ERT_START_CU, ERT_EXEC_WRITE, ERT_START_KEY_VAL):
// views into the packet, all inside the buffer.
struct ert_start
{
  uint32_t opcode = 0;
  const uint32_t* masks = nullptr;    // nmasks words of CU bits
  uint32_t nmasks = 0;
  const uint32_t* payload = nullptr;  // words after the masks
  uint32_t words = 0;

  // CU slots the masks can name (32 per mask word).
  size_t cu_slots() const { return 32u * nmasks; }
  bool names_cu(size_t cu) const { return cu < cu_slots() && ((masks[cu / 32] >> (cu % 32)) & 1u); }

  // The register writes the packet asks for, in order: f(offset, value,
  // given).  ERT_START_CU carries the register map from offset 0; its first
  // four words (AP_CTRL, GIE, IER, ISR) belong to the scheduler and are not
  // written.  EXEC_WRITE (after its six reserved words) and START_KEY_VAL
  // carry offset/value pairs chosen by the host (given = true): the caller
  // checks those offsets against the CU's control block.  f returns false
  // to stop; for_each_write then returns false too.
  template <typename F>
  bool for_each_write(F&& f) const;
};

enum class ert_action
{
  start,        // a start packet: `out` holds it
  complete,     // a packet the card acknowledges without work (configure, stats...)
  reject,       // malformed or unsupported: `why` says what
};

// packet: the packet's first word; capacity_words: how many 32-bit words the
// exec buffer holds from there (its size / 4).
ert_action decode_ert(const uint32_t* packet, size_t capacity_words, ert_start& out, std::string& why);

template <typename F>
bool ert_start::for_each_write(F&& f) const
{
  if (opcode == ERT_START_CU) {
    for (uint32_t i = ap::scheduler_words; i < words; ++i)
      if (!f(4 * i, payload[i], false))
        return false;
    return true;
  }
  uint32_t skip = opcode == ERT_EXEC_WRITE ? 6 : 0;
  for (uint32_t i = skip; i + 1 < words; i += 2)
    if (!f(payload[i], payload[i + 1], true))
      return false;
  return true;
}

} // namespace xrtemu::emu
