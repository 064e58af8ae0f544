// A bare TLM initiator for the unit tests: issues one transaction at a time
// into whatever target socket it is bound to and returns the response.
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdint>
#include <cstdlib>

namespace xrtemu::emu::test {

struct probe : sc_core::sc_module
{
  tlm_utils::simple_initiator_socket<probe> socket;
  explicit probe(sc_core::sc_module_name n) : sc_module(n), socket("socket") {}

  tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len)
  {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(static_cast<unsigned char*>(data));
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    sc_core::sc_time t = sc_core::SC_ZERO_TIME;
    socket->b_transport(gp, t);
    return gp.get_response_status();
  }

  // One 32-bit register access.
  tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, uint32_t& v)
  {
    return access(cmd, addr, &v, 4);
  }
};

// SystemC elaborates once per process: each test binary builds its modules
// (a `World` struct) on first use and shares them between test cases.
template <class World>
World& elaborate_once()
{
  ::setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  static World w;
  return w;
}

} // namespace xrtemu::emu::test
