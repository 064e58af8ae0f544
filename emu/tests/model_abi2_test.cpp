// What a CU passes a kernel body beyond ABI 1 (kernel_model.h, ABI 2): a
// GLOBAL argument's struct xrtemu_global (host pointer first, then the
// device address and the DMI window of its bank) and argv[num_args], the
// run info.  RTL models (kernels/include/xrtemu/rtl) depend on both.
#include "xrtemu/emu/card.h"

#include <ert.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

using namespace xrtemu::emu;

namespace {

struct seen
{
  xrtemu_global g{};
  void* first_word = nullptr;   // what an ABI 1 body reads: a void*
  uint32_t n = 0;
  uint32_t info_size = 0;
  std::string cu;
  uint64_t run = 0;
  int cancelled = -1;
  int value = 0;
};
std::vector<seen> runs;

void body(void* const* argv)
{
  seen s;
  std::memcpy(&s.first_word, argv[0], sizeof(void*));
  s.g = *static_cast<const xrtemu_global*>(argv[0]);
  std::memcpy(&s.n, argv[1], 4);
  auto* info = static_cast<const xrtemu_run_info*>(argv[2]);
  s.info_size = info->size;
  s.cu = info->cu_name;
  s.run = info->run;
  s.cancelled = info->cancelled(info->ctx);
  s.value = *static_cast<int*>(s.g.host);
  runs.push_back(s);
}

const xrtemu_arg args[] = {{"a", "int*", XRTEMU_ARG_GLOBAL, 8, 8, 0x10, "m_axi_gmem"},
                           {"n", "unsigned int", XRTEMU_ARG_SCALAR, 4, 4, 0x1c, "s_axi_control"}};
const xrtemu_kernel model{"abi2", XRTEMU_CTRL_HS, 2, args, &body};

} // namespace

TEST_CASE("a CU hands bodies the device address, the DMI window and the run info", "[emu][abi2]")
{
  auto& sim = simulation::start({load_platform(std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/xrtemu_u250.json")});
  auto& c = sim.get(0);
  const auto& ddr1 = c.platform().banks.at(1);
  program_desc p;
  cu_desc d;
  d.name = "abi2_1";
  d.kernel = "abi2";
  d.base = 0x1800000;
  d.model = &model;
  d.args = {{"a", XRTEMU_ARG_GLOBAL, 0x10, 8, {}}, {"n", XRTEMU_ARG_SCALAR, 0x1c, 4, {}}};
  p.cus.push_back(d);
  c.program(p);

  const uint64_t A = ddr1.base + 0x2340;
  int v = 4711;
  c.dma_write(A, &v, 4);
  std::mutex m;
  std::condition_variable cv;
  int done = 0;
  for (int r = 0; r < 2; ++r) {
    std::vector<uint32_t> words(2 + 8, 0);
    words[0] = ERT_CMD_STATE_NEW | (9u << 12) | (ERT_START_CU << 23);
    words[1] = 1;
    words[2 + 0x10 / 4] = uint32_t(A);
    words[2 + 0x14 / 4] = uint32_t(A >> 32);
    words[2 + 0x1c / 4] = 77;
    c.submit(words.data(), words.size() * 4, [&](cmd_state) {
      std::lock_guard<std::mutex> lk(m);
      ++done;
      cv.notify_all();
    });
    std::unique_lock<std::mutex> lk(m);
    REQUIRE(cv.wait_for(lk, std::chrono::seconds(20), [&] { return done == r + 1; }));
    CHECK((words[0] & 0xf) == ERT_CMD_STATE_COMPLETED);
  }
  REQUIRE(runs.size() == 2);
  for (uint64_t r = 0; r < 2; ++r) {
    auto& s = runs[r];
    CHECK(s.first_word == s.g.host);                 // ABI 1 bodies see the host pointer
    CHECK(s.g.host == c.direct_pointer(A, 4));
    CHECK(s.value == 4711);
    CHECK(s.g.address == A);
    CHECK(s.g.window_base == ddr1.base);
    CHECK(s.g.window_size == ddr1.size);
    CHECK(s.g.window_host + (A - ddr1.base) == s.g.host);
    CHECK(s.n == 77);
    CHECK(s.info_size == sizeof(xrtemu_run_info));
    CHECK(s.cu == "abi2_1");
    CHECK(s.run == r);
    CHECK(s.cancelled == 0);
  }
  sim.shutdown();
}
