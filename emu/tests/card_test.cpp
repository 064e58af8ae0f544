// The card end to end, without XRT: ERT packets built by hand go through the
// scheduler to CUs running an in-test kernel model.  One SystemC
// elaboration per process, so every case shares one simulation.
#include "xrtemu/control_registers.h"
#include "xrtemu/emu/card.h"
#include "xrtemu/model_glue.hpp"

#include <ert.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

namespace ap = xrtemu::ap;
#include <vector>

using namespace xrtemu::emu;

extern "C" void test_vadd(const int* a, const int* b, int* c, int n)
{
  for (int i = 0; i < n; ++i)
    c[i] = a[i] + b[i];
}

extern "C" void test_throw(int)
{
  throw std::runtime_error("kernel failure on purpose");
}

namespace {

using vadd_k = xrtemu::glue::kernel<&test_vadd>;
using throw_k = xrtemu::glue::kernel<&test_throw>;
constexpr auto vadd_args = vadd_k::args({"a", "b", "c", "n"}, {nullptr, nullptr, nullptr, nullptr});
constexpr auto throw_args = throw_k::args({"x"}, {nullptr});
const xrtemu_kernel vadd_model{"test_vadd", XRTEMU_CTRL_HS, 4, vadd_args.a, &vadd_k::run};
const xrtemu_kernel throw_model{"test_throw", XRTEMU_CTRL_HS, 1, throw_args.a, &throw_k::run};

card& the_card()
{
  static simulation& sim = simulation::start({load_platform(std::string(XRTEMU_SOURCE_DIR) +
                                                            "/share/xrtemu/platforms/xrtemu_u250.json")});
  return sim.get(0);
}

cu_desc vadd_cu(const std::string& name, uint64_t base, std::vector<uint64_t> allowed = {})
{
  cu_desc d;
  d.name = name;
  d.kernel = "test_vadd";
  d.base = base;
  d.model = &vadd_model;
  d.args = {{"a", XRTEMU_ARG_GLOBAL, 0x10, 8, allowed}, {"b", XRTEMU_ARG_GLOBAL, 0x1c, 8, allowed},
            {"c", XRTEMU_ARG_GLOBAL, 0x28, 8, allowed}, {"n", XRTEMU_ARG_SCALAR, 0x34, 4, {}}};
  return d;
}

// One ERT_START_CU packet with a register payload up to 0x38.
struct packet
{
  std::vector<uint32_t> words;
  packet(uint32_t cumask, uint64_t a, uint64_t b, uint64_t c, int n)
  {
    words.assign(2 + 14, 0);
    uint32_t count = 1 + 14;
    words[0] = ERT_CMD_STATE_NEW | (count << 12) | (ERT_START_CU << 23);
    words[1] = cumask;
    uint32_t* regs = &words[2];
    regs[0x10 / 4] = uint32_t(a); regs[0x14 / 4] = uint32_t(a >> 32);
    regs[0x1c / 4] = uint32_t(b); regs[0x20 / 4] = uint32_t(b >> 32);
    regs[0x28 / 4] = uint32_t(c); regs[0x2c / 4] = uint32_t(c >> 32);
    regs[0x34 / 4] = uint32_t(n);
  }
  uint32_t state() const { return words[0] & 0xf; }
};

struct waiter
{
  std::mutex m;
  std::condition_variable cv;
  int done = 0;
  std::vector<cmd_state> states;
  std::function<void(cmd_state)> cb()
  {
    return [this](cmd_state s) {
      std::lock_guard<std::mutex> lk(m);
      ++done;
      states.push_back(s);
      cv.notify_all();
    };
  }
  bool wait_for(int n)
  {
    std::unique_lock<std::mutex> lk(m);
    return cv.wait_for(lk, std::chrono::seconds(20), [&] { return done >= n; });
  }
};

} // namespace

TEST_CASE("vadd packets run on the CUs their masks name", "[emu][card]")
{
  auto& c = the_card();
  program_desc p;
  p.cus.push_back(vadd_cu("vadd_1", 0x1800000));
  p.cus.push_back(vadd_cu("vadd_2", 0x1810000));
  c.program(p);
  REQUIRE(c.num_cus() == 2);

  const int n = 1000;
  const uint64_t A = 0x1000, B = 0x400001000ULL, C = 0x800001000ULL;
  std::vector<int> a(n), b(n), out(n);
  for (int i = 0; i < n; ++i) { a[i] = i; b[i] = 3 * i; }
  c.dma_write(A, a.data(), n * 4);
  c.dma_write(B, b.data(), n * 4);

  waiter w;
  std::vector<packet> pk;
  for (int i = 0; i < 8; ++i)
    pk.emplace_back(i % 2 ? 2u : 3u, A, B, C + 0x10000 * i, n);
  for (auto& x : pk)
    c.submit(x.words.data(), x.words.size() * 4, w.cb());
  REQUIRE(w.wait_for(8));
  for (int i = 0; i < 8; ++i) {
    CHECK(pk[i].state() == ERT_CMD_STATE_COMPLETED);
    c.dma_read(C + 0x10000 * i, out.data(), n * 4);
    CHECK(out[n - 1] == 4 * (n - 1));
  }
  auto st = c.status();
  REQUIRE(st.size() == 2);
  CHECK(st[0].runs + st[1].runs == 8);
  CHECK(st[1].runs >= 4);
}

