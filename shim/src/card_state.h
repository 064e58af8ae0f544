// Driver-side state of one emulated card, shared by every open of it:
// the bank allocators (xocl's memory manager), the xclbin currently
// programmed and the kernel models bound to its CUs.
#pragma once

#include "bank_allocator.h"

#include "xrtemu/emu/card.h"
#include "xrtemu/xclbin/design.h"
#include "xrtemu/xclbin/stream_links.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct axlf;

namespace xrtemu::shim {

struct bank_choice
{
  unsigned platform_bank;   // index into platform().banks
  std::string tag;
};

class card_state
{
public:
  explicit card_state(emu::card& card);

  emu::card& card() { return m_card; }
  const emu::platform_desc& platform() const { return m_card.platform(); }

  // Memory index as the host passes it in BO flags -> platform bank.  With an
  // xclbin loaded the index is into its MEM_TOPOLOGY; before, into the
  // platform's bank list.  Throws xrt_core::system_error naming the index.
  bank_choice resolve_bank(unsigned memidx) const;
  uint64_t allocate(const bank_choice& b, uint64_t size);
  void release(unsigned platform_bank, uint64_t addr);
  const bank_allocator& allocator(unsigned platform_bank) const { return *m_alloc.at(platform_bank); }

  // Program the card from an axlf image (already validated for size by the
  // caller).  Replaces the previous xclbin.  cu_order: CU base addresses in
  // coreutil's CU index order.
  // Returns false when the same xclbin is already programmed and in use.
  bool load(const axlf* top, size_t size);
  void bind_cus(const std::vector<uint64_t>& cu_order);

  // CU contexts (xclOpenContext): while any is open the driver refuses to
  // replace the xclbin, as xocl does (EBUSY).
  void open_context(unsigned cu);
  void close_context(unsigned cu);

  bool loaded() const;
  xclbin::design design() const;
  xclbin::uuid loaded_uuid() const;   // zeros when nothing is loaded
  const std::vector<uint8_t>& image() const { return m_image; }
  // CU index -> instance name, in the order the card was programmed.
  std::vector<std::string> cu_names() const;

private:
  emu::card& m_card;
  std::vector<std::unique_ptr<bank_allocator>> m_alloc;
  mutable std::mutex m_mutex;
  std::shared_ptr<xclbin::design> m_design;
  std::vector<uint8_t> m_image;
  std::shared_ptr<void> m_models;           // keeps model libraries loaded
  std::vector<const xrtemu_kernel*> m_kernel_models;  // per design kernel
  std::vector<uint32_t> m_cu_control;       // per design instance: enum xrtemu_control
  std::vector<xclbin::stream_link> m_links; // stream links, by design instance
  std::vector<std::string> m_cu_names;
  std::map<unsigned, unsigned> m_contexts;   // CU index -> open contexts
};

} // namespace xrtemu::shim
