// Conformance bench for the three Vitis control protocols, driven register
// by register through the card's AXI4-Lite path (what the host's PCIe
// accesses become), with kernel bodies the bench holds at a gate so every
// intermediate state of AP_CTRL can be observed.  Also: stream links with a
// free-running CU, deadlock, abort, ap_sw_reset, timeout, polling.
#include "xrtemu/control_registers.h"
#include "xrtemu/emu/card.h"
#include "ert_packet.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

using namespace xrtemu::emu;
using xrtemu::emu::test::packet;
using xrtemu::emu::test::regmap;
namespace ap = xrtemu::ap;   // the control register map

namespace {

// Holds kernel bodies until the bench lets one through.
struct gate
{
  std::mutex m;
  std::condition_variable cv;
  int entered = 0, released = 0, finished = 0;
  std::vector<uint32_t> seen;   // first scalar argument of each body, in order

  void body(uint32_t arg)
  {
    std::unique_lock<std::mutex> lk(m);
    int me = entered++;
    seen.push_back(arg);
    cv.notify_all();
    cv.wait(lk, [&] { return released > me; });
    ++finished;
    cv.notify_all();
  }
  void release(int n = 1)
  {
    std::lock_guard<std::mutex> lk(m);
    released += n;
    cv.notify_all();
  }
  bool wait_entered(int n)
  {
    std::unique_lock<std::mutex> lk(m);
    return cv.wait_for(lk, std::chrono::seconds(20), [&] { return entered >= n; });
  }
  bool wait_finished(int n)
  {
    std::unique_lock<std::mutex> lk(m);
    return cv.wait_for(lk, std::chrono::seconds(20), [&] { return finished >= n; });
  }
  void reset()
  {
    std::lock_guard<std::mutex> lk(m);
    entered = released = finished = 0;
    seen.clear();
  }
};

gate g_gate;

void gated_run(void* const* argv)
{
  uint32_t v;
  std::memcpy(&v, argv[0], 4);
  g_gate.body(v);
}

// A run that never ends unless its stream is cancelled: reads a stream
// nobody writes.
void stuck_run(void* const* argv)
{
  auto port = static_cast<xrtemu_stream_port*>(argv[0]);
  uint8_t data[4], keep[1], strb[1];
  xrtemu_beat b{data, keep, strb, 0, 0, 0, 4, 0};
  if (port->read(port->ctx, &b, 1) != XRTEMU_STREAM_OK)
    throw std::runtime_error(std::string("stream cancelled: ") + port->name);
}

// Streams, with the raw port interface: gen writes n words then TLAST;
// triple (free-running) multiplies one beat by 3; sink stores until TLAST.
void write_word(xrtemu_stream_port* p, uint32_t v, bool last)
{
  uint8_t keep = 0xf, strb = 0xf;
  xrtemu_beat b{reinterpret_cast<uint8_t*>(&v), &keep, &strb, 0, 0, 0, 4, last ? 1u : 0u};
  if (p->write(p->ctx, &b, 1) != XRTEMU_STREAM_OK)
    throw std::runtime_error(std::string("cancelled writing ") + p->name);
}
uint32_t read_word(xrtemu_stream_port* p, bool& last)
{
  uint32_t v = 0;
  uint8_t keep = 0, strb = 0;
  xrtemu_beat b{reinterpret_cast<uint8_t*>(&v), &keep, &strb, 0, 0, 0, 4, 0};
  if (p->read(p->ctx, &b, 1) != XRTEMU_STREAM_OK)
    throw std::runtime_error(std::string("cancelled reading ") + p->name);
  last = b.last;
  return v;
}
void gen_run(void* const* argv)
{
  uint32_t n;
  std::memcpy(&n, argv[0], 4);
  auto out = static_cast<xrtemu_stream_port*>(argv[1]);
  for (uint32_t i = 0; i < n; ++i)
    write_word(out, i + 1, i + 1 == n);
}
void triple_run(void* const* argv)
{
  bool last = false;
  uint32_t v = read_word(static_cast<xrtemu_stream_port*>(argv[0]), last);
  write_word(static_cast<xrtemu_stream_port*>(argv[1]), 3 * v, last);
}
void sink_run(void* const* argv)
{
  void* p;
  std::memcpy(&p, argv[0], sizeof p);
  auto out = static_cast<uint32_t*>(p);
  auto in = static_cast<xrtemu_stream_port*>(argv[1]);
  bool last = false;
  while (!last)
    *out++ = read_word(in, last);
}

const xrtemu_arg scalar_arg[] = {{"x", "unsigned int", XRTEMU_ARG_SCALAR, 4, 4, ap::args, "s_axi_control"}};
const xrtemu_arg stream_arg[] = {{"in", "stream", XRTEMU_ARG_STREAM, 0, 4, 0, "in"}};
const xrtemu_arg gen_args[] = {{"n", "unsigned int", XRTEMU_ARG_SCALAR, 4, 4, ap::args, "s_axi_control"},
                               {"out", "stream", XRTEMU_ARG_STREAM, 0, 4, 0, "out"}};
const xrtemu_arg triple_args[] = {{"in", "stream", XRTEMU_ARG_STREAM, 0, 4, 0, "in"},
                                  {"out", "stream", XRTEMU_ARG_STREAM, 0, 4, 0, "out"}};
const xrtemu_arg sink_args[] = {{"out", "int*", XRTEMU_ARG_GLOBAL, 8, 8, ap::args, "m_axi_gmem"},
                                {"in", "stream", XRTEMU_ARG_STREAM, 0, 4, 0, "in"}};

// Counted auto-restart + mailbox (args from 0x1c): y = 2 * x + 1000 * runs so far.
std::atomic<int> g_tally_runs{0};
void tally_run(void* const* argv)
{
  int x;
  std::memcpy(&x, argv[0], 4);
  int y = 2 * x + 1000 * ++g_tally_runs;
  std::memcpy(argv[1], &y, 4);
}
const xrtemu_arg tally_args[] = {{"x", "int", XRTEMU_ARG_SCALAR, 4, 4, ap::mailbox_args, "s_axi_control"},
                                 {"y", "int&", XRTEMU_ARG_SCALAR, 4, 4, ap::mailbox_args + 8, "s_axi_control"}};
const xrtemu_kernel tally_model{"tally", XRTEMU_CTRL_CHAIN, 2, tally_args, tally_run};

const xrtemu_kernel hs_model{"gated_hs", XRTEMU_CTRL_HS, 1, scalar_arg, gated_run};
const xrtemu_kernel chain_model{"gated_chain", XRTEMU_CTRL_CHAIN, 1, scalar_arg, gated_run};
const xrtemu_kernel stuck_model{"stuck", XRTEMU_CTRL_HS, 1, stream_arg, stuck_run};
const xrtemu_kernel gen_model{"gen", XRTEMU_CTRL_HS, 2, gen_args, gen_run};
const xrtemu_kernel triple_model{"triple", XRTEMU_CTRL_NONE, 2, triple_args, triple_run};
const xrtemu_kernel sink_model{"sink", XRTEMU_CTRL_HS, 2, sink_args, sink_run};

platform_desc test_platform()
{
  platform_desc p;
  p.name = "protocol_bench";
  p.vbnv = "xrtemu_protocol_bench";
  p.shell = "pcie";
  p.banks = {{"DDR[0]", bank_kind::ddr, 0, 1ull << 30}};
  p.max_cus = 8;
  return p;
}

card& the_card()
{
  static simulation& sim = simulation::start({test_platform()});
  return sim.get(0);
}

cu_desc make_cu(const std::string& name, const xrtemu_kernel& k)
{
  cu_desc d;
  d.name = name;
  d.kernel = k.name;
  d.control = k.control;
  d.model = &k;
  for (uint32_t i = 0; i < k.num_args; ++i)
    d.args.push_back({k.args[i].name, k.args[i].kind, k.args[i].offset, k.args[i].size, {}});
  return d;
}

// CU 0: hs, 1: chain, 2: stuck, 3: gen, 4: triple (free-running), 5: sink,
// 6: tally (counted auto-restart, mailbox both).
void program_bench(card& c)
{
  program_desc p;
  p.cus = {make_cu("hs_1", hs_model), make_cu("chain_1", chain_model), make_cu("stuck_1", stuck_model),
           make_cu("gen_1", gen_model), make_cu("triple_1", triple_model), make_cu("sink_1", sink_model),
           make_cu("tally_1", tally_model)};
  p.cus[6].args[1].output = true;
  p.cus[6].counted_auto_restart = p.cus[6].mailbox_in = p.cus[6].mailbox_out = true;
  p.links = {{3, 1, 4, 0, 4}, {4, 1, 5, 1, 0}};   // gen.out -> triple.in (depth 4) -> sink.in
  c.program(std::move(p));
  card_options o;
  o.profile = true;
  o.deadlock_ms = 200;
  c.configure(o);
  g_gate.reset();
}

// Reads AP_CTRL until pred(value) holds (the CU moves on its own thread).
template <typename Pred>
uint32_t ctrl_until(card& c, unsigned cu, Pred pred)
{
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  uint32_t v;
  do
    v = c.read_register(cu, 0);
  while (!pred(v) && std::chrono::steady_clock::now() < deadline);
  return v;
}

} // namespace

