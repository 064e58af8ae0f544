// The stream_pipeline example's xclbin (built by `xrtemu link` from
// kernels/examples/stream_pipeline/link.cfg), altered with the xclbin
// library, loaded by stock XRT through our driver: how the driver builds
// the card's stream links from MEM_TOPOLOGY/CONNECTIVITY, where it takes
// each CU's protocol from, and how it refuses malformed stream entries.
#include "child_process.h"
#include "test_files.h"

#include "xrtemu/xclbin/axlf.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace xrtemu;
using Catch::Matchers::Contains;

namespace {

std::string pipeline_xclbin() { return test::xclbin_dir() + "/examples/stream_pipeline.xclbin"; }

// Write a changed copy (fresh UUID: the driver may keep the last one loaded).
std::string variant(const std::string& name, xclbin::design d)
{
  d.id = xclbin::random_uuid();
  auto path = vpp::test::scratch("stream-xclbin") + "/" + name + ".xclbin";
  xclbin::write_file(d, path);
  return path;
}

test::outcome run_pipeline(const std::string& xclbin)
{
  return test::run({test::bin("stream_pipeline_host"), xclbin, "1000"});
}

size_t instance(const xclbin::design& d, const std::string& name)
{
  for (size_t i = 0; i < d.instances.size(); ++i)
    if (d.instances[i].name == name)
      return i;
  FAIL("no CU " << name);
  return 0;
}

size_t mem(const xclbin::design& d, const std::string& tag)
{
  for (size_t i = 0; i < d.banks.size(); ++i)
    if (d.banks[i].tag == tag)
      return i;
  FAIL("no memory " << tag);
  return 0;
}

} // namespace

TEST_CASE("the link writes the pipeline as two stream connections")
{
  auto d = xclbin::read_file(pipeline_xclbin());
  auto s0 = mem(d, "strm_0"), s1 = mem(d, "strm_1");
  CHECK(d.banks[s0].stream_connection());
  CHECK(d.banks[s0].stream_depth == 32);   // stream_connect=...:32
  CHECK(d.banks[s1].stream_depth == 0);    // default
  CHECK(d.instances[instance(d, "filter_1")].control == "ap_ctrl_none");
  CHECK_FALSE(d.instances[instance(d, "filter_1")].interrupt);
}

TEST_CASE("links follow XRT's CU order, not IP_LAYOUT's")
{
  // XRT numbers CUs by ascending base address; give the consumer the lowest
  // base and the producer the highest so that order is the reverse of
  // IP_LAYOUT's.  The links must still join the right CUs.
  auto d = xclbin::read_file(pipeline_xclbin());
  auto p = instance(d, "producer_1"), c = instance(d, "consumer_1");
  std::swap(d.instances[p].base, d.instances[c].base);
  auto r = run_pipeline(variant("reordered", d));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("TEST PASSED"));
}

TEST_CASE("the CU protocol comes from IP_LAYOUT, else from the kernel XML")
{
  auto d = xclbin::read_file(pipeline_xclbin());
  auto f = instance(d, "filter_1");
  auto k = std::find_if(d.kernels.begin(), d.kernels.end(), [](auto& x) { return x.name == "filter"; });
  REQUIRE(k != d.kernels.end());

  SECTION("IP_LAYOUT says ap_ctrl_none, the XML says ap_ctrl_hs")
  {
    k->control = "ap_ctrl_hs";
    d.instances[f].control = "ap_ctrl_none";
    auto r = run_pipeline(variant("ip-none", d));
    INFO(r.output);
    CHECK_THAT(r.output, Contains("TEST PASSED"));   // the filter runs free, as XRT sees it
  }
  SECTION("IP_LAYOUT bits 0 (hs, or not encoded): the XML's ap_ctrl_none decides")
  {
    d.instances[f].control = "ap_ctrl_hs";
    auto r = run_pipeline(variant("xml-none", d));
    INFO(r.output);
    CHECK_THAT(r.output, Contains("TEST PASSED"));
  }
  SECTION("a protocol the card does not run is refused")
  {
    d.instances[f].control = "ap_ctrl_me";
    auto r = run_pipeline(variant("me", d));
    INFO(r.output);
    CHECK(r.status != 0);
    CHECK_THAT(r.output, Contains("section IP_LAYOUT: CU 'filter_1'") && Contains("ap_ctrl_me"));
  }
}

TEST_CASE("malformed stream connections are refused at load, naming section and entry")
{
  auto d = xclbin::read_file(pipeline_xclbin());
  auto s0 = mem(d, "strm_0");
  auto ends = [&](size_t m) {
    std::vector<size_t> v;
    for (size_t j = 0; j < d.connections.size(); ++j)
      if (d.connections[j].mem_index == m)
        v.push_back(j);
    return v;
  };
  auto e = ends(s0);
  REQUIRE(e.size() == 2);

  SECTION("one end")
  {
    auto j = e[1];
    d.connections.erase(d.connections.begin() + static_cast<long>(j));
    auto r = run_pipeline(variant("one-end", d));
    INFO(r.output);
    CHECK(r.status != 0);
    CHECK_THAT(r.output, Contains("section MEM_TOPOLOGY: entry " + std::to_string(s0) + " (strm_0)") &&
                           Contains("exactly two"));
  }
  SECTION("an end on an m_axi argument")
  {
    auto j = e[0];   // producer_1.out -> producer_1.in (argument 0, m_axi)
    d.connections[j].arg_index = 0;
    auto r = run_pipeline(variant("not-stream", d));
    INFO(r.output);
    CHECK(r.status != 0);
    CHECK_THAT(r.output, Contains("section CONNECTIVITY: entry " + std::to_string(j) + ": producer_1.in") &&
                           Contains("not a stream argument"));
  }
  SECTION("a buffer cannot be placed in a stream connection")
  {
    // XRT's group ids skip stream connections; asked for one anyway, the driver refuses.
    auto r = test::run({test::bin("vpp_bank_host"), variant("bo", d), "--alloc", std::to_string(s0)});
    INFO(r.output);
    CHECK(r.status != 0);
    CHECK_THAT(r.output, Contains("strm_0") && Contains("is a stream connection between CUs"));
  }
}
