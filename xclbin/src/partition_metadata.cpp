// Writes and reads the shell partition file (.xsabin): an axlf holding one
// PARTITION_METADATA section, a flattened device tree with the shell's logic
// and interface UUIDs.  xbutil validate scans /opt/xilinx/firmware for such a
// file whose logic_uuid matches the card's and takes its directory's test/.
#include "xrtemu/xclbin/partition.h"
#include "xrtemu/xclbin/axlf.h"

#include <xclbin.h>

#include <cstddef>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>

namespace xrtemu::xclbin {
namespace {

// Flattened device tree tokens and layout (devicetree specification, v17).
constexpr uint32_t fdt_magic = 0xd00dfeed;
constexpr uint32_t fdt_begin_node = 1, fdt_end_node = 2, fdt_prop = 3, fdt_end = 9;
constexpr size_t fdt_header_bytes = 40;

void put_be32(std::vector<uint8_t>& out, uint32_t v)
{
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<uint8_t>(v >> shift));
}

uint32_t get_be32(const uint8_t* p)
{
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

void pad4(std::vector<uint8_t>& out)
{
  while (out.size() % 4)
    out.push_back(0);
}

class fdt_builder
{
public:
  void begin(const std::string& name)
  {
    put_be32(m_struct, fdt_begin_node);
    m_struct.insert(m_struct.end(), name.begin(), name.end());
    m_struct.push_back(0);
    pad4(m_struct);
  }
  void end() { put_be32(m_struct, fdt_end_node); }
  void string_prop(const std::string& name, const std::string& value)
  {
    put_be32(m_struct, fdt_prop);
    put_be32(m_struct, static_cast<uint32_t>(value.size() + 1));
    put_be32(m_struct, static_cast<uint32_t>(m_strings.size()));
    m_strings.insert(m_strings.end(), name.begin(), name.end());
    m_strings.push_back(0);
    m_struct.insert(m_struct.end(), value.begin(), value.end());
    m_struct.push_back(0);
    pad4(m_struct);
  }
  std::vector<uint8_t> finish()
  {
    put_be32(m_struct, fdt_end);
    const size_t rsvmap = fdt_header_bytes;         // one empty reservation entry
    const size_t structs = rsvmap + 16;
    const size_t strings = structs + m_struct.size();
    std::vector<uint8_t> out;
    put_be32(out, fdt_magic);
    put_be32(out, static_cast<uint32_t>(strings + m_strings.size()));  // totalsize
    put_be32(out, static_cast<uint32_t>(structs));
    put_be32(out, static_cast<uint32_t>(strings));
    put_be32(out, static_cast<uint32_t>(rsvmap));
    put_be32(out, 17);                                // version
    put_be32(out, 16);                                // last compatible version
    put_be32(out, 0);                                 // boot CPU
    put_be32(out, static_cast<uint32_t>(m_strings.size()));
    put_be32(out, static_cast<uint32_t>(m_struct.size()));
    out.resize(structs, 0);
    out.insert(out.end(), m_struct.begin(), m_struct.end());
    out.insert(out.end(), m_strings.begin(), m_strings.end());
    return out;
  }

private:
  std::vector<uint8_t> m_struct;
  std::vector<uint8_t> m_strings;
};

size_t align8(size_t n) { return (n + 7) & ~size_t(7); }

} // namespace

std::vector<uint8_t> make_partition_metadata(const partition_ids& ids)
{
  fdt_builder b;
  b.begin("");
  b.string_prop("logic_uuid", ids.logic_uuid);
  if (!ids.interface_uuid.empty()) {
    b.begin("interfaces");
    b.begin("@0");
    b.string_prop("interface_uuid", ids.interface_uuid);
    b.end();
    b.end();
  }
  b.end();
  return b.finish();
}

std::vector<uint8_t> write_partition_xsabin(const std::string& vbnv, const partition_ids& ids)
{
  auto fdt = make_partition_metadata(ids);
  const size_t offset = align8(sizeof(axlf));   // axlf holds the one section header inline
  std::vector<uint8_t> image(align8(offset + fdt.size()), 0);

  axlf top;
  std::memset(&top, 0, sizeof top);
  std::memcpy(top.m_magic, "xclbin2", 8);
  top.m_signature_length = -1;
  std::memset(top.reserved, 0xff, sizeof top.reserved);
  std::memset(top.m_keyBlock, 0xff, sizeof top.m_keyBlock);
  auto& h = top.m_header;
  h.m_length = image.size();
  h.m_timeStamp = static_cast<uint64_t>(std::time(nullptr));
  h.m_versionMajor = 2;
  h.m_versionMinor = 13;
  h.m_mode = XCLBIN_FLAT;
  if (vbnv.size() >= sizeof h.m_platformVBNV)
    throw format_error("partition.xsabin: platform VBNV '" + vbnv + "' is longer than 63 characters");
  std::memcpy(h.m_platformVBNV, vbnv.data(), vbnv.size());
  h.m_numSections = 1;
  auto& s = top.m_sections[0];
  s.m_sectionKind = PARTITION_METADATA;
  std::memcpy(s.m_sectionName, "partition_metad", 15);
  s.m_sectionOffset = offset;
  s.m_sectionSize = fdt.size();

  std::memcpy(image.data(), &top, sizeof top);
  std::memcpy(image.data() + offset, fdt.data(), fdt.size());
  return image;
}

partition_ids read_partition_ids(const std::string& path)
{
  std::ifstream f(path, std::ios::binary);
  if (!f)
    throw format_error(path + ": cannot open");
  std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  return parse_partition_ids(bytes.data(), bytes.size(), path);
}

partition_ids parse_partition_ids(const void* data, size_t size, const std::string& path)
{
  std::vector<uint8_t> fdt;
  try {
    fdt = section(data, size, PARTITION_METADATA);
  }
  catch (const format_error& e) {
    // section() names its input "<memory>"; name the file instead.
    std::string why = e.what();
    const std::string unnamed = "<memory>: ";
    if (why.rfind(unnamed, 0) == 0)
      why.erase(0, unnamed.size());
    throw format_error(path + ": " + why);
  }
  auto bad = [&](const std::string& why) {
    return format_error(path + ": section PARTITION_METADATA: " + why);
  };
  if (fdt.empty())
    throw bad("missing");
  if (fdt.size() < fdt_header_bytes || get_be32(fdt.data()) != fdt_magic)
    throw bad("not a flattened device tree");
  const size_t structs = get_be32(&fdt[8]), strings = get_be32(&fdt[12]);
  const size_t strings_size = get_be32(&fdt[32]);
  if (structs >= fdt.size() || strings > fdt.size() || strings_size > fdt.size() - strings)
    throw bad("block offsets past the end");

  partition_ids ids;
  auto cstr = [&](size_t at, size_t limit) {
    size_t end = at;
    while (end < limit && fdt[end])
      ++end;
    if (end >= limit)
      throw bad("unterminated string at offset " + std::to_string(at));
    return std::string(reinterpret_cast<const char*>(&fdt[at]), end - at);
  };
  size_t p = structs;
  while (true) {
    if (p + 4 > fdt.size())
      throw bad("structure block runs past the end");
    uint32_t token = get_be32(&fdt[p]);
    p += 4;
    if (token == fdt_end)
      break;
    if (token == fdt_begin_node) {
      p += (cstr(p, fdt.size()).size() + 1 + 3) & ~size_t(3);
    }
    else if (token == fdt_prop) {
      if (p + 8 > fdt.size())
        throw bad("property runs past the end");
      uint32_t len = get_be32(&fdt[p]), name_off = get_be32(&fdt[p + 4]);
      p += 8;
      if (len > fdt.size() - p || name_off >= strings_size)
        throw bad("property runs past the end");
      auto name = cstr(strings + name_off, strings + strings_size);
      if (name == "logic_uuid" || name == "interface_uuid") {
        auto& field = name == "logic_uuid" ? ids.logic_uuid : ids.interface_uuid;
        field = cstr(p, p + len);
      }
      p += (len + 3) & ~size_t(3);
    }
    else if (token != fdt_end_node && token != 4 /* FDT_NOP */) {
      throw bad("unknown token " + std::to_string(token));
    }
  }
  if (ids.logic_uuid.empty())
    throw bad("no logic_uuid property");
  return ids;
}

} // namespace xrtemu::xclbin
