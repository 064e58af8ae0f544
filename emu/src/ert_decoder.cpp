// ERT packet decoding for the scheduler: opcode, CU masks and payload, with
// the header's count checked against the exec buffer (ert_decoder.h).
#include "ert_decoder.h"

namespace xrtemu::emu {

ert_action decode_ert(const uint32_t* packet, size_t capacity_words, ert_start& out, std::string& why)
{
  out = ert_start{};
  if (!packet || capacity_words == 0) {
    why = "ERT packet in an empty command buffer";
    return ert_action::reject;
  }
  uint32_t h = packet[0];
  uint32_t op = ert_opcode(h);
  switch (op) {
  case ERT_START_CU:
  case ERT_EXEC_WRITE:
  case ERT_START_KEY_VAL:
    break;
  case ERT_CONFIGURE:
  case ERT_CU_STAT:
  case ERT_CLK_CALIB:
  case ERT_ACCESS_TEST_C:
    return ert_action::complete;
  default:
    why = "ERT opcode " + std::to_string(op) + " is not supported";
    return ert_action::reject;
  }
  uint32_t cnt = ert_count(h);
  if (cnt > capacity_words - 1) {
    why = "ERT packet count " + std::to_string(cnt) + " runs past the end of its " +
          std::to_string(capacity_words * 4) + "-byte command buffer";
    return ert_action::reject;
  }
  uint32_t nmasks = 1 + ert_extra_masks(h);
  if (cnt < nmasks) {
    why = "ERT packet shorter than its CU masks";
    return ert_action::reject;
  }
  out.opcode = op;
  out.masks = packet + 1;
  out.nmasks = nmasks;
  out.payload = packet + 1 + nmasks;
  out.words = cnt - nmasks;
  return ert_action::start;
}

} // namespace xrtemu::emu
