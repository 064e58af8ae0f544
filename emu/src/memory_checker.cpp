// The kernel memory checker: views with guard pages, the SIGSEGV handler
// that turns a fault inside a view into a failed run, and the message.
// memory_checker.h says how it works; docs/memcheck.md what users see.
#include "memory_checker.h"

#include <dlfcn.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <sstream>

namespace xrtemu::emu {

namespace {

constexpr uint64_t page = 4096;
constexpr uint64_t max_guard = uint64_t(64) << 30;   // address space, never backed
constexpr size_t max_cached_views = 64;
constexpr uint8_t fill = 0xa5;   // the slack around a copied buffer

uint64_t page_up(uint64_t n) { return (n + page - 1) & ~(page - 1); }

std::string hex64(uint64_t v)
{
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

} // namespace

// One buffer as a kernel sees it in a checked run: [res, res + res_len) is
// reserved; only the buffer's bytes are accessible.  Device address d maps
// to host address data + (d - start) across the whole reservation, so a
// fault anywhere in it names a device address.
struct memory_checker::view
{
  uint8_t* res = nullptr;
  size_t res_len = 0;
  uint8_t* data = nullptr;      // host address of device address `start`
  uint64_t start = 0, size = 0; // the buffer (size 0: the address is in no buffer)
  const uint8_t* src = nullptr; // copy mode: where the buffer's bytes live
  bool copy = false;
  bool strict = false;          // copy mode: end against the guard (else start against it)
  std::vector<uint8_t> before;  // copy mode: the bytes as the body got them

  ~view()
  {
    if (res)
      ::munmap(res, res_len);
  }
  size_t slack() const { return copy ? static_cast<size_t>(page_up(size) - size) : 0; }
  // The slack is before the buffer (strict) or after it, in its last page.
  uint8_t* slack_start() const { return strict ? data - slack() : data + size; }
  uint64_t device_of(uintptr_t a) const { return start + (a - reinterpret_cast<uintptr_t>(data)); }
  uint8_t* host_of(uint64_t d) const { return data + (d - start); }
};

struct memory_checker::run
{
  struct arg { unsigned index; std::string name; uint64_t address; std::shared_ptr<view> v; };
  std::string cu, kernel;
  std::vector<arg> args;
  std::vector<std::shared_ptr<view>> views;        // distinct views (aliasing arguments share one)
  std::vector<std::pair<uintptr_t, uintptr_t>> spans;   // what the handler looks at
  sigjmp_buf jmp;
  volatile sig_atomic_t armed = 0;
  volatile uintptr_t fault = 0, pc = 0;
  volatile int wrote = -1;   // 1 write, 0 read, -1 unknown
  std::string warning;       // a write into a buffer's page slack (not strict)
};

namespace {

thread_local memory_checker::run* t_run = nullptr;
struct sigaction g_previous;
std::once_flag g_installed;

void on_fault(int sig, siginfo_t* si, void* ucv)
{
  memory_checker::run* r = t_run;
  if (r && r->armed) {
    auto a = reinterpret_cast<uintptr_t>(si->si_addr);
    for (auto& s : r->spans)
      if (a >= s.first && a < s.second) {
        r->fault = a;
#if defined(__x86_64__)
        auto* uc = static_cast<ucontext_t*>(ucv);
        r->pc = static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
        r->wrote = (uc->uc_mcontext.gregs[REG_ERR] & 2) ? 1 : 0;
#elif defined(__aarch64__)
        auto* uc = static_cast<ucontext_t*>(ucv);
        r->pc = static_cast<uintptr_t>(uc->uc_mcontext.pc);
#endif
        r->armed = 0;
        siglongjmp(r->jmp, 1);
      }
  }
  // Not ours: whoever handled SIGSEGV before us decides.
  if (g_previous.sa_flags & SA_SIGINFO) {
    if (g_previous.sa_sigaction) {
      g_previous.sa_sigaction(sig, si, ucv);
      return;
    }
  }
  else if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN) {
    g_previous.sa_handler(sig);
    return;
  }
  // Default action: returning re-runs the access, which now kills the
  // process as it would have without us.
  ::signal(sig, SIG_DFL);
}

void install_handler()
{
  std::call_once(g_installed, [] {
    struct sigaction sa {};
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGSEGV, &sa, &g_previous);
  });
}

uint8_t* reserve(size_t len)
{
  void* p = ::mmap(nullptr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    throw error("memory checker: cannot reserve " + std::to_string(len) + " bytes of address space for a view");
  return static_cast<uint8_t*>(p);
}

// "func+0x1c in /path/model.so (file.cpp:12)" for a program counter, with
// addr2line (binutils) when it is installed and the model has line tables.
std::string where(uintptr_t pc)
{
  if (!pc)
    return {};
  Dl_info info{};
  if (!::dladdr(reinterpret_cast<void*>(pc), &info) || !info.dli_fname)
    return "at pc " + hex64(pc);
  std::string file = info.dli_fname;
  // Kernel models are loaded from memory files as /proc/self/fd/N: name
  // them so that another process (addr2line) finds the same file.
  bool memory_file = file.rfind("/proc/self/", 0) == 0;
  if (memory_file)
    file = "/proc/" + std::to_string(::getpid()) + file.substr(10);
  uintptr_t off = pc - reinterpret_cast<uintptr_t>(info.dli_fbase);
  std::string out = "at ";
  if (info.dli_sname)
    out += std::string(info.dli_sname) + "+" + hex64(pc - reinterpret_cast<uintptr_t>(info.dli_saddr)) + " ";
  out += "(" + (memory_file ? std::string("kernel model") : std::string(info.dli_fname)) + " +" + hex64(off) + ")";
  std::string cmd = "addr2line -f -C -e '" + file + "' " + hex64(off) + " 2>/dev/null";
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char fn[512] = {0}, line[1024] = {0};
    bool got = std::fgets(fn, sizeof fn, p) && std::fgets(line, sizeof line, p);
    ::pclose(p);
    if (got) {
      std::string f = fn, l = line;
      while (!f.empty() && (f.back() == '\n' || f.back() == '\r'))
        f.pop_back();
      while (!l.empty() && (l.back() == '\n' || l.back() == '\r'))
        l.pop_back();
      if (auto d = l.find(" (discriminator"); d != std::string::npos)
        l.erase(d);
      if (!l.empty() && l.rfind("??", 0) != 0)
        out += ", in " + f + " at " + l;
      else if (!info.dli_sname && !f.empty() && f != "??")
        out += ", in " + f + " (no line table: build the kernel with v++ -g)";
    }
  }
  return out;
}

} // namespace

