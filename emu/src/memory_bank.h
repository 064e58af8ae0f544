// One global memory bank (DDR, HBM pseudo-channel, PLRAM) as a TLM-2.0
// target.  Backing store is reserved, not committed: mmap(MAP_NORESERVE)
// hands out zero pages on first touch, so a 16 GiB bank costs only what
// kernels and DMA write.  Initiators get DMI over the whole bank.
#pragma once

#include "xrtemu/emu/platform.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace xrtemu::emu {

class memory_bank : public sc_core::sc_module
{
public:
  tlm_utils::simple_target_socket<memory_bank> socket;   // bank-relative addresses

  // `backing`: the bank's bytes inside a larger reservation shared by
  // back-to-back banks (see backing_region), or null to reserve its own.
  memory_bank(sc_core::sc_module_name name, const bank_desc& desc, uint8_t* backing = nullptr);
  ~memory_bank() override;

  const bank_desc& desc() const { return m_desc; }
  uint8_t* data() { return m_data; }   // whole bank, for DMI users

private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  unsigned int transport_dbg(tlm::tlm_generic_payload& gp);

  bank_desc m_desc;
  uint8_t* m_data = nullptr;
  bool m_owned = false;
};

// One lazily backed reservation for a run of back-to-back banks (HBM
// pseudo-channels, DDR banks), so that a buffer in a group of banks is
// contiguous for the kernels and the DMA engine, as in the card's address map.
struct backing_region
{
  uint64_t base, size;
  uint8_t* data;
  backing_region(uint64_t base, uint64_t size);
  ~backing_region();
  backing_region(const backing_region&) = delete;
  backing_region& operator=(const backing_region&) = delete;
};

} // namespace xrtemu::emu