TEST_CASE("ap_ctrl_hs: start, busy, done+ready+idle, clear on read, ISR toggle", "[emu][protocol]")
{
  auto& c = the_card();
  program_bench(c);
  CHECK(c.read_register(0, ap::ctrl) == ap::idle);      // power-on: idle only
  c.write_register(0, ap::args, 7);
  c.write_register(0, ap::gie, ap::gie_enable);
  c.write_register(0, ap::ier, ap::irq_done | ap::irq_ready);
  c.write_register(0, ap::ctrl, ap::start);
  REQUIRE(g_gate.wait_entered(1));
  CHECK(c.read_register(0, ap::ctrl) == 0);                   // start taken, not idle, not done
  // A second start while busy stays pending: hs runs one at a time.
  c.write_register(0, ap::ctrl, ap::start);
  CHECK(c.read_register(0, ap::ctrl) == ap::start);
  g_gate.release();
  // done, ready and idle rise together; the read clears done and ready
  // (and the pending start is taken at once, so idle drops again).
  uint32_t v = ctrl_until(c, 0, [](uint32_t x) { return x & ap::done; });
  CHECK((v & (ap::done | ap::ready)) == (ap::done | ap::ready));
  REQUIRE(g_gate.wait_entered(2));
  CHECK((c.read_register(0, ap::ctrl) & (ap::done | ap::ready)) == 0);
  CHECK(c.read_register(0, ap::isr) == (ap::irq_done | ap::irq_ready));
  c.write_register(0, ap::isr, ap::irq_done);   // toggle done off
  CHECK(c.read_register(0, ap::isr) == ap::irq_ready);
  c.write_register(0, ap::isr, ap::irq_ready);
  CHECK(c.read_register(0, ap::isr) == 0);
  g_gate.release();
  v = ctrl_until(c, 0, [](uint32_t x) { return x & ap::done; });
  CHECK(v == (ap::done | ap::ready | ap::idle));
  CHECK(c.read_register(0, ap::ctrl) == ap::idle);
  CHECK(c.read_register(0, ap::isr) == (ap::irq_done | ap::irq_ready));
  CHECK(g_gate.seen == std::vector<uint32_t>{7, 7});
}

