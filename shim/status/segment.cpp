#include "xrtemu/status/segment.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace xrtemu::status {

namespace {

uint64_t load_sequence(const segment* s) { return __atomic_load_n(&s->head.sequence, __ATOMIC_ACQUIRE); }

// The state letter of /proc/<pid>/stat ('R', 'S', 'Z' ...), 0 if unknown.
char process_state(int pid)
{
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line))
    return 0;
  auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() ? line[close + 2] : 0;
}

bool process_alive(int pid)
{
  if (pid <= 0 || (::kill(pid, 0) != 0 && errno != EPERM))
    return false;
  // A killed process its parent has not reaped yet is a zombie: gone for us.
  char st = process_state(pid);
  return st != 'Z' && st != 'X';
}

std::string describe(int pid) { return "process " + std::to_string(pid); }

bool all_zero(const char* p, size_t n)
{
  for (size_t i = 0; i < n; ++i)
    if (p[i])
      return false;
  return true;
}

// Read-only mapping of a whole segment file, unmapped on scope exit.
struct mapping
{
  const void* addr = MAP_FAILED;
  size_t size = 0;
  ~mapping() { if (addr != MAP_FAILED) ::munmap(const_cast<void*>(addr), size); }
};

void check_counts(const segment& s, int pid)
{
  auto bad = [&](const std::string& what) {
    throw read_error(read_error::corrupt, pid,
                     "the status segment of " + describe(pid) + " is corrupted (" + what + ")");
  };
  if (s.head.num_cards > max_cards)
    bad("it claims " + std::to_string(s.head.num_cards) + " cards; at most " + std::to_string(max_cards) + " fit");
  for (unsigned c = 0; c < s.head.num_cards; ++c) {
    auto& e = s.cards[c];
    auto field = [&](const char* name, uint32_t v, unsigned cap) {
      if (v > cap)
        bad("card " + std::to_string(c) + " claims " + std::to_string(v) + " " + name + "; at most " +
            std::to_string(cap) + " fit");
    };
    field("clocks", e.num_clocks, max_clocks);
    field("CUs", e.num_cus, max_cus);
    field("banks", e.num_banks, max_banks);
    field("stream links", e.num_links, max_links);
    for (unsigned l = 0; l < e.num_links; ++l)
      if (e.links[l].from_cu >= e.num_cus || e.links[l].to_cu >= e.num_cus)
        bad("card " + std::to_string(c) + " stream link " + std::to_string(l) + " names a CU that does not exist");
    if (e.completed > e.submitted)
      bad("card " + std::to_string(c) + " completed more commands than were submitted");
  }
}

} // namespace

std::string segment_name(int pid) { return "/xrtemu." + std::to_string(pid); }
std::string segment_path(int pid) { return "/dev/shm/xrtemu." + std::to_string(pid); }

bool same_process_alive(int pid, uint64_t start_ticks)
{
  if (!process_alive(pid))
    return false;
  auto now = process_start_ticks(pid);
  return !start_ticks || !now || now == start_ticks;
}

uint64_t process_start_ticks(int pid)
{
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line))
    return 0;
  // The name (field 2) is in parentheses and may hold anything: count from
  // the last ')'.  Field 22 is the start time.
  auto close = line.rfind(')');
  if (close == std::string::npos)
    return 0;
  std::istringstream rest(line.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 22; ++i)
    if (!(rest >> field))
      return 0;
  try {
    return std::stoull(field);
  }
  catch (...) {
    return 0;
  }
}

std::string text(const char* field, size_t size)
{
  return std::string(field, ::strnlen(field, size));
}

