// Host processes doing what CI jobs do to a card: getting killed mid-run,
// forking, opening and closing the device over and over.  One scenario per
// process (<program> <scenario> <xclbin dir>), on exec_modes.xclbin.
#include "../hosts/scenario.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

namespace {

std::string dir;
std::string self;

xrt::uuid load(xrt::device& d) { return d.load_xclbin(dir + "/examples/exec_modes.xclbin"); }

// One run of the smallest kernel: out[0] = value.
void tag_once(xrt::device& d, const xrt::uuid& uuid, int value)
{
  xrt::kernel k(d, uuid, "tag");
  xrt::bo out(d, 4096, k.group_id(0));
  auto r = k(out, value);
  EXPECT(r.wait() == ERT_CMD_STATE_COMPLETED);
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  EXPECT(out.map<int*>()[0] == value);
}

size_t open_fds()
{
  size_t n = 0;
  if (auto* d = ::opendir("/proc/self/fd")) {
    while (auto* e = ::readdir(d))
      n += e->d_name[0] != '.';
    ::closedir(d);
  }
  return n;
}

// The memory the process holds, in KiB: its resident set.  Under
// AddressSanitizer (scripts/sanitize.sh) freed blocks sit in ASan's
// quarantine, so the resident set grows without any leak; there the heap
// bytes in use are counted instead.
#if defined(__SANITIZE_ADDRESS__)
} // namespace
// The ASan runtime's count (GCC ships no header declaring it).
extern "C" size_t __sanitizer_get_current_allocated_bytes();
namespace {
size_t memory_kib()
{
  return __sanitizer_get_current_allocated_bytes() / 1024;
}
#else
size_t memory_kib()
{
  std::ifstream in("/proc/self/statm");
  size_t pages = 0, resident = 0;
  in >> pages >> resident;
  return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}
#endif

bool segment_exists(pid_t pid)
{
  struct stat st;
  return ::stat(("/dev/shm/xrtemu." + std::to_string(pid)).c_str(), &st) == 0;
}

// Starts a kernel that never finishes (wait_flag with the flag 0), says so,
// and waits for it: the test kills this process with SIGKILL.
void hang()
{
  xrt::device d(0);
  auto uuid = load(d);
  xrt::kernel k(d, uuid, "wait_flag:{wait_flag_1}");
  xrt::bo flag(d, 4096, k.group_id(0));
  xrt::bo polls(d, 4096, k.group_id(1));
  flag.map<int*>()[0] = 0;
  flag.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  auto r = k(flag, polls);
  std::cout << "RUNNING pid " << ::getpid() << std::endl;
  r.wait();
}

// Runs, forks, and runs again while the children do their part: one that
// leaves with _exit, one that execs a new host using the card.  The parent's
// card and status segment must come through both.  (A child that calls
// exit() after its parent used XRT blocks in stock coreutil's own exit
// handler, xrt_core::kds::stop, on a card as here: XRT's command monitor
// thread is not in the child.  Such children should exec or _exit.)
void fork_child()
{
  xrt::device d(0);
  auto uuid = load(d);
  tag_once(d, uuid, 1);
  std::cout.flush();
  pid_t a = ::fork();
  if (a == 0)
    std::_Exit(0);
  pid_t b = ::fork();
  if (b == 0) {
    ::execl(self.c_str(), self.c_str(), "tag", dir.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  tag_once(d, uuid, 2);
  int st = 0;
  EXPECT(::waitpid(a, &st, 0) == a && WIFEXITED(st) && WEXITSTATUS(st) == 0);
  EXPECT(::waitpid(b, &st, 0) == b && WIFEXITED(st) && WEXITSTATUS(st) == 0);
  tag_once(d, uuid, 3);
  EXPECT(segment_exists(::getpid()));
  std::cout << "children exited cleanly; the parent ran on after them\n";
}

void tag()
{
  xrt::device d(0);
  tag_once(d, load(d), 7);
}

// 1,000 open/close cycles of the device (the xclbin loaded and one run
// every 100th): file descriptors must not grow at all, memory barely.
void open_close()
{
  size_t fds0 = 0, rss0 = 0;
  const int cycles = 1000;
  for (int i = 0; i < cycles; ++i) {
    {
      xrt::device d(0);
      if (i % 100 == 0)
        tag_once(d, load(d), i);
    }
    if (i == 99) {
      fds0 = open_fds();
      rss0 = memory_kib();
    }
  }
  auto fds1 = open_fds(), rss1 = memory_kib();
  std::cout << "after 100 cycles: " << fds0 << " fds, " << rss0 << " KiB; after " << cycles << ": " << fds1 << " fds, "
            << rss1 << " KiB\n";
  EXPECT(fds1 == fds0);
  EXPECT(rss1 < rss0 + 8 * 1024);   // well under 10 KiB per cycle
}

// CU contexts across processes (XRT's shared/exclusive access modes): one
// host holds a context on the tag CU and waits to be killed; another tries
// to open one that the driver's rules forbid.
void hold(xrt::kernel::cu_access_mode mode)
{
  xrt::device d(0);
  auto uuid = load(d);
  xrt::kernel k(d, uuid, "tag", mode);
  std::cout << "HOLDING pid " << ::getpid() << std::endl;
  for (;;)
    ::pause();
}

void refused(xrt::kernel::cu_access_mode mode, const std::string& reason)
{
  xrt::device d(0);
  auto uuid = load(d);
  try {
    xrt::kernel k(d, uuid, "tag", mode);
    EXPECT(!"the context was granted");
  }
  catch (const std::exception& e) {
    std::cout << "refused: " << e.what() << "\n";
    EXPECT(std::string(e.what()).find(reason) != std::string::npos);
  }
}

} // namespace

int main(int argc, char** argv)
{
  self = argv[0];
  return scenario::main(argc, argv,
                        {{"hang", hang},
                         {"fork_child", fork_child},
                         {"tag", tag},
                         {"open_close", open_close},
                         {"hold_exclusive", [] { hold(xrt::kernel::cu_access_mode::exclusive); }},
                         {"hold_shared", [] { hold(xrt::kernel::cu_access_mode::shared); }},
                         {"shared_refused",
                          [] { refused(xrt::kernel::cu_access_mode::shared, "has reserved it exclusively"); }},
                         {"exclusive_refused",
                          [] { refused(xrt::kernel::cu_access_mode::exclusive, "shares it"); }}},
                        dir);
}