TEST_CASE("ap_ctrl_hs: auto_restart re-arms ap_start until cleared", "[emu][protocol]")
{
  auto& c = the_card();
  program_bench(c);
  c.write_register(0, ap::args, 1);
  c.write_register(0, ap::ctrl, ap::start | ap::auto_restart);
  REQUIRE(g_gate.wait_entered(1));
  CHECK((c.read_register(0, ap::ctrl) & ap::auto_restart) != 0);
  g_gate.release(2);
  REQUIRE(g_gate.wait_entered(3));                        // restarted twice on its own
  c.write_register(0, ap::ctrl, 0);                           // clear auto_restart
  g_gate.release();
  REQUIRE(g_gate.wait_finished(3));
  uint32_t v = ctrl_until(c, 0, [](uint32_t x) { return x & ap::idle; });
  CHECK((v & (ap::start | ap::auto_restart)) == 0);
  CHECK(g_gate.entered == 3);
}

TEST_CASE("ap_ctrl_chain: ready on input, next start before done, done held until ap_continue", "[emu][protocol]")
{
  auto& c = the_card();
  program_bench(c);
  const unsigned cu = 1;
  CHECK(c.read_register(cu, ap::ctrl) == ap::idle);
  c.write_register(cu, ap::args, 1);
  c.write_register(cu, ap::ctrl, ap::start);
  REQUIRE(g_gate.wait_entered(1));
  // Inputs taken: ap_start cleared and ap_ready raised at once (clear on read).
  uint32_t v = ctrl_until(c, cu, [](uint32_t x) { return x & ap::ready; });
  CHECK(v == ap::ready);
  CHECK(c.read_register(cu, ap::ctrl) == 0);
  // Run 2 is accepted while run 1 is still inside the kernel.
  c.write_register(cu, ap::args, 2);
  c.write_register(cu, ap::ctrl, ap::start);
  v = ctrl_until(c, cu, [](uint32_t x) { return !(x & ap::start); });
  CHECK(v == ap::ready);
  // A third start waits: two runs are in flight.
  c.write_register(cu, ap::args, 3);
  c.write_register(cu, ap::ctrl, ap::start);
  CHECK(c.read_register(cu, ap::ctrl) == ap::start);
  // Run 1 finishes: ap_done rises and is NOT cleared by reading.
  g_gate.release();
  v = ctrl_until(c, cu, [](uint32_t x) { return x & ap::done; });
  CHECK((v & ap::done) != 0);
  CHECK((c.read_register(cu, ap::ctrl) & ap::done) != 0);
  // Run 2 finishes too, but cannot hand over its done before ap_continue.
  REQUIRE(g_gate.wait_entered(2));
  g_gate.release();
  REQUIRE(g_gate.wait_finished(2));
  c.write_register(cu, ap::ctrl, ap::cont);
  // The continue frees done; run 2's done follows, run 3 was taken meanwhile.
  v = ctrl_until(c, cu, [](uint32_t x) { return x & ap::done; });
  CHECK((v & ap::done) != 0);
  c.write_register(cu, ap::ctrl, ap::cont);
  REQUIRE(g_gate.wait_entered(3));
  g_gate.release();
  v = ctrl_until(c, cu, [](uint32_t x) { return x & ap::done; });
  CHECK((v & ap::idle) != 0);                        // nothing else in flight
  c.write_register(cu, ap::ctrl, ap::cont);
  CHECK(c.read_register(cu, ap::ctrl) == ap::idle);
  CHECK(g_gate.seen == std::vector<uint32_t>{1, 2, 3});
}

