// Stream links (stream_connect) in the xclbin: MEM_STREAMING_CONNECTION
// entries, their CONNECTIVITY ends, port modes, depth in m_size; and the
// control protocol bits of IP_LAYOUT.
#include "stream_design.h"
#include "xrtemu/xclbin/axlf.h"
#include "xrtemu/xclbin/stream_links.h"

#include <catch2/catch.hpp>
#include <xclbin.h>

#include <cstring>

using namespace xrtemu::xclbin;
using Catch::Matchers::Contains;

namespace {

template <typename T>
T entry(const std::vector<uint8_t>& sec, size_t first, size_t i)
{
  T v;
  std::memcpy(&v, sec.data() + first + i * sizeof(T), sizeof v);
  return v;
}

std::string links_error(const design& d)
{
  try {
    stream_links(d, "links.xclbin");
  }
  catch (const format_error& e) {
    return e.what();
  }
  return "<no error>";
}

} // namespace

TEST_CASE("stream connections survive write and read", "[xclbin][stream]")
{
  auto d = test::stream_design();
  auto img = write(d);
  auto r = read(img.data(), img.size(), "pipe.xclbin");

  REQUIRE(r.banks.size() == 3);
  CHECK_FALSE(r.banks[0].stream_connection());
  CHECK(r.banks[0].size == 16ull << 30);
  CHECK(r.banks[1].stream_connection());
  CHECK(r.banks[1].tag == "strm_0");
  CHECK(r.banks[1].used);
  CHECK(r.banks[1].stream_depth == 32);
  CHECK(r.banks[1].size == 0);
  CHECK(r.banks[2].stream_depth == 0);

  REQUIRE(r.connections.size() == 6);
  CHECK(r.connections[2].arg_index == 0);
  CHECK(r.connections[2].ip_index == 1);
  CHECK(r.connections[2].mem_index == 1);

  auto& filter = r.kernels[1];
  CHECK(filter.control == "ap_ctrl_none");
  REQUIRE(filter.ports.size() == 2);
  CHECK(filter.ports[0].mode == "read_only");
  CHECK(filter.ports[1].mode == "write_only");
  CHECK(filter.ports[1].port_type == "stream");
  CHECK(filter.args[1].address_qualifier == 4);

  REQUIRE(r.instances.size() == 3);
  CHECK(r.instances[0].control == "ap_ctrl_hs");
  CHECK(r.instances[1].control == "ap_ctrl_none");
  CHECK_FALSE(r.instances[1].interrupt);
}

TEST_CASE("raw stream encoding: type, used, depth in m_size, IP control bits", "[xclbin][stream]")
{
  auto d = test::stream_design();
  auto img = write(d);

  auto mt = section(img.data(), img.size(), MEM_TOPOLOGY);
  auto s0 = entry<mem_data>(mt, offsetof(mem_topology, m_mem_data), 1);
  CHECK(s0.m_type == MEM_STREAMING_CONNECTION);
  CHECK(s0.m_used == 1);
  CHECK(s0.m_size == 32);          // beats, not KiB: xrtemu's convention
  CHECK(std::string(reinterpret_cast<const char*>(s0.m_tag)) == "strm_0");
  CHECK(entry<mem_data>(mt, offsetof(mem_topology, m_mem_data), 2).m_size == 0);

  auto il = section(img.data(), img.size(), IP_LAYOUT);
  auto control = [&](size_t i) {
    return (entry<ip_data>(il, offsetof(ip_layout, m_ip_data), i).properties & IP_CONTROL_MASK) >> IP_CONTROL_SHIFT;
  };
  CHECK(control(0) == AP_CTRL_HS);
  CHECK(control(1) == AP_CTRL_NONE);
  CHECK((entry<ip_data>(il, offsetof(ip_layout, m_ip_data), 1).properties & IP_INT_ENABLE_MASK) == 0);

  // An instance's own protocol overrides its kernel's in IP_LAYOUT.
  d.instances[2].control = "ap_ctrl_chain";
  img = write(d);
  il = section(img.data(), img.size(), IP_LAYOUT);
  CHECK(control(2) == AP_CTRL_CHAIN);
  CHECK(read(img.data(), img.size()).instances[2].control == "ap_ctrl_chain");

  auto xml = section(img.data(), img.size(), EMBEDDED_METADATA);
  std::string text(xml.begin(), xml.end());
  CHECK_THAT(text, Contains("mode=\"write_only\"") && Contains("portType=\"stream\""));
}

TEST_CASE("IP_LAYOUT control codes the emulator does not run keep a name", "[xclbin][stream]")
{
  auto d = test::stream_design();
  auto img = write(d);
  // Patch producer_1's control bits in place: AP_CTRL_ME, then an unknown code.
  auto* top = reinterpret_cast<const axlf*>(img.data());
  uint64_t off = 0;
  for (uint32_t i = 0; i < top->m_header.m_numSections; ++i) {
    axlf_section_header h;
    std::memcpy(&h, img.data() + offsetof(axlf, m_sections) + i * sizeof h, sizeof h);
    if (h.m_sectionKind == IP_LAYOUT)
      off = h.m_sectionOffset;
  }
  REQUIRE(off != 0);
  auto props = off + offsetof(ip_layout, m_ip_data) + offsetof(ip_data, properties);
  uint32_t p = (AP_CTRL_ME << IP_CONTROL_SHIFT) | IP_INT_ENABLE_MASK;
  std::memcpy(img.data() + props, &p, sizeof p);
  CHECK(read(img.data(), img.size()).instances[0].control == "ap_ctrl_me");
  p = 9u << IP_CONTROL_SHIFT;
  std::memcpy(img.data() + props, &p, sizeof p);
  CHECK(read(img.data(), img.size()).instances[0].control == "ip_control_9");
}

