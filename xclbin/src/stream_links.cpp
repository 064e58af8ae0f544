// Pairing the CONNECTIVITY ends of MEM_STREAMING_CONNECTION entries into
// producer -> consumer links (stream_links.h describes the encoding).
#include "xrtemu/xclbin/stream_links.h"

#include "detail.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace xrtemu::xclbin {

using detail::fail;

namespace {

bool same_name(const std::string& a, const std::string& b)
{
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

const kernel* kernel_of(const design& d, const instance& inst)
{
  for (auto& k : d.kernels)
    if (k.name == inst.kernel)
      return &k;
  return nullptr;
}

// The mode of the <port> an argument goes through, "" when none is declared.
std::string port_mode(const kernel& k, const kernel_arg& a)
{
  for (auto& p : k.ports)
    if (same_name(p.name, a.port))
      return p.mode;
  return "";
}

std::string mem_name(const design& d, uint32_t m)
{
  return "entry " + std::to_string(m) + " (" + d.banks[m].tag + ")";
}

} // namespace

std::string end_name(const design& d, const stream_end& e)
{
  if (e.instance >= d.instances.size())
    return "IP " + std::to_string(e.instance) + " argument " + std::to_string(e.arg);
  auto& inst = d.instances[e.instance];
  auto* k = kernel_of(d, inst);
  if (!k || e.arg >= k->args.size())
    return inst.name + " argument " + std::to_string(e.arg);
  return inst.name + "." + k->args[e.arg].name;
}

std::vector<stream_link> stream_links(const design& d, const std::string& origin)
{
  // CONNECTIVITY entries per stream connection, in section order.
  std::vector<std::vector<size_t>> ends(d.banks.size());
  for (size_t j = 0; j < d.connections.size(); ++j) {
    auto& c = d.connections[j];
    if (c.mem_index < d.banks.size() && d.banks[c.mem_index].stream_connection())
      ends[c.mem_index].push_back(j);
  }

  std::vector<stream_link> out;
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> link_of;   // (instance, arg) -> mem entry
  for (uint32_t m = 0; m < d.banks.size(); ++m) {
    if (!d.banks[m].stream_connection())
      continue;
    auto& e = ends[m];
    if (e.empty() && !d.banks[m].used)
      continue;   // declared but not part of the design
    if (e.size() != 2) {
      std::string found;
      for (auto j : e)
        found += (found.empty() ? "" : ", ") + end_name(d, {d.connections[j].ip_index, d.connections[j].arg_index}) +
                 " (CONNECTIVITY entry " + std::to_string(j) + ")";
      fail(origin, "MEM_TOPOLOGY",
           mem_name(d, m) + " is a stream connection with " + std::to_string(e.size()) + " end" +
           (e.size() == 1 ? "" : "s") + " in CONNECTIVITY" + (found.empty() ? "" : ": " + found) +
           "; a stream connection joins exactly two stream arguments");
    }

    stream_end end[2];
    std::string mode[2];
    for (int i = 0; i < 2; ++i) {
      auto j = e[i];
      auto& c = d.connections[j];
      auto where = "entry " + std::to_string(j) + ": ";
      if (c.ip_index >= d.instances.size())
        fail(origin, "CONNECTIVITY", where + "IP index " + std::to_string(c.ip_index) + " is not a compute unit");
      auto& inst = d.instances[c.ip_index];
      auto* k = kernel_of(d, inst);
      if (!k)
        fail(origin, "CONNECTIVITY", where + "CU '" + inst.name + "' names kernel '" + inst.kernel +
                                         "', which EMBEDDED_METADATA does not describe");
      if (c.arg_index >= k->args.size())
        fail(origin, "CONNECTIVITY", where + "CU '" + inst.name + "' has no argument " +
                                         std::to_string(c.arg_index) + " (kernel '" + k->name + "' has " +
                                         std::to_string(k->args.size()) + ")");
      auto& a = k->args[c.arg_index];
      end[i] = {c.ip_index, c.arg_index};
      if (a.address_qualifier != 4)
        fail(origin, "CONNECTIVITY", where + end_name(d, end[i]) + " (argument " + std::to_string(c.arg_index) +
                                         ", addressQualifier " + std::to_string(a.address_qualifier) +
                                         ") is joined to stream connection " + mem_name(d, m) +
                                         " but is not a stream argument");
      auto [it, fresh] = link_of.emplace(std::make_pair(c.ip_index, c.arg_index), m);
      if (!fresh && it->second == m)
        fail(origin, "CONNECTIVITY", where + end_name(d, end[i]) + " is both ends of stream connection " +
                                         mem_name(d, m));
      if (!fresh)
        fail(origin, "CONNECTIVITY", where + end_name(d, end[i]) + " is joined to stream connection " +
                                         mem_name(d, m) + " and already to " + mem_name(d, it->second) +
                                         "; a stream argument has one link");
      mode[i] = port_mode(*k, a);
    }

    // The producer writes: a write_only port, or the peer of a read_only
    // one.  Ties (both ends or neither saying so) go to the first entry.
    int producer = 0;
    bool w0 = mode[0] == "write_only", w1 = mode[1] == "write_only";
    bool r0 = mode[0] == "read_only", r1 = mode[1] == "read_only";
    if (w0 != w1)
      producer = w1 ? 1 : 0;
    else if (r0 != r1)
      producer = r0 ? 1 : 0;

    stream_link l;
    l.mem_index = m;
    l.producer = end[producer];
    l.consumer = end[1 - producer];
    l.depth = d.banks[m].stream_depth;
    out.push_back(l);
  }
  return out;
}

} // namespace xrtemu::xclbin
