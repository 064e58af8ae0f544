// Process exit with the simulation running (the host may never close
// anything): exit must neither hang nor crash, even with a kernel running.
#include "xrtemu/emu/card.h"
#include "xrtemu/model_glue.hpp"

#include <ert.h>

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

using namespace xrtemu::emu;

namespace {

extern "C" void slow(int ms)
{
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

using slow_k = xrtemu::glue::kernel<&slow>;
const auto slow_args = slow_k::args({"ms"}, {nullptr});
const xrtemu_kernel slow_model{"slow", XRTEMU_CTRL_HS, 1, slow_args.a, slow_k::run};

// Child: start a card, submit a run of `ms` milliseconds, exit after `wait_ms`.
[[noreturn]] void child(int ms, int wait_ms, bool explicit_shutdown)
{
  platform_desc p;
  p.name = "exit_card";
  p.vbnv = "xrtemu_test";
  p.banks = {{"DDR[0]", bank_kind::ddr, 0, 1 << 20}};
  p.max_cus = 2;
  auto& sim = simulation::start({p});
  auto& c = sim.get(0);
  program_desc prog;
  cu_desc d;
  d.name = "slow_1";
  d.kernel = "slow";
  d.model = &slow_model;
  d.args.push_back({"ms", XRTEMU_ARG_SCALAR, 0x10, 4, {}});
  prog.cus.push_back(d);
  c.program(std::move(prog));
  static uint32_t pkt[20];
  ert_start_kernel_cmd h{};
  h.opcode = ERT_START_CU;
  h.count = 1 + 5;
  pkt[0] = h.header;
  pkt[1] = 1;
  pkt[2 + 4] = static_cast<uint32_t>(ms);
  c.submit(pkt, sizeof pkt, [](cmd_state) {});
  std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
  if (explicit_shutdown)
    sim.shutdown();
  std::exit(0);
}

int run_child(int ms, int wait_ms, bool explicit_shutdown)
{
  pid_t pid = fork();
  if (pid == 0)
    child(ms, wait_ms, explicit_shutdown);
  // Give it 10 s; a hang is a failure.
  for (int i = 0; i < 1000; ++i) {
    int st = 0;
    if (waitpid(pid, &st, WNOHANG) == pid)
      return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

} // namespace

TEST_CASE("exit while idle", "[emu][shutdown]")
{
  ::setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  CHECK(run_child(1, 50, false) == 0);
}

TEST_CASE("exit while a kernel runs", "[emu][shutdown]")
{
  CHECK(run_child(300, 20, false) == 0);
}

TEST_CASE("explicit shutdown, then exit", "[emu][shutdown]")
{
  CHECK(run_child(300, 20, true) == 0);
}