TEST_CASE("stream_links pairs producer and consumer", "[xclbin][stream]")
{
  auto d = test::stream_design();
  auto img = write(d);
  auto r = read(img.data(), img.size(), "pipe.xclbin");
  auto links = stream_links(r, "pipe.xclbin");
  REQUIRE(links.size() == 2);
  CHECK(links[0].mem_index == 1);
  CHECK(end_name(r, links[0].producer) == "producer_1.out");
  CHECK(end_name(r, links[0].consumer) == "filter_1.in");
  CHECK(links[0].depth == 32);
  CHECK(end_name(r, links[1].producer) == "filter_1.out");
  CHECK(end_name(r, links[1].consumer) == "consumer_1.in");
  CHECK(links[1].depth == 0);

  // The port modes decide, whatever the CONNECTIVITY order.
  std::swap(d.connections[1], d.connections[2]);
  links = stream_links(d);
  CHECK(end_name(d, links[0].producer) == "producer_1.out");
  CHECK(end_name(d, links[0].consumer) == "filter_1.in");

  // Only one mode known: a read_only end is the consumer.
  d.kernels[0].ports[1].mode = "";
  links = stream_links(d);
  CHECK(end_name(d, links[0].producer) == "producer_1.out");

  // Modes that do not tell: the first CONNECTIVITY entry produces.
  d.kernels[1].ports[0].mode = "write_only";
  d.kernels[0].ports[1].mode = "write_only";
  links = stream_links(d);
  CHECK(end_name(d, links[0].producer) == "filter_1.in");
}

TEST_CASE("designs without streams have no links", "[xclbin][stream]")
{
  auto d = test::stream_design();
  d.banks.resize(1);
  d.connections = {{0, 0, 0}, {1, 2, 0}};
  CHECK(stream_links(d).empty());

  // An unused stream connection without ends is a placeholder, not an error.
  mem_bank spare;
  spare.tag = "strm_9";
  spare.type = mem_type_stream_connection;
  spare.used = false;
  d.banks.push_back(spare);
  CHECK(stream_links(d).empty());
}

TEST_CASE("malformed stream connections name section and entry", "[xclbin][stream][malformed]")
{
  SECTION("one end")
  {
    auto d = test::stream_design();
    d.connections.erase(d.connections.begin() + 2);   // filter_1.in gone
    CHECK_THAT(links_error(d), Contains("links.xclbin: section MEM_TOPOLOGY: entry 1 (strm_0)") &&
                                 Contains("1 end in CONNECTIVITY") && Contains("producer_1.out") &&
                                 Contains("exactly two"));
  }
  SECTION("three ends")
  {
    auto d = test::stream_design();
    d.connections.push_back({0, 2, 1});                // consumer_1.in on strm_0 as well
    CHECK_THAT(links_error(d), Contains("section MEM_TOPOLOGY: entry 1 (strm_0)") && Contains("3 ends"));
  }
  SECTION("no ends on a used entry")
  {
    auto d = test::stream_design();
    d.connections.erase(d.connections.begin() + 3, d.connections.begin() + 5);
    CHECK_THAT(links_error(d), Contains("section MEM_TOPOLOGY: entry 2 (strm_1)") && Contains("0 ends"));
  }
  SECTION("an end that is not a stream argument")
  {
    auto d = test::stream_design();
    d.connections[2] = {2, 0, 1};                      // producer_1.n (a scalar) on strm_0
    CHECK_THAT(links_error(d), Contains("section CONNECTIVITY: entry 2: producer_1.n") &&
                                 Contains("addressQualifier 0") && Contains("not a stream argument"));
  }
  SECTION("an argument index past the kernel's")
  {
    auto d = test::stream_design();
    d.connections[2] = {7, 1, 1};
    CHECK_THAT(links_error(d), Contains("section CONNECTIVITY: entry 2: CU 'filter_1' has no argument 7"));
  }
  SECTION("a stream argument on two links")
  {
    auto d = test::stream_design();
    d.connections[4] = {0, 1, 2};                      // filter_1.in on strm_1 too
    CHECK_THAT(links_error(d), Contains("section CONNECTIVITY: entry 4: filter_1.in") &&
                                 Contains("entry 2 (strm_1)") && Contains("already to entry 1 (strm_0)"));
  }
  SECTION("both ends the same argument")
  {
    auto d = test::stream_design();
    d.connections[2] = {1, 0, 1};                      // producer_1.out twice on strm_0
    CHECK_THAT(links_error(d), Contains("section CONNECTIVITY: entry 2: producer_1.out") &&
                                 Contains("both ends of stream connection entry 1 (strm_0)"));
  }
}

TEST_CASE("an image with a broken stream connection reads, then stream_links names it", "[xclbin][stream][malformed]")
{
  auto d = test::stream_design();
  d.connections.erase(d.connections.begin() + 1);      // producer_1.out gone from strm_0
  auto img = write(d);
  auto r = read(img.data(), img.size(), "broken.xclbin");
  CHECK_THROWS_WITH(stream_links(r, "broken.xclbin"),
                    Contains("broken.xclbin: section MEM_TOPOLOGY: entry 1 (strm_0)") && Contains("filter_1.in"));
}