writer::writer() : m_pid(static_cast<int>(::getpid()))
{
  auto name = segment_name(m_pid);
  int fd = ::shm_open(name.c_str(), O_CREAT | O_EXCL | O_RDWR, 0600);
  if (fd < 0 && errno == EEXIST) {
    // Left behind by an earlier process that had our pid and died.
    ::shm_unlink(name.c_str());
    fd = ::shm_open(name.c_str(), O_CREAT | O_EXCL | O_RDWR, 0600);
  }
  if (fd < 0)
    throw std::runtime_error("cannot create shared memory " + name + ": " + std::strerror(errno));
  if (::ftruncate(fd, sizeof(segment)) != 0) {
    int e = errno;
    ::close(fd);
    ::shm_unlink(name.c_str());
    throw std::runtime_error("cannot size shared memory " + name + ": " + std::strerror(e));
  }
  void* p = ::mmap(nullptr, sizeof(segment), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  int e = errno;
  ::close(fd);
  if (p == MAP_FAILED) {
    ::shm_unlink(name.c_str());
    throw std::runtime_error("cannot map shared memory " + name + ": " + std::strerror(e));
  }
  m_seg = static_cast<segment*>(p);   // zero-filled by ftruncate
  auto& h = m_seg->head;
  // Odd until the first update ends: readers wait instead of reading zeros.
  __atomic_store_n(&h.sequence, 1, __ATOMIC_RELEASE);
  h.version = layout_version;
  h.header_bytes = sizeof(header);
  h.total_bytes = sizeof(segment);
  h.card_bytes = sizeof(card_entry);
  h.max_cards = max_cards;
  h.max_cus = max_cus;
  h.max_banks = max_banks;
  h.max_links = max_links;
  h.max_clocks = max_clocks;
  h.pid = m_pid;
  h.start_ticks = process_start_ticks(m_pid);
  std::memcpy(h.magic, magic, sizeof magic);
}

writer::~writer() { destroy(); }

void writer::begin()
{
  auto s = __atomic_load_n(&m_seg->head.sequence, __ATOMIC_RELAXED);
  // Even -> odd; the very first update starts from the odd 1 set up above.
  if (!(s & 1))
    __atomic_store_n(&m_seg->head.sequence, s + 1, __ATOMIC_RELAXED);
  __atomic_thread_fence(__ATOMIC_RELEASE);
}

void writer::end()
{
  auto s = __atomic_load_n(&m_seg->head.sequence, __ATOMIC_RELAXED);
  __atomic_store_n(&m_seg->head.sequence, s + 1, __ATOMIC_RELEASE);
}

void writer::destroy()
{
  if (!m_seg)
    return;
  ::munmap(m_seg, sizeof(segment));
  m_seg = nullptr;
  // A forked child must not remove its parent's segment.
  if (::getpid() == m_pid)
    ::shm_unlink(segment_name(m_pid).c_str());
}

std::unique_ptr<segment> read(int pid)
{
  auto name = segment_name(pid);
  int fd = ::shm_open(name.c_str(), O_RDONLY, 0);
  if (fd < 0) {
    if (errno == EACCES)
      throw read_error(read_error::denied, pid, "the status of " + describe(pid) + " belongs to another user");
    if (!process_alive(pid))
      throw read_error(read_error::missing, pid, "no " + describe(pid) + " is running");
    throw read_error(read_error::missing, pid,
                     describe(pid) + " publishes no xrtemu status (it has not opened an emulated device, or "
                     "runs with XRTEMU_STATUS=0)");
  }
  struct stat st{};
  mapping m;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    m.size = static_cast<size_t>(st.st_size);
    m.addr = ::mmap(nullptr, m.size, PROT_READ, MAP_SHARED, fd, 0);
  }
  ::close(fd);
  auto corrupt = [&](const std::string& what) {
    return read_error(read_error::corrupt, pid, "the status segment of " + describe(pid) + " (" +
                      segment_path(pid) + ") is corrupted: " + what);
  };
  if (m.size == 0) {
    // shm_open() done, ftruncate() not yet: a program starting up.
    if (process_alive(pid))
      throw read_error(read_error::busy, pid, describe(pid) + " is still setting up its status; try again");
    throw read_error(read_error::stale, pid, describe(pid) + " has exited (stale status)");
  }
  if (m.size < sizeof(header))
    throw corrupt(std::to_string(m.size) + " bytes, smaller than its " + std::to_string(sizeof(header)) +
                  "-byte header");
  if (m.addr == MAP_FAILED)
    throw read_error(read_error::denied, pid, "cannot map the status segment of " + describe(pid) + ": " +
                     std::strerror(errno));
  auto live = static_cast<const segment*>(m.addr);

  header h;
  std::memcpy(&h, &live->head, sizeof h);
  if (all_zero(h.magic, sizeof h.magic)) {
    // Created a moment ago and not filled in yet, or left empty by a crash.
    if (process_alive(pid))
      throw read_error(read_error::busy, pid, describe(pid) + " is still setting up its status; try again");
    throw read_error(read_error::stale, pid, describe(pid) + " has exited (stale status)");
  }
  if (std::memcmp(h.magic, magic, sizeof magic) != 0)
    throw corrupt("it does not start with the xrtemu status signature");
  if (h.version != layout_version)
    throw corrupt("layout version " + std::to_string(h.version) + "; this xrtemu reads version " +
                  std::to_string(layout_version) + " (mixed xrtemu installations?)");
  if (h.header_bytes != sizeof(header) || h.total_bytes != sizeof(segment) || h.card_bytes != sizeof(card_entry) ||
      h.max_cards != max_cards || h.max_cus != max_cus || h.max_banks != max_banks || h.max_links != max_links ||
      h.max_clocks != max_clocks)
    throw corrupt("its sizes and capacities differ from this xrtemu's layout");
  if (m.size < sizeof(segment))
    throw corrupt(std::to_string(m.size) + " bytes, expected " + std::to_string(sizeof(segment)));
  if (h.pid != pid)
    throw corrupt("it names process " + std::to_string(h.pid));
  auto program = text(h.program);
  if (!same_process_alive(pid, h.start_ticks))
    throw read_error(read_error::stale, pid, describe(pid) + " has exited (stale status)", program);

  auto out = std::make_unique<segment>();
  for (int attempt = 0; attempt < 2000; ++attempt) {
    uint64_t before = load_sequence(live);
    if (!(before & 1)) {
      std::memcpy(out.get(), live, sizeof(segment));
      __atomic_thread_fence(__ATOMIC_ACQUIRE);
      if (load_sequence(live) == before) {
        check_counts(*out, pid);
        return out;
      }
    }
    if (attempt > 16)
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    if (attempt % 256 == 255 && !same_process_alive(pid, h.start_ticks))
      throw read_error(read_error::stale, pid, describe(pid) + " has exited (stale status)", program);
  }
  throw read_error(read_error::busy, pid,
                   "the status of " + describe(pid) + " did not hold still long enough to be read; try again");
}

