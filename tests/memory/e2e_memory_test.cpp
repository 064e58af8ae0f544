// Memory connectivity end to end through stock XRT: one buffer across a
// group of HBM pseudo-channels, one AXI master on two banks.
#include "child_process.h"

#include <catch2/catch.hpp>

using namespace xrtemu::test;
using Catch::Matchers::Contains;

namespace {

outcome scenario(const std::string& platform, const std::string& name)
{
  auto o = run({"env", "-u", "XILINX_XRT", bin("xrtemu"), "run", "--platform", platform, "--",
                bin("memory_scenarios"), name, xclbin_dir()});
  INFO(name << ":\n" << o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("SCENARIO PASSED"));
  return o;
}

} // namespace

TEST_CASE("sp=cu.arg:HBM[0:31] groups the pseudo-channels: a 1 GiB buffer fits and a kernel crosses channels",
          "[memory][hbm]")
{
  auto o = scenario("xrtemu_u280", "hbm_group");
  CHECK_THAT(o.output, Contains("window across pseudo-channels: 0 wrong"));
}

TEST_CASE("two arguments of one m_axi port on two banks", "[memory]")
{
  auto o = scenario("xrtemu_u250", "shared_port");
  CHECK_THAT(o.output, Contains("a at 0x") && Contains(", b at 0x4"));   // DDR[1] starts at 16 GiB
}
