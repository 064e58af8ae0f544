// CU contexts across host processes (context_registry.h): the shared table's
// layout, its lock, and the KDS rules for adding a context.
#include "context_registry.h"

#include "errors.h"
#include "xrtemu/status/segment.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace xrtemu::shim {

namespace {

constexpr char table_magic[8] = {'X', 'R', 'T', 'E', 'M', 'U', 'C', '1'};
constexpr unsigned max_processes = 64;
constexpr unsigned max_cus = 128;   // XRT's MAX_CUS

// One process's contexts on the card.
struct row
{
  int32_t pid;                      // 0: free
  uint32_t reserved;
  uint64_t start_ticks;             // against pid reuse
  uint8_t uuid[16];                 // the xclbin its contexts are on
  uint64_t shared[max_cus / 64];    // CU bit set: a shared context
  uint64_t exclusive[max_cus / 64]; // CU bit set: an exclusive context
  char program[32];

  bool holds(unsigned cu) const { return ((shared[cu / 64] | exclusive[cu / 64]) >> (cu % 64)) & 1; }
  bool holds_exclusive(unsigned cu) const { return (exclusive[cu / 64] >> (cu % 64)) & 1; }
  bool holds_any() const
  {
    for (unsigned i = 0; i < max_cus / 64; ++i)
      if (shared[i] | exclusive[i])
        return true;
    return false;
  }
  std::string who() const { return "process " + std::to_string(pid) + " (" + program + ")"; }
};

bool alive(const row& r) { return xrtemu::status::same_process_alive(r.pid, r.start_ticks); }

xclbin::uuid uuid_of(const row& r)
{
  xclbin::uuid u{};
  std::memcpy(u.data(), r.uuid, u.size());
  return u;
}

std::string own_program()
{
  std::ifstream in("/proc/self/comm");
  std::string name;
  std::getline(in, name);
  return name;
}

} // namespace

struct context_registry::table
{
  char magic[8];
  uint32_t rows;
  uint32_t reserved;
  row r[max_processes];
};

// The table under flock, with dead processes' rows dropped.  Threads of
// one process are kept apart by the caller (card_state's mutex): flock on
// one descriptor does not exclude threads sharing it.
class context_registry::locked
{
public:
  explicit locked(context_registry& reg) : m_reg(reg)
  {
    // The file may be unlinked by its last user between our open and our
    // lock (release() below): then open the new one.
    // A forked child shares its parent's open file description, and with it
    // the parent's flock: it opens the table afresh.
    if (reg.m_table && reg.m_opened_by != ::getpid())
      reg.close_table();
    for (;;) {
      reg.open_table();
      while (::flock(reg.m_fd, LOCK_EX) != 0)
        if (errno != EINTR)
          throw xrt_core::system_error(errno, "cannot lock " + reg.m_path);
      struct stat mine{}, named{};
      if (::fstat(reg.m_fd, &mine) == 0 && ::stat(reg.m_path.c_str(), &named) == 0 && mine.st_ino == named.st_ino)
        break;
      ::flock(reg.m_fd, LOCK_UN);
      reg.close_table();
    }
    auto& t = *reg.m_table;
    if (std::memcmp(t.magic, table_magic, sizeof table_magic) != 0 || t.rows != max_processes) {
      std::memset(&t, 0, sizeof t);
      std::memcpy(t.magic, table_magic, sizeof table_magic);
      t.rows = max_processes;
    }
    for (auto& r : t.r)
      if (r.pid && r.pid != ::getpid() && !alive(r))
        r = row{};
  }
  ~locked() { ::flock(m_reg.m_fd, LOCK_UN); }

  table& operator*() { return *m_reg.m_table; }

  // No process holds a context: remove the file (no shared memory is left
  // behind once the last host is gone).  True when removed.
  bool unlink_if_unused()
  {
    for (auto& r : m_reg.m_table->r)
      if (r.pid)
        return false;
    ::shm_unlink(m_reg.m_name.c_str());
    return true;
  }

  // This process's row; a free one is claimed when `create`.
  row* own(bool create)
  {
    auto& t = *m_reg.m_table;
    for (auto& r : t.r)
      if (r.pid == ::getpid())
        return &r;
    if (!create)
      return nullptr;
    for (auto& r : t.r)
      if (!r.pid) {
        r = row{};
        r.pid = ::getpid();
        r.start_ticks = xrtemu::status::process_start_ticks(r.pid);
        std::strncpy(r.program, own_program().c_str(), sizeof r.program - 1);
        return &r;
      }
    throw xrt_core::system_error(EBUSY, m_reg.m_path + ": more than " + std::to_string(max_processes) +
                                 " processes hold CU contexts on this card");
  }

private:
  context_registry& m_reg;
};

