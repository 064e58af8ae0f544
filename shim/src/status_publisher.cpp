#include "status_publisher.h"

#include "card_state.h"

#include "xrtemu/status/segment.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>

namespace xrtemu::shim::status_publisher {

namespace {

template <size_t N>
void put(char (&field)[N], const std::string& s)
{
  // Always NUL-terminated; longer names are cut.
  auto n = std::min(s.size(), N - 1);
  std::memcpy(field, s.data(), n);
  std::memset(field + n, 0, N - n);
}

std::string read_proc(const char* file)
{
  std::ifstream in(file, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!s.empty() && (s.back() == '\n' || s.back() == '\0'))
    s.pop_back();
  return s;
}

struct publisher
{
  const std::vector<std::unique_ptr<card_state>>* cards = nullptr;
  std::unique_ptr<status::writer> out;
  pid_t owner = 0;
  std::chrono::milliseconds period{20};
  std::thread thread;
  std::mutex mutex;
  std::condition_variable cv;
  bool stopping = false;
  bool poked = false;

  // Per card: what changes only with the xclbin, and the last stall counts.
  struct card_cache
  {
    uint64_t loads = ~uint64_t(0);
    std::vector<uint32_t> in_xclbin;   // per platform bank
    std::vector<uint64_t> stalls;      // per CU, for the profile
  };
  std::vector<card_cache> cache;