TEST_CASE("ap_ctrl_chain through the scheduler: run N+1 starts before run N is done", "[emu][protocol]")
{
  auto& c = the_card();
  program_bench(c);
  g_gate.release(1000);   // bodies pass straight through
  size_t first = c.events().size();
  std::vector<packet> pk;
  for (uint32_t i = 0; i < 6; ++i)
    pk.emplace_back(std::vector<uint32_t>{1u << 1}, regmap({{ap::args, i}}));
  std::atomic<int> done{0};
  for (auto& p : pk)
    c.submit(p.words.data(), p.words.size() * 4, [&](cmd_state) { ++done; });
  for (auto& p : pk)
    while ((p.state() & 0xf) < ERT_CMD_STATE_COMPLETED)
      std::this_thread::yield();
  for (auto& p : pk)
    CHECK(p.state() == ERT_CMD_STATE_COMPLETED);
  CHECK(g_gate.seen == std::vector<uint32_t>{0, 1, 2, 3, 4, 5});
  // From the profile: some start of the chain CU precedes the previous done.
  auto ev = c.events();
  int starts = 0, dones = 0, overlaps = 0;
  for (size_t i = first; i < ev.size(); ++i) {
    auto& e = ev[i];
    if (e.cu != 1)
      continue;
    if (e.what == profile_event::cu_start) {
      if (starts > dones)
        ++overlaps;
      ++starts;
    }
    if (e.what == profile_event::cu_done)
      ++dones;
  }
  CHECK(starts == 6);
  CHECK(dones == 6);
  CHECK(overlaps > 0);
}

TEST_CASE("ap_sw_reset: a hung run is dropped and the CU takes the next start", "[emu][protocol]")
{
  auto& c = the_card();
  program_bench(c);
  c.write_register(0, ap::args, 5);
  c.write_register(0, ap::ctrl, ap::start);
  REQUIRE(g_gate.wait_entered(1));
  c.write_register(0, ap::ctrl, ap::sw_reset);
  uint32_t v = ctrl_until(c, 0, [](uint32_t x) { return !(x & ap::sw_reset); });
  CHECK(v == ap::idle);
  g_gate.release(2);   // lets the abandoned body end; the next run passes through
  c.write_register(0, ap::ctrl, ap::start);
  v = ctrl_until(c, 0, [](uint32_t x) { return x & ap::done; });
  CHECK((v & ap::done) != 0);
}

