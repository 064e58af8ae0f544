// Images in the shape real Vitis hardware xclbins have: extra sections,
// memory-controller IPs in IP_LAYOUT, XML with elements we do not model,
// OpenCL runtime args without an id, no hwControlProtocol attribute.
#include "xrtemu/xclbin/axlf.h"

#include <catch2/catch.hpp>
#include <xclbin.h>

#include <cstring>

using namespace xrtemu::xclbin;

namespace {

using blob = std::vector<uint8_t>;

template <typename T>
void append(blob& b, const T& v)
{
  auto p = reinterpret_cast<const uint8_t*>(&v);
  b.insert(b.end(), p, p + sizeof v);
}

// A minimal axlf assembler, independent of the library's writer.
blob assemble(const std::vector<std::pair<uint32_t, blob>>& sections)
{
  size_t offset = sizeof(axlf) + (sections.size() - 1) * sizeof(axlf_section_header);
  std::vector<axlf_section_header> hdrs;
  for (auto& s : sections) {
    axlf_section_header h{};
    h.m_sectionKind = s.first;
    h.m_sectionOffset = offset;
    h.m_sectionSize = s.second.size();
    hdrs.push_back(h);
    offset += (s.second.size() + 7) & ~size_t(7);
  }
  blob img(offset, 0);
  axlf top{};
  std::memcpy(top.m_magic, "xclbin2", 8);
  top.m_header.m_length = img.size();
  top.m_header.m_numSections = static_cast<uint32_t>(sections.size());
  std::strcpy(reinterpret_cast<char*>(top.m_header.m_platformVBNV), "xilinx_u200_xdma_201830_2");
  for (int i = 0; i < 16; ++i)
    top.m_header.uuid[i] = static_cast<unsigned char>(i + 1);
  std::memcpy(img.data(), &top, offsetof(axlf, m_sections));
  std::memcpy(img.data() + offsetof(axlf, m_sections), hdrs.data(), hdrs.size() * sizeof(hdrs[0]));
  for (size_t i = 0; i < sections.size(); ++i)
    std::memcpy(img.data() + hdrs[i].m_sectionOffset, sections[i].second.data(), sections[i].second.size());
  return img;
}

ip_data ip(uint32_t type, uint32_t props, uint64_t base, const char* name)
{
  ip_data d{};
  d.m_type = type;
  d.properties = props;
  d.m_base_address = base;
  std::strcpy(reinterpret_cast<char*>(d.m_name), name);
  return d;
}

const char* const vitis_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<project name="krnl">
  <platform vendor="xilinx" boardid="u200" name="xdma" featureRomTime="0">
    <version major="2" minor="1"/>
    <description/>
    <board name="" vendor="" fpga=""><interfaces/></board>
    <device name="fpga0" fpgaDevice="virtexuplus:xcu200:fsgd2104:-2:e" addrWidth="0">
      <core name="OCL_REGION_0" target="bitstream" type="clc_region" clockFreq="0MHz" numComputeUnits="2">
        <kernelClocks><clock port="DATA_CLK" frequency="300MHz"/></kernelClocks>
        <kernel name="krnl" language="c" vlnv="xilinx.com:hls:krnl:1.0" preferredWorkGroupSizeMultiple="0" workGroupSize="1" interrupt="true">
          <module name="krnl"><rtlPort name="x" object="x" protocol="m_axi"/></module>
          <port name="M_AXI_GMEM" mode="master" range="0xFFFFFFFF" dataWidth="512" portType="addressable" base="0x0"/>
          <port name="S_AXI_CONTROL" mode="slave" range="0x1000" dataWidth="32" portType="addressable" base="0x0"/>
          <port name="AXIS_OUT" mode="write_only" dataWidth="64" portType="stream"/>
          <arg name="n" addressQualifier="0" id="1" port="S_AXI_CONTROL" size="0x4" offset="0x1C" hostOffset="0x0" hostSize="0x4" type="unsigned int"/>
          <arg name="buf" addressQualifier="1" id="0" port="M_AXI_GMEM" size="0x8" offset="0x10" hostOffset="0x0" hostSize="0x8" type="ap_uint&lt;512&gt;*"/>
          <arg name="s" addressQualifier="4" id="2" port="AXIS_OUT" size="0x0" offset="0x24" hostOffset="0x0" hostSize="0x8" type="stream&lt;int&gt;&amp;"/>
          <arg name="global_size" addressQualifier="0" id="" port="S_AXI_CONTROL" size="0x4" offset="0x40" hostOffset="0x0" hostSize="0x4" type="unsigned int"/>
          <compileWorkGroupSize x="1" y="1" z="1"/>
          <instance name="krnl_1"><addrRemap base="0x0" port="S_AXI_CONTROL"/></instance>
        </kernel>
      </core>
    </device>
  </platform>
</project>
)";

} // namespace

