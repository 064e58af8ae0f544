#include "card_state.h"
#include "model_library.h"

#include "errors.h"
#include "xrtemu/xclbin/axlf.h"

#include <xclbin.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <map>
#include <sstream>
#include <utility>

namespace xrtemu::shim {

namespace {

std::string hex(uint64_t v)
{
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

std::string human(uint64_t bytes)
{
  const char* unit[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  double v = static_cast<double>(bytes);
  while (v >= 1024 && u < 4) { v /= 1024; ++u; }
  std::ostringstream os;
  os.precision(u && v != static_cast<uint64_t>(v) ? 2 : 0);
  os << std::fixed << v << ' ' << unit[u];
  return os.str();
}

// Platform bank an xclbin memory entry stands for: same tag first, else the
// bank whose address range holds the entry's base (hardware xclbins may
// name banks "bank0" and so on).
int platform_bank_for(const emu::platform_desc& p, const xclbin::mem_bank& m)
{
  for (size_t i = 0; i < p.banks.size(); ++i)
    if (p.banks[i].tag == m.tag)
      return static_cast<int>(i);
  return m.size ? p.bank_index_at(m.base) : -1;
}

// A CU's control protocol.  XRT goes by the IP_LAYOUT bits (xrt::kernel
// refuses AP_CTRL_NONE CUs, KDS drives AP_CTRL_CHAIN ones with
// ap_continue), so they decide; bits of 0 (ap_ctrl_hs) are also what
// producers that do not encode the protocol write, so then the kernel XML's
// hwControlProtocol decides.  Other XML values (user_managed ...) keep the
// ap_ctrl_hs register block, which the host drives through xrt::ip.
uint32_t cu_control(const xclbin::instance& inst, const xclbin::kernel& k, const std::string& origin)
{
  auto by_name = [](const std::string& c) {
    return c == "ap_ctrl_chain" ? XRTEMU_CTRL_CHAIN : c == "ap_ctrl_none" ? XRTEMU_CTRL_NONE : XRTEMU_CTRL_HS;
  };
  if (inst.control == "ap_ctrl_chain" || inst.control == "ap_ctrl_none")
    return by_name(inst.control);
  if (inst.control.empty() || inst.control == "ap_ctrl_hs")
    return by_name(k.control);
  throw xrt_core::system_error(EINVAL,
    origin + ": section IP_LAYOUT: CU '" + inst.name + "' (kernel '" + k.name + "') uses control protocol " +
    inst.control + ", which the emulated card does not run (it runs ap_ctrl_hs, ap_ctrl_chain and ap_ctrl_none)");
}

// What the driver allocates in a platform bank under a loaded xclbin: for a
// bank the link may resize (max_size, PLRAM), the xclbin's MEM_TOPOLOGY size
// (checked against max_size at load), else the platform's.
uint64_t design_bank_size(const emu::bank_desc& bank, const xclbin::mem_bank& m)
{
  if (bank.max_size && m.base == bank.base && m.size && m.size <= bank.window())
    return m.size;
  return bank.size;
}

} // namespace

card_state::card_state(emu::card& card, unsigned card_index, card_sharing sharing)
    : m_card(card), m_registry(card.platform().name, card_index, sharing)
{
  auto& banks = card.platform().banks;
  std::vector<size_t> by_base(banks.size());
  for (size_t i = 0; i < banks.size(); ++i)
    by_base[i] = i;
  std::sort(by_base.begin(), by_base.end(), [&](size_t a, size_t b) { return banks[a].base < banks[b].base; });
  m_region_of.resize(banks.size());
  std::vector<std::pair<uint64_t, uint64_t>> spans;   // region base, end
  for (auto i : by_base) {
    // A bank that may grow (max_size) spans its largest extent, as on the card.
    if (spans.empty() || spans.back().second != banks[i].base)
      spans.push_back({banks[i].base, banks[i].base});
    spans.back().second = banks[i].base + banks[i].window();
    m_region_of[i] = spans.size() - 1;
  }
  for (auto& [base, end] : spans)
    m_regions.push_back(std::make_unique<bank_allocator>(base, end - base));
  m_traffic = std::make_unique<bank_traffic[]>(banks.size());
}

uint64_t card_state::bank_used(unsigned platform_bank) const
{
  auto& b = platform().banks.at(platform_bank);
  return region_of(platform_bank).used(b.base, b.base + b.window());
}

uint64_t card_state::bank_buffers(unsigned platform_bank) const
{
  auto& b = platform().banks.at(platform_bank);
  return region_of(platform_bank).count(b.base, b.base + b.window());
}

int card_state::platform_bank_of(const xclbin::mem_bank& m) const
{
  return platform_bank_for(platform(), m);
}

int card_state::bank_at(uint64_t addr) const
{
  return platform().bank_index_at(addr);
}

bank_choice card_state::resolve_bank(unsigned memidx) const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  auto& p = platform();
  if (!m_design) {
    if (memidx >= p.banks.size())
      throw xrt_core::system_error(EINVAL,
        "memory bank index " + std::to_string(memidx) + " does not exist: platform " + p.name +
        " has " + std::to_string(p.banks.size()) + " banks and no xclbin is loaded");
    return {memidx, p.banks[memidx].tag, p.banks[memidx].base, p.banks[memidx].size};
  }
  auto& banks = m_design->group_banks;
  if (memidx >= banks.size())
    throw xrt_core::system_error(EINVAL,
      "memory bank index " + std::to_string(memidx) + " does not exist in the loaded xclbin (" +
      std::to_string(banks.size()) + " entries in its memory topology)");
  auto& m = banks[memidx];
  if (m.stream_connection())
    throw xrt_core::system_error(EINVAL,
      "memory index " + std::to_string(memidx) + " (" + m.tag + ") of the loaded xclbin is a stream "
      "connection between CUs, not a memory bank; buffers cannot be placed there");
  if (!m.used)
    throw xrt_core::system_error(EINVAL,
      "memory bank " + std::to_string(memidx) + " (" + m.tag + ") is not used by the loaded xclbin");
  int pb = platform_bank_for(p, m);
  if (pb < 0)
    throw xrt_core::system_error(EINVAL,
      "memory bank " + std::to_string(memidx) + " (" + m.tag + ") of the xclbin does not exist on platform " + p.name);
  auto& bank = p.banks[pb];
  if (memidx < m_design->banks.size())
    return {static_cast<unsigned>(pb), m.tag, bank.base, design_bank_size(bank, m)};
  // A group: its window must lie in one run of back-to-back banks.
  auto& region = region_of(static_cast<unsigned>(pb));
  if (m.base + m.size > region.base() + region.capacity())
    throw xrt_core::system_error(EINVAL,
      "memory group " + std::to_string(memidx) + " (" + m.tag + ", " + hex(m.base) + " + " + human(m.size) +
      ") of the xclbin is not a run of back-to-back banks on platform " + p.name);
  return {static_cast<unsigned>(pb), m.tag, m.base, m.size};
}

uint64_t card_state::allocate(const bank_choice& b, uint64_t size)
{
  if (size > b.size)
    throw xrt_core::system_error(ENOMEM,
      "buffer of " + human(size) + " does not fit in bank " + b.tag + " (" + human(b.size) + ")");
  auto& region = region_of(b.platform_bank);
  auto addr = region.allocate(size, b.base, b.base + b.size);
  if (!addr)
    throw xrt_core::system_error(ENOMEM,
      "bank " + b.tag + " has no free range of " + human(size) + " (" +
      human(b.size - region.used(b.base, b.base + b.size)) + " free)");
  return *addr;
}

void card_state::release(unsigned platform_bank, uint64_t addr)
{
  region_of(platform_bank).release(addr);
}

void card_state::open_context(unsigned cu, bool exclusive)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  auto& count = m_contexts[cu];
  if (count == 0 && m_design) {
    try {
      m_registry.acquire(m_design->id, cu, cu < m_cu_names.size() ? m_cu_names[cu] : "?", exclusive);
    }
    catch (...) {
      m_contexts.erase(cu);
      throw;
    }
  }
  ++count;
}

void card_state::close_context(unsigned cu)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  auto it = m_contexts.find(cu);
  if (it != m_contexts.end() && --it->second == 0) {
    m_contexts.erase(it);
    m_registry.release(cu);
  }
}

