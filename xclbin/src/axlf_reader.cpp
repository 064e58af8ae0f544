// Parse and validate an axlf image into a design.  Every structural problem
// becomes a format_error naming the origin and the section.  Unknown
// sections and non-kernel IPs (memory controllers etc. in hardware xclbins
// from Vitis) are skipped.
#include "detail.h"

#include <xclbin.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <map>

namespace xrtemu::xclbin {

using detail::fail;
using detail::section_name;

namespace {

struct span
{
  const uint8_t* data = nullptr;
  size_t size = 0;
  explicit operator bool() const { return data != nullptr; }
};

// A validated view of the container: header checked, every section header
// within the image.
class image
{
public:
  image(const void* data, size_t size, std::string origin)
    : m_base(static_cast<const uint8_t*>(data)), m_origin(std::move(origin))
  {
    if (!data || size < sizeof(axlf))
      fail(m_origin, "", "truncated: " + std::to_string(size) +
                             " bytes is smaller than the axlf header (" +
                             std::to_string(sizeof(axlf)) + " bytes)");
    std::memcpy(&m_top, m_base, sizeof(axlf));
    if (std::memcmp(m_top.m_magic, "xclbin2", 8) != 0)
      fail(m_origin, "", "bad magic (not an xclbin2 file)");

    uint64_t length = m_top.m_header.m_length;
    if (length > size)
      fail(m_origin, "", "truncated: header length is " + std::to_string(length) +
                             " bytes but only " + std::to_string(size) + " are present");
    if (length < sizeof(axlf))
      fail(m_origin, "", "header length " + std::to_string(length) +
                             " is smaller than the axlf header");
    m_size = static_cast<size_t>(length);

    uint32_t n = m_top.m_header.m_numSections;
    if (n > XCLBIN_MAX_NUM_SECTION)
      fail(m_origin, "", "implausible section count " + std::to_string(n));
    uint64_t table_end = offsetof(axlf, m_sections) + uint64_t(n) * sizeof(axlf_section_header);
    if (table_end > m_size)
      fail(m_origin, "", "section header table (" + std::to_string(n) +
                             " entries) runs past end of file");

    m_headers.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      axlf_section_header h;
      std::memcpy(&h, m_base + offsetof(axlf, m_sections) + i * sizeof(h), sizeof h);
      // Overflow-safe "offset + size <= length".
      if (h.m_sectionOffset > m_size || h.m_sectionSize > m_size - h.m_sectionOffset)
        fail(m_origin, section_name(h.m_sectionKind),
             "runs past end of file (offset " +
             std::to_string(h.m_sectionOffset) + " + size " + std::to_string(h.m_sectionSize) +
             " > " + std::to_string(m_size) + ")");
      m_headers.push_back(h);
    }
  }

  // First section of a kind, as XRT picks it; empty span when absent.
  span get(uint32_t kind) const
  {
    for (auto& h : m_headers)
      if (h.m_sectionKind == kind)
        return {m_base + h.m_sectionOffset, static_cast<size_t>(h.m_sectionSize)};
    return {};
  }

