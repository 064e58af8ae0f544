// Driver-side state of one emulated card, shared by every open of it:
// the bank allocators (xocl's memory manager), the xclbin currently
// programmed and the kernel models bound to its CUs.
#pragma once

#include "bank_allocator.h"
#include "context_registry.h"
#include "error_log.h"
#include "host_profile.h"

#include "xrtemu/emu/card.h"
#include "xrtemu/xclbin/design.h"
#include "xrtemu/xclbin/stream_links.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct axlf;

namespace xrtemu::shim {

// Where a buffer may go: a window of device addresses, one platform bank
// or a group of back-to-back banks (memory_groups.h).
struct bank_choice
{
  unsigned platform_bank;   // index into platform().banks: the bank holding base
  std::string tag;          // "DDR[1]", "MBG[0:31]"
  uint64_t base = 0, size = 0;
};

// Host<->card bytes per platform bank, counted with relaxed atomics on the
// calling thread (no lock on the data path); read by the status mirror.
struct bank_traffic
{
  std::atomic<uint64_t> to_device{0}, from_device{0};
};

// Commands handed to the card and finished.  Shared with the completion
// callbacks, which may outlive a device object.  The host's threads count
// submissions and the simulation thread completions: one cache line each,
// or every command moves the line between the cores twice.
struct command_counters
{
  alignas(64) std::atomic<uint64_t> submitted{0};
  alignas(64) std::atomic<uint64_t> completed{0};
};

class model_library;

// The kernel model copy behind each CU of an xclbin, by IP_LAYOUT index.
struct cu_models
{
  std::vector<std::shared_ptr<model_library>> libraries;
  std::vector<const xrtemu_kernel*> kernel;
  std::vector<const xrtemu_live*> live;   // nullptr: runs per invocation
  std::vector<bool> memcheck;             // built with v++ -g (memory checker)
};

class card_state
{
public:
  // card_index and sharing: which card this is, for the CU contexts other
  // processes hold on it (context_registry.h).
  card_state(emu::card& card, unsigned card_index, card_sharing sharing);

  emu::card& card() { return m_card; }
  const emu::platform_desc& platform() const { return m_card.platform(); }

  // Memory index as the host passes it in BO flags -> platform bank.  With an
  // xclbin loaded the index is into its group topology (MEM_TOPOLOGY plus
  // bank groups, what XRT indexes); before, into the platform's bank list.
  // Throws xrt_core::system_error naming the index.
  bank_choice resolve_bank(unsigned memidx) const;
  uint64_t allocate(const bank_choice& b, uint64_t size);
  void release(unsigned platform_bank, uint64_t addr);
  // Bytes allocated in a platform bank, and the buffers that start there.
  uint64_t bank_used(unsigned platform_bank) const;
  uint64_t bank_buffers(unsigned platform_bank) const;

  // Program the card from an axlf image (already validated for size by the
  // caller).  Replaces the previous xclbin.  cu_order: CU base addresses in
  // coreutil's CU index order.
  // Returns false when the same xclbin is already programmed and in use.
  bool load(const axlf* top, size_t size);
  void bind_cus(const std::vector<uint64_t>& cu_order);

  // CU contexts (xclOpenContext): while any is open the driver refuses to
  // replace the xclbin, as xocl does (EBUSY).  A context another process's
  // forbids (exclusive) throws EINVAL naming it (context_registry.h).
  void open_context(unsigned cu, bool exclusive);
  void close_context(unsigned cu);

  // xbutil reset (xclResetDevice XCL_USER_RESET): the card loses its
  // xclbin and CUs, as after a hot reset of a board.  EBUSY while a CU
  // context is open.
  void reset();

  bool loaded() const;
  xclbin::design design() const;
  xclbin::uuid loaded_uuid() const;   // zeros when nothing is loaded
  const std::vector<uint8_t>& image() const { return m_image; }
  // CU index -> instance name, in the order the card was programmed.
  std::vector<std::string> cu_names() const;
  // Platform bank an entry of an xclbin's MEM_TOPOLOGY stands for, -1 none.
  int platform_bank_of(const xclbin::mem_bank& m) const;
  uint64_t xclbin_loads() const { return m_loads.load(std::memory_order_relaxed); }

  // --- inspection counters (xrtemu examine/top, xbutil-style queries) ---
  // Platform bank holding device address addr, -1 when none.
  int bank_at(uint64_t addr) const;
  void count_dma(int platform_bank, bool to_device, uint64_t bytes)
  {
    if (platform_bank < 0 || static_cast<size_t>(platform_bank) >= m_region_of.size())
      return;
    auto& t = m_traffic[platform_bank];
    (to_device ? t.to_device : t.from_device).fetch_add(bytes, std::memory_order_relaxed);
  }
  const bank_traffic& traffic(unsigned platform_bank) const { return m_traffic[platform_bank]; }
  const std::shared_ptr<command_counters>& commands() const { return m_commands; }
  // Shared with command completions, which may outlive a device object.
  const std::shared_ptr<error_log>& errors() const { return m_errors; }

  // The host track of the profile; null unless profiling (set once, before
  // any device is opened).
  host_profile* profile() const { return m_profile.get(); }
  void enable_profile() { m_profile = std::make_unique<host_profile>(m_card.profile_epoch()); }

private:
  std::shared_ptr<const cu_models> load_models(const xclbin::design& d, const std::vector<uint8_t>& image,
                                               const std::string& origin) const;

  emu::card& m_card;
  context_registry m_registry;
  bank_allocator& region_of(unsigned platform_bank) const { return *m_regions.at(m_region_of.at(platform_bank)); }

  // One allocator per run of back-to-back platform banks, so a group of
  // banks can hold one buffer across them.
  std::vector<std::unique_ptr<bank_allocator>> m_regions;
  std::vector<size_t> m_region_of;   // platform bank -> region
  mutable std::mutex m_mutex;
  std::shared_ptr<xclbin::design> m_design;
  std::vector<uint8_t> m_image;
  std::shared_ptr<const cu_models> m_models;   // per design instance
  std::vector<uint32_t> m_cu_control;       // per design instance: enum xrtemu_control
  std::vector<xclbin::stream_link> m_links; // stream links, by design instance
  std::vector<std::string> m_cu_names;
  std::map<unsigned, unsigned> m_contexts;   // CU index -> open contexts
  std::unique_ptr<bank_traffic[]> m_traffic;
  std::shared_ptr<command_counters> m_commands = std::make_shared<command_counters>();
  std::shared_ptr<error_log> m_errors = std::make_shared<error_log>();
  std::atomic<uint64_t> m_loads{0};
  std::unique_ptr<host_profile> m_profile;
};

} // namespace xrtemu::shim
