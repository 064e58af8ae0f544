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
template <typename Socket>
tlm::tlm_response_status bus_word(Socket& socket, tlm::tlm_command cmd, uint64_t addr, uint32_t& data)
{
  tlm::tlm_generic_payload gp;
  gp.set_command(cmd);
  gp.set_address(addr);
  gp.set_data_ptr(reinterpret_cast<unsigned char*>(&data));
  gp.set_data_length(4);
  gp.set_streaming_width(4);
  sc_core::sc_time t = sc_core::SC_ZERO_TIME;
  socket->b_transport(gp, t);
  return gp.get_response_status();
}

inline std::string hex(uint64_t v)
{
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

} // namespace xrtemu::emu
