// Serialise a design into an axlf image (xclbin.h layout):
//   struct axlf (magic, signature block, header, first section header)
//   the remaining section headers
//   section payloads, each 8-byte aligned.
#include "detail.h"
#include "xrtemu/xclbin/memory_groups.h"

#include <xclbin.h>

#include <cstring>
#include <ctime>
#include <fstream>
#include <stdexcept>

namespace xrtemu::xclbin {

namespace {

struct payload
{
  uint32_t kind;
  std::vector<uint8_t> bytes;
};

// Copy a string into a fixed char array, refusing what would not fit with
// its terminating NUL (the file format has no room for longer names).
template <size_t N, typename C>
void put_name(C (&dst)[N], const std::string& s, const char* what)
{
  if (s.size() >= N)
    throw std::invalid_argument(std::string("xclbin writer: ") + what + " '" + s +
                                "' is longer than " + std::to_string(N - 1) + " characters");
  std::memset(dst, 0, N);
  std::memcpy(dst, s.data(), s.size());
}

// A section whose payload is `int32 count` followed by an 8-aligned array;
// the header struct (T) already contains one element, which we reuse as
// the layout of the first entry.
template <typename Top, typename Elem>
std::vector<uint8_t> counted_array(size_t elems_offset, const std::vector<Elem>& v,
                                   const Top& top_with_count)
{
  // Exactly the count plus its entries, which is the size xclbinutil
  // checks (sizeof(Top) would hold one entry more than an empty array).
  std::vector<uint8_t> out(elems_offset + v.size() * sizeof(Elem), 0);
  std::memcpy(out.data(), &top_with_count, elems_offset);
  if (!v.empty())
    std::memcpy(out.data() + elems_offset, v.data(), v.size() * sizeof(Elem));
  return out;
}

static_assert(mem_type_stream_connection == MEM_STREAMING_CONNECTION,
              "design.h's stream connection type must match xclbin.h");

std::vector<uint8_t> mem_topology_section(const std::vector<mem_bank>& banks)
{
  std::vector<mem_data> v;
  for (auto& b : banks) {
    mem_data m{};
    m.m_type = b.type;
    m.m_used = b.used ? 1 : 0;
    if (b.stream_connection()) {
      // xrtemu's convention: a stream connection's m_size (route_id in the
      // union) carries the FIFO depth in beats.  Vitis leaves it 0, which
      // reads back as "default depth"; XRT ignores size and base of
      // streaming entries.
      m.m_size = b.stream_depth;
    } else {
      // The file stores sizes in KiB; round partial KiB up so the bank
      // never shrinks.
      m.m_size = (b.size + 1023) / 1024;
    }
    m.m_base_address = b.base;
    put_name(m.m_tag, b.tag, "memory tag");
    v.push_back(m);
  }
  mem_topology top{};
  top.m_count = static_cast<int32_t>(v.size());
  return counted_array(offsetof(mem_topology, m_mem_data), v, top);
}

uint32_t control_code(const std::string& c)
{
  if (c.empty() || c == "ap_ctrl_hs")
    return AP_CTRL_HS;
  if (c == "ap_ctrl_chain")
    return AP_CTRL_CHAIN;
  if (c == "ap_ctrl_none")
    return AP_CTRL_NONE;
  // Read from Vitis images (reader's names); the emulator runs none of these.
  if (c == "ap_ctrl_me")
    return AP_CTRL_ME;
  if (c == "accel_adapter")
    return ACCEL_ADAPTER;
  if (c == "fast_adapter")
    return FAST_ADAPTER;
  throw std::invalid_argument("xclbin writer: unknown control protocol '" + c + "'");
}

std::vector<uint8_t> ip_layout_section(const design& d)
{
  std::vector<ip_data> v;
  for (auto& inst : d.instances) {
    const kernel* k = nullptr;
    for (auto& kk : d.kernels)
      if (kk.name == inst.kernel)
        k = &kk;
    if (!k)
      throw std::invalid_argument("xclbin writer: instance '" + inst.name +
                                  "' names unknown kernel '" + inst.kernel + "'");
    ip_data ip{};
    ip.m_type = IP_KERNEL;
    // Interrupt id stays 0 for every CU: XRT then treats the layout as
    // "legacy" and numbers CUs by ascending base address.
    // XRT takes the CU's protocol from these bits, not from the XML
    // (xrt::kernel refuses AP_CTRL_NONE CUs, the scheduler drives
    // AP_CTRL_CHAIN ones with ap_continue).
    ip.properties = (control_code(inst.control.empty() ? k->control : inst.control) << IP_CONTROL_SHIFT) &
                    IP_CONTROL_MASK;
    if (inst.interrupt)
      ip.properties |= IP_INT_ENABLE_MASK;
    ip.m_base_address = inst.base;
    put_name(ip.m_name, inst.kernel + ":" + inst.name, "IP name");
    v.push_back(ip);
  }
  ip_layout top{};
  top.m_count = static_cast<int32_t>(v.size());
  return counted_array(offsetof(ip_layout, m_ip_data), v, top);
}

std::vector<uint8_t> connectivity_section(const design& d, const std::vector<connection>& connections, size_t banks)
{
  std::vector<::connection> v;
  for (auto& c : connections) {
    if (c.ip_index >= d.instances.size() || c.mem_index >= banks)
      throw std::invalid_argument("xclbin writer: connection (arg " +
                                  std::to_string(c.arg_index) + ", ip " +
                                  std::to_string(c.ip_index) + ", bank " +
                                  std::to_string(c.mem_index) + ") is out of range");
    ::connection e{};
    e.arg_index = static_cast<int32_t>(c.arg_index);
    e.m_ip_layout_index = static_cast<int32_t>(c.ip_index);
    e.mem_data_index = static_cast<int32_t>(c.mem_index);
    v.push_back(e);
  }
  connectivity top{};
  top.m_count = static_cast<int32_t>(v.size());
  return counted_array(offsetof(connectivity, m_connection), v, top);
}

std::vector<uint8_t> clock_section(const design& d)
{
  std::vector<clock_freq> v;
  for (auto& c : d.clocks) {
    clock_freq f{};
    f.m_freq_Mhz = c.mhz;
    f.m_type = c.type;
    put_name(f.m_name, c.name, "clock name");
    v.push_back(f);
  }
  clock_freq_topology top{};
  top.m_count = static_cast<int16_t>(v.size());
  return counted_array(offsetof(clock_freq_topology, m_clock_freq), v, top);
}

std::vector<uint8_t> text(const std::string& s)
{
  return std::vector<uint8_t>(s.begin(), s.end());
}

uint16_t mode_code(const std::string& m)
{
  if (m == "hw_emu")
    return XCLBIN_HW_EMU;
  if (m == "sw_emu")
    return XCLBIN_SW_EMU;
  return XCLBIN_FLAT;
}

constexpr size_t align8(size_t n) { return (n + 7) & ~size_t(7); }

} // namespace

std::vector<uint8_t> write(const design& d)
{
  std::vector<payload> sections;
  sections.push_back({MEM_TOPOLOGY, mem_topology_section(d.banks)});
  sections.push_back({IP_LAYOUT, ip_layout_section(d)});
  // v++ leaves CONNECTIVITY (and its group twin) out when no CU argument
  // is bound to memory, e.g. a design of stream and scalar kernels only.
  if (!d.connections.empty())
    sections.push_back({CONNECTIVITY, connectivity_section(d, d.connections, d.banks.size())});
  // v++ output always carries the group topology (xclbinutil adds it).
  auto groups = d.group_banks.empty() ? make_memory_groups(d) : memory_groups{d.group_banks, d.group_connections};
  sections.push_back({ASK_GROUP_TOPOLOGY, mem_topology_section(groups.banks)});
  if (!groups.connections.empty())
    sections.push_back({ASK_GROUP_CONNECTIVITY, connectivity_section(d, groups.connections, groups.banks.size())});
  sections.push_back({EMBEDDED_METADATA, text(detail::make_kernel_xml(d))});
  if (!d.clocks.empty())
    sections.push_back({CLOCK_FREQ_TOPOLOGY, clock_section(d)});
  sections.push_back({BUILD_METADATA, text(detail::make_build_metadata(d))});
  if (!d.model.empty())
    sections.push_back({BITSTREAM, d.model});

  // struct axlf carries the first section header inline.
  size_t headers_end = sizeof(axlf) + (sections.size() - 1) * sizeof(axlf_section_header);
  size_t offset = align8(headers_end);
  std::vector<axlf_section_header> hdrs;
  for (auto& s : sections) {
    axlf_section_header h{};
    h.m_sectionKind = s.kind;
    // The name field is 16 bytes; long kind names are cut, as only the
    // kind is authoritative.
    std::string name = detail::section_name(s.kind).substr(0, sizeof(h.m_sectionName) - 1);
    std::memcpy(h.m_sectionName, name.data(), name.size());
    h.m_sectionOffset = offset;
    h.m_sectionSize = s.bytes.size();
    hdrs.push_back(h);
    offset = align8(offset + s.bytes.size());
  }

  std::vector<uint8_t> image(offset, 0);
  axlf top;
  std::memset(&top, 0, sizeof top);
  std::memcpy(top.m_magic, "xclbin2", 8);
  top.m_signature_length = -1;               // unsigned
  std::memset(top.reserved, 0xff, sizeof top.reserved);
  std::memset(top.m_keyBlock, 0xff, sizeof top.m_keyBlock);
  std::memcpy(&top.m_uniqueId, d.id.data(), sizeof top.m_uniqueId);

  auto& h = top.m_header;
  h.m_length = image.size();
  h.m_timeStamp = static_cast<uint64_t>(std::time(nullptr));
  h.m_featureRomTimeStamp = 0;
  // Claim the XRT release whose headers we follow (2.13).
  h.m_versionMajor = 2;
  h.m_versionMinor = 13;
  h.m_versionPatch = 0;
  h.m_mode = mode_code(d.mode);
  h.m_actionMask = 0;
  put_name(h.m_platformVBNV, d.platform_vbnv, "platform VBNV");
  std::memcpy(h.uuid, d.id.data(), d.id.size());
  h.m_numSections = static_cast<uint32_t>(sections.size());

  std::memcpy(image.data(), &top, offsetof(axlf, m_sections));
  std::memcpy(image.data() + offsetof(axlf, m_sections), hdrs.data(),
              hdrs.size() * sizeof(axlf_section_header));
  for (size_t i = 0; i < sections.size(); ++i)
    if (!sections[i].bytes.empty())
      std::memcpy(image.data() + hdrs[i].m_sectionOffset, sections[i].bytes.data(),
                  sections[i].bytes.size());
  return image;
}

void write_file(const design& d, const std::string& path)
{
  auto image = write(d);
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f)
    throw std::runtime_error(path + ": cannot open for writing");
  f.write(reinterpret_cast<const char*>(image.data()), static_cast<std::streamsize>(image.size()));
  if (!f)
    throw std::runtime_error(path + ": write failed");
}

} // namespace xrtemu::xclbin
