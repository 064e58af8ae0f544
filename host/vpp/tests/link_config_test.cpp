#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/link_config.h"
#include "xrtemu/vpp/link_kernels.h"

#include <catch2/catch.hpp>

using namespace xrtemu::vpp;
using Catch::Matchers::Contains;

namespace {

kernel_desc vadd()
{
  kernel_desc k;
  k.name = "vadd";
  k.entry = "xrtemu_run_vadd";
  k.args = {{"in1", "unsigned int*", arg_kind::global, true, 8, 8, 0x10, "m_axi_gmem0", "gmem0"},
            {"in2", "unsigned int*", arg_kind::global, true, 8, 8, 0x1c, "m_axi_gmem1", "gmem1"},
            {"out", "unsigned int*", arg_kind::global, true, 8, 8, 0x28, "m_axi_gmem0", "gmem0"},
            {"size", "int", arg_kind::scalar, false, 4, 4, 0x34, "s_axi_control", ""}};
  return k;
}

xrtemu::emu::platform_desc platform()
{
  xrtemu::emu::platform_desc p;
  p.name = "test";
  for (int i = 0; i < 4; ++i)
    p.banks.push_back({"DDR[" + std::to_string(i) + "]"});
  for (int i = 0; i < 4; ++i)
    p.banks.push_back({"HBM[" + std::to_string(i) + "]", xrtemu::emu::bank_kind::hbm});
  return p;
}

} // namespace

TEST_CASE("cfg: nk, sp, stream_connect and ignored keys")
{
  link_config cfg;
  parse_cfg_text(R"(# comment
platform=xrtemu_u250
[connectivity]
nk=vadd:2:vadd_1.vadd_2   # two CUs
sp=vadd_1.in1:DDR[1]
sp = vadd_2.in2 : HBM[0:3]
stream_connect=a_1.out:b_1.in:64
slr=vadd_1:SLR0
[vivado]
prop=run.impl_1.strategy=Performance_Explore
)", "link.cfg", cfg);
  REQUIRE(cfg.nk.size() == 1);
  CHECK(cfg.nk[0].kernel == "vadd");
  CHECK(cfg.nk[0].count == 2);
  CHECK(cfg.nk[0].names == std::vector<std::string>{"vadd_1", "vadd_2"});
  REQUIRE(cfg.sp.size() == 2);
  CHECK(cfg.sp[0].cu == "vadd_1");
  CHECK(cfg.sp[0].arg == "in1");
  CHECK(cfg.sp[0].bank == "DDR[1]");
  CHECK(cfg.sp[1].bank == "HBM[0]");
  CHECK(cfg.sp[1].range_last == "HBM[3]");
  REQUIRE(cfg.streams.size() == 1);
  CHECK(cfg.streams[0].to_port == "in");
  CHECK(cfg.streams[0].depth == 64);
  CHECK(cfg.top["platform"] == "xrtemu_u250");
  REQUIRE(cfg.ignored.size() == 2);
  CHECK_THAT(cfg.ignored[0], Contains("link.cfg:8: connectivity.slr"));
  CHECK_THAT(cfg.ignored[1], Contains("link.cfg:10: vivado.prop"));

  auto plan = plan_link({vadd()}, platform(), cfg = [] {
    link_config c;
    parse_cfg_text("[connectivity]\nnk=vadd:2:vadd_1.vadd_2\nsp=vadd_1.in1:DDR[1]\nsp=vadd_1.out:DDR[1]\n"
                   "sp=vadd_2.in2:HBM[0:3]\n", "link.cfg", c);
    return c;
  }());
  REQUIRE(plan.cus.size() == 2);
  CHECK(plan.cus[1].name == "vadd_2");
  CHECK(plan.sp["vadd_1.in1"] == "DDR[1]");
  CHECK(plan.sp["vadd_2.in2"] == "HBM[0]");
  // The range connects the port to every bank in it.
  REQUIRE(plan.sp_more["vadd_2.in2"].size() == 3);
  CHECK(plan.sp_more["vadd_2.in2"][2] == "HBM[3]");
  CHECK(plan.sp_more.count("vadd_1.in1") == 0);
}

TEST_CASE("cfg: default connectivity is one CU per kernel")
{
  auto plan = plan_link({vadd()}, platform(), link_config{});
  REQUIRE(plan.cus.size() == 1);
  CHECK(plan.cus[0].name == "vadd_1");
  CHECK(plan.sp.empty());
}

TEST_CASE("cfg: errors name file:line and key")
{
  auto fails = [](const std::string& text) {
    link_config c;
    parse_cfg_text(text, "bad.cfg", c);
    plan_link({vadd()}, platform(), c);
  };
  REQUIRE_THROWS_WITH(fails("[connectivity]\n\nnk=vmul:2\n"),
                      Contains("bad.cfg:3: connectivity.nk") && Contains("'vmul'"));
  REQUIRE_THROWS_WITH(fails("[connectivity]\nsp=vadd_1.nope:DDR[0]\n"),
                      Contains("bad.cfg:2: connectivity.sp") && Contains("'nope'"));
  REQUIRE_THROWS_WITH(fails("[connectivity]\nsp=vadd_1.in1:DDR[7]\n"),
                      Contains("bad.cfg:2: connectivity.sp") && Contains("DDR[7]"));
  REQUIRE_THROWS_WITH(fails("[connectivity]\nsp=vadd_1.in1:PLRAM[0]\n"), Contains("PLRAM[0]"));
  REQUIRE_THROWS_WITH(fails("[connectivity]\nnk=vadd:two\n"), Contains("bad.cfg:2: connectivity.nk"));
  REQUIRE_THROWS_WITH(fails("[connectivity]\nsp=vadd_1.in1\n"), Contains("bad.cfg:2: connectivity.sp"));
  REQUIRE_THROWS_WITH(fails("[connectivity\n"), Contains("bad.cfg:1:"));
  REQUIRE_THROWS_WITH(fails("[connectivity]\njust words\n"), Contains("bad.cfg:2:"));
}