// One model copy per CU (model_library.h says why), found by kernel name:
// BITSTREAM holds our model when our tools built the xclbin; in an xclbin
// built by Vitis for a card it is the FPGA bitstream, and the kernels are
// looked up by name on XRTEMU_MODEL_PATH instead.  The same xclbin loaded
// again keeps its copies, as a card keeps its fabric when XRT programs the
// xclbin it already holds.
std::shared_ptr<const cu_models> card_state::load_models(const xclbin::design& d, const std::vector<uint8_t>& image,
                                                         const std::string& origin) const
{
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    if (m_models && m_image == image)
      return m_models;
  }
  static const uint8_t elf_magic[4] = {0x7f, 'E', 'L', 'F'};
  bool has_embedded = d.model.size() > 4 && std::memcmp(d.model.data(), elf_magic, 4) == 0;
  std::map<std::string, std::vector<uint8_t>> files;   // model files read from XRTEMU_MODEL_PATH

  // Each image is loaded once to look into; that first copy then goes to
  // the first CU that needs the image, later CUs get copies of their own.
  struct image_copies { std::string origin; std::shared_ptr<model_library> first; bool handed = false; };
  std::map<const std::vector<uint8_t>*, image_copies> images;
  auto look_into = [&](const std::vector<uint8_t>& img, const std::string& o) -> const model_library& {
    auto& c = images[&img];
    if (!c.first)
      c = {o, model_library::from_image(img, o)};
    return *c.first;
  };
  auto copy_of = [&](const std::vector<uint8_t>* img) {
    auto& c = images.at(img);
    if (!std::exchange(c.handed, true))
      return c.first;
    return model_library::from_image(*img, c.origin);
  };

  std::vector<const std::vector<uint8_t>*> kernel_image;   // per design kernel
  for (auto& k : d.kernels) {
    const std::vector<uint8_t>* img = nullptr;
    std::string from;
    if (has_embedded && look_into(d.model, origin + " (BITSTREAM)").find(k.name)) {
      img = &d.model;
    }
    else {
      auto path = model_library::search(k.name);
      if (path.empty())
        throw xrt_core::system_error(EINVAL,
          origin + ": no model for kernel '" + k.name + "': the xclbin carries none and no library on " +
          "XRTEMU_MODEL_PATH (" + (std::getenv("XRTEMU_MODEL_PATH") ? std::getenv("XRTEMU_MODEL_PATH") : "unset") +
          ") defines it");
      auto f = files.find(path);
      if (f == files.end())
        f = files.emplace(path, model_library::read_file(path)).first;
      img = &f->second;
      from = path;
    }
    auto km = look_into(*img, from.empty() ? origin + " (BITSTREAM)" : from).find(k.name);
    if (!km)
      throw xrt_core::system_error(EINVAL, from + ": the model library no longer defines kernel '" + k.name + "'");
    if (km->num_args != k.args.size())
      throw xrt_core::system_error(EINVAL,
        origin + ": kernel '" + k.name + "' has " + std::to_string(k.args.size()) +
        " arguments in EMBEDDED_METADATA but its model has " + std::to_string(km->num_args));
    kernel_image.push_back(img);
  }

  auto out = std::make_shared<cu_models>();
  for (auto& inst : d.instances) {
    // load() checked that every CU names a described kernel.
    auto kit = std::find_if(d.kernels.begin(), d.kernels.end(), [&](auto& k) { return k.name == inst.kernel; });
    auto lib = copy_of(kernel_image[static_cast<size_t>(kit - d.kernels.begin())]);
    out->kernel.push_back(lib->find(kit->name));
    out->live.push_back(lib->find_live(kit->name));
    out->memcheck.push_back(lib->memcheck(kit->name));
    out->libraries.push_back(std::move(lib));
  }
  return out;
}