memory_checker::memory_checker(const platform_desc& platform) : m_platform(platform) {}

memory_checker::~memory_checker()
{
  m_views.clear();
  for (auto& s : m_shared)
    ::close(s.fd);
}

void memory_checker::add_buffer(uint64_t addr, uint64_t size)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  m_buffers[addr] = {size};
}

void memory_checker::remove_buffer(uint64_t addr)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  m_buffers.erase(addr);
  for (auto it = m_views.lower_bound({addr, 0}); it != m_views.end() && it->first.first == addr;)
    it = m_views.erase(it);
}

void memory_checker::share(uint8_t* host, uint64_t size)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  for (auto& s : m_shared)
    if (s.host == host)
      return;
  int fd = ::memfd_create("xrtemu-bank", MFD_CLOEXEC);
  if (fd < 0 || ::ftruncate(fd, static_cast<off_t>(size)) != 0) {
    if (fd >= 0)
      ::close(fd);
    throw error("memory checker: cannot make a memory file of " + std::to_string(size) + " bytes for the banks");
  }
  // Only the pages something wrote to hold data; the rest reads as zero
  // in the file as in the reservation.
  const uint64_t chunk = uint64_t(1) << 30;
  std::vector<unsigned char> resident(chunk / page);
  for (uint64_t off = 0; off < size; off += chunk) {
    uint64_t len = std::min(chunk, size - off);
    if (::mincore(host + off, len, resident.data()) != 0)
      continue;
    uint64_t pages = page_up(len) / page;
    for (uint64_t i = 0; i < pages;) {
      if (!(resident[i] & 1)) {
        ++i;
        continue;
      }
      uint64_t j = i;
      while (j < pages && (resident[j] & 1))
        ++j;
      uint64_t from = off + i * page, n = std::min((j - i) * page, size - from);
      for (uint64_t done = 0; done < n;) {
        auto w = ::pwrite(fd, host + from + done, n - done, static_cast<off_t>(from + done));
        if (w <= 0)
          break;
        done += static_cast<uint64_t>(w);
      }
      i = j;
    }
  }
  void* p = ::mmap(host, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED | MAP_NORESERVE, fd, 0);
  if (p == MAP_FAILED) {
    ::close(fd);
    throw error("memory checker: cannot map the banks' memory file");
  }
  m_shared.push_back({host, size, fd});
}

