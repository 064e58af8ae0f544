#include "inspect_view.h"

#include "xrtemu/kernel_model.h"

#include <boost/format.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <map>
#include <sstream>

namespace xrtemu::cli {

using json = nlohmann::ordered_json;

namespace {

const char* protocol_name(uint32_t p)
{
  switch (p) {
  case XRTEMU_CTRL_HS: return "ap_ctrl_hs";
  case XRTEMU_CTRL_CHAIN: return "ap_ctrl_chain";
  case XRTEMU_CTRL_NONE: return "ap_ctrl_none";
  default: return "unknown";
  }
}

std::string uuid_string(const uint8_t (&u)[16])
{
  std::string s;
  char buf[3];
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      s += '-';
    std::snprintf(buf, sizeof buf, "%02x", u[i]);
    s += buf;
  }
  return s;
}

// A fixed-width table: columns sized to their widest cell.
class table
{
public:
  explicit table(std::vector<std::string> head) { m_rows.push_back(std::move(head)); }
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
  void print(std::ostream& os, const std::string& indent) const
  {
    std::vector<size_t> w;
    for (auto& r : m_rows)
      for (size_t i = 0; i < r.size(); ++i) {
        if (w.size() <= i)
          w.push_back(0);
        w[i] = std::max(w[i], r[i].size());
      }
    for (auto& r : m_rows) {
      std::string line = indent;
      for (size_t i = 0; i < r.size(); ++i) {
        line += r[i];
        if (i + 1 < r.size())
          line += std::string(w[i] - r[i].size() + 2, ' ');
      }
      os << line << "\n";
    }
  }

private:
  std::vector<std::vector<std::string>> m_rows;
};

std::string str(const json& j)
{
  if (j.is_string())
    return j.get<std::string>();
  if (j.is_boolean())
    return j.get<bool>() ? "yes" : "no";
  return j.dump();
}

} // namespace

std::string emulated_bdf(unsigned index)
{
  return boost::str(boost::format("%04x:%02x:%02x.%01x") % 0 % 0xee % index % 1);
}