TEST_CASE("reads a Vitis-style hardware image", "[xclbin][vitis]")
{
  blob mem;
  append(mem, int32_t(2));
  append(mem, int32_t(0));                      // padding up to m_mem_data
  mem_data m{};
  m.m_type = MEM_DDR4; m.m_used = 1; m.m_size = 16 * 1024 * 1024; m.m_base_address = 0x4000000000;
  std::strcpy(reinterpret_cast<char*>(m.m_tag), "bank0");
  append(mem, m);
  m.m_used = 0; m.m_base_address = 0x5000000000;
  std::strcpy(reinterpret_cast<char*>(m.m_tag), "bank1");
  append(mem, m);

  blob ips;
  append(ips, int32_t(3));
  append(ips, int32_t(0));
  append(ips, ip(IP_DDR4_CONTROLLER, 0, 0x1f00000, "ddr4_0"));
  append(ips, ip(IP_KERNEL, (AP_CTRL_CHAIN << IP_CONTROL_SHIFT) | IP_INT_ENABLE_MASK | (3 << IP_INTERRUPT_ID_SHIFT),
                 0x1800000, "krnl:krnl_1"));
  append(ips, ip(IP_MEM_DDR4, 0, 0, "MEM_DDR4"));

  blob conn;
  append(conn, int32_t(2));
  append(conn, ::connection{0, 1, 0});   // krnl_1.buf -> bank0
  append(conn, ::connection{0, 2, 1});   // a memory IP's own entry: ignored

  blob dbg(24, 0xab);                     // an unrelated section kind
  std::string xml = vitis_xml;
  blob xmlb(xml.begin(), xml.end());
  xmlb.push_back(0);                      // some producers NUL-terminate

  auto img = assemble({{DEBUG_IP_LAYOUT, dbg}, {MEM_TOPOLOGY, mem}, {IP_LAYOUT, ips},
                       {CONNECTIVITY, conn}, {EMBEDDED_METADATA, xmlb}, {29, blob(8, 1)}});
  auto d = read(img.data(), img.size(), "vitis.xclbin");

  CHECK(to_string(d.id) == "01020304-0506-0708-090a-0b0c0d0e0f10");
  CHECK(d.platform_vbnv == "xilinx_u200_xdma_201830_2");
  CHECK(d.mode == "bitstream");
  REQUIRE(d.banks.size() == 2);
  CHECK(d.banks[0].size == 16ull << 30);
  CHECK_FALSE(d.banks[1].used);

  REQUIRE(d.instances.size() == 1);
  CHECK(d.instances[0].kernel == "krnl");
  CHECK(d.instances[0].name == "krnl_1");
  CHECK(d.instances[0].base == 0x1800000);     // IP_LAYOUT wins over the XML
  CHECK(d.instances[0].interrupt);

  REQUIRE(d.connections.size() == 1);
  CHECK(d.connections[0].ip_index == 0);       // remapped to the instance index
  CHECK(d.connections[0].mem_index == 0);

  REQUIRE(d.kernels.size() == 1);
  auto& k = d.kernels[0];
  CHECK(k.control == "ap_ctrl_chain");         // from IP_LAYOUT properties
  REQUIRE(k.ports.size() == 3);
  CHECK(k.ports[0].data_width == 512);
  CHECK(k.ports[2].port_type == "stream");
  REQUIRE(k.args.size() == 3);                 // global_size skipped
  CHECK(k.args[0].name == "buf");              // ordered by id
  CHECK(k.args[0].type == "ap_uint<512>*");
  CHECK(k.args[1].name == "n");
  CHECK(k.args[1].offset == 0x1c);
  CHECK(k.args[2].address_qualifier == 4);
  CHECK(k.args[2].type == "stream<int>&");
  CHECK(d.model.empty());
}