std::shared_ptr<memory_checker::view> memory_checker::make_view(uint64_t addr, const void* global, bool strict)
{
  xrtemu_global g;
  std::memcpy(&g, global, sizeof g);
  auto v = std::make_shared<view>();
  // The buffer the address lies in, and how far another buffer of the same
  // memory may be: the guards cover the window the address is in.
  uint64_t start = addr, size = 0;
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    auto it = m_buffers.upper_bound(addr);
    if (it != m_buffers.begin()) {
      --it;
      if (addr - it->first < it->second.size) {
        start = it->first;
        size = it->second.size;
      }
    }
    if (size) {
      auto c = m_views.find({start, size});
      if (c != m_views.end())
        return c->second;
    }
  }
  uint64_t guard = std::clamp<uint64_t>(page_up(g.window_size), 1 << 20, max_guard);
  // The buffer's bytes.  A buffer in a group of banks may start in a bank
  // before the one the address is in: back-to-back banks are one
  // reservation (memory_bank.h), so its bytes are contiguous all the same.
  uint8_t* src = g.window_host ? g.window_host + static_cast<int64_t>(start - g.window_base) : nullptr;
  bool inside = src && size;
  if (!inside)
    size = 0;   // in no buffer: no byte accessible
  uint64_t span = page_up(size);
  v->res_len = guard + span + guard;
  v->res = reserve(v->res_len);
  v->start = start;
  v->size = size;
  // Shared when the buffer is whole pages of a memory file.
  const shared_mem* sm = nullptr;
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    for (auto& s : m_shared)
      if (inside && src >= s.host && src + size <= s.host + s.size)
        sm = &s;
  }
  if (!size) {
    v->data = v->res + guard;
    return v;
  }
  uint64_t foff = sm ? static_cast<uint64_t>(src - sm->host) : 0;
  if (sm && size % page == 0 && foff % page == 0) {
    void* p = ::mmap(v->res + guard, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, sm->fd,
                     static_cast<off_t>(foff));
    if (p == MAP_FAILED)
      throw error("memory checker: cannot map a view of buffer " + hex64(start));
    v->data = v->res + guard;
    std::lock_guard<std::mutex> lk(m_mutex);
    if (m_views.size() >= max_cached_views)
      m_views.clear();
    m_views[{start, size}] = v;
    return v;
  }
  // Copy mode: private pages.  Strict: the buffer's end against the guard
  // after it.  Otherwise its start against the guard before it and the rest
  // of its last page open, as the page the driver allocated with it on a card.
  if (::mprotect(v->res + guard, span, PROT_READ | PROT_WRITE) != 0)
    throw error("memory checker: cannot make a view of buffer " + hex64(start));
  v->data = v->res + guard + (strict ? span - size : 0);
  v->src = src;
  v->copy = true;
  v->strict = strict;
  return v;
}

std::shared_ptr<memory_checker::run> memory_checker::prepare(const cu_desc& cu, std::vector<std::vector<uint8_t>>& store,
                                                             bool strict)
{
  auto r = std::make_shared<run>();
  r->cu = cu.name;
  r->kernel = cu.kernel;
  for (unsigned i = 0; i < cu.args.size() && i < store.size(); ++i) {
    if (cu.args[i].kind != XRTEMU_ARG_GLOBAL || store[i].size() < sizeof(xrtemu_global))
      continue;
    xrtemu_global g;
    std::memcpy(&g, store[i].data(), sizeof g);
    std::shared_ptr<view> v;
    for (auto& a : r->args)   // arguments bound to one buffer share its view
      if (a.v->size && g.address >= a.v->start && g.address - a.v->start < a.v->size)
        v = a.v;
    if (!v) {
      v = make_view(g.address, store[i].data(), strict);
      r->views.push_back(v);
      r->spans.push_back({reinterpret_cast<uintptr_t>(v->res), reinterpret_cast<uintptr_t>(v->res + v->res_len)});
    }
    r->args.push_back({i, cu.args[i].name, g.address, v});
    // The body sees the view; the window is the view's idea of the window.
    g.host = v->host_of(g.address);
    if (g.window_host)
      g.window_host = v->host_of(g.window_base);
    std::memcpy(store[i].data(), &g, sizeof g);
  }
  return r;
}

