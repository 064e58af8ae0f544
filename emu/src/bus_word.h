// One 32-bit AXI4-Lite access as a TLM transaction, and the hex spelling
// the card's messages use.  Shared by every initiator on the control bus.
#pragma once

#include <systemc>
#include <tlm>

#include <cstdint>
#include <sstream>
#include <string>

namespace xrtemu::emu {

// Issues a single-word read or write through `socket`; returns the
// response status so callers can turn bus errors into messages.
// `gp` is the caller's payload, reused from access to access (a payload's
// construction costs more than the access); every field an access sets is
// set again here.
template <typename Socket>
tlm::tlm_response_status bus_word(Socket& socket, tlm::tlm_generic_payload& gp, tlm::tlm_command cmd, uint64_t addr,
                                  uint32_t& data)
{
  gp.set_command(cmd);
  gp.set_address(addr);
  gp.set_data_ptr(reinterpret_cast<unsigned char*>(&data));
  gp.set_data_length(4);
  gp.set_streaming_width(4);
  gp.set_byte_enable_ptr(nullptr);
  gp.set_byte_enable_length(0);
  gp.set_dmi_allowed(false);
  gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time t = sc_core::SC_ZERO_TIME;
  socket->b_transport(gp, t);
  return gp.get_response_status();
}

template <typename Socket>
tlm::tlm_response_status bus_word(Socket& socket, tlm::tlm_command cmd, uint64_t addr, uint32_t& data)
{
  tlm::tlm_generic_payload gp;
  return bus_word(socket, gp, cmd, addr, data);
}

inline std::string hex(uint64_t v)
{
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

} // namespace xrtemu::emu