TEST_CASE("abort: a queued and a running command end ABORT; the CU works afterwards", "[emu][protocol]")
{
  auto& c = the_card();
  program_bench(c);
  packet first({1}, regmap({{ap::args, 1}})), second({1}, regmap({{ap::args, 2}}));
  std::atomic<int> done{0};
  c.submit(first.words.data(), first.words.size() * 4, [&](cmd_state) { ++done; });
  REQUIRE(g_gate.wait_entered(1));
  c.submit(second.words.data(), second.words.size() * 4, [&](cmd_state) { ++done; });
  c.abort(second.words.data());
  CHECK(second.state() == ERT_CMD_STATE_ABORT);
  c.abort(first.words.data());
  CHECK(first.state() == ERT_CMD_STATE_ABORT);
  g_gate.release(2);
  packet third({1}, regmap({{ap::args, 3}}));
  CHECK(xrtemu::emu::test::run(c, third) == cmd_state::completed);
}

TEST_CASE("cu_timeout_ms: a run that never finishes ends TIMEOUT", "[emu][protocol]")
{
  auto& c = the_card();
  program_bench(c);
  card_options o = c.options();
  o.cu_timeout_ms = 50;
  c.configure(o);
  packet p({1}, regmap({{ap::args, 9}}));   // hs_1, held at the gate
  CHECK(xrtemu::emu::test::run(c, p) == cmd_state::timeout);
  o.cu_timeout_ms = 0;
  c.configure(o);
  g_gate.release(2);
  packet q({1}, regmap({{ap::args, 10}}));
  CHECK(xrtemu::emu::test::run(c, q) == cmd_state::completed);
}

TEST_CASE("a stream argument without stream_connect fails the run, naming the port", "[emu][stream]")
{
  auto& c = the_card();
  program_bench(c);
  std::string msg;
  c.set_log([&](const std::string& s) { msg += s; });
  packet p({1u << 2}, regmap({}));   // stuck_1.in is not connected
  CHECK(xrtemu::emu::test::run(c, p) == cmd_state::error);
  c.set_log({});
  CHECK(msg.find("stuck_1.in") != std::string::npos);
}

TEST_CASE("stream pipeline: hs producer -> free-running filter -> hs consumer", "[emu][stream]")
{
  auto& c = the_card();
  program_bench(c);
  const uint32_t n = 100;   // more than the link depths: back-pressure happens
  packet sink({1u << 5}, regmap({{ap::args, 0x1000}}));
  packet gen({1u << 3}, regmap({{ap::args, n}}));
  std::atomic<int> done{0};
  c.submit(sink.words.data(), sink.words.size() * 4, [&](cmd_state) { ++done; });   // consumer first, as hosts often do
  c.submit(gen.words.data(), gen.words.size() * 4, [&](cmd_state) { ++done; });
  while (done < 2)
    std::this_thread::yield();
  CHECK(gen.state() == ERT_CMD_STATE_COMPLETED);
  CHECK(sink.state() == ERT_CMD_STATE_COMPLETED);
  std::vector<uint32_t> out(n);
  c.dma_read(0x1000, out.data(), n * 4);
  for (uint32_t i = 0; i < n; ++i)
    CHECK(out[i] == 3 * (i + 1));
}

TEST_CASE("stream deadlock is reported and fails the runs; the card stays usable", "[emu][stream]")
{
  auto& c = the_card();
  program_bench(c);
  std::vector<std::string> logs;
  std::mutex m;
  c.set_log([&](const std::string& s) { std::lock_guard<std::mutex> lk(m); logs.push_back(s); });
  packet sink({1u << 5}, regmap({{ap::args, 0x2000}}));   // waits for TLAST that never comes
  CHECK(xrtemu::emu::test::run(c, sink) == cmd_state::error);
  {
    std::lock_guard<std::mutex> lk(m);
    std::string all;
    for (auto& s : logs)
      all += s + "\n";
    CHECK(all.find("stream deadlock") != std::string::npos);
    CHECK(all.find("triple_1.out -> sink_1.in") != std::string::npos);
    CHECK(all.find("sink_1") != std::string::npos);
  }
  bool seen = false;
  for (auto& e : c.events())
    seen |= e.what == profile_event::deadlock;
  CHECK(seen);
  c.set_log({});
  // The pipeline still works.
  packet sink2({1u << 5}, regmap({{ap::args, 0x3000}}));
  packet gen({1u << 3}, regmap({{ap::args, 10}}));
  std::atomic<int> done{0};
  c.submit(sink2.words.data(), sink2.words.size() * 4, [&](cmd_state) { ++done; });
  c.submit(gen.words.data(), gen.words.size() * 4, [&](cmd_state) { ++done; });
  while (done < 2)
    std::this_thread::yield();
  CHECK(sink2.state() == ERT_CMD_STATE_COMPLETED);
  uint32_t last = 0;
  c.dma_read(0x3000 + 9 * 4, &last, 4);
  CHECK(last == 30);
}