std::string human_bytes(uint64_t bytes)
{
  const char* unit[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  double v = static_cast<double>(bytes);
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  std::ostringstream os;
  os.precision(u && v != static_cast<uint64_t>(v) ? 1 : 0);
  os << std::fixed << v << ' ' << unit[u];
  return os.str();
}

std::string hex(uint64_t v)
{
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

json configured_device_json(const cards::platform_desc& p, unsigned index)
{
  json clocks = json::array();
  for (auto& [name, mhz] : p.clocks_mhz)
    clocks.push_back({{"id", name}, {"freq_mhz", mhz}});
  json banks = json::array();
  for (size_t i = 0; i < p.banks.size(); ++i)
    banks.push_back({{"index", i}, {"tag", p.banks[i].tag}, {"type", cards::to_string(p.banks[i].kind)},
                     {"base_address", hex(p.banks[i].base)}, {"size_bytes", p.banks[i].size}});
  return {{"index", index},
          {"bdf", emulated_bdf(index)},
          {"platform",
           {{"name", p.name}, {"vbnv", p.vbnv}, {"shell", p.shell}, {"cu_slots", p.max_cus}, {"clocks", clocks},
            {"file", p.file}}},
          {"memory", {{"banks", banks}}},
          {"xclbin", nullptr},
          {"compute_units", json::array()},
          {"stream_links", json::array()}};
}

json live_device_json(const status::segment& s, unsigned card)
{
  auto& c = s.cards[card];
  json clocks = json::array();
  for (unsigned i = 0; i < c.num_clocks; ++i)
    clocks.push_back({{"id", status::text(c.clocks[i].name)}, {"freq_mhz", c.clocks[i].mhz}});
  json banks = json::array();
  for (unsigned i = 0; i < c.num_banks; ++i) {
    auto& b = c.banks[i];
    banks.push_back({{"index", i},
                     {"tag", status::text(b.tag)},
                     {"type", status::text(b.type)},
                     {"base_address", hex(b.base)},
                     {"size_bytes", b.size},
                     {"in_xclbin", b.in_xclbin != 0},
                     {"usage", {{"allocated_bytes", b.allocated}, {"buffer_objects", b.bo_count}}},
                     {"dma", {{"host_to_card_bytes", b.to_device}, {"card_to_host_bytes", b.from_device}}}});
  }
  json cus = json::array();
  std::map<std::string, std::vector<std::string>> kernels;   // kernel -> its CUs, in CU order
  std::vector<std::string> kernel_order;
  for (unsigned i = 0; i < c.num_cus; ++i) {
    auto& u = c.cus[i];
    auto kernel = status::text(u.kernel);
    auto name = status::text(u.name);
    std::string state = u.protocol == XRTEMU_CTRL_NONE ? "free-running" : u.busy ? "running" : "idle";
    cus.push_back({{"index", i},
                   {"name", name},
                   {"kernel", kernel},
                   {"base_address", hex(u.base)},
                   {"protocol", protocol_name(u.protocol)},
                   {"state", state},
                   {"runs", u.runs},
                   {"in_flight", u.in_flight}});
    if (!kernels.count(kernel))
      kernel_order.push_back(kernel);
    kernels[kernel].push_back(name);
  }
  json links = json::array();
  for (unsigned i = 0; i < c.num_links; ++i) {
    auto& l = c.links[i];
    links.push_back({{"name", status::text(l.name)},
                     {"producer", status::text(c.cus[l.from_cu].name)},
                     {"consumer", status::text(c.cus[l.to_cu].name)},
                     {"depth", l.depth},
                     {"fill", l.fill},
                     {"beats", l.beats},
                     {"producer_stalls", l.write_stalls},
                     {"consumer_stalls", l.read_stalls}});
  }
  json xclbin = nullptr;
  if (c.xclbin_loaded) {
    json ks = json::array();
    for (auto& k : kernel_order)
      ks.push_back({{"name", k}, {"compute_units", kernels[k]}});
    xclbin = {{"uuid", uuid_string(c.xclbin_uuid)}, {"loads", c.xclbin_loads}, {"kernels", ks}};
  }
  return {{"index", card},
          {"bdf", emulated_bdf(card)},
          {"id", std::to_string(s.head.pid) + ":" + std::to_string(card)},
          {"platform",
           {{"name", status::text(c.platform)},
            {"vbnv", status::text(c.vbnv)},
            {"shell", status::text(c.shell)},
            {"cu_slots", c.cu_slots},
            {"clocks", clocks}}},
          {"memory", {{"banks", banks}}},
          {"xclbin", xclbin},
          {"compute_units", cus},
          {"stream_links", links},
          {"commands",
           {{"submitted", c.submitted},
            {"completed", c.completed},
            {"queued", c.queued},
            {"in_flight", c.submitted - c.completed - std::min(c.queued, c.submitted - c.completed)}}}};
}

json process_json(const status::segment& s)
{
  auto now_ms = static_cast<uint64_t>(
    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  auto& h = s.head;
  return {{"pid", h.pid},
          {"program", status::text(h.program)},
          {"command_line", status::text(h.command_line)},
          {"devices", h.num_cards},
          {"status_updates", h.updates},
          {"status_age_ms", now_ms >= h.updated_unix_ms ? now_ms - h.updated_unix_ms : 0},
          {"truncated", h.truncated != 0}};
}

json process_list_json(int except)
{
  json out = json::array();
  for (int pid : status::list()) {
    if (pid == except)
      continue;
    try {
      auto s = status::read(pid);
      auto p = process_json(*s);
      p["state"] = "live";
      json devs = json::array();
      for (unsigned c = 0; c < s->head.num_cards; ++c) {
        auto& e = s->cards[c];
        json d = {{"index", c}, {"platform", status::text(e.platform)}};
        d["xclbin_uuid"] = e.xclbin_loaded ? json(uuid_string(e.xclbin_uuid)) : json(nullptr);
        devs.push_back(d);
      }
      p["devices"] = devs;
      out.push_back(p);
    }
    catch (const status::read_error& e) {
      static const char* names[] = {"missing", "stale", "corrupt", "busy", "denied"};
      json p = {{"pid", pid}, {"state", names[e.reason]}, {"message", e.what()}};
      if (!e.program.empty())
        p["program"] = e.program;
      out.push_back(p);
    }
  }
  return out;
}

void print_device(std::ostream& os, const json& d)
{
  auto& p = d["platform"];
  os << "Device [" << str(d["bdf"]) << "]";
  if (d.contains("id"))
    os << " (" << str(d["id"]) << ")";
  os << " : " << str(p["name"]) << "\n";
  os << "  Platform\n";
  os << "    VBNV      : " << str(p["vbnv"]) << "\n";
  os << "    Shell     : " << str(p["shell"]) << "\n";
  std::string clocks;
  for (auto& c : p["clocks"])
    clocks += (clocks.empty() ? "" : ", ") + str(c["id"]) + " " +
              boost::str(boost::format("%g") % c["freq_mhz"].get<double>()) + " MHz";
  os << "    Clocks    : " << (clocks.empty() ? "none" : clocks) << "\n";
  os << "    CU slots  : " << str(p["cu_slots"]) << "\n";

  bool live = d.contains("commands");
  os << "  Memory\n";
  if (live) {
    table t({"Tag", "Type", "Base", "Size", "In xclbin", "Allocated", "BOs", "Host->card", "Card->host"});
    for (auto& b : d["memory"]["banks"])
      t.add({str(b["tag"]), str(b["type"]), str(b["base_address"]), human_bytes(b["size_bytes"]),
             b["in_xclbin"].get<bool>() ? "yes" : "no", human_bytes(b["usage"]["allocated_bytes"]),
             str(b["usage"]["buffer_objects"]), human_bytes(b["dma"]["host_to_card_bytes"]),
             human_bytes(b["dma"]["card_to_host_bytes"])});
    t.print(os, "    ");
  }
  else {
    table t({"Tag", "Type", "Base", "Size"});
    for (auto& b : d["memory"]["banks"])
      t.add({str(b["tag"]), str(b["type"]), str(b["base_address"]), human_bytes(b["size_bytes"])});
    t.print(os, "    ");
    return;
  }

  os << "  Xclbin\n";
  if (d["xclbin"].is_null()) {
    os << "    none loaded\n";
  }
  else {
    os << "    UUID      : " << str(d["xclbin"]["uuid"]) << "\n";
    std::string ks;
    for (auto& k : d["xclbin"]["kernels"]) {
      std::string cus;
      for (auto& c : k["compute_units"])
        cus += (cus.empty() ? "" : ", ") + str(c);
      ks += (ks.empty() ? "" : "; ") + str(k["name"]) + " (" + cus + ")";
    }
    os << "    Kernels   : " << (ks.empty() ? "none" : ks) << "\n";
  }
  if (!d["compute_units"].empty()) {
    os << "  Compute units\n";
    table t({"Index", "Name", "Kernel", "Base", "Protocol", "State", "Runs", "In flight"});
    for (auto& c : d["compute_units"])
      t.add({str(c["index"]), str(c["name"]), str(c["kernel"]), str(c["base_address"]), str(c["protocol"]),
             str(c["state"]), str(c["runs"]), str(c["in_flight"])});
    t.print(os, "    ");
  }
  if (!d["stream_links"].empty()) {
    os << "  Stream links\n";
    table t({"Link", "Depth", "Fill", "Beats", "Producer stalls", "Consumer stalls"});
    for (auto& l : d["stream_links"])
      t.add({str(l["name"]), str(l["depth"]), str(l["fill"]), str(l["beats"]), str(l["producer_stalls"]),
             str(l["consumer_stalls"])});
    t.print(os, "    ");
  }
  auto& c = d["commands"];
  os << "  Commands    : " << str(c["submitted"]) << " submitted, " << str(c["completed"]) << " completed, "
     << str(c["queued"]) << " queued, " << str(c["in_flight"]) << " running\n";
}

void print_process_list(std::ostream& os, const json& procs)
{
  if (procs.empty()) {
    os << "No process is running a program on xrtemu.\n";
    return;
  }
  table t({"PID", "Program", "Devices", "Xclbin / state"});
  bool stale = false;
  for (auto& p : procs) {
    if (p["state"] != "live") {
      t.add({str(p["pid"]), p.contains("program") ? str(p["program"]) : "?", "-",
             "(" + str(p["state"]) + ") " + str(p["message"])});
      stale |= p["state"] == "stale";
      continue;
    }
    std::string xclbins;
    for (auto& d : p["devices"])
      xclbins += (xclbins.empty() ? "" : ", ") + (d["xclbin_uuid"].is_null() ? std::string("none")
                                                                             : str(d["xclbin_uuid"]));
    t.add({str(p["pid"]), str(p["program"]), std::to_string(p["devices"].size()), xclbins});
  }
  t.print(os, "  ");
  if (stale)
    os << "Stale status segments are left by programs that were killed; remove them with "
          "'xrtemu examine --cleanup'.\n";
}

} // namespace xrtemu::cli
