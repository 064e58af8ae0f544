// Fault injection: card failures a host program's error paths can be
// tested against, surfacing through stock XRT as on a card (docs/faults.md).
// Configured by xrt.ini [Emulation] faults=..., XRTEMU_FAULTS=... (which
// replaces the xrt.ini list) and the exported C call xrtemu_inject_faults().
//
// The driver calls the hooks below at its entry points; each costs one
// atomic load while no fault is armed.  Nothing here touches the card model:
// a hung or failed command is decided before it reaches the scheduler.
#pragma once

#include "query.h"

#include <xrt.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace xrtemu::shim {

class card_state;

namespace faults {

enum class kind { hang, error, dma, ecc, offline };

// One parsed fault of a spec (grammar in docs/faults.md).
struct fault
{
  kind what = kind::error;
  std::string text;             // the token as written, for messages
  int device = -1;              // device index, -1 = every device
  std::string cu, kernel;       // hang/error: CU instance or kernel name
  std::string bank;             // dma (optional) / ecc (required): bank tag
  int dir = -1;                 // dma: 1 to_device, 0 from_device, -1 both
  uint64_t after = 0;           // matching events let through first
  uint64_t count = 1;           // events hit after those; 0 = every one
  uint64_t ce = 0, ue = 0;      // ecc: correctable / uncorrectable errors
  uint64_t addr = 0;            // ecc: first failure address
  uint64_t seen = 0;            // matching events so far
};

// Parses a spec; throws std::invalid_argument naming `source` and the bad
// token.  An empty spec is no fault.
std::vector<fault> parse(const std::string& spec, const std::string& source);

// Device open (xclOpen, xrt::device): loads the configured faults on first
// use (a bad spec throws std::runtime_error); false while the card is offline.
bool admit(unsigned device);

// Buffer allocation: throws std::bad_alloc while offline, as XRT's driver
// wrapper does for every failed xclAllocBO.
void on_alloc(unsigned device);

// xclbin download: throws system_error(ENODEV) while offline.
void on_load(unsigned device);

// bo.sync: throws system_error(EIO) for an injected DMA failure, ENODEV
// while offline.
void on_sync(unsigned device, const card_state& card, int platform_bank, bool to_device, size_t bytes);

// A command packet about to go to the scheduler.  run: submit it; hang: the
// caller leaves it RUNNING and it is held until aborted; error: it ends in
// ERT_CMD_STATE_ERROR.  Throws system_error(ENODEV) when the card is (or now
// goes) offline.  owner/handle identify the command for abort().
enum class verdict { run, hang, error };
verdict on_exec(unsigned device, const void* owner, xclBufferHandle cmd, card_state& card, const uint32_t* packet);

// The card's CU timeout for a held command: after `ms`, if it is still
// held, finish() runs (under the fault lock; it ends the command TIMEOUT).
void expire_held(const void* owner, xclBufferHandle cmd, unsigned ms, std::function<void()> finish);
// ERT_ABORT for a command, or its exec BO freed: true if it was held (hung)
// here, which then ends ERT_CMD_STATE_ABORT; false if the card has it.
bool abort_held(const void* owner, xclBufferHandle cmd);
// A device object goes away: forget its held commands.
void forget(const void* owner);

// Answers for the fault-related device queries (is_offline,
// mig_ecc_*), or nullptr for every other key.
const xrt_core::query::request* query(xrt_core::query::key_type key);

} // namespace faults
} // namespace xrtemu::shim

// The C API a test can dlsym from the loaded shim (libxrt_core.so.2):
// adds the faults of `spec` (0, or -EINVAL with a message on stderr), or
// clears every fault, brings offline cards back and zeroes ECC counters.
extern "C" int xrtemu_inject_faults(const char* spec);
extern "C" void xrtemu_clear_faults(void);
