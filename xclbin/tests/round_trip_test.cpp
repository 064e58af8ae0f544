// Writing a design and reading it back gives the same design.
#include "sample_design.h"
#include "xrtemu/xclbin/axlf.h"

#include <catch2/catch.hpp>
#include <xclbin.h>

#include <cstdio>
#include <cstring>

using namespace xrtemu::xclbin;

TEST_CASE("uuid text form", "[xclbin]")
{
  uuid u{};
  for (size_t i = 0; i < u.size(); ++i)
    u[i] = static_cast<uint8_t>(0xa0 + i);
  CHECK(to_string(u) == "a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf");
  CHECK(random_uuid() != random_uuid());
}

TEST_CASE("write then read gives the same design", "[xclbin]")
{
  auto d = test::sample_design();
  auto image = write(d);
  REQUIRE(image.size() % 8 == 0);

  auto r = read(image.data(), image.size(), "mem.xclbin");
  CHECK(r.id == d.id);
  CHECK(r.platform_vbnv == d.platform_vbnv);
  CHECK(r.mode == "hw");

  REQUIRE(r.banks.size() == 4);
  for (size_t i = 0; i < 4; ++i) {
    CHECK(r.banks[i].tag == d.banks[i].tag);
    CHECK(r.banks[i].type == d.banks[i].type);
    CHECK(r.banks[i].used == d.banks[i].used);
    CHECK(r.banks[i].base == d.banks[i].base);
    CHECK(r.banks[i].size == d.banks[i].size);
  }

  REQUIRE(r.kernels.size() == d.kernels.size());
  for (size_t k = 0; k < d.kernels.size(); ++k) {
    auto& a = d.kernels[k];
    auto& b = r.kernels[k];
    CHECK(b.name == a.name);
    CHECK(b.control == a.control);
    REQUIRE(b.ports.size() == a.ports.size());
    for (size_t p = 0; p < a.ports.size(); ++p) {
      CHECK(b.ports[p].name == a.ports[p].name);
      CHECK(b.ports[p].mode == a.ports[p].mode);
      CHECK(b.ports[p].range == a.ports[p].range);
      CHECK(b.ports[p].data_width == a.ports[p].data_width);
      CHECK(b.ports[p].port_type == a.ports[p].port_type);
    }
    REQUIRE(b.args.size() == a.args.size());
    for (size_t i = 0; i < a.args.size(); ++i) {
      INFO(a.name << " arg " << a.args[i].name);
      CHECK(b.args[i].name == a.args[i].name);
      CHECK(b.args[i].type == a.args[i].type);
      CHECK(b.args[i].address_qualifier == a.args[i].address_qualifier);
      CHECK(b.args[i].port == a.args[i].port);
      CHECK(b.args[i].offset == a.args[i].offset);
      CHECK(b.args[i].size == a.args[i].size);
      CHECK(b.args[i].host_size == a.args[i].host_size);
      CHECK(b.args[i].host_offset == a.args[i].host_offset);
    }
  }

  REQUIRE(r.instances.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(r.instances[i].kernel == d.instances[i].kernel);
    CHECK(r.instances[i].name == d.instances[i].name);
    CHECK(r.instances[i].base == d.instances[i].base);
    CHECK(r.instances[i].interrupt == d.instances[i].interrupt);
  }

  REQUIRE(r.connections.size() == d.connections.size());
  for (size_t i = 0; i < d.connections.size(); ++i) {
    CHECK(r.connections[i].arg_index == d.connections[i].arg_index);
    CHECK(r.connections[i].ip_index == d.connections[i].ip_index);
    CHECK(r.connections[i].mem_index == d.connections[i].mem_index);
  }

  REQUIRE(r.clocks.size() == 2);
  CHECK(r.clocks[1].name == "KERNEL_CLK");
  CHECK(r.clocks[1].mhz == 500);
  CHECK(r.clocks[1].type == 2);

  CHECK(r.model == d.model);
  CHECK(r.model_name == d.model_name);
}

