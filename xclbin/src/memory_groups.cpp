// Computing GROUP_TOPOLOGY / GROUP_CONNECTIVITY from a design's banks and
// connections (memory_groups.h states the rule).
#include "xrtemu/xclbin/memory_groups.h"

#include <xclbin.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace xrtemu::xclbin {

bool groupable_type(uint8_t type)
{
  return type == MEM_DDR3 || type == MEM_DDR4 || type == MEM_HBM || type == MEM_DRAM;
}

namespace {

// "MBG[0,2:4,6]" for memory indices {0, 2, 3, 4, 6}, cut to fit m_tag.
std::string group_tag(std::vector<uint32_t> idx)
{
  std::sort(idx.begin(), idx.end());
  std::string tag = "MBG[";
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    while (j + 1 < idx.size() && idx[j + 1] == idx[j] + 1)
      ++j;
    tag += std::to_string(idx[i]);
    if (j != i)
      tag += ":" + std::to_string(idx[j]);
    tag += j + 1 < idx.size() ? "," : "]";
    i = j + 1;
  }
  return tag.substr(0, sizeof(mem_data::m_tag) - 1);
}

bool same_entry(const mem_bank& a, const mem_bank& b)
{
  return a.tag == b.tag && a.type == b.type && a.used == b.used && a.base == b.base && a.size == b.size;
}

} // namespace

memory_groups make_memory_groups(const design& d)
{
  memory_groups g;
  g.banks = d.banks;

  // Connections that may join a group, by (CU, argument), in base order.
  std::map<std::pair<uint32_t, uint32_t>, std::vector<const connection*>> candidates;
  std::vector<std::tuple<uint32_t, uint32_t, const connection*>> order;   // first-seen order of keys
  for (auto& c : d.connections) {
    bool ok = c.mem_index < d.banks.size() && d.banks[c.mem_index].used && groupable_type(d.banks[c.mem_index].type);
    if (!ok) {
      g.connections.push_back(c);
      continue;
    }
    auto& list = candidates[{c.ip_index, c.arg_index}];
    list.push_back(&c);
  }
  for (auto& [key, list] : candidates) {
    std::sort(list.begin(), list.end(),
              [&](auto* a, auto* b) { return d.banks[a->mem_index].base < d.banks[b->mem_index].base; });
    bool contiguous = list.size() > 1;
    uint64_t end = d.banks[list[0]->mem_index].base;
    for (auto* c : list) {
      auto& b = d.banks[c->mem_index];
      contiguous = contiguous && b.base == end;
      end = b.base + b.size;
    }
    if (!contiguous) {
      for (auto* c : list)
        g.connections.push_back(*c);
      continue;
    }
    mem_bank group = d.banks[list[0]->mem_index];
    std::vector<uint32_t> members;
    group.size = 0;
    for (auto* c : list) {
      group.size += d.banks[c->mem_index].size;
      members.push_back(c->mem_index);
    }
    group.tag = group_tag(members);
    auto at = std::find_if(g.banks.begin() + static_cast<long>(d.banks.size()), g.banks.end(),
                           [&](auto& e) { return same_entry(e, group); });
    auto index = static_cast<uint32_t>(at - g.banks.begin());
    if (at == g.banks.end())
      g.banks.push_back(group);
    g.connections.push_back({key.second, key.first, index});
  }
  g.connections.insert(g.connections.end(), d.connections.begin(), d.connections.end());
  return g;
}

} // namespace xrtemu::xclbin