std::string memory_checker::execute(run& r, xrtemu_run_fn fn, void* const* argv, std::string* warning)
{
  install_handler();
  // A copied buffer's slack (the rest of its pages, memory_checker::view)
  // is filled with a pattern, so a write there shows after the body.
  for (auto& v : r.views)
    if (v->copy) {
      v->before.assign(v->src, v->src + v->size);
      std::memcpy(v->data, v->before.data(), v->size);
      std::memset(v->slack_start(), fill, v->slack());
    }
  // Only the bytes the body changed go back: other CUs may write other
  // parts of the same buffer meanwhile (an OpenCL NDRange over CUs).
  auto copy_back = [&r] {
    for (auto& v : r.views) {
      if (!v->copy)
        continue;
      auto* dst = const_cast<uint8_t*>(v->src);
      const uint8_t* now = v->data;
      const uint8_t* was = v->before.data();
      size_t i = 0;
      for (; i + 8 <= v->size; i += 8)
        if (std::memcmp(now + i, was + i, 8) != 0)
          for (size_t j = i; j < i + 8; ++j)
            if (now[j] != was[j])
              dst[j] = now[j];
      for (; i < v->size; ++i)
        if (now[i] != was[i])
          dst[i] = now[i];
    }
  };
  t_run = &r;
  if (sigsetjmp(r.jmp, 1) == 0) {
    r.armed = 1;
    try {
      fn(argv);
    }
    catch (...) {
      r.armed = 0;
      t_run = nullptr;
      copy_back();
      throw;
    }
    r.armed = 0;
    t_run = nullptr;
    copy_back();
    auto verdict = slack_written(r);
    if (warning)
      *warning = r.warning;
    return verdict;
  }
  // Back from the handler: the body faulted in a view.
  t_run = nullptr;
  copy_back();
  return explain(r);
}

// A write into the slack of a copied buffer, found after the body ran.
// Strict: the bytes before it, a failure.  Otherwise: the rest of its last
// page, which a card allocates with the buffer, so a warning (r.warning).
std::string memory_checker::slack_written(run& r) const
{
  for (auto& a : r.args) {
    auto& v = *a.v;
    if (!v.copy)
      continue;
    const uint8_t* s = v.slack_start();
    size_t first = v.slack(), last = 0;
    for (size_t i = 0; i < v.slack(); ++i)
      if (s[i] != fill) {
        first = std::min(first, i);
        last = i;
      }
    if (first == v.slack())
      continue;
    std::string head = "memory checker: kernel " + r.kernel + ", CU " + r.cu + ": write through argument '" + a.name + "'";
    if (!v.strict) {
      uint64_t dev = v.start + v.size + first;
      bool first_time;   // once per CU and argument: a kernel may do it every run
      {
        std::lock_guard<std::mutex> lk(m_mutex);
        first_time = m_warned.insert(r.cu + "\n" + a.name).second;
      }
      if (first_time && r.warning.empty())
        r.warning = head + " at offset " + std::to_string(static_cast<int64_t>(dev - a.address)) + " from its address " +
                    hex64(a.address) + " (found after the run): bytes " + std::to_string(first) + " to " +
                    std::to_string(last) + " past the end of its buffer " + range_text(v.start, v.size) +
                    ", in the rest of its last 4 KiB page, which the driver allocates with the buffer: harmless on a "
                    "card, so the run goes on (XRTEMU_MEMCHECK=strict fails it; reported once per CU and argument)";
      continue;
    }
    uint64_t dev = v.start - (v.slack() - first);
    auto off = static_cast<int64_t>(dev - a.address);
    return head + " at offset " + std::to_string(off) + " from its address " + hex64(a.address) +
           " (found after the run; the bytes before a buffer that is not whole pages are checked when " +
           "the run ends): " + std::to_string(v.start - dev) + " bytes before the start of its buffer " +
           range_text(v.start, v.size) + (bank_of(dev).empty() ? " (AXI DECERR)" : " (AXI SLVERR)");
  }
  return {};
}

