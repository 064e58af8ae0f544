// memory_bank: bounds, DMI over the whole bank, lazy backing.
#include "memory_bank.h"

#include "tlm_probe.h"

#include <catch2/catch.hpp>
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdlib>
#include <fstream>

using namespace xrtemu::emu;

namespace {

using test::probe;

long rss_bytes()
{
  long pages = 0, resident = 0;
  std::ifstream("/proc/self/statm") >> pages >> resident;
  return resident * 4096;
}

struct world
{
  memory_bank bank;
  probe p;
  world() : bank("bank", bank_desc{"DDR[1]", bank_kind::ddr, 0x400000000ull, 16ull << 30}), p("probe")
  {
    p.socket.bind(bank.socket);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
};

world& the_world() { return test::elaborate_once<world>(); }

} // namespace

TEST_CASE("a 16 GiB bank costs only the pages touched", "[emu][bank]")
{
  long before = rss_bytes();
  auto& w = the_world();
  uint32_t v = 0xdeadbeef;
  // Touch both ends and the middle (bank-relative addresses).
  for (uint64_t a : {0ull, 8ull << 30, (16ull << 30) - 4})
    REQUIRE(w.p.access(tlm::TLM_WRITE_COMMAND, a, &v, 4) == tlm::TLM_OK_RESPONSE);
  CHECK(rss_bytes() - before < (64l << 20));
}

TEST_CASE("bank reads back what was written and checks bounds", "[emu][bank]")
{
  auto& w = the_world();
  uint64_t out = 0x0123456789abcdefull, in = 0;
  CHECK(w.p.access(tlm::TLM_WRITE_COMMAND, 4096, &out, 8) == tlm::TLM_OK_RESPONSE);
  CHECK(w.p.access(tlm::TLM_READ_COMMAND, 4096, &in, 8) == tlm::TLM_OK_RESPONSE);
  CHECK(in == out);
  // Never written: zero.
  CHECK(w.p.access(tlm::TLM_READ_COMMAND, 1ull << 32, &in, 8) == tlm::TLM_OK_RESPONSE);
  CHECK(in == 0);
  // Past the end, and straddling the end.
  CHECK(w.p.access(tlm::TLM_READ_COMMAND, 16ull << 30, &in, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
  CHECK(w.p.access(tlm::TLM_WRITE_COMMAND, (16ull << 30) - 4, &in, 8) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_CASE("bank grants read/write DMI over all of itself", "[emu][bank]")
{
  auto& w = the_world();
  tlm::tlm_generic_payload gp;
  gp.set_address(12345);
  gp.set_command(tlm::TLM_READ_COMMAND);
  tlm::tlm_dmi dmi;
  REQUIRE(w.p.socket->get_direct_mem_ptr(gp, dmi));
  CHECK(dmi.get_start_address() == 0);
  CHECK(dmi.get_end_address() == (16ull << 30) - 1);
  CHECK(dmi.is_read_write_allowed());
  dmi.get_dmi_ptr()[100] = 42;
  uint8_t b = 0;
  CHECK(w.p.access(tlm::TLM_READ_COMMAND, 100, &b, 1) == tlm::TLM_OK_RESPONSE);
  CHECK(b == 42);
  CHECK(w.bank.data() == dmi.get_dmi_ptr());
}