TEST_CASE("raw encodings follow xclbin.h", "[xclbin]")
{
  auto d = test::sample_design();
  auto image = write(d);

  // MEM_TOPOLOGY sizes are KiB in the file.
  auto mt = section(image.data(), image.size(), MEM_TOPOLOGY);
  REQUIRE(mt.size() >= offsetof(mem_topology, m_mem_data) + 4 * sizeof(mem_data));
  mem_data m1;
  std::memcpy(&m1, mt.data() + offsetof(mem_topology, m_mem_data) + sizeof(mem_data), sizeof m1);
  CHECK(m1.m_size == 16ull * 1024 * 1024);
  CHECK(m1.m_base_address == 0x400000000ull);

  // IP_LAYOUT names are "kernel:instance", control protocol in bits 15..8.
  auto il = section(image.data(), image.size(), IP_LAYOUT);
  ip_data ip2;
  std::memcpy(&ip2, il.data() + offsetof(ip_layout, m_ip_data) + 2 * sizeof(ip_data), sizeof ip2);
  CHECK(std::string(reinterpret_cast<const char*>(ip2.m_name)) == "scalars:scalars_1");
  CHECK(((ip2.properties & IP_CONTROL_MASK) >> IP_CONTROL_SHIFT) == AP_CTRL_CHAIN);
  CHECK((ip2.properties & IP_INT_ENABLE_MASK) == 0);

  auto xml = section(image.data(), image.size(), EMBEDDED_METADATA);
  std::string text(xml.begin(), xml.end());
  CHECK(text.find("hwControlProtocol=\"ap_ctrl_hs\"") != std::string::npos);
  CHECK(text.find("<addrRemap base=\"0x1800000\"") != std::string::npos);
  CHECK(text.find("type=\"ap_uint&lt;128&gt;\"") != std::string::npos);

  CHECK(section(image.data(), image.size(), 29).empty());   // AIE_RESOURCES absent
}

TEST_CASE("write_file and read_file", "[xclbin]")
{
  auto d = test::sample_design();
  std::string path = std::string(XRTEMU_BUILD_DIR) + "/xclbin_rw_test.xclbin";
  write_file(d, path);
  auto r = read_file(path);
  CHECK(r.id == d.id);
  CHECK(r.model == d.model);
  std::remove(path.c_str());
}

TEST_CASE("a design without kernels or model", "[xclbin]")
{
  design d;
  d.id = random_uuid();
  d.platform_vbnv = "xrtemu_platform";
  d.banks.push_back({"bank0", 2, true, 0, 1 << 20});
  auto image = write(d);
  auto r = read(image.data(), image.size());
  CHECK(r.kernels.empty());
  CHECK(r.instances.empty());
  CHECK(r.model.empty());
  REQUIRE(r.banks.size() == 1);
  CHECK(r.banks[0].size == 1 << 20);
}

TEST_CASE("no memory connections: CONNECTIVITY left out, array sections sized to their count", "[xclbin]")
{
  // A design whose CUs bind no argument to memory (streams and scalars
  // only): v++ writes no CONNECTIVITY then, and stock xclbinutil refuses a
  // CONNECTIVITY of zero entries whose size is not exactly its count field.
  design d;
  d.id = random_uuid();
  d.platform_vbnv = "xrtemu_platform";
  d.banks.push_back({"bank0", 2, true, 0, 1 << 20});
  auto image = write(d);
  CHECK(section(image.data(), image.size(), CONNECTIVITY).empty());
  CHECK(section(image.data(), image.size(), ASK_GROUP_CONNECTIVITY).empty());
  auto il = section(image.data(), image.size(), IP_LAYOUT);
  CHECK(il.size() == offsetof(ip_layout, m_ip_data));
  auto mt = section(image.data(), image.size(), MEM_TOPOLOGY);
  CHECK(mt.size() == offsetof(mem_topology, m_mem_data) + sizeof(mem_data));
  auto r = read(image.data(), image.size());
  CHECK(r.connections.empty());
  CHECK(r.group_connections.empty());
}
