// Where Vitis HLS puts each argument in a kernel's AXI4-Lite control block.
// 0x00-0x0F hold AP_CTRL, GIE, IER and ISR; arguments follow from 0x10 in
// declaration order, each taking its data words rounded up to 32 bits plus
// one reserved 32-bit word (so a 32-bit scalar takes 8 bytes and a 64-bit
// pointer 12: the familiar 0x10, 0x1c, 0x28, 0x34 of a vadd).  Stream
// arguments take no registers.  Kernels with the auto-restart counter or a
// mailbox start their arguments at 0x1c instead (control_registers.h).
#pragma once

#include "xrtemu/control_registers.h"
#include "xrtemu/kernel_model.h"

#include <cstdint>
#include <vector>

namespace xrtemu {

inline std::vector<uint32_t> hls_register_offsets(const xrtemu_kernel& k, uint32_t first = ap::args)
{
  std::vector<uint32_t> out;
  uint32_t next = first;
  for (uint32_t i = 0; i < k.num_args; ++i) {
    auto& a = k.args[i];
    if (a.kind == XRTEMU_ARG_STREAM) {
      out.push_back(0);
      continue;
    }
    uint32_t at = a.offset ? a.offset : next;
    out.push_back(at);
    uint32_t words = (a.size + 3) / 4;
    next = at + 4 * words + 4;
  }
  return out;
}

// Bytes of the control block: the register file rounded up to a 4 KiB-ish
// power of two as Vitis sizes the S_AXI_CONTROL range.
inline uint32_t hls_control_range(const xrtemu_kernel& k)
{
  auto offs = hls_register_offsets(k);
  uint32_t end = 0x10;
  for (uint32_t i = 0; i < k.num_args; ++i)
    if (k.args[i].kind != XRTEMU_ARG_STREAM)
      end = offs[i] + ((k.args[i].size + 3) / 4) * 4 + 4 > end ? offs[i] + ((k.args[i].size + 3) / 4) * 4 + 4 : end;
  uint32_t range = 0x1000;
  while (range < end)
    range <<= 1;
  return range;
}

} // namespace xrtemu
