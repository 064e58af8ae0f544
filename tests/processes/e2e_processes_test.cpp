// Host processes and the emulated card: two hosts on it at once, a host
// killed with SIGKILL mid-run, a host that forks, 1,000 device open/close
// cycles.  Every host is a stock-XRT program in its own process.
#include <catch2/catch.hpp>

#include "child_process.h"

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace test = xrtemu::test;
using Catch::Matchers::Contains;

namespace {

std::vector<std::string> host(const std::string& scenario)
{
  return {test::bin("process_scenarios"), scenario, test::xclbin_dir()};
}

// A host started in the background; its stdout and stderr come through a
// pipe, read up to a line containing `marker`.
struct background
{
  pid_t pid = -1;
  int out = -1;

  explicit background(const std::vector<std::string>& argv)
  {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::dup2(fds[1], 1);
      ::dup2(fds[1], 2);
      ::close(fds[0]);
      ::close(fds[1]);
      ::setenv("XILINX_XRT", XRTEMU_PLATFORM_DIR, 1);
      std::vector<char*> args;
      for (auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out = fds[0];
  }
  ~background()
  {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    if (out >= 0)
      ::close(out);
  }
  std::string read_until(const std::string& marker)
  {
    std::string text;
    char c;
    while (text.find(marker) == std::string::npos && ::read(out, &c, 1) == 1)
      text += c;
    return text;
  }
  void kill9()
  {
    ::kill(pid, SIGKILL);
    int st = 0;
    ::waitpid(pid, &st, 0);
    CHECK(WIFSIGNALED(st));
    pid = -1;
  }
};

bool segment_exists(pid_t pid)
{
  struct stat st;
  return ::stat(("/dev/shm/xrtemu." + std::to_string(pid)).c_str(), &st) == 0;
}

bool context_table_exists()
{
  bool found = false;
  if (auto* d = ::opendir("/dev/shm")) {
    while (auto* e = ::readdir(d))
      found |= std::string(e->d_name).rfind("xrtemu-contexts.", 0) == 0;
    ::closedir(d);
  }
  return found;
}

} // namespace

TEST_CASE("CU contexts across processes follow the driver: exclusive refuses all others, shared refuses exclusive")
{
  SECTION("a CU held exclusively by a running host")
  {
    background holder(host("hold_exclusive"));
    REQUIRE_THAT(holder.read_until("HOLDING"), Contains("HOLDING"));
    auto r = test::run(host("shared_refused"));
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Contains("process " + std::to_string(holder.pid)));
    CHECK_THAT(r.output, Contains("SCENARIO PASSED"));
    // Killed without closing its context: the next host drops the dead
    // process's row and gets the CU.
    holder.kill9();
  }
  SECTION("a CU shared by a running host")
  {
    background holder(host("hold_shared"));
    REQUIRE_THAT(holder.read_until("HOLDING"), Contains("HOLDING"));
    auto r = test::run(host("exclusive_refused"));
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Contains("SCENARIO PASSED"));
    // A shared context beside a shared one is fine.
    auto t = test::run(host("tag"));
    INFO(t.output);
    CHECK(t.status == 0);
    holder.kill9();
  }
  auto after = test::run(host("tag"));
  INFO(after.output);
  CHECK(after.status == 0);
  CHECK_THAT(after.output, Contains("SCENARIO PASSED"));
  // The last host to close a context removes the table: no shared memory
  // is left behind.
  CHECK_FALSE(context_table_exists());
}

TEST_CASE("two hosts on one card at once, then the one with a hung kernel is killed with SIGKILL")
{
  background hung(host("hang"));
  auto said = hung.read_until("RUNNING");
  INFO(said);
  REQUIRE_THAT(said, Contains("RUNNING"));
  auto pid = hung.pid;

  // A second host uses the card while the first one's kernel hangs.
  auto other = test::run(host("tag"));
  INFO(other.output);
  CHECK(other.status == 0);

  hung.kill9();
  // SIGKILL gives the host no chance to clean up: its status segment stays
  // until the next host on the machine starts, which removes it.
  auto next = test::run(host("tag"));
  INFO(next.output);
  CHECK(next.status == 0);
  CHECK_THAT(next.output, Contains("SCENARIO PASSED"));
  CHECK_FALSE(segment_exists(pid));
}

TEST_CASE("a host that forks: a child that _exits and a child that execs another host; the parent runs on")
{
  auto r = test::run(host("fork_child"));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("children exited cleanly") && Contains("SCENARIO PASSED"));
}

TEST_CASE("1,000 device open/close cycles do not grow file descriptors or memory")
{
  auto r = test::run(host("open_close"));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("after 1000") && Contains("SCENARIO PASSED"));
}