  const axlf& top() const { return m_top; }
  const std::string& origin() const { return m_origin; }

private:
  const uint8_t* m_base;
  size_t m_size = 0;
  std::string m_origin;
  axlf m_top;
  std::vector<axlf_section_header> m_headers;
};

// Decode a "count + array" section into its elements, checking the count
// fits the section.  CountT is the type of the leading count field.
template <typename CountT, typename Elem>
std::vector<Elem> counted(const image& img, uint32_t kind, span s, size_t elems_offset)
{
  const std::string name = section_name(kind);
  if (s.size < sizeof(CountT))
    fail(img.origin(), name, "too small for its entry count");
  CountT count;
  std::memcpy(&count, s.data, sizeof count);
  if (count < 0)
    fail(img.origin(), name, "negative entry count " + std::to_string(count));
  uint64_t need = elems_offset + uint64_t(count) * sizeof(Elem);
  if (count > 0 && need > s.size)
    fail(img.origin(), name, std::to_string(count) + " entries need " + std::to_string(need) +
                                 " bytes but the section has " + std::to_string(s.size));
  std::vector<Elem> v(static_cast<size_t>(count));
  if (count > 0)
    std::memcpy(v.data(), s.data + elems_offset, v.size() * sizeof(Elem));
  return v;
}

// Fixed-size name fields are NUL-terminated when shorter than the field;
// never read past the field even if the terminator is missing.
template <size_t N, typename C>
std::string fixed_string(const C (&field)[N])
{
  const char* p = reinterpret_cast<const char*>(field);
  return std::string(p, strnlen(p, N));
}

// IP_LAYOUT control bits by name.  Values xclbin.h does not define keep
// their number so that users of the design can reject them by name.
std::string control_name(uint32_t properties)
{
  uint32_t code = (properties & IP_CONTROL_MASK) >> IP_CONTROL_SHIFT;
  switch (code) {
  case AP_CTRL_HS: return "ap_ctrl_hs";
  case AP_CTRL_CHAIN: return "ap_ctrl_chain";
  case AP_CTRL_NONE: return "ap_ctrl_none";
  case AP_CTRL_ME: return "ap_ctrl_me";
  case ACCEL_ADAPTER: return "accel_adapter";
  case FAST_ADAPTER: return "fast_adapter";
  default: return "ip_control_" + std::to_string(code);
  }
}

// The entries of MEM_TOPOLOGY or GROUP_TOPOLOGY (same layout).
std::vector<mem_bank> read_topology(const image& img, uint32_t kind, span topo, const std::string& origin)
{
  std::vector<mem_bank> banks;
  auto mems = counted<int32_t, mem_data>(img, kind, topo, offsetof(mem_topology, m_mem_data));
  for (size_t i = 0; i < mems.size(); ++i) {
    auto& m = mems[i];
    mem_bank b;
    b.tag = fixed_string(m.m_tag);
    b.type = m.m_type;
    b.used = m.m_used != 0;
    b.base = m.m_base_address;
    if (b.stream_connection()) {
      // m_size holds the FIFO depth in beats (the writer's convention).
      if (m.m_size > UINT32_MAX)
        fail(origin, section_name(kind),
             "entry " + std::to_string(i) + " (" + b.tag + "): stream depth " + std::to_string(m.m_size) +
             " is implausible");
      b.stream_depth = static_cast<uint32_t>(m.m_size);
    } else {
      b.size = m.m_size * 1024;     // file stores KiB
    }
    banks.push_back(b);
  }
  return banks;
}

// The CU connections of CONNECTIVITY or GROUP_CONNECTIVITY; entries of
// other IPs are skipped.  `banks` is the topology the indices refer to.
std::vector<connection> read_connections(const image& img, uint32_t kind, span conn, size_t banks,
                                         const std::map<int32_t, uint32_t>& ip_to_instance,
                                         const std::vector<instance>& instances, const std::string& origin)
{
  std::vector<connection> out;
  auto v = counted<int32_t, ::connection>(img, kind, conn, offsetof(connectivity, m_connection));
  for (auto& c : v) {
    auto it = ip_to_instance.find(c.m_ip_layout_index);
    if (it == ip_to_instance.end())
      continue;   // a connection of some non-kernel IP
    if (c.mem_data_index < 0 || static_cast<size_t>(c.mem_data_index) >= banks || c.arg_index < 0)
      fail(origin, section_name(kind),
           "connection of '" + instances[it->second].name + "' argument " + std::to_string(c.arg_index) +
           " names memory index " + std::to_string(c.mem_data_index) + " but there are " +
           std::to_string(banks) + " banks");
    out.push_back({static_cast<uint32_t>(c.arg_index), it->second, static_cast<uint32_t>(c.mem_data_index)});
  }
  return out;
}

} // namespace

