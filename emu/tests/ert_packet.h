// ERT command packets built by hand for the emu tests, with ert.h's header
// layout: header, CU masks, register payload.
#pragma once

#include "xrtemu/emu/card.h"

#include <ert.h>

#include <cstdint>
#include <future>
#include <initializer_list>
#include <utility>
#include <vector>

namespace xrtemu::emu::test {

struct packet
{
  std::vector<uint32_t> words;
  packet(std::vector<uint32_t> masks, std::vector<uint32_t> payload, uint32_t op = ERT_START_CU)
  {
    ert_start_kernel_cmd h{};
    h.state = ERT_CMD_STATE_NEW;
    h.opcode = op;
    h.extra_cu_masks = static_cast<uint32_t>(masks.size() - 1);
    h.count = static_cast<uint32_t>(masks.size() + payload.size());
    words.push_back(h.header);
    words.insert(words.end(), masks.begin(), masks.end());
    words.insert(words.end(), payload.begin(), payload.end());
  }
  uint32_t state() const { return words[0] & 0xf; }
};

// Register map words (from offset 0) with 64-bit values at given offsets.
inline std::vector<uint32_t> regmap(std::initializer_list<std::pair<uint32_t, uint64_t>> args, size_t words = 16)
{
  std::vector<uint32_t> r(words, 0);
  for (auto& [off, v] : args) {
    r[off / 4] = static_cast<uint32_t>(v);
    if (off / 4 + 1 < r.size())
      r[off / 4 + 1] = static_cast<uint32_t>(v >> 32);
  }
  return r;
}

// Submit and wait for the final state.
inline cmd_state run(card& c, packet& p)
{
  std::promise<cmd_state> done;
  auto f = done.get_future();
  c.submit(p.words.data(), p.words.size() * 4, [&](cmd_state s) { done.set_value(s); });
  return f.get();
}

} // namespace xrtemu::emu::test