TEST_CASE("completion by polling gives the same results and says so in the profile", "[emu][protocol]")
{
  auto& c = the_card();
  for (bool polling : {false, true}) {
    program_bench(c);
    card_options o = c.options();
    o.polling = polling;
    c.configure(o);
    g_gate.release(100);
    std::vector<packet> pk;
    for (uint32_t i = 0; i < 5; ++i)
      pk.emplace_back(std::vector<uint32_t>{1u << (i % 2)}, regmap({{ap::args, i}}));
    for (auto& p : pk)
      CHECK(xrtemu::emu::test::run(c, p) == cmd_state::completed);
    int via = 0;
    for (auto& e : c.events())
      if (e.what == profile_event::cmd_done)
        via += std::string(e.via) == (polling ? "polling" : "interrupt");
    CHECK(via >= 5);
    // Polling leaves interrupts off.
    CHECK(c.read_register(0, ap::gie) == (polling ? 0u : ap::gie_enable));
  }
}

TEST_CASE("counted auto-restart and mailbox: n runs per start, staged inputs, outputs on request", "[emu][protocol]")
{
  auto& c = the_card();
  program_bench(c);
  g_tally_runs = 0;
  const unsigned cu = 6;
  const uint32_t x = ap::mailbox_args, y = ap::mailbox_args + 8;
  // Idle: a released input copy is taken at once (busy never shows).
  c.write_register(cu, x, 5);
  c.write_register(cu, ap::mailbox_in, ap::mailbox_release);
  CHECK(c.read_register(cu, ap::mailbox_in) == ap::mailbox_release);
  c.write_register(cu, ap::auto_restart_counter, 3);
  c.write_register(cu, ap::ctrl, ap::start);
  uint32_t v = ctrl_until(c, cu, [](uint32_t r) { return r & ap::done; });
  CHECK((v & ap::done) != 0);
  CHECK(g_tally_runs == 3);                                  // three runs, one done
  CHECK(c.read_register(cu, ap::auto_restart_counter) == 0);
  // Outputs reach the host's side only on a read request.
  CHECK(c.read_register(cu, y) == 0);
  c.write_register(cu, ap::mailbox_out, ap::mailbox_release);
  CHECK(c.read_register(cu, y) == 2 * 5 + 3000);
  CHECK((c.read_register(cu, y + 4) & ap::ap_vld) != 0);
  c.write_register(cu, ap::ctrl, ap::cont);                  // chain: acknowledge the done

  // Forever: runs until the counter is written 0; a new input is staged.
  c.write_register(cu, ap::auto_restart_counter, ap::restart_forever);
  c.write_register(cu, ap::ctrl, ap::start);
  while (g_tally_runs < 10)
    std::this_thread::yield();
  CHECK(c.read_register(cu, ap::auto_restart_counter) == ap::restart_forever);
  CHECK((c.read_register(cu, ap::ctrl) & ap::done) == 0);
  c.write_register(cu, ap::mailbox_in, 0);                   // acquire, change, release
  c.write_register(cu, x, 7);
  c.write_register(cu, ap::mailbox_in, ap::mailbox_release);
  int seen = 0;
  for (int i = 0; i < 1000 && seen % 1000 != 14; ++i) {
    c.write_register(cu, ap::mailbox_out, 0);
    c.write_register(cu, ap::mailbox_out, ap::mailbox_release);
    seen = static_cast<int>(c.read_register(cu, y));
  }
  CHECK(seen % 1000 == 14);                                   // 2 * 7 from a later run
  CHECK((c.read_register(cu, ap::mailbox_in) & ap::mailbox_busy) == 0);
  c.write_register(cu, ap::auto_restart_counter, 0);         // stop after the current run
  v = ctrl_until(c, cu, [](uint32_t r) { return r & ap::done; });
  CHECK((v & ap::done) != 0);
  int runs = g_tally_runs;
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(g_tally_runs == runs);                                // no more runs
}
