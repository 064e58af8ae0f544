// ERT packet decoding (emu/src/ert_decoder.h): lengths checked against the
// command buffer, CU masks, register writes per opcode.  Regression tests for
// what fuzzing the decoder (fuzz/ert_fuzz.cpp) looks at.
#include "ert_decoder.h"

#include <catch2/catch.hpp>

#include <utility>
#include <vector>

using namespace xrtemu::emu;

namespace {

uint32_t header(uint32_t op, uint32_t count, uint32_t extra_masks = 0)
{
  return ERT_CMD_STATE_NEW | (extra_masks << 10) | (count << 12) | (op << 23);
}

std::vector<std::pair<uint32_t, uint32_t>> writes(const ert_start& s, std::vector<bool>* given = nullptr)
{
  std::vector<std::pair<uint32_t, uint32_t>> w;
  s.for_each_write([&](uint32_t off, uint32_t v, bool g) {
    w.emplace_back(off, v);
    if (given)
      given->push_back(g);
    return true;
  });
  return w;
}

} // namespace

TEST_CASE("a packet whose count runs past its command buffer is refused", "[emu][ert]")
{
  // The bug fuzzing was pointed at: count is 11 bits (up to 2047 words) and
  // the scheduler read that many words whatever the exec buffer's size.
  std::vector<uint32_t> buf = {header(ERT_START_CU, 0x7ff), 1, 0, 0, 0, 0};
  ert_start s;
  std::string why;
  CHECK(decode_ert(buf.data(), buf.size(), s, why) == ert_action::reject);
  CHECK(why == "ERT packet count 2047 runs past the end of its 24-byte command buffer");
  // Exactly full is fine; one word more is not.
  buf[0] = header(ERT_START_CU, 5);
  CHECK(decode_ert(buf.data(), buf.size(), s, why) == ert_action::start);
  buf[0] = header(ERT_START_CU, 6);
  CHECK(decode_ert(buf.data(), buf.size(), s, why) == ert_action::reject);
  // Nothing to read at all.
  CHECK(decode_ert(buf.data(), 0, s, why) == ert_action::reject);
  CHECK(decode_ert(nullptr, 4, s, why) == ert_action::reject);
}

TEST_CASE("CU masks: extra_cu_masks words, each bit one CU", "[emu][ert]")
{
  std::vector<uint32_t> buf = {header(ERT_START_CU, 3, 2), 0x1, 0x0, 0x80000000};
  ert_start s;
  std::string why;
  REQUIRE(decode_ert(buf.data(), buf.size(), s, why) == ert_action::start);
  CHECK(s.nmasks == 3);
  CHECK(s.cu_slots() == 96);
  CHECK(s.names_cu(0));
  CHECK_FALSE(s.names_cu(1));
  CHECK(s.names_cu(95));
  CHECK_FALSE(s.names_cu(96));   // past the masks
  CHECK(s.words == 0);
  // Fewer words than masks.
  buf[0] = header(ERT_START_CU, 2, 2);
  CHECK(decode_ert(buf.data(), buf.size(), s, why) == ert_action::reject);
  CHECK(why == "ERT packet shorter than its CU masks");
}

TEST_CASE("register writes per opcode", "[emu][ert]")
{
  ert_start s;
  std::string why;
  std::vector<bool> given;
  // START_CU: the register map from offset 0; AP_CTRL..ISR are skipped.
  std::vector<uint32_t> cu = {header(ERT_START_CU, 7), 1, 11, 12, 13, 14, 15, 16};
  REQUIRE(decode_ert(cu.data(), cu.size(), s, why) == ert_action::start);
  CHECK(writes(s, &given) == std::vector<std::pair<uint32_t, uint32_t>>{{0x10, 15}, {0x14, 16}});
  CHECK(given == std::vector<bool>{false, false});
  // EXEC_WRITE: six reserved words, then offset/value pairs; a lone last word is ignored.
  std::vector<uint32_t> ew = {header(ERT_EXEC_WRITE, 10), 1, 0, 0, 0, 0, 0, 0, 0x10, 7, 0x18};
  REQUIRE(decode_ert(ew.data(), ew.size(), s, why) == ert_action::start);
  given.clear();
  CHECK(writes(s, &given) == std::vector<std::pair<uint32_t, uint32_t>>{{0x10, 7}});
  CHECK(given == std::vector<bool>{true});
  // START_KEY_VAL: pairs from the first payload word.
  std::vector<uint32_t> kv = {header(ERT_START_KEY_VAL, 5), 1, 0x10, 1, 0xfffffffc, 2};
  REQUIRE(decode_ert(kv.data(), kv.size(), s, why) == ert_action::start);
  CHECK(writes(s) == std::vector<std::pair<uint32_t, uint32_t>>{{0x10, 1}, {0xfffffffc, 2}});
  // The visitor stops the walk.
  int seen = 0;
  CHECK_FALSE(s.for_each_write([&](uint32_t, uint32_t, bool) { return ++seen < 1; }));
  CHECK(seen == 1);
}

TEST_CASE("opcodes the card acknowledges or refuses", "[emu][ert]")
{
  ert_start s;
  std::string why;
  for (uint32_t op : {ERT_CONFIGURE, ERT_CU_STAT, ERT_CLK_CALIB, ERT_ACCESS_TEST_C}) {
    uint32_t h = header(op, 0x7ff);   // count is not looked at: nothing is read
    CHECK(decode_ert(&h, 1, s, why) == ert_action::complete);
  }
  uint32_t h = header(31, 0);
  CHECK(decode_ert(&h, 1, s, why) == ert_action::reject);
  CHECK(why == "ERT opcode 31 is not supported");
}