std::vector<int> list()
{
  std::vector<int> pids;
  DIR* d = ::opendir("/dev/shm");
  if (!d)
    return pids;
  while (auto* e = ::readdir(d)) {
    std::string n = e->d_name;
    const std::string prefix = "xrtemu.";
    if (n.compare(0, prefix.size(), prefix) != 0 || n.size() == prefix.size() || n.size() > prefix.size() + 9)
      continue;
    auto digits = n.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos)
      continue;
    pids.push_back(std::stoi(digits));
  }
  ::closedir(d);
  std::sort(pids.begin(), pids.end());
  return pids;
}

bool remove(int pid, std::string& why, bool force)
{
  if (!force && process_alive(pid)) {
    // The pid may have been reused: compare with the segment's own record.
    uint64_t start = 0;
    int fd = ::shm_open(segment_name(pid).c_str(), O_RDONLY, 0);
    if (fd >= 0) {
      header h{};
      if (::pread(fd, &h, sizeof h, 0) == static_cast<ssize_t>(sizeof h) &&
          std::memcmp(h.magic, magic, sizeof magic) == 0)
        start = h.start_ticks;
      ::close(fd);
    }
    if (same_process_alive(pid, start)) {
      why = describe(pid) + " is still running";
      return false;
    }
  }
  if (::shm_unlink(segment_name(pid).c_str()) != 0) {
    why = "cannot remove " + segment_path(pid) + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

} // namespace xrtemu::status