std::string memory_checker::bank_of(uint64_t addr) const
{
  auto* b = m_platform.bank_at(addr);
  return b ? b->tag : std::string();
}

std::string memory_checker::range_text(uint64_t start, uint64_t size) const
{
  auto bank = bank_of(start);
  return "[" + hex64(start) + ", " + hex64(start + size) + ") (" + std::to_string(size) + " bytes, " +
         (bank.empty() ? "host memory" : "bank " + bank) + ")";
}

std::string memory_checker::describe_address(uint64_t addr, uint64_t len) const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  auto it = m_buffers.upper_bound(addr);
  const std::pair<const uint64_t, buffer>* before = nullptr;
  const std::pair<const uint64_t, buffer>* after = it == m_buffers.end() ? nullptr : &*it;
  if (it != m_buffers.begin())
    before = &*std::prev(it);
  if (before && addr - before->first < before->second.size) {
    if (addr + len <= before->first + before->second.size)
      return "inside buffer " + range_text(before->first, before->second.size);
    return "runs " + std::to_string(addr + len - before->first - before->second.size) + " bytes past the end of buffer " +
           range_text(before->first, before->second.size);
  }
  std::string out = "in no buffer";
  uint64_t best = ~uint64_t(0);
  std::string nearest;
  if (before) {
    best = addr - (before->first + before->second.size);
    nearest = std::to_string(best) + " bytes past the end of buffer " + range_text(before->first, before->second.size);
  }
  if (after && after->first - addr < best)
    nearest = std::to_string(after->first - addr) + " bytes before buffer " + range_text(after->first, after->second.size);
  return nearest.empty() ? out + " (no buffers are allocated)" : out + "; nearest: " + nearest;
}

std::string memory_checker::explain(const run& r) const
{
  auto fault = static_cast<uintptr_t>(r.fault);
  const run::arg* hit = nullptr;
  for (auto& a : r.args)
    if (fault >= reinterpret_cast<uintptr_t>(a.v->res) && fault < reinterpret_cast<uintptr_t>(a.v->res + a.v->res_len)) {
      hit = &a;
      break;
    }
  std::ostringstream m;
  m << "memory checker: kernel " << r.kernel << ", CU " << r.cu << ": ";
  if (!hit)
    return m.str() + "access fault at host address " + hex64(fault) + " " + where(r.pc);
  auto& v = *hit->v;
  uint64_t dev = v.device_of(fault);
  auto off = static_cast<int64_t>(dev - hit->address);
  const char* what = r.wrote == 1 ? "write" : r.wrote == 0 ? "read" : "access";
  m << what << " through argument '" << hit->name << "' at offset " << off << " ("
    << (off < 0 ? "-" + hex64(static_cast<uint64_t>(-off)) : hex64(static_cast<uint64_t>(off))) << ") from its address "
    << hex64(hit->address) << ", device address " << hex64(dev) << ": ";
  if (v.size) {
    auto rel = static_cast<int64_t>(dev - v.start);
    if (rel < 0)
      m << -rel << " bytes before the start of";
    else
      m << static_cast<uint64_t>(rel) - v.size << " bytes past the end of";
    m << " its buffer " << range_text(v.start, v.size);
  }
  else {
    m << "the argument's address is in no buffer";
  }
  // What the access would have reached on the card.
  std::string other;
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    auto it = m_buffers.upper_bound(dev);
    if (it != m_buffers.begin()) {
      --it;
      if (dev - it->first < it->second.size && it->first != v.start) {
        other = "; that address is inside another buffer " + range_text(it->first, it->second.size);
        for (auto& a : r.args)
          if (a.v->size && a.v->start == it->first)
            other += ", bound to argument '" + a.name + "'";
      }
    }
  }
  m << (other.empty() ? (bank_of(dev).empty() ? "; that address is in no memory bank" : "; that address is in no buffer")
                      : other);
  m << (bank_of(dev).empty() ? " (AXI DECERR)" : " (AXI SLVERR)");
  auto w = where(r.pc);
  if (!w.empty())
    m << " " << w;
  return m.str();
}

} // namespace xrtemu::emu
