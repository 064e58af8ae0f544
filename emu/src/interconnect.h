// The card's address decoder: every initiator (DMA engine, scheduler, CU
// masters) binds to its target socket; it forwards each transaction to the
// bank, control block or host window owning the address, rebased to that
// target.  Unmapped addresses get TLM_ADDRESS_ERROR_RESPONSE (AXI DECERR).
// DMI requests are forwarded and the granted range translated back.
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace xrtemu::emu {

class interconnect : public sc_core::sc_module
{
public:
  tlm_utils::multi_passthrough_target_socket<interconnect> targ;
  tlm_utils::multi_passthrough_initiator_socket<interconnect> init;

  explicit interconnect(sc_core::sc_module_name name);

  // Before binding init to a target: the address range it answers.
  void map(uint64_t base, uint64_t size, std::string name);

  // Host windows are served here directly; callable from any thread.
  void add_host_window(uint64_t base, void* host, uint64_t size);
  void remove_host_window(uint64_t base);
  // Host pointer for [addr, addr+len) inside one host window, or nullptr.
  void* host_window(uint64_t addr, uint64_t len) const;

  // Name of the target at `addr` ("" when unmapped), for messages.
  std::string describe(uint64_t addr) const;

private:
  struct route { uint64_t base, size; std::string name; };
  const route* find(uint64_t addr, int& index) const;
  void b_transport(int id, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  unsigned transport_dbg(int id, tlm::tlm_generic_payload& gp);

  std::vector<route> m_routes;   // index = init socket binding index
  struct window { void* host; uint64_t size; };
  mutable std::mutex m_win_mutex;
  std::map<uint64_t, window> m_windows;
};

} // namespace xrtemu::emu