TEST_CASE("bad commands fail and leave the card usable", "[emu][card]")
{
  auto& c = the_card();
  program_desc p;
  p.cus.push_back(vadd_cu("vadd_1", 0x1800000, {0x0}));   // only DDR[0]
  cu_desc t;
  t.name = "throw_1";
  t.kernel = "test_throw";
  t.base = 0x1810000;
  t.model = &throw_model;
  t.args = {{"x", XRTEMU_ARG_SCALAR, 0x10, 4, {}}};
  p.cus.push_back(t);
  c.program(p);

  waiter w;
  packet unprogrammed(1u << 5, 0, 0, 0, 1);
  packet wrong_bank(1, 0x1000, 0x400001000ULL, 0x2000, 4);     // b in DDR[1]
  packet unmapped(1, 0x1000, 0x1000, 0x100000000000ULL, 4);   // nowhere
  packet throws(2, 0, 0, 0, 0);
  packet good(1, 0x1000, 0x1000, 0x2000, 4);
  // Its count (15 words) runs past its command buffer (8 words): refused,
  // nothing read beyond the buffer (ASan watches this in the sanitizer build).
  packet overrun(1, 0x1000, 0x1000, 0x2000, 4);
  overrun.words.resize(8);
  overrun.words.shrink_to_fit();
  for (auto* x : {&unprogrammed, &wrong_bank, &unmapped, &throws, &overrun, &good})
    c.submit(x->words.data(), x->words.size() * 4, w.cb());
  REQUIRE(w.wait_for(6));
  CHECK(unprogrammed.state() == ERT_CMD_STATE_ERROR);
  CHECK(wrong_bank.state() == ERT_CMD_STATE_ERROR);
  CHECK(unmapped.state() == ERT_CMD_STATE_ERROR);
  CHECK(throws.state() == ERT_CMD_STATE_ERROR);
  CHECK(overrun.state() == ERT_CMD_STATE_ERROR);
  CHECK(good.state() == ERT_CMD_STATE_COMPLETED);
}

TEST_CASE("register access follows the HLS control block map", "[emu][card]")
{
  auto& c = the_card();
  program_desc p;
  p.cus.push_back(vadd_cu("vadd_1", 0x1800000));
  c.program(p);
  CHECK(c.read_register(0, ap::ctrl) == ap::idle);
  c.write_register(0, 0x34, 0);                   // n = 0: an empty run
  c.write_register(0, ap::ier, ap::irq_done);
  c.write_register(0, ap::gie, ap::gie_enable);
  c.write_register(0, ap::ctrl, ap::start);
  uint32_t ctrl = 0;
  for (int i = 0; i < 10000 && !(ctrl & ap::done); ++i)
    ctrl = c.read_register(0, ap::ctrl);
  CHECK((ctrl & (ap::done | ap::idle)) == (ap::done | ap::idle));
  CHECK((c.read_register(0, ap::ctrl) & ap::done) == 0);   // done cleared by the read
  CHECK(c.read_register(0, ap::isr) == ap::irq_done);
  c.write_register(0, ap::isr, ap::irq_done);               // toggle clears
  CHECK(c.read_register(0, ap::isr) == 0);
  CHECK_THROWS_WITH(c.read_register(0, 0x10002), Catch::Contains("outside CU vadd_1"));
  CHECK_THROWS(c.read_register(3, 0));
}

TEST_CASE("DMA outside the banks is refused by address", "[emu][card]")
{
  auto& c = the_card();
  char buf[16] = {};
  CHECK_NOTHROW(c.dma_write((16ULL << 30) - 8, buf, 16));   // DDR[0] into DDR[1]: back to back
  CHECK_THROWS_WITH(c.dma_write(c.platform().banks.back().base + c.platform().banks.back().size - 8, buf, 16),
                    Catch::Contains(c.platform().banks.back().tag));
  CHECK_THROWS_WITH(c.dma_read(1ULL << 40, buf, 16), Catch::Contains("not inside one memory bank"));
  int host[4] = {1, 2, 3, 4};
  c.map_host_window(0x700000000000ULL, host, sizeof host);
  int back[4] = {};
  c.dma_read(0x700000000000ULL, back, sizeof back);
  CHECK(back[3] == 4);
  c.unmap_host_window(0x700000000000ULL);
}