bool card_state::load(const axlf* top, size_t size)
{
  // Name the xclbin by its UUID in messages: the driver never sees the file name.
  xclbin::uuid id{};
  std::memcpy(id.data(), top->m_header.uuid, id.size());
  auto origin = "xclbin " + xclbin::to_string(id);
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    if (m_design && !m_contexts.empty()) {
      if (m_design->id == id)
        return false;   // the same xclbin again: already programmed
      unsigned n = 0;
      for (auto& [cu, count] : m_contexts)
        n += count;
      throw xrt_core::system_error(EBUSY,
        "cannot load " + origin + ": the loaded xclbin " + xclbin::to_string(m_design->id) +
        " is in use (" + std::to_string(n) + " open CU context" + (n == 1 ? "" : "s") +
        "; destroy its xrt::kernel/xrt::ip objects first)");
    }
    m_registry.check_load(id);
  }
  auto d = std::make_shared<xclbin::design>(xclbin::read(top, size, origin));

  // Every bank the xclbin uses must exist on this card.  Stream
  // connections are links between CUs, not memory.
  for (size_t i = 0; i < d->banks.size(); ++i)
    if (d->banks[i].used && !d->banks[i].stream_connection() && platform_bank_for(platform(), d->banks[i]) < 0)
      throw xrt_core::system_error(EINVAL,
        origin + ": section MEM_TOPOLOGY: bank " + d->banks[i].tag + " at " + hex(d->banks[i].base) +
        " does not exist on platform " + platform().name);

  // A bank the xclbin makes larger than the platform's (PLRAM resized at
  // link time) must stay within the bank's max_size.
  for (auto& m : d->banks) {
    if (!m.used || m.stream_connection())
      continue;
    auto& b = platform().banks[static_cast<size_t>(platform_bank_for(platform(), m))];
    if (m.base == b.base && m.size > b.window())
      throw xrt_core::system_error(EINVAL,
        origin + ": section MEM_TOPOLOGY: bank " + m.tag + " is " + human(m.size) + "; platform " + platform().name +
        " allows " + b.tag + " at most " + human(b.window()) +
        (b.max_size ? " (its max_size)" : " (its size; the platform gives it no max_size)"));
  }

  // Control protocols and stream links are checked now, so that a bad
  // xclbin is refused before it replaces the loaded one.
  std::vector<uint32_t> controls;
  for (auto& inst : d->instances) {
    auto kit = std::find_if(d->kernels.begin(), d->kernels.end(), [&](auto& k) { return k.name == inst.kernel; });
    if (kit == d->kernels.end())
      throw xrt_core::system_error(EINVAL, origin + ": section IP_LAYOUT: CU '" + inst.name + "' names kernel '" +
                                   inst.kernel + "', which EMBEDDED_METADATA does not describe");
    controls.push_back(cu_control(inst, *kit, origin));
  }
  std::vector<xclbin::stream_link> links;
  try {
    links = xclbin::stream_links(*d, origin);
  }
  catch (const xclbin::format_error& e) {
    throw xrt_core::system_error(EINVAL, e.what());
  }

  std::vector<uint8_t> image(reinterpret_cast<const uint8_t*>(top),
                             reinterpret_cast<const uint8_t*>(top) + size);
  auto models = load_models(*d, image, origin);

  std::lock_guard<std::mutex> lk(m_mutex);
  m_design = d;
  m_image = std::move(image);
  m_models = std::move(models);
  m_cu_control = std::move(controls);
  m_links = std::move(links);
  m_cu_names.clear();
  m_loads.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void card_state::bind_cus(const std::vector<uint64_t>& cu_order)
{
  std::shared_ptr<xclbin::design> d;
  std::shared_ptr<const cu_models> models;
  std::vector<uint32_t> controls;
  std::vector<xclbin::stream_link> links;
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    d = m_design;
    models = m_models;
    controls = m_cu_control;
    links = m_links;
  }
  if (!d)
    return;
  auto& p = platform();
  emu::program_desc prog;
  prog.keepalive = std::const_pointer_cast<cu_models>(models);
  std::vector<std::string> names;
  // The card numbers CUs in XRT's order (cu_order), which need not be
  // IP_LAYOUT's: remember where each instance went for the links.
  std::map<uint32_t, unsigned> cu_of_instance;
  for (auto base : cu_order) {
    auto it = std::find_if(d->instances.begin(), d->instances.end(),
                           [&](auto& i) { return i.base == base; });
    if (it == d->instances.end())
      continue;
    auto ip_index = static_cast<uint32_t>(it - d->instances.begin());
    auto kit = std::find_if(d->kernels.begin(), d->kernels.end(),
                            [&](auto& k) { return k.name == it->kernel; });
    if (kit == d->kernels.end())
      throw xrt_core::system_error(EINVAL, "xclbin: CU " + it->name + " names kernel '" + it->kernel +
                                   "' missing from EMBEDDED_METADATA");
    auto kidx = static_cast<size_t>(kit - d->kernels.begin());
    emu::cu_desc cu;
    cu.name = it->name;
    cu.kernel = it->kernel;
    cu.base = it->base;
    cu.model = models->kernel.at(ip_index);
    cu.live = models->live.at(ip_index);
    cu.memcheck = models->memcheck.at(ip_index);
    cu.control = controls.at(ip_index);
    cu.counted_auto_restart = kit->counted_auto_restart != 0;
    cu.mailbox_in = kit->mailbox == "in" || kit->mailbox == "both";
    cu.mailbox_out = kit->mailbox == "out" || kit->mailbox == "both";
    for (uint32_t a = 0; a < kit->args.size(); ++a) {
      auto& xa = kit->args[a];
      emu::cu_arg_desc arg;
      arg.name = xa.name;
      // 1 __global / m_axi, 2 an OpenCL __constant pointer (also m_axi).
      arg.kind = xa.address_qualifier == 1 || xa.address_qualifier == 2 ? XRTEMU_ARG_GLOBAL
               : xa.address_qualifier == 4 ? XRTEMU_ARG_STREAM : XRTEMU_ARG_SCALAR;
      arg.offset = static_cast<uint32_t>(xa.offset);
      arg.size = static_cast<uint32_t>(xa.size);
      // A scalar passed by reference ("int&") is an output register.
      arg.output = arg.kind == XRTEMU_ARG_SCALAR && !xa.type.empty() && xa.type.back() == '&';
      // Banks bound only m_axi arguments; a stream's CONNECTIVITY names its
      // link.  The AXI master behind an argument reaches every bank any
      // argument of the same port is connected to.
      if (arg.kind == XRTEMU_ARG_GLOBAL)
        for (auto& c : d->connections)
          if (c.ip_index == ip_index && c.arg_index < kit->args.size() && kit->args[c.arg_index].port == xa.port &&
              (c.arg_index == a || !xa.port.empty()) && c.mem_index < d->banks.size() &&
              !d->banks[c.mem_index].stream_connection()) {
            int pb = platform_bank_for(p, d->banks[c.mem_index]);
            if (pb >= 0 && std::find(arg.allowed.begin(), arg.allowed.end(), p.banks[pb].base) == arg.allowed.end())
              arg.allowed.push_back(p.banks[pb].base);
          }
      cu.args.push_back(std::move(arg));
    }
    names.push_back(cu.name);
    cu_of_instance[ip_index] = static_cast<unsigned>(prog.cus.size());
    prog.cus.push_back(std::move(cu));
  }
  for (auto& l : links) {
    auto from = cu_of_instance.find(l.producer.instance), to = cu_of_instance.find(l.consumer.instance);
    if (from == cu_of_instance.end() || to == cu_of_instance.end())
      throw xrt_core::system_error(EINVAL,
        "xclbin " + xclbin::to_string(d->id) + ": section MEM_TOPOLOGY: stream connection entry " +
        std::to_string(l.mem_index) + " (" + d->banks[l.mem_index].tag + ") joins " +
        xclbin::end_name(*d, l.producer) + " and " + xclbin::end_name(*d, l.consumer) +
        ", but XRT does not list CU '" + d->instances[from == cu_of_instance.end() ? l.producer.instance
                                                                                    : l.consumer.instance].name +
        "' among the xclbin's compute units");
    prog.links.push_back({from->second, l.producer.arg, to->second, l.consumer.arg, l.depth});
  }
  m_card.program(std::move(prog));
  std::lock_guard<std::mutex> lk(m_mutex);
  m_cu_names = std::move(names);
}

void card_state::reset()
{
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    if (!m_contexts.empty()) {
      unsigned n = 0;
      for (auto& [cu, count] : m_contexts)
        n += count;
      throw xrt_core::system_error(EBUSY, "cannot reset the card: " + std::to_string(n) + " CU context" +
                                   (n == 1 ? " is" : "s are") + " open (a program is using its compute units)");
    }
  }
  // An empty program: no CUs, no links (the card's counters restart too).
  m_card.program(emu::program_desc{});
  std::lock_guard<std::mutex> lk(m_mutex);
  m_design.reset();
  m_image.clear();
  m_models.reset();
  m_cu_control.clear();
  m_links.clear();
  m_cu_names.clear();
}

bool card_state::loaded() const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  return m_design != nullptr;
}

xclbin::uuid card_state::loaded_uuid() const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  return m_design ? m_design->id : xclbin::uuid{};
}

xclbin::design card_state::design() const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  return m_design ? *m_design : xclbin::design{};
}

std::vector<std::string> card_state::cu_names() const
{
  std::lock_guard<std::mutex> lk(m_mutex);
  return m_cu_names;
}

} // namespace xrtemu::shim