design read(const void* data, size_t size, const std::string& origin)
{
  image img(data, size, origin);
  design d;
  const auto& hdr = img.top().m_header;
  std::memcpy(d.id.data(), hdr.uuid, d.id.size());
  d.platform_vbnv = fixed_string(hdr.m_platformVBNV);
  d.mode = hdr.m_mode == XCLBIN_HW_EMU ? "hw_emu" : hdr.m_mode == XCLBIN_SW_EMU ? "sw_emu" : "hw";

  // Memory: MEM_TOPOLOGY, or the grouped variant when only that exists.
  // CONNECTIVITY indexes whichever topology we picked, so pick its pair.
  uint32_t topo_kind = MEM_TOPOLOGY, conn_kind = CONNECTIVITY;
  span topo = img.get(MEM_TOPOLOGY);
  if (!topo) {
    topo_kind = ASK_GROUP_TOPOLOGY;
    conn_kind = ASK_GROUP_CONNECTIVITY;
    topo = img.get(ASK_GROUP_TOPOLOGY);
  }
  if (!topo)
    fail(origin, "MEM_TOPOLOGY", "missing section MEM_TOPOLOGY");
  d.banks = read_topology(img, topo_kind, topo, origin);

  span xml = img.get(EMBEDDED_METADATA);
  if (!xml)
    fail(origin, "EMBEDDED_METADATA", "missing section EMBEDDED_METADATA");
  // Some producers NUL-terminate the XML; the parser must not see that.
  std::string xml_text(reinterpret_cast<const char*>(xml.data), strnlen(reinterpret_cast<const char*>(xml.data), xml.size));
  auto info = detail::parse_kernel_xml(xml_text, origin);
  d.kernels = std::move(info.kernels);
  d.model_name = info.model_name;
  if (!info.target.empty())
    d.mode = info.target;

  // Compute units.  IP_LAYOUT may also hold memory controllers and other
  // IPs; only IP_KERNEL entries become instances, so remember where each
  // IP_LAYOUT index went for CONNECTIVITY.
  std::map<int32_t, uint32_t> ip_to_instance;
  std::map<std::string, uint32_t> first_props;    // kernel -> properties of its first CU
  span ips = img.get(IP_LAYOUT);
  if (!ips && !d.kernels.empty())
    fail(origin, "IP_LAYOUT", "missing section IP_LAYOUT (the metadata declares " +
                                  std::to_string(d.kernels.size()) + " kernel(s))");
  if (ips) {
    auto v = counted<int32_t, ip_data>(img, IP_LAYOUT, ips, offsetof(ip_layout, m_ip_data));
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i].m_type != IP_KERNEL)
        continue;
      std::string full = fixed_string(v[i].m_name);
      instance inst;
      auto colon = full.find(':');
      inst.kernel = full.substr(0, colon);
      inst.name = colon == std::string::npos ? full : full.substr(colon + 1);
      inst.base = v[i].m_base_address;
      inst.interrupt = (v[i].properties & IP_INT_ENABLE_MASK) != 0;
      inst.control = control_name(v[i].properties);
      first_props.emplace(inst.kernel, v[i].properties);
      ip_to_instance[static_cast<int32_t>(i)] = static_cast<uint32_t>(d.instances.size());
      d.instances.push_back(inst);
    }
  }
  // Older XMLs omit hwControlProtocol; the IP_LAYOUT properties carry it.
  for (auto& k : d.kernels) {
    if (!k.control.empty())
      continue;
    auto it = first_props.find(k.name);
    k.control = it == first_props.end() ? "ap_ctrl_hs" : control_name(it->second);
  }

  if (span conn = img.get(conn_kind))
    d.connections = read_connections(img, conn_kind, conn, d.banks.size(), ip_to_instance, d.instances, origin);
  // XRT's view of memory: the group sections when the file has them.
  span group_topo = topo_kind == MEM_TOPOLOGY ? img.get(ASK_GROUP_TOPOLOGY) : span{};
  d.group_banks = group_topo ? read_topology(img, ASK_GROUP_TOPOLOGY, group_topo, origin) : d.banks;
  span group_conn = group_topo ? img.get(ASK_GROUP_CONNECTIVITY) : span{};
  d.group_connections = group_conn ? read_connections(img, ASK_GROUP_CONNECTIVITY, group_conn, d.group_banks.size(),
                                                      ip_to_instance, d.instances, origin)
                                   : d.connections;

  if (span clk = img.get(CLOCK_FREQ_TOPOLOGY)) {
    auto v = counted<int16_t, clock_freq>(img, CLOCK_FREQ_TOPOLOGY, clk,
                                          offsetof(clock_freq_topology, m_clock_freq));
    for (auto& f : v)
      d.clocks.push_back({fixed_string(f.m_name), f.m_freq_Mhz, f.m_type});
  }

  if (span bits = img.get(BITSTREAM))
    d.model.assign(bits.data, bits.data + bits.size);
  return d;
}

design read_file(const std::string& path)
{
  std::ifstream f(path, std::ios::binary);
  if (!f)
    throw format_error(path + ": cannot open file (missing or unreadable)");
  std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (f.bad())
    throw format_error(path + ": read error");
  return read(bytes.data(), bytes.size(), path);
}

std::vector<uint8_t> section(const void* data, size_t size, uint32_t kind)
{
  image img(data, size, "<memory>");
  span s = img.get(kind);
  return s ? std::vector<uint8_t>(s.data, s.data + s.size) : std::vector<uint8_t>{};
}

} // namespace xrtemu::xclbin
