// The AXI4-Lite control register map of a compute unit, as Vitis HLS
// generates it and RTL kernels (RTL Kernel Wizard, Vitis RTL examples)
// implement it.  The one place these offsets and bits are spelled: the card
// (emu/src/control_block, the scheduler), the RTL bridges (kernel_runner,
// live_module) and the tests use these names.
//
//   0x00 AP_CTRL  bit0 ap_start (host sets; the CU clears it when it takes
//                 its inputs, i.e. when ap_ready rises), bit1 ap_done,
//                 bit2 ap_idle (read-only), bit3 ap_ready (clear on read),
//                 bit4 ap_continue (write-only pulse, ap_ctrl_chain),
//                 bit7 auto_restart, bit8 ap_sw_reset
//   0x04 GIE      bit0 global interrupt enable
//   0x08 IER      bit0 done, bit1 ready
//   0x0C ISR      bit0 done, bit1 ready; writing 1 toggles a bit
//   0x10..        argument registers; a scalar output (an HLS `int&`) is data
//                 words followed by a word whose bit0 is <arg>_ap_vld
// Kernels synthesized with `config_interface -s_axilite_auto_restart_counter 1`
// and/or `-s_axilite_mailbox in|out|both` (UG1399, "S_AXILITE Control
// Register Map"; XRT 2.13 xrt_kernel.cpp uses the same fixed offsets) hold
// three more control words, and their arguments start after them, at 0x1c:
//   0x10 AUTO_RESTART_COUNTER  runs left: N makes one ap_start run N times
//                 (0 and 1: once), all ones runs until the host writes 0
//                 (stop after the current run); ap_done rises after the last
//   0x14 MAILBOX_IN   bit0 host's release (1: the CU may take the host's
//                 argument copy; the host writes 0 before changing it),
//                 bit1 busy (read-only: set by a release, cleared when the CU
//                 took the copy at its next run start, at once when idle)
//   0x18 MAILBOX_OUT  bit0 host's read request, bit1 busy (cleared when a
//                 finished run's outputs were copied to the host's side; at
//                 once when idle)
// The interrupt output is GIE && (ISR & IER).  The first four words belong
// to the scheduler: an ERT start packet's register map skips them.
#pragma once

#include <cstdint>

namespace xrtemu::ap {

// Offsets.
constexpr uint32_t ctrl = 0x00, gie = 0x04, ier = 0x08, isr = 0x0c, args = 0x10;
constexpr uint32_t scheduler_words = args / 4;   // AP_CTRL, GIE, IER, ISR

// Counted auto-restart and mailbox control words (kernels that have them).
constexpr uint32_t auto_restart_counter = 0x10, mailbox_in = 0x14, mailbox_out = 0x18;
constexpr uint32_t mailbox_args = 0x1c;          // first argument of such a kernel
constexpr uint32_t restart_forever = 0xffffffffu;
// MAILBOX_IN / MAILBOX_OUT bits.
constexpr uint32_t mailbox_release = 1u << 0, mailbox_busy = 1u << 1;

// AP_CTRL bits.
constexpr uint32_t start = 1u << 0, done = 1u << 1, idle = 1u << 2, ready = 1u << 3, cont = 1u << 4,
                   auto_restart = 1u << 7, sw_reset = 1u << 8;

// GIE, IER and ISR bits.
constexpr uint32_t gie_enable = 1u << 0;
constexpr uint32_t irq_done = 1u << 0, irq_ready = 1u << 1;

// A scalar output's valid word: bit0 <arg>_ap_vld.
constexpr uint32_t ap_vld = 1u << 0;

} // namespace xrtemu::ap