card_sharing parse_card_sharing(const std::string& text, const std::string& where)
{
  if (text == "contexts")
    return card_sharing::contexts;
  if (text == "strict")
    return card_sharing::strict;
  if (text == "isolated")
    return card_sharing::isolated;
  throw std::runtime_error(where + "='" + text + "': expected contexts, strict or isolated");
}

context_registry::context_registry(const std::string& platform, unsigned card_index, card_sharing mode)
    : m_mode(mode), m_name("/xrtemu-contexts." + platform + "." + std::to_string(card_index)),
      m_path("/dev/shm" + m_name)
{}

context_registry::~context_registry()
{
  if (!m_table)
    return;
  try {
    locked t(*this);
    if (auto* r = t.own(false))
      *r = row{};
    t.unlink_if_unused();
  }
  catch (...) {
  }
  close_table();
}

void context_registry::open_table()
{
  if (m_table)
    return;
  // Every user's processes may share a card, as they share a board's device node.
  auto old = ::umask(0);
  m_fd = ::shm_open(m_name.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  ::umask(old);
  if (m_fd < 0)
    throw xrt_core::system_error(errno, "cannot open the card's context table " + m_path + ": " +
                                 std::strerror(errno) + " (XRTEMU_CARD_SHARING=isolated does without)");
  struct stat st{};
  if (::fstat(m_fd, &st) == 0 && static_cast<size_t>(st.st_size) < sizeof(table) &&
      ::ftruncate(m_fd, sizeof(table)) != 0) {
    auto e = errno;
    close_table();
    throw xrt_core::system_error(e, "cannot size the card's context table " + m_path);
  }
  void* p = ::mmap(nullptr, sizeof(table), PROT_READ | PROT_WRITE, MAP_SHARED, m_fd, 0);
  if (p == MAP_FAILED) {
    auto e = errno;
    close_table();
    throw xrt_core::system_error(e, "cannot map the card's context table " + m_path);
  }
  m_table = static_cast<table*>(p);
  m_opened_by = ::getpid();
}

void context_registry::close_table()
{
  if (m_table)
    ::munmap(m_table, sizeof(table));
  if (m_fd >= 0)
    ::close(m_fd);
  m_table = nullptr;
  m_fd = -1;
}

void context_registry::acquire(const xclbin::uuid& id, unsigned cu, const std::string& cu_name, bool exclusive)
{
  if (m_mode == card_sharing::isolated || cu >= max_cus)
    return;
  locked t(*this);
  for (auto& r : (*t).r) {
    if (!r.pid || r.pid == ::getpid() || std::memcmp(r.uuid, id.data(), 16) != 0 || !r.holds(cu))
      continue;
    // The same two checks as the driver's, in its order.
    if (r.holds_exclusive(cu))
      throw xrt_core::system_error(EINVAL, "cannot open a context on CU " + std::to_string(cu) + " (" + cu_name +
                                   "): " + r.who() + " has reserved it exclusively");
    if (exclusive)
      throw xrt_core::system_error(EINVAL, "cannot open an exclusive context on CU " + std::to_string(cu) + " (" +
                                   cu_name + "): " + r.who() + " shares it");
  }
  auto* me = t.own(true);
  if (std::memcmp(me->uuid, id.data(), 16) != 0) {
    std::memset(me->shared, 0, sizeof me->shared);
    std::memset(me->exclusive, 0, sizeof me->exclusive);
    std::memcpy(me->uuid, id.data(), 16);
  }
  (exclusive ? me->exclusive : me->shared)[cu / 64] |= uint64_t(1) << (cu % 64);
}

void context_registry::release(unsigned cu)
{
  if (!m_table || cu >= max_cus)
    return;
  bool removed = false;
  {
    locked t(*this);
    if (auto* me = t.own(false)) {
      me->shared[cu / 64] &= ~(uint64_t(1) << (cu % 64));
      me->exclusive[cu / 64] &= ~(uint64_t(1) << (cu % 64));
      if (!me->holds_any())
        *me = row{};
    }
    removed = t.unlink_if_unused();
  }
  if (removed)
    close_table();
}

void context_registry::check_load(const xclbin::uuid& id)
{
  if (m_mode != card_sharing::strict)
    return;
  bool removed = false;
  {
    locked t(*this);
    for (auto& r : (*t).r)
      if (r.pid && r.pid != ::getpid() && r.holds_any() && std::memcmp(r.uuid, id.data(), 16) != 0)
        throw xrt_core::system_error(EBUSY, "cannot load xclbin " + xclbin::to_string(id) + ": " + r.who() +
                                     " is using xclbin " + xclbin::to_string(uuid_of(r)) +
                                     " on this card (card_sharing=strict)");
    removed = t.unlink_if_unused();
  }
  if (removed)
    close_table();
}

} // namespace xrtemu::shim
