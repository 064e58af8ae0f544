#include "memory_bank.h"

#include <sys/mman.h>

#include <cstring>
#include <stdexcept>

namespace xrtemu::emu {

namespace {

uint8_t* reserve(uint64_t size, const std::string& what)
{
  void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    throw std::runtime_error("cannot reserve " + std::to_string(size) + " bytes for " + what);
  // Large banks are streamed through by kernels and DMA: huge pages cut TLB
  // misses, and backing still grows only where the bank is touched (2 MiB at
  // a time).  Advisory; ignored where transparent huge pages are off.
  if (size >= (64u << 20))
    ::madvise(p, size, MADV_HUGEPAGE);
  return static_cast<uint8_t*>(p);
}

} // namespace

backing_region::backing_region(uint64_t b, uint64_t s) : base(b), size(s), data(reserve(s, "card memory")) {}

backing_region::~backing_region()
{
  ::munmap(data, size);
}

memory_bank::memory_bank(sc_core::sc_module_name name, const bank_desc& desc, uint8_t* backing)
  : sc_module(name), socket("socket"), m_desc(desc)
{
  m_owned = backing == nullptr;
  m_data = m_owned ? reserve(desc.size, "bank " + desc.tag) : backing;
  socket.register_b_transport(this, &memory_bank::b_transport);
  socket.register_get_direct_mem_ptr(this, &memory_bank::get_direct_mem_ptr);
  socket.register_transport_dbg(this, &memory_bank::transport_dbg);
}

memory_bank::~memory_bank()
{
  if (m_owned)
    ::munmap(m_data, m_desc.size);
}

void memory_bank::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time&)
{
  transport_dbg(gp);
  if (gp.is_response_ok())
    gp.set_dmi_allowed(true);
}

unsigned int memory_bank::transport_dbg(tlm::tlm_generic_payload& gp)
{
  uint64_t addr = gp.get_address();
  unsigned len = gp.get_data_length();
  if (addr >= m_desc.size || len > m_desc.size - addr) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);   // SLVERR
    return 0;
  }
  if (gp.is_read())
    std::memcpy(gp.get_data_ptr(), m_data + addr, len);
  else if (gp.is_write())
    std::memcpy(m_data + addr, gp.get_data_ptr(), len);
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  return len;
}

bool memory_bank::get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi)
{
  dmi.set_dmi_ptr(m_data);
  dmi.set_start_address(0);
  dmi.set_end_address(m_desc.size - 1);
  dmi.allow_read_write();
  dmi.set_read_latency(sc_core::SC_ZERO_TIME);
  dmi.set_write_latency(sc_core::SC_ZERO_TIME);
  return true;
}

} // namespace xrtemu::emu
