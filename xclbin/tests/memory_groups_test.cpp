// Memory bank groups (memory_groups.h): which connections become a group,
// the group entry's tag, base and size, and the group pair's round trip.
#include "sample_design.h"
#include "xrtemu/xclbin/axlf.h"
#include "xrtemu/xclbin/memory_groups.h"

#include <catch2/catch.hpp>
#include <xclbin.h>

#include <algorithm>

using namespace xrtemu::xclbin;

namespace {

// sample_design with vadd_1's arguments connected to `banks` (memory indices).
design with_connections(const std::vector<std::vector<uint32_t>>& per_arg)
{
  auto d = test::sample_design();
  d.connections.erase(std::remove_if(d.connections.begin(), d.connections.end(),
                                     [](auto& c) { return c.ip_index == 0; }),
                      d.connections.end());
  for (uint32_t a = 0; a < per_arg.size(); ++a)
    for (auto m : per_arg[a])
      d.connections.push_back({a, 0, m});
  return d;
}

std::vector<uint32_t> mems_of(const memory_groups& g, uint32_t ip, uint32_t arg)
{
  std::vector<uint32_t> out;
  for (auto& c : g.connections)
    if (c.ip_index == ip && c.arg_index == arg)
      out.push_back(c.mem_index);
  return out;
}

} // namespace

TEST_CASE("back-to-back banks of one argument become one group", "[xclbin][groups]")
{
  auto d = with_connections({{2, 1, 3}, {0}, {0, 2}});
  auto g = make_memory_groups(d);
  REQUIRE(g.banks.size() == d.banks.size() + 1);
  auto& grp = g.banks.back();
  CHECK(grp.tag == "MBG[1:3]");
  CHECK(grp.base == d.banks[1].base);
  CHECK(grp.size == 3 * d.banks[1].size);
  CHECK(grp.type == d.banks[1].type);
  // The group comes first and is the largest index: XRT's group_id.
  auto in1 = mems_of(g, 0, 0);
  CHECK(in1.front() == 4);
  CHECK(*std::max_element(in1.begin(), in1.end()) == 4);
  // One bank: kept; two banks with a gap: kept, no group.
  CHECK(mems_of(g, 0, 1) == std::vector<uint32_t>{0, 0});
  auto out = mems_of(g, 0, 2);
  CHECK(*std::max_element(out.begin(), out.end()) == 2);
}

TEST_CASE("arguments with the same range share one group entry", "[xclbin][groups]")
{
  auto d = with_connections({{0, 1}, {0, 1}});
  auto g = make_memory_groups(d);
  REQUIRE(g.banks.size() == d.banks.size() + 1);
  CHECK(g.banks.back().tag == "MBG[0:1]");
  CHECK(mems_of(g, 0, 0).front() == 4);
  CHECK(mems_of(g, 0, 1).front() == 4);
}

TEST_CASE("PLRAM, host memory and unused banks are not grouped", "[xclbin][groups]")
{
  auto d = with_connections({{0, 1}});
  d.banks[0].type = MEM_BRAM;
  CHECK(make_memory_groups(d).banks.size() == d.banks.size());
  d = with_connections({{0, 1}});
  d.banks[1].used = false;
  CHECK(make_memory_groups(d).banks.size() == d.banks.size());
}

TEST_CASE("the writer adds the group pair and the reader gives it back", "[xclbin][groups]")
{
  auto d = with_connections({{0, 1, 2, 3}});
  auto img = write(d);
  auto back = read(img.data(), img.size(), "groups");
  REQUIRE(back.banks.size() == 4);
  REQUIRE(back.group_banks.size() == 5);
  CHECK(back.group_banks[4].tag == "MBG[0:3]");
  CHECK(back.group_banks[4].size == 64ull << 30);
  CHECK(back.connections.size() == d.connections.size());
  CHECK(back.group_connections.size() == make_memory_groups(d).connections.size());
  CHECK(!section(img.data(), img.size(), ASK_GROUP_TOPOLOGY).empty());
  CHECK(!section(img.data(), img.size(), ASK_GROUP_CONNECTIVITY).empty());
}
