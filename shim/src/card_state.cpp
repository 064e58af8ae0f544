#include "card_state.h"
#include "model_library.h"

#include "errors.h"
#include "xrtemu/xclbin/axlf.h"

#include <xclbin.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <sstream>

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
  for (size_t i = 0; i < p.banks.size(); ++i)
    if (m.base >= p.banks[i].base && m.base < p.banks[i].base + p.banks[i].size && m.size)
      return static_cast<int>(i);
  return -1;
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

} // namespace

card_state::card_state(emu::card& card) : m_card(card)
{
  for (auto& b : card.platform().banks)
    m_alloc.push_back(std::make_unique<bank_allocator>(b.base, b.size));
  m_traffic = std::make_unique<bank_traffic[]>(m_alloc.size());
}

int card_state::platform_bank_of(const xclbin::mem_bank& m) const
{
  return platform_bank_for(platform(), m);
}

int card_state::bank_at(uint64_t addr) const
{
  auto& banks = platform().banks;
  for (size_t i = 0; i < banks.size(); ++i)
    if (addr >= banks[i].base && addr - banks[i].base < banks[i].size)
      return static_cast<int>(i);
  return -1;
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
    return {memidx, p.banks[memidx].tag};
  }
  auto& banks = m_design->banks;
  if (memidx >= banks.size())
    throw xrt_core::system_error(EINVAL,
      "memory bank index " + std::to_string(memidx) + " does not exist in the loaded xclbin (" +
      std::to_string(banks.size()) + " entries in MEM_TOPOLOGY)");
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
  return {static_cast<unsigned>(pb), m.tag};
}

uint64_t card_state::allocate(const bank_choice& b, uint64_t size)
{
  auto& alloc = *m_alloc.at(b.platform_bank);
  if (size > alloc.capacity())
    throw xrt_core::system_error(ENOMEM,
      "buffer of " + human(size) + " does not fit in bank " + b.tag + " (" + human(alloc.capacity()) + ")");
  auto addr = alloc.allocate(size);
  if (!addr)
    throw xrt_core::system_error(ENOMEM,
      "bank " + b.tag + " has no free range of " + human(size) + " (" +
      human(alloc.capacity() - alloc.used()) + " free)");
  return *addr;
}

void card_state::release(unsigned platform_bank, uint64_t addr)
{
  m_alloc.at(platform_bank)->release(addr);
}

void card_state::open_context(unsigned cu)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  ++m_contexts[cu];
}

void card_state::close_context(unsigned cu)
{
  std::lock_guard<std::mutex> lk(m_mutex);
  auto it = m_contexts.find(cu);
  if (it != m_contexts.end() && --it->second == 0)
    m_contexts.erase(it);
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
  }
  auto d = std::make_shared<xclbin::design>(xclbin::read(top, size, origin));

  // Every bank the xclbin uses must exist on this card.  Stream
  // connections are links between CUs, not memory.
  for (size_t i = 0; i < d->banks.size(); ++i)
    if (d->banks[i].used && !d->banks[i].stream_connection() && platform_bank_for(platform(), d->banks[i]) < 0)
      throw xrt_core::system_error(EINVAL,
        origin + ": section MEM_TOPOLOGY: bank " + d->banks[i].tag + " at " + hex(d->banks[i].base) +
        " does not exist on platform " + platform().name);

  // Find a model for each kernel.
  // BITSTREAM holds our model when our tools built the xclbin; in an xclbin
  // built by Vitis for a card it is the FPGA bitstream, and the kernels are
  // looked up by name on XRTEMU_MODEL_PATH instead.
  std::shared_ptr<model_library> embedded;
  static const uint8_t elf_magic[4] = {0x7f, 'E', 'L', 'F'};
  if (d->model.size() > 4 && std::memcmp(d->model.data(), elf_magic, 4) == 0)
    embedded = model_library::from_image(d->model, origin + " (BITSTREAM)");
  std::vector<std::shared_ptr<model_library>> libs;
  std::vector<const xrtemu_kernel*> kmodels;
  std::vector<const xrtemu_live*> klive;
  for (auto& k : d->kernels) {
    const xrtemu_kernel* km = embedded ? embedded->find(k.name) : nullptr;
    std::shared_ptr<model_library> lib = embedded;
    if (!km) {
      lib = model_library::search(k.name);
      km = lib ? lib->find(k.name) : nullptr;
    }
    if (!km)
      throw xrt_core::system_error(EINVAL,
        origin + ": no model for kernel '" + k.name + "': the xclbin carries none and no library on " +
        "XRTEMU_MODEL_PATH (" + (std::getenv("XRTEMU_MODEL_PATH") ? std::getenv("XRTEMU_MODEL_PATH") : "unset") +
        ") defines it");
    if (km->num_args != k.args.size())
      throw xrt_core::system_error(EINVAL,
        origin + ": kernel '" + k.name + "' has " + std::to_string(k.args.size()) +
        " arguments in EMBEDDED_METADATA but its model has " + std::to_string(km->num_args));
    libs.push_back(lib);
    kmodels.push_back(km);
    klive.push_back(lib->find_live(k.name));
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
  std::lock_guard<std::mutex> lk(m_mutex);
  m_design = d;
  m_image = std::move(image);
  m_models = std::make_shared<std::vector<std::shared_ptr<model_library>>>(std::move(libs));
  m_kernel_models = std::move(kmodels);
  m_kernel_live = std::move(klive);
  m_cu_control = std::move(controls);
  m_links = std::move(links);
  m_cu_names.clear();
  m_loads.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void card_state::bind_cus(const std::vector<uint64_t>& cu_order)
{
  std::shared_ptr<xclbin::design> d;
  std::vector<const xrtemu_kernel*> kmodels;
  std::vector<const xrtemu_live*> klive;
  std::vector<uint32_t> controls;
  std::vector<xclbin::stream_link> links;
  std::shared_ptr<void> keep;
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    d = m_design;
    kmodels = m_kernel_models;
    klive = m_kernel_live;
    controls = m_cu_control;
    links = m_links;
    keep = m_models;
  }
  if (!d)
    return;
  auto& p = platform();
  emu::program_desc prog;
  prog.keepalive = keep;
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
    cu.model = kmodels[kidx];
    cu.live = klive[kidx];
    cu.control = controls.at(ip_index);
    for (uint32_t a = 0; a < kit->args.size(); ++a) {
      auto& xa = kit->args[a];
      emu::cu_arg_desc arg;
      arg.name = xa.name;
      // 1 __global / m_axi, 2 an OpenCL __constant pointer (also m_axi).
      arg.kind = xa.address_qualifier == 1 || xa.address_qualifier == 2 ? XRTEMU_ARG_GLOBAL
               : xa.address_qualifier == 4 ? XRTEMU_ARG_STREAM : XRTEMU_ARG_SCALAR;
      arg.offset = static_cast<uint32_t>(xa.offset);
      arg.size = static_cast<uint32_t>(xa.size);
      // Banks bound only m_axi arguments; a stream's CONNECTIVITY names its link.
      if (arg.kind == XRTEMU_ARG_GLOBAL)
        for (auto& c : d->connections)
          if (c.ip_index == ip_index && c.arg_index == a && c.mem_index < d->banks.size() &&
              !d->banks[c.mem_index].stream_connection()) {
            int pb = platform_bank_for(p, d->banks[c.mem_index]);
            if (pb >= 0)
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
