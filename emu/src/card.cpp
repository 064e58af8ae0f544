#include "card_impl.h"

#include "bus_word.h"

#include <cstring>

namespace xrtemu::emu {

card::impl::impl(const platform_desc& p, unsigned idx, sim_kernel& s)
  : platform(p), index(idx), sim(s),
    mem_bus(("card" + std::to_string(idx) + "_mem_bus").c_str()),
    ctrl_bus(("card" + std::to_string(idx) + "_ctrl_bus").c_str()),
    bridge(("card" + std::to_string(idx) + "_host").c_str())
{
  auto prefix = "card" + std::to_string(idx) + "_";
  for (size_t i = 0; i < p.banks.size(); ++i) {
    auto& b = p.banks[i];
    banks.push_back(std::make_unique<memory_bank>((prefix + "bank" + std::to_string(i)).c_str(), b));
    mem_bus.map(b.base, b.size, b.tag);
    mem_bus.init.bind(banks.back()->socket);
  }
  poster post = [this](std::function<void()> t) { sim.post(std::move(t)); };
  std::vector<compute_unit*> cus;
  for (uint32_t i = 0; i < p.max_cus; ++i) {
    slots.push_back(std::make_unique<compute_unit>((prefix + "cu" + std::to_string(i)).c_str(),
                                                   static_cast<uint32_t>(p.cu_stride), post, &platform.banks));
    ctrl_bus.map(p.cu_base + p.cu_stride * i, p.cu_stride, "CU slot " + std::to_string(i));
    ctrl_bus.init.bind(slots.back()->ctrl.socket);
    slots.back()->mem.bind(mem_bus.targ);
    cus.push_back(slots.back().get());
  }
  sched = std::make_unique<scheduler>((prefix + "scheduler").c_str(), cus, p.cu_base, p.cu_stride);
  sched->bus.bind(ctrl_bus.targ);
  bridge.socket.bind(ctrl_bus.targ);
}

uint8_t* card::impl::bank_pointer(uint64_t addr, uint64_t n) const
{
  for (auto& b : banks) {
    auto& d = b->desc();
    if (addr >= d.base && addr - d.base < d.size && n <= d.size - (addr - d.base))
      return b->data() + (addr - d.base);
  }
  return nullptr;
}

void card::impl::bad_range(const char* what, uint64_t addr, uint64_t n) const
{
  // Name the bank the range starts in, or else the closest one, so a wrong
  // offset or size is easy to spot.
  const bank_desc* best = nullptr;
  uint64_t best_gap = ~0ull;
  for (auto& b : platform.banks) {
    uint64_t gap = addr < b.base ? b.base - addr : (addr - b.base < b.size ? 0 : addr - (b.base + b.size - 1));
    if (gap < best_gap) {
      best_gap = gap;
      best = &b;
    }
  }
  std::string near;
  if (best)
    near = std::string(best_gap == 0 ? "; it starts in " : "; nearest bank is ") + best->tag + " [" +
           hex(best->base) + ", " + hex(best->base + best->size) + ")" + (best_gap == 0 ? " but runs past its end" : "");
  throw error(std::string(what) + ": device range [" + hex(addr) + ", " + hex(addr + n) +
              ") is not inside one memory bank of " + platform.name + near);
}

card::card(std::unique_ptr<impl> p) : m_impl(std::move(p)) {}
card::~card() = default;

const platform_desc& card::platform() const { return m_impl->platform; }
unsigned card::index() const { return m_impl->index; }

void card::dma_write(uint64_t addr, const void* src, size_t n)
{
  if (auto p = m_impl->bank_pointer(addr, n))
    std::memcpy(p, src, n);
  else if (auto h = m_impl->mem_bus.host_window(addr, n))
    std::memcpy(h, src, n);
  else
    m_impl->bad_range("DMA write", addr, n);
}

void card::dma_read(uint64_t addr, void* dst, size_t n)
{
  if (auto p = m_impl->bank_pointer(addr, n))
    std::memcpy(dst, p, n);
  else if (auto h = m_impl->mem_bus.host_window(addr, n))
    std::memcpy(dst, h, n);
  else
    m_impl->bad_range("DMA read", addr, n);
}

void card::dma_copy(uint64_t dst, uint64_t src, size_t n)
{
  auto d = direct_pointer(dst, n);
  auto s = direct_pointer(src, n);
  if (!d)
    m_impl->bad_range("copy destination", dst, n);
  if (!s)
    m_impl->bad_range("copy source", src, n);
  std::memmove(d, s, n);
}

void* card::direct_pointer(uint64_t addr, size_t n)
{
  if (auto p = m_impl->bank_pointer(addr, n))
    return p;
  return m_impl->mem_bus.host_window(addr, n);
}

void card::map_host_window(uint64_t addr, void* host, size_t n) { m_impl->mem_bus.add_host_window(addr, host, n); }
void card::unmap_host_window(uint64_t addr) { m_impl->mem_bus.remove_host_window(addr); }

void card::program(program_desc prog)
{
  auto& im = *m_impl;
  if (prog.cus.size() > im.slots.size())
    throw error("xclbin has " + std::to_string(prog.cus.size()) + " CUs but platform " + im.platform.name +
                " has " + std::to_string(im.slots.size()) + " CU slots");
  im.sim.call([&] {
    for (auto& s : im.slots)
      if (s->busy())
        throw error("cannot load an xclbin while CU " + (s->desc() ? s->desc()->name : std::string(s->name())) +
                    " is running");
    im.sched->abort_all("a new xclbin was loaded");
    im.program = std::move(prog);
    for (size_t i = 0; i < im.slots.size(); ++i)
      im.slots[i]->bind(i < im.program.cus.size() ? &im.program.cus[i] : nullptr);
    im.sched->set_programmed(im.program.cus.size());
    im.programmed = im.program.cus.size();
  });
}

size_t card::num_cus() const { return m_impl->programmed.load(); }

uint32_t card::impl::host_access(tlm::tlm_command cmd, unsigned cu, uint32_t offset, uint32_t value)
{
  if (cu >= programmed.load())
    throw error("no CU with index " + std::to_string(cu));
  if (!slots[cu]->ctrl.in_range(offset))
    throw error("register offset " + hex(offset) + " is outside CU " + program.cus[cu].name +
                "'s control block (" + hex(platform.cu_stride) + " bytes, 4-byte aligned)");
  sim.call([&] { bus_word(bridge.socket, cmd, platform.cu_base + platform.cu_stride * cu + offset, value); });
  return value;
}

uint32_t card::read_register(unsigned cu, uint32_t offset)
{
  return m_impl->host_access(tlm::TLM_READ_COMMAND, cu, offset, 0);
}

void card::write_register(unsigned cu, uint32_t offset, uint32_t value)
{
  m_impl->host_access(tlm::TLM_WRITE_COMMAND, cu, offset, value);
}

void card::submit(uint32_t* packet, std::function<void(cmd_state)> done)
{
  auto& im = *m_impl;
  im.sim.post([&im, packet, done = std::move(done)]() mutable { im.sched->submit(packet, std::move(done)); });
}

std::vector<cu_status> card::status() const
{
  // On the simulation thread, so a concurrent program() cannot tear it.
  std::vector<cu_status> out;
  auto& im = *m_impl;
  im.sim.call([&] {
    for (size_t i = 0; i < im.programmed.load(); ++i)
      out.push_back({im.program.cus[i].name, im.slots[i]->runs(), im.slots[i]->busy()});
  });
  return out;
}

void card::set_log(std::function<void(const std::string&)> log)
{
  auto& im = *m_impl;
  im.sim.call([&] { im.sched->set_log(std::move(log)); });
}

} // namespace xrtemu::emu
