// Fault injection (see fault_injection.h and docs/faults.md): the armed
// faults (parsed by fault_spec.cpp) and what each does at the driver's entry points,
// the per-card fault state (offline flag, ECC counters, the driver's error
// log) and the device queries that report it.
#include "fault_injection.h"

#include "config.h"
#include "device_emu.h"
#include "errors.h"

#include <ert.h>
#include <xrt_error_code.h>

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <set>
#include <stdexcept>
#include <thread>

namespace xrtemu::shim::faults {

namespace {

using xrt_core::query::key_type;

struct ecc_counts
{
  uint64_t ce = 0, ue = 0, ce_ffa = 0, ue_ffa = 0;
};

struct card_faults
{
  bool offline = false;
  std::string why;                          // the fault that took it offline
};

struct registry
{
  std::mutex mutex;
  std::vector<fault> armed;
  std::map<unsigned, card_faults> cards;
  std::map<std::pair<int, std::string>, ecc_counts> ecc;   // (device or -1, bank tag)
  // Hung commands: (device object, exec BO) -> serial of the hang, so a
  // timer for an earlier hang of the same exec BO cannot end a later one.
  std::map<std::pair<const void*, xclBufferHandle>, uint64_t> held;
  uint64_t hangs = 0;
  std::once_flag loaded;
  std::string load_error;                   // a bad configured spec, reported at every open
};

// Never destroyed: device objects and CU-timeout timers may still call in
// while the process's static objects are being torn down.
registry& reg()
{
  static registry* r = new registry;
  return *r;
}

// Set while anything is armed, offline or held: the hooks' fast path.
std::atomic<bool> active{false};

void update_active(registry& r)
{
  bool any = !r.armed.empty() || !r.held.empty();
  for (auto& [d, c] : r.cards)
    any = any || c.offline;
  active.store(any, std::memory_order_release);
}

bool is_kernel_start(const uint32_t* packet)
{
  auto op = reinterpret_cast<const ert_packet*>(packet)->opcode;
  return op == ERT_START_CU || op == ERT_EXEC_WRITE || op == ERT_START_KEY_VAL || op == ERT_START_FA;
}

// Names of the CUs a start packet's masks allow, with their kernels.
std::vector<std::pair<std::string, std::string>> allowed_cus(card_state& card, const uint32_t* packet)
{
  std::vector<std::pair<std::string, std::string>> out;
  auto cmd = reinterpret_cast<const ert_start_kernel_cmd*>(packet);
  auto names = card.cu_names();
  if (names.empty())
    return out;
  auto design = card.design();
  unsigned masks = 1 + cmd->extra_cu_masks;
  for (unsigned w = 0; w < masks; ++w) {
    uint32_t mask = w == 0 ? cmd->cu_mask : cmd->data[w - 1];
    for (unsigned bit = 0; bit < 32; ++bit) {
      unsigned cu = w * 32 + bit;
      if (!(mask & (1u << bit)) || cu >= names.size())
        continue;
      std::string kernel;
      for (auto& inst : design.instances)
        if (inst.name == names[cu])
          kernel = inst.kernel;
      out.emplace_back(names[cu], kernel);
    }
  }
  return out;
}

// Counts one matching event for f; true when this one is hit.
bool hit(fault& f)
{
  ++f.seen;
  return f.seen > f.after && (f.count == 0 || f.seen <= f.after + f.count);
}

bool for_device(const fault& f, unsigned device) { return f.device < 0 || static_cast<unsigned>(f.device) == device; }


// What xocl does when the card's firewall trips (the way a card drops off
// the bus): an error record, then the device is marked offline.
void go_offline(registry& r, unsigned device, card_state& card, const fault& f)
{
  auto& c = r.cards[device];
  if (c.offline)
    return;
  c.offline = true;
  c.why = f.text;
  // The card's error log (error_log.h), which xrt::error and
  // `xbutil examine -r error` read through the xocl_errors query.
  card.errors()->record(XRT_ERROR_CODE_BUILD(XRT_ERROR_NUM_FIRWWALL_TRIP, XRT_ERROR_DRIVER_XOCL,
                                             XRT_ERROR_SEVERITY_CRITICAL, XRT_ERROR_MODULE_FIREWALL,
                                             XRT_ERROR_CLASS_HARDWARE));
  std::fprintf(stderr, "[xrtemu] injected fault '%s': device %u goes offline (firewall trip); "
               "every further call on it fails\n", f.text.c_str(), device);
  update_active(r);
}

// The driver's ioctls fail with ENODEV; XRT's wrapper adds its own words.
[[noreturn]] void offline_error(unsigned, const std::string& what)
{
  throw xrt_core::system_error(ENODEV, what);
}

void arm(registry& r, std::vector<fault> list)
{
  for (auto& f : list) {
    if (f.what == kind::ecc) {
      auto& e = r.ecc[{f.device, f.bank}];
      if (f.ce && !e.ce)
        e.ce_ffa = f.addr;
      if (f.ue && !e.ue)
        e.ue_ffa = f.addr;
      e.ce += f.ce;
      e.ue += f.ue;
      continue;
    }
    r.armed.push_back(std::move(f));
  }
  update_active(r);
}

void load_configured(registry& r)
{
  std::string spec = xrt_core::config::detail::get_string_value("Emulation.faults", "");
  std::string source = "xrt.ini [Emulation] faults";
  if (const char* env = std::getenv("XRTEMU_FAULTS"); env && *env) {
    spec = env;
    source = "XRTEMU_FAULTS";
  }
  try {
    auto list = parse(spec, source);
    std::lock_guard<std::mutex> lk(r.mutex);
    arm(r, std::move(list));
  }
  catch (const std::invalid_argument& e) {
    r.load_error = e.what();
  }
}

registry& loaded()
{
  auto& r = reg();
  std::call_once(r.loaded, [&] { load_configured(r); });
  return r;
}

} // namespace

bool admit(unsigned device)
{
  auto& r = loaded();
  if (!r.load_error.empty())
    throw std::runtime_error(r.load_error);
  if (!active.load(std::memory_order_acquire))
    return true;
  std::lock_guard<std::mutex> lk(r.mutex);
  auto it = r.cards.find(device);
  if (it != r.cards.end() && it->second.offline) {
    std::fprintf(stderr, "[xrtemu] device %u is offline (injected fault '%s'): open refused\n", device,
                 it->second.why.c_str());
    return false;
  }
  return true;
}

void on_alloc(unsigned device)
{
  if (!active.load(std::memory_order_acquire))
    return;
  auto& r = reg();
  std::lock_guard<std::mutex> lk(r.mutex);
  if (auto it = r.cards.find(device); it != r.cards.end() && it->second.offline)
    throw std::bad_alloc();
}

void on_load(unsigned device)
{
  if (!active.load(std::memory_order_acquire))
    return;
  auto& r = reg();
  std::lock_guard<std::mutex> lk(r.mutex);
  if (auto it = r.cards.find(device); it != r.cards.end() && it->second.offline)
    offline_error(device, "failed to load xclbin");
}

void on_sync(unsigned device, const card_state& card, int platform_bank, bool to_device, size_t bytes)
{
  if (!active.load(std::memory_order_acquire))
    return;
  auto& r = reg();
  std::lock_guard<std::mutex> lk(r.mutex);
  if (auto it = r.cards.find(device); it != r.cards.end() && it->second.offline)
    offline_error(device, "unable to sync BO");
  auto& banks = card.platform().banks;
  std::string tag = platform_bank >= 0 && static_cast<size_t>(platform_bank) < banks.size() ? banks[platform_bank].tag : "";
  for (auto& f : r.armed) {
    if (f.what != kind::dma || !for_device(f, device) || (f.dir >= 0 && f.dir != int(to_device)) ||
        (!f.bank.empty() && f.bank != tag))
      continue;
    if (!hit(f))
      continue;
    std::fprintf(stderr, "[xrtemu] injected fault '%s': DMA of %zu bytes %s %s fails (EIO)\n", f.text.c_str(), bytes,
                 to_device ? "to" : "from", tag.c_str());
    // What XRT's driver wrapper throws for a failed xclSyncBO.
    throw xrt_core::system_error(EIO, "unable to sync BO");
  }
}

verdict on_exec(unsigned device, const void* owner, xclBufferHandle cmd, card_state& card, const uint32_t* packet)
{
  if (!active.load(std::memory_order_acquire))
    return verdict::run;
  auto& r = reg();
  std::lock_guard<std::mutex> lk(r.mutex);
  if (r.held.erase({owner, cmd}))
    update_active(r);   // the exec BO was reused: its old hung command is gone
  if (auto it = r.cards.find(device); it != r.cards.end() && it->second.offline)
    offline_error(device, "failed to launch execution buffer");
  if (!is_kernel_start(packet))
    return verdict::run;
  for (auto& f : r.armed)
    if (f.what == kind::offline && for_device(f, device) && hit(f)) {
      go_offline(r, device, card, f);
      offline_error(device, "failed to launch execution buffer");
    }
  std::vector<std::pair<std::string, std::string>> cus;
  bool named = false;
  for (auto& f : r.armed) {
    if ((f.what != kind::hang && f.what != kind::error) || !for_device(f, device))
      continue;
    if (!named) {
      cus = allowed_cus(card, packet);
      named = true;
    }
    std::string on;
    for (auto& [cu, kernel] : cus)
      if ((f.cu.empty() || f.cu == cu) && (f.kernel.empty() || f.kernel == kernel)) {
        on = cu;
        break;
      }
    if (on.empty() || !hit(f))
      continue;
    if (f.what == kind::hang) {
      std::fprintf(stderr, "[xrtemu] injected fault '%s': the run on %s never completes (until aborted)\n",
                   f.text.c_str(), on.c_str());
      r.held[{owner, cmd}] = ++r.hangs;
      update_active(r);
      return verdict::hang;
    }
    std::fprintf(stderr, "[xrtemu] injected fault '%s': the run on %s ends in ERROR\n", f.text.c_str(), on.c_str());
    return verdict::error;
  }
  return verdict::run;
}

void expire_held(const void* owner, xclBufferHandle cmd, unsigned ms, std::function<void()> finish)
{
  uint64_t serial;
  {
    auto& r = reg();
    std::lock_guard<std::mutex> lk(r.mutex);
    auto it = r.held.find({owner, cmd});
    if (it == r.held.end())
      return;
    serial = it->second;
  }
  std::thread([owner, cmd, ms, serial, finish = std::move(finish)] {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    auto& r = reg();
    std::lock_guard<std::mutex> lk(r.mutex);
    auto it = r.held.find({owner, cmd});
    if (it == r.held.end() || it->second != serial)
      return;   // aborted, or its device or exec BO is gone
    r.held.erase(it);
    std::fprintf(stderr, "[xrtemu] a run hung by fault injection timed out after %u ms\n", ms);
    finish();
    update_active(r);
  }).detach();
}

bool abort_held(const void* owner, xclBufferHandle cmd)
{
  if (!active.load(std::memory_order_acquire))
    return false;
  auto& r = reg();
  std::lock_guard<std::mutex> lk(r.mutex);
  bool was = r.held.erase({owner, cmd}) > 0;
  update_active(r);
  return was;
}

void forget(const void* owner)
{
  if (!active.load(std::memory_order_acquire))
    return;
  auto& r = reg();
  std::lock_guard<std::mutex> lk(r.mutex);
  for (auto it = r.held.begin(); it != r.held.end();)
    it = it->first.first == owner ? r.held.erase(it) : std::next(it);
  update_active(r);
}

namespace {

// --- queries ---------------------------------------------------------------

template <typename Fn>
struct plain : xrt_core::query::request
{
  Fn fn;
  explicit plain(Fn f) : fn(f) {}
  boost::any get(const xrt_core::device* d) const override { return fn(d->get_device_id()); }
};

// mig_ecc_* take the memory's tag as a sub-device modifier.
struct ecc_query : xrt_core::query::request
{
  key_type key;
  explicit ecc_query(key_type k) : key(k) {}
  boost::any get(const xrt_core::device* d, modifier, const std::string& tag) const override;
};

const card_state& card_of(const xrt_core::device* d)
{
  return const_cast<device_emu&>(static_cast<const device_emu&>(*d)).card();
}

// ECC counters for a memory tag: the tag itself, or the platform bank the
// loaded xclbin's entry of that tag sits in.  Only DDR and HBM controllers
// have ECC; other tags have no such node, as on a card.
ecc_counts ecc_for(const xrt_core::device* d, const std::string& tag, key_type key)
{
  auto& card = card_of(d);
  std::set<std::string> names{tag};
  bool capable = false;
  auto& banks = card.platform().banks;
  auto consider = [&](const emu::bank_desc& b) {
    names.insert(b.tag);
    capable = capable || b.kind == emu::bank_kind::ddr || b.kind == emu::bank_kind::hbm;
  };
  if (auto* b = card.platform().find_bank(tag))
    consider(*b);
  for (auto& m : card.design().banks)
    if (m.tag == tag && m.used && !m.stream_connection())
      if (int pb = card.platform_bank_of(m); pb >= 0 && static_cast<size_t>(pb) < banks.size())
        consider(banks[pb]);
  auto& r = reg();
  std::lock_guard<std::mutex> lk(r.mutex);
  ecc_counts sum;
  bool faulted = false;
  for (auto& [at, e] : r.ecc) {
    if ((at.first >= 0 && static_cast<unsigned>(at.first) != d->get_device_id()) || !names.count(at.second))
      continue;
    faulted = true;
    if (e.ce && !sum.ce) sum.ce_ffa = e.ce_ffa;
    if (e.ue && !sum.ue) sum.ue_ffa = e.ue_ffa;
    sum.ce += e.ce;
    sum.ue += e.ue;
  }
  if (!capable && !faulted)
    throw xrt_core::query::no_such_key(key, "memory '" + tag + "' has no ECC-capable controller");
  return sum;
}

boost::any ecc_query::get(const xrt_core::device* d, modifier, const std::string& tag) const
{
  auto e = ecc_for(d, tag, key);
  switch (key) {
  case key_type::mig_ecc_enabled: return true;
  // Bits as the MIG reports them: 0x1 uncorrectable, 0x2 correctable seen.
  case key_type::mig_ecc_status: return uint64_t((e.ue ? 0x1 : 0) | (e.ce ? 0x2 : 0));
  case key_type::mig_ecc_ce_cnt: return e.ce;
  case key_type::mig_ecc_ue_cnt: return e.ue;
  case key_type::mig_ecc_ce_ffa: return e.ce_ffa;
  default: return e.ue_ffa;
  }
}

} // namespace

const xrt_core::query::request* query(key_type key)
{
  static const auto table = [] {
    std::map<key_type, std::unique_ptr<xrt_core::query::request>> m;
    auto is_offline = [](unsigned device) {
      auto& r = reg();
      std::lock_guard<std::mutex> lk(r.mutex);
      auto it = r.cards.find(device);
      return it != r.cards.end() && it->second.offline;
    };
    m[key_type::is_offline] = std::make_unique<plain<decltype(is_offline)>>(is_offline);
    for (auto k : {key_type::mig_ecc_enabled, key_type::mig_ecc_status, key_type::mig_ecc_ce_cnt,
                   key_type::mig_ecc_ue_cnt, key_type::mig_ecc_ce_ffa, key_type::mig_ecc_ue_ffa})
      m[k] = std::make_unique<ecc_query>(k);
    return m;
  }();
  auto it = table.find(key);
  return it == table.end() ? nullptr : it->second.get();
}

} // namespace xrtemu::shim::faults

extern "C" int xrtemu_inject_faults(const char* spec)
{
  using namespace xrtemu::shim::faults;
  try {
    auto& r = loaded();
    auto list = parse(spec ? spec : "", "xrtemu_inject_faults");
    std::lock_guard<std::mutex> lk(r.mutex);
    arm(r, std::move(list));
    return 0;
  }
  catch (const std::exception& e) {
    std::fprintf(stderr, "[xrtemu] %s\n", e.what());
    return -EINVAL;
  }
}

extern "C" void xrtemu_clear_faults(void)
{
  using namespace xrtemu::shim::faults;
  auto& r = loaded();
  std::lock_guard<std::mutex> lk(r.mutex);
  r.armed.clear();
  r.cards.clear();
  r.ecc.clear();
  update_active(r);
}