  void describe_process();
  void describe_card(unsigned i);
  void publish();
  void loop();
};

publisher& instance()
{
  static publisher p;
  return p;
}

void publisher::describe_process()
{
  auto& h = out->data().head;
  put(h.program, read_proc("/proc/self/comm"));
  auto cmd = read_proc("/proc/self/cmdline");
  std::replace(cmd.begin(), cmd.end(), '\0', ' ');
  put(h.command_line, cmd);
}

// What does not change while the process runs: the platform.
void publisher::describe_card(unsigned i)
{
  auto& c = *(*cards)[i];
  auto& e = out->data().cards[i];
  auto& p = c.platform();
  put(e.platform, p.name);
  put(e.vbnv, p.vbnv);
  put(e.shell, p.shell);
  e.cu_slots = p.max_cus;
  unsigned n = 0;
  for (auto& [name, mhz] : p.clocks_mhz) {
    if (n == status::max_clocks)
      break;
    put(e.clocks[n].name, name);
    e.clocks[n].mhz = mhz;
    ++n;
  }
  e.num_clocks = n;
  e.num_banks = static_cast<uint32_t>(std::min<size_t>(p.banks.size(), status::max_banks));
  for (unsigned b = 0; b < e.num_banks; ++b) {
    put(e.banks[b].tag, p.banks[b].tag);
    put(e.banks[b].type, emu::to_string(p.banks[b].kind));
    e.banks[b].base = p.banks[b].base;
    e.banks[b].size = p.banks[b].size;
  }
}

void publisher::publish()
{
  auto& seg = out->data();
  unsigned ncards = static_cast<unsigned>(std::min<size_t>(cards->size(), status::max_cards));
  bool truncated = cards->size() > status::max_cards;

  // Gather first (this visits the simulation thread), then write in one
  // short critical section so readers rarely retry.
  struct gathered
  {
    bool ok = false;
    emu::card_snapshot snap;
    xclbin::uuid id{};
  };
  std::vector<gathered> g(ncards);
  for (unsigned i = 0; i < ncards; ++i) {
    auto& c = *(*cards)[i];
    try {
      g[i].snap = c.card().snapshot();
      g[i].id = c.loaded_uuid();
      g[i].ok = true;
    }
    catch (...) {
      // The simulation is shutting down: keep the last published values.
      continue;
    }
    auto& cc = cache[i];
    auto loads = c.xclbin_loads();
    if (loads != cc.loads) {
      cc.loads = loads;
      cc.in_xclbin.assign(c.platform().banks.size(), 0);
      auto d = c.design();
      for (auto& m : d.banks)
        if (m.used && !m.stream_connection())
          if (int pb = c.platform_bank_of(m); pb >= 0)
            cc.in_xclbin[pb] = 1;
      cc.stalls.clear();
    }
    if (auto* prof = c.profile()) {
      // Stream waits per CU, sampled: cheap, and enough to see which CU a
      // link slows down on the profile's time line.
      cc.stalls.resize(g[i].snap.cus.size(), 0);
      std::vector<uint64_t> now(g[i].snap.cus.size(), 0);
      for (auto& l : g[i].snap.links) {
        if (l.to_cu < now.size())
          now[l.to_cu] += l.read_stalls;
        if (l.from_cu < now.size())
          now[l.from_cu] += l.write_stalls;
      }
      for (unsigned cu = 0; cu < now.size(); ++cu)
        if (now[cu] != cc.stalls[cu]) {
          prof->add_stalls(cu, now[cu]);
          cc.stalls[cu] = now[cu];
        }
    }
  }

  out->begin();
  seg.head.num_cards = ncards;
  for (unsigned i = 0; i < ncards; ++i) {
    if (!g[i].ok)
      continue;
    auto& c = *(*cards)[i];
    auto& e = seg.cards[i];
    auto& s = g[i].snap;
    e.xclbin_loaded = g[i].id != xclbin::uuid{} ? 1 : 0;
    std::memcpy(e.xclbin_uuid, g[i].id.data(), sizeof e.xclbin_uuid);
    e.xclbin_loads = c.xclbin_loads();
    auto& counters = *c.commands();
    // completed first: a reader must never see more completed than submitted.
    e.completed = counters.completed.load(std::memory_order_relaxed);
    e.submitted = std::max(e.completed, counters.submitted.load(std::memory_order_relaxed));
    e.queued = s.queued;
    e.num_cus = static_cast<uint32_t>(std::min<size_t>(s.cus.size(), status::max_cus));
    truncated |= s.cus.size() > status::max_cus;
    for (unsigned k = 0; k < e.num_cus; ++k) {
      auto& d = e.cus[k];
      put(d.name, s.cus[k].name);
      put(d.kernel, s.cus[k].kernel);
      d.base = s.cus[k].base;
      d.runs = s.cus[k].runs;
      d.protocol = s.cus[k].control;
      d.in_flight = s.cus[k].in_flight;
      d.busy = s.cus[k].busy ? 1 : 0;
    }
    for (unsigned b = 0; b < e.num_banks; ++b) {
      e.banks[b].allocated = c.bank_used(b);
      e.banks[b].bo_count = c.bank_buffers(b);
      e.banks[b].to_device = c.traffic(b).to_device.load(std::memory_order_relaxed);
      e.banks[b].from_device = c.traffic(b).from_device.load(std::memory_order_relaxed);
      e.banks[b].in_xclbin = b < cache[i].in_xclbin.size() ? cache[i].in_xclbin[b] : 0;
    }
    truncated |= c.platform().banks.size() > status::max_banks;
    unsigned nl = 0;
    for (auto& l : s.links) {
      if (nl == status::max_links || l.from_cu >= e.num_cus || l.to_cu >= e.num_cus) {
        truncated = true;
        continue;
      }
      auto& d = e.links[nl++];
      put(d.name, l.name);
      d.from_cu = l.from_cu;
      d.to_cu = l.to_cu;
      d.depth = l.depth;
      d.fill = l.fill;
      d.beats = l.beats;
      d.read_stalls = l.read_stalls;
      d.write_stalls = l.write_stalls;
    }
    e.num_links = nl;
  }
  seg.head.truncated = truncated ? 1 : 0;
  seg.head.updates += 1;
  seg.head.updated_unix_ms = static_cast<uint64_t>(
    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  out->end();
}

void publisher::loop()
{
  std::unique_lock<std::mutex> lk(mutex);
  while (!stopping) {
    lk.unlock();
    publish();
    lk.lock();
    cv.wait_for(lk, period, [this] { return stopping || poked; });
    poked = false;
  }
}

} // namespace

void start(const std::vector<std::unique_ptr<card_state>>& cards)
{
  auto& p = instance();
  if (const char* on = std::getenv("XRTEMU_STATUS"); on && std::string(on) == "0")
    return;
  if (const char* ms = std::getenv("XRTEMU_STATUS_MS"); ms && *ms) {
    char* end = nullptr;
    auto v = std::strtoul(ms, &end, 10);
    if (*end || v == 0)
      std::fprintf(stderr, "[xrtemu] XRTEMU_STATUS_MS='%s' is not a positive number of milliseconds; using 20\n", ms);
    else
      p.period = std::chrono::milliseconds(v);
  }
  try {
    p.out = std::make_unique<status::writer>();
  }
  catch (const std::exception& e) {
    std::fprintf(stderr, "[xrtemu] no live status for xrtemu examine/top: %s\n", e.what());
    return;
  }
  // Segments of hosts that died without cleaning up (SIGKILL, a crash):
  // the first host to start afterwards removes them.
  for (int pid : status::list()) {
    std::string why;
    if (pid != ::getpid())
      status::remove(pid, why);   // refuses, harmlessly, while pid still runs
  }
  p.owner = ::getpid();
  p.cards = &cards;
  p.cache.resize(std::min<size_t>(cards.size(), status::max_cards));
  p.describe_process();
  for (unsigned i = 0; i < p.cache.size(); ++i)
    p.describe_card(i);
  p.publish();   // readers never see a half set-up segment for long
  p.thread = std::thread([&p] { p.loop(); });
}

void refresh()
{
  auto& p = instance();
  if (!p.out)
    return;
  {
    std::lock_guard<std::mutex> lk(p.mutex);
    p.poked = true;
  }
  p.cv.notify_all();
}

void stop()
{
  auto& p = instance();
  if (!p.out)
    return;
  if (p.owner != ::getpid()) {
    // A forked child: the thread and the segment are its parent's.
    p.out.release();
    return;
  }
  {
    std::lock_guard<std::mutex> lk(p.mutex);
    p.stopping = true;
  }
  p.cv.notify_all();
  if (p.thread.joinable())
    p.thread.join();
  p.publish();   // last stall samples for the profile
  p.out->destroy();
  p.out.reset();
}

} // namespace xrtemu::shim::status_publisher
