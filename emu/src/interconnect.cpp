#include "interconnect.h"

#include <cstring>
#include <sstream>

namespace xrtemu::emu {

interconnect::interconnect(sc_core::sc_module_name name) : sc_module(name), targ("targ"), init("init")
{
  targ.register_b_transport(this, &interconnect::b_transport);
  targ.register_get_direct_mem_ptr(this, &interconnect::get_direct_mem_ptr);
  targ.register_transport_dbg(this, &interconnect::transport_dbg);
}

void interconnect::map(uint64_t base, uint64_t size, std::string name)
{
  m_routes.push_back({base, size, std::move(name)});
}

const interconnect::route* interconnect::find(uint64_t addr, int& index) const
{
  for (size_t i = 0; i < m_routes.size(); ++i)
    if (addr >= m_routes[i].base && addr - m_routes[i].base < m_routes[i].size) {
      index = static_cast<int>(i);
      return &m_routes[i];
    }
  return nullptr;
}

void interconnect::add_host_window(uint64_t base, void* host, uint64_t size)
{
  std::lock_guard<std::mutex> lk(m_win_mutex);
  m_windows[base] = {host, size};
}

void interconnect::remove_host_window(uint64_t base)
{
  std::lock_guard<std::mutex> lk(m_win_mutex);
  m_windows.erase(base);
}

void* interconnect::host_window(uint64_t addr, uint64_t len) const
{
  std::lock_guard<std::mutex> lk(m_win_mutex);
  auto it = m_windows.upper_bound(addr);
  if (it == m_windows.begin())
    return nullptr;
  --it;
  if (addr - it->first >= it->second.size || len > it->second.size - (addr - it->first))
    return nullptr;
  return static_cast<char*>(it->second.host) + (addr - it->first);
}

std::string interconnect::describe(uint64_t addr) const
{
  int i;
  if (auto r = find(addr, i))
    return r->name;
  return host_window(addr, 1) ? "host memory" : "";
}

unsigned interconnect::transport_dbg(int, tlm::tlm_generic_payload& gp)
{
  uint64_t addr = gp.get_address();
  int i;
  if (auto r = find(addr, i)) {
    gp.set_address(addr - r->base);
    auto n = init[i]->transport_dbg(gp);
    gp.set_address(addr);
    return n;
  }
  if (auto p = host_window(addr, gp.get_data_length())) {
    if (gp.is_read())
      std::memcpy(gp.get_data_ptr(), p, gp.get_data_length());
    else
      std::memcpy(p, gp.get_data_ptr(), gp.get_data_length());
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return gp.get_data_length();
  }
  gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);   // DECERR
  return 0;
}

void interconnect::b_transport(int, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay)
{
  uint64_t addr = gp.get_address();
  int i;
  if (auto r = find(addr, i)) {
    gp.set_address(addr - r->base);
    init[i]->b_transport(gp, delay);
    gp.set_address(addr);
    return;
  }
  transport_dbg(0, gp);
}

bool interconnect::get_direct_mem_ptr(int, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi)
{
  uint64_t addr = gp.get_address();
  int i;
  if (auto r = find(addr, i)) {
    gp.set_address(addr - r->base);
    bool ok = init[i]->get_direct_mem_ptr(gp, dmi);
    gp.set_address(addr);
    if (ok) {
      dmi.set_start_address(dmi.get_start_address() + r->base);
      dmi.set_end_address(dmi.get_end_address() + r->base);
    }
    return ok;
  }
  std::lock_guard<std::mutex> lk(m_win_mutex);
  auto it = m_windows.upper_bound(addr);
  if (it != m_windows.begin()) {
    --it;
    if (addr - it->first < it->second.size) {
      dmi.set_dmi_ptr(static_cast<unsigned char*>(it->second.host));
      dmi.set_start_address(it->first);
      dmi.set_end_address(it->first + it->second.size - 1);
      dmi.allow_read_write();
      return true;
    }
  }
  return false;
}

} // namespace xrtemu::emu
