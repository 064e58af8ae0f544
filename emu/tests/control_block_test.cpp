// control_block: the Vitis HLS AXI4-Lite register semantics.
#include "xrtemu/control_registers.h"
#include "control_block.h"

#include "tlm_probe.h"

#include <catch2/catch.hpp>
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdlib>

using namespace xrtemu::emu;

namespace {

using test::probe;
namespace ap = xrtemu::ap;   // the control register map

// Counts interrupt edges, as an interrupt controller would.
struct irq_counter : sc_core::sc_module
{
  control_block* cb;
  int edges = 0, starts = 0;
  irq_counter(sc_core::sc_module_name n, control_block* c) : sc_module(n), cb(c)
  {
    SC_HAS_PROCESS(irq_counter);
    SC_METHOD(on_irq);
    sensitive << cb->irq_raised;
    dont_initialize();
    SC_METHOD(on_start);
    sensitive << cb->start_written;
    dont_initialize();
  }
  void on_irq() { ++edges; }
  void on_start() { ++starts; }
};

struct world
{
  control_block cb;
  probe p;
  irq_counter irq;
  world() : cb("cb", 0x100), p("probe"), irq("irq", &cb)
  {
    p.socket.bind(cb.socket);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
  uint32_t rd(uint32_t off)
  {
    uint32_t v = 0;
    REQUIRE(p.access(tlm::TLM_READ_COMMAND, off, v) == tlm::TLM_OK_RESPONSE);
    return v;
  }
  void wr(uint32_t off, uint32_t v) { REQUIRE(p.access(tlm::TLM_WRITE_COMMAND, off, v) == tlm::TLM_OK_RESPONSE); }
};

world& the_world()
{
  ::setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  static world w;
  w.cb.reset();
  return w;
}

} // namespace

TEST_CASE("power-on state is idle", "[emu][control]")
{
  auto& w = the_world();
  CHECK(w.rd(ap::ctrl) == ap::idle);
  CHECK(w.rd(ap::gie) == 0);
  CHECK(w.rd(ap::ier) == 0);
  CHECK(w.rd(ap::isr) == 0);
}

TEST_CASE("ap_start handshake, done and ready clear on read", "[emu][control]")
{
  auto& w = the_world();
  int starts = w.irq.starts;
  w.wr(ap::ctrl, ap::start);
  CHECK(w.rd(ap::ctrl) == (ap::start | ap::idle));
  sc_core::sc_start();
  CHECK(w.irq.starts == starts + 1);
  // Writing 0 does not withdraw a start.
  w.wr(ap::ctrl, 0);
  CHECK(w.cb.start_pending());
  w.cb.accept_start();
  CHECK(w.rd(ap::ctrl) == 0);   // running: neither start nor idle
  w.cb.finish(true);
  CHECK(w.rd(ap::ctrl) == (ap::done | ap::idle | ap::ready));
  CHECK(w.rd(ap::ctrl) == ap::idle);   // done and ready were cleared by the read
}

TEST_CASE("ap_idle is read-only, auto_restart is stored", "[emu][control]")
{
  auto& w = the_world();
  w.wr(ap::ctrl, ap::auto_restart);
  CHECK(w.rd(ap::ctrl) == (ap::idle | ap::auto_restart));
  w.cb.accept_start();
  w.wr(ap::ctrl, ap::idle | ap::auto_restart);
  CHECK((w.rd(ap::ctrl) & ap::idle) == 0);
  // auto_restart raises ap_start again when a run finishes.
  w.cb.finish(true);
  CHECK(w.cb.start_pending());
  w.wr(ap::ctrl, 0);
  sc_core::sc_start();
}

TEST_CASE("ap_continue is a pulse that clears ap_done", "[emu][control]")
{
  auto& w = the_world();
  w.cb.accept_start();
  w.cb.finish(true);
  w.wr(ap::ctrl, ap::cont);
  CHECK(w.cb.bus_read(ap::ctrl) == (ap::idle | ap::ready));
}

TEST_CASE("interrupts: GIE, IER, ISR toggle-on-write", "[emu][control]")
{
  auto& w = the_world();
  sc_core::sc_start();
  int edges = w.irq.edges;
  w.wr(ap::ier, 0xffffffff);
  CHECK(w.rd(ap::ier) == 3);   // only done and ready exist
  w.wr(ap::ier, 1);            // done only
  w.cb.accept_start();
  w.cb.finish(true);
  CHECK(w.rd(ap::isr) == 1);   // latched even with GIE off...
  CHECK_FALSE(w.cb.irq());     // ...but the line stays low
  sc_core::sc_start();
  CHECK(w.irq.edges == edges);
  w.wr(ap::isr, 1);            // toggle clears it
  CHECK(w.rd(ap::isr) == 0);
  w.wr(ap::isr, 2);            // and toggle sets a bit
  CHECK(w.rd(ap::isr) == 2);
  w.wr(ap::isr, 2);
  w.wr(ap::gie, 1);
  w.cb.accept_start();
  w.cb.finish(true);
  CHECK(w.cb.irq());
  sc_core::sc_start();
  CHECK(w.irq.edges == edges + 1);
  w.wr(ap::isr, 1);
  CHECK_FALSE(w.cb.irq());
}

TEST_CASE("argument registers are plain storage; outside the block is an error", "[emu][control]")
{
  auto& w = the_world();
  w.wr(0x10, 0x1234);
  w.wr(0xfc, 0xabcd);
  CHECK(w.rd(0x10) == 0x1234);
  CHECK(w.rd(0xfc) == 0xabcd);
  CHECK(w.cb.arg_word(0x10) == 0x1234);
  uint32_t v = 0;
  CHECK(w.p.access(tlm::TLM_READ_COMMAND, 0x100, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
  CHECK(w.p.access(tlm::TLM_WRITE_COMMAND, 0x12, v) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_CASE("offsets near 2^32 do not wrap round into the block", "[emu][control]")
{
  // Found reviewing the ERT decoder for fuzzing: offset + 4 wrapped to 0, so
  // a START_KEY_VAL pair at 0xfffffffc passed the range check.
  auto& w = the_world();
  CHECK(w.cb.in_range(0xfc));
  CHECK_FALSE(w.cb.in_range(0x100));
  CHECK_FALSE(w.cb.in_range(0xfffffffc));
  CHECK_FALSE(w.cb.in_range(0xfffffff0));
  CHECK(w.cb.arg_word(0xfffffffc) == 0);
  uint32_t big = 0xdeadbeef;
  w.cb.write_output(0xfffffff8, &big, 4);   // ignored, not written anywhere
  CHECK(w.cb.arg_word(0x10) == 0);
}
