// interconnect: address decoding to banks and host windows, DECERR, DMI.
#include "interconnect.h"
#include "memory_bank.h"

#include "tlm_probe.h"

#include <catch2/catch.hpp>
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdlib>

using namespace xrtemu::emu;

namespace {

using test::probe;

struct world
{
  interconnect ic;
  memory_bank b0, b1;
  probe p;
  world()
    : ic("ic"), b0("b0", bank_desc{"DDR[0]", bank_kind::ddr, 0x0, 1 << 20}),
      b1("b1", bank_desc{"DDR[1]", bank_kind::ddr, 0x400000000ull, 1 << 20}), p("probe")
  {
    ic.map(0x0, 1 << 20, "DDR[0]");
    ic.init.bind(b0.socket);
    ic.map(0x400000000ull, 1 << 20, "DDR[1]");
    ic.init.bind(b1.socket);
    p.socket.bind(ic.targ);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
};

world& the_world() { return test::elaborate_once<world>(); }

} // namespace

TEST_CASE("interconnect routes by address and rebases", "[emu][interconnect]")
{
  auto& w = the_world();
  uint32_t v = 7;
  CHECK(w.p.access(tlm::TLM_WRITE_COMMAND, 0x400000010ull, &v, 4) == tlm::TLM_OK_RESPONSE);
  CHECK(reinterpret_cast<uint32_t*>(w.b1.data())[4] == 7);
  CHECK(reinterpret_cast<uint32_t*>(w.b0.data())[4] == 0);
  CHECK(w.ic.describe(0x400000010ull) == "DDR[1]");
}

TEST_CASE("unmapped addresses are DECERR", "[emu][interconnect]")
{
  auto& w = the_world();
  uint32_t v = 0;
  CHECK(w.p.access(tlm::TLM_READ_COMMAND, 0x200000000ull, &v, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
  CHECK(w.ic.describe(0x200000000ull).empty());
}

TEST_CASE("DMI is forwarded with the range in bus addresses", "[emu][interconnect]")
{
  auto& w = the_world();
  tlm::tlm_generic_payload gp;
  gp.set_address(0x400000100ull);
  tlm::tlm_dmi dmi;
  REQUIRE(w.p.socket->get_direct_mem_ptr(gp, dmi));
  CHECK(dmi.get_start_address() == 0x400000000ull);
  CHECK(dmi.get_end_address() == 0x400000000ull + (1 << 20) - 1);
  CHECK(dmi.get_dmi_ptr() == w.b1.data());
  gp.set_address(0x300000000ull);
  tlm::tlm_dmi none;
  CHECK_FALSE(w.p.socket->get_direct_mem_ptr(gp, none));
}

TEST_CASE("host windows serve accesses from caller memory", "[emu][interconnect]")
{
  auto& w = the_world();
  uint32_t host[16] = {};
  w.ic.add_host_window(0x7f0000000000ull, host, sizeof host);
  uint32_t v = 99;
  CHECK(w.p.access(tlm::TLM_WRITE_COMMAND, 0x7f0000000008ull, &v, 4) == tlm::TLM_OK_RESPONSE);
  CHECK(host[2] == 99);
  CHECK(w.ic.host_window(0x7f0000000000ull + 60, 4) == &host[15]);
  CHECK(w.ic.host_window(0x7f0000000000ull + 60, 8) == nullptr);
  tlm::tlm_generic_payload gp;
  gp.set_address(0x7f0000000004ull);
  tlm::tlm_dmi dmi;
  REQUIRE(w.p.socket->get_direct_mem_ptr(gp, dmi));
  CHECK(dmi.get_dmi_ptr() == reinterpret_cast<unsigned char*>(host));
  w.ic.remove_host_window(0x7f0000000000ull);
  CHECK(w.p.access(tlm::TLM_READ_COMMAND, 0x7f0000000008ull, &v, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
}
