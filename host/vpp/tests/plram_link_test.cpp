// PLRAM resized at link time, as the Vitis example sys_opt/plram_config
// does it: a userPreSysLinkOverlayTcl script calls
// sdx_memory_subsystem::update_plram_specification; v++ -l runs it in our
// vivado, the xclbin's MEM_TOPOLOGY carries the new sizes, and a stock-XRT
// host allocates buffers larger than the platform's 128 KiB in them.
#include "child_process.h"
#include "test_files.h"

#include "xrtemu/xclbin/axlf.h"

#include <catch2/catch.hpp>

using namespace xrtemu;
using Catch::Matchers::Contains;

namespace {

const std::string shell = "xilinx_u250_gen3x16_xdma_4_1_202210_1";

const xclbin::mem_bank& bank(const xclbin::design& d, const std::string& tag)
{
  for (auto& b : d.banks)
    if (b.tag == tag)
      return b;
  FAIL("no bank " << tag);
  throw;
}

} // namespace

TEST_CASE("userPreSysLinkOverlayTcl resizes PLRAM in the xclbin; stock XRT allocates past the platform's size")
{
  auto dir = vpp::test::scratch("plram");
  auto src = vpp::test::write(dir, "vadd.cpp", R"(
extern "C" void vadd(const unsigned int* in1, const unsigned int* in2, unsigned int* out, int size)
{
  for (int i = 0; i < size; ++i)
    out[i] = in1[i] + in2[i];
}
)");
  vpp::test::write(dir, "pre.tcl",
                   "# Setup PLRAM\n"
                   "sdx_memory_subsystem::update_plram_specification [get_bd_cells /memory_subsystem] PLRAM_MEM00 "
                   "{ SIZE 2M AXI_DATA_WIDTH 512\nSLR_ASSIGNMENT SLR0 READ_LATENCY 10 MEMORY_PRIMITIVE URAM}\n"
                   "sdx_memory_subsystem::update_plram_specification [get_bd_cells /memory_subsystem] PLRAM_MEM01 "
                   "{ SIZE 2048K AXI_DATA_WIDTH 512 SRAM_DATA_WIDTH 512 READ_LATENCY 1 MEMORY_PRIMITIVE URAM }\n"
                   "validate_bd_design -force\nsave_bd_design\n");
  // Relative to the config file's directory (v++ first tries its own).
  auto cfg = vpp::test::write(dir, "link.cfg",
                              "[advanced]\nparam=compiler.userPreSysLinkOverlayTcl=pre.tcl\n"
                              "[connectivity]\nsp=vadd_1.in1:PLRAM[0]\nsp=vadd_1.in2:PLRAM[1]\nsp=vadd_1.out:PLRAM[1]\n");
  auto xo = dir + "/vadd.xo", xclbin = dir + "/plram.xclbin";
  auto c = test::run({test::bin("v++"), "-c", "-t", "hw_emu", "--platform", shell, "-k", "vadd", src, "-o", xo});
  INFO(c.output);
  REQUIRE(c.status == 0);
  auto l = test::run({test::bin("v++"), "-l", "-t", "hw_emu", "--platform", shell, "--config", cfg, xo, "-o", xclbin});
  INFO(l.output);
  REQUIRE(l.status == 0);
  CHECK_THAT(l.output, Contains("pre.tcl:2: PLRAM[0] (PLRAM_MEM00): 2 MiB") && Contains("MEMORY_PRIMITIVE URAM"));
  CHECK_THAT(l.output, Contains("PLRAM[1] is 2048 KiB (platform: 128 KiB, at most 4096 KiB)"));

  auto d = xclbin::read_file(xclbin);
  CHECK(bank(d, "PLRAM[0]").size == (2u << 20));
  CHECK(bank(d, "PLRAM[0]").base == 0x3000000000ull);
  CHECK(bank(d, "PLRAM[1]").size == (2u << 20));
  CHECK(bank(d, "PLRAM[1]").base == 0x3000400000ull);
  CHECK(bank(d, "PLRAM[2]").size == (128u << 10));

  // 1 MiB vectors: in1 alone in PLRAM[0], in2 and out fill PLRAM[1].
  auto r = test::run({test::bin("vpp_bank_host"), xclbin, "--n", "262144", "vadd_1"}, {"XRTEMU_PLATFORM=" + shell});
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output, Contains("vadd_1 buffers of 1048576 bytes") && Contains("vadd_1 OK"));

  SECTION("the same script through --xp param: on the command line")
  {
    auto l2 = test::run({test::bin("v++"), "-l", "-t", "hw_emu", "--platform", shell, "--xp",
                         "param:compiler.userPreSysLinkOverlayTcl=" + dir + "/pre.tcl", xo, "-o", dir + "/xp.xclbin"});
    INFO(l2.output);
    REQUIRE(l2.status == 0);
    CHECK(bank(xclbin::read_file(dir + "/xp.xclbin"), "PLRAM[1]").size == (2u << 20));
  }

  SECTION("an xclbin whose PLRAM exceeds the bank's max_size is refused at load, naming the bank")
  {
    for (auto& b : d.banks)
      if (b.tag == "PLRAM[0]")
        b.size = 8u << 20;
    xclbin::write_file(d, dir + "/big.xclbin");
    auto r2 = test::run({test::bin("vpp_bank_host"), dir + "/big.xclbin", "vadd_1"}, {"XRTEMU_PLATFORM=" + shell});
    INFO(r2.output);
    CHECK(r2.status != 0);
    CHECK_THAT(r2.output, Contains("bank PLRAM[0] is 8 MiB") && Contains("at most 4 MiB (its max_size)"));
  }
}

TEST_CASE("userPreSysLinkOverlayTcl errors name the script's file:line")
{
  auto dir = vpp::test::scratch("plram-errors");
  auto src = vpp::test::write(dir, "k.cpp", "extern \"C\" void k(int* a) { a[0] = 1; }\n");
  auto xo = dir + "/k.xo";
  REQUIRE(test::run({test::bin("v++"), "-c", "-k", "k", "--platform", shell, src, "-o", xo}).status == 0);
  auto link = [&](const std::string& script) {
    auto tcl = vpp::test::write(dir, "s.tcl", script);
    return test::run({test::bin("v++"), "-l", "--platform", shell, "--advanced.param",
                      "compiler.userPreSysLinkOverlayTcl=" + tcl, xo, "-o", dir + "/k.xclbin"});
  };
  auto big = link("\nsdx_memory_subsystem::update_plram_specification [get_bd_cells /memory_subsystem] PLRAM_MEM00 {SIZE 8M}\n");
  CHECK(big.status != 0);
  CHECK_THAT(big.output, Contains("s.tcl:2: sdx_memory_subsystem::update_plram_specification: PLRAM[0] (PLRAM_MEM00): "
                                  "SIZE 8M must be a power of two from 4K to 4 MiB"));
  auto none = link("sdx_memory_subsystem::update_plram_specification [get_bd_cells /memory_subsystem] PLRAM_MEM07 {SIZE 1M}\n");
  CHECK(none.status != 0);
  CHECK_THAT(none.output, Contains("s.tcl:1:") && Contains("no PLRAM resource 'PLRAM_MEM07'") && Contains("PLRAM_MEM03"));
  auto key = link("sdx_memory_subsystem::update_plram_specification [get_bd_cells /memory_subsystem] PLRAM_MEM01 {SIZE 1M COLOR red}\n");
  CHECK(key.status != 0);
  CHECK_THAT(key.output, Contains("unknown PLRAM specification key 'COLOR'"));
  auto unknown = link("# setup\n\ncreate_bd_cell -type ip foo\n");
  CHECK(unknown.status != 0);
  CHECK_THAT(unknown.output, Contains("s.tcl:3: unknown command 'create_bd_cell'"));
  auto missing = test::run({test::bin("v++"), "-l", "--platform", shell, "--advanced.param",
                            "compiler.userPreSysLinkOverlayTcl=" + dir + "/nope.tcl", xo, "-o", dir + "/k.xclbin"});
  CHECK(missing.status != 0);
  CHECK_THAT(missing.output, Contains("no such Tcl script"));
}
