// The Vivado packaging flow end to end: xrtemu's `vivado` runs our own
// Tcl packaging script (kernels/examples/rtl_vadd/package_rtl_vadd.tcl, in
// the shape of Vitis RTL kernel projects) on the Verilog rtl_vadd, v++
// links the .xo with the HLS vinc for hardware emulation (the verilated
// RTL) and for software emulation (the C model from -kernel_files), and a
// stock XRT host checks both.  Then what vivado says about bad scripts:
// unknown commands, Tcl errors with their stack, a register map that
// disagrees with the RTL.
#include "child_process.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
namespace test = xrtemu::test;
using Catch::Matchers::Contains;

namespace {

std::string example(const std::string& f) { return std::string(XRTEMU_SOURCE_DIR) + "/kernels/examples/rtl_vadd/" + f; }
std::string vinc_xo() { return std::string(XRTEMU_BUILD_DIR) + "/kernels/examples/multi_cu/vinc.xo"; }

std::string scratch(const std::string& name) { return test::fresh_dir("test-tmp-vivado", name); }

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

test::outcome vivado(const std::string& script, const std::vector<std::string>& tclargs)
{
  std::vector<std::string> argv = {test::bin("vivado"), "-mode", "batch", "-nojournal", "-nolog", "-notrace",
                                   "-source", script, "-tclargs"};
  argv.insert(argv.end(), tclargs.begin(), tclargs.end());
  return test::run(argv);
}

// A copy of package_rtl_vadd.tcl (beside the example's sources) with one edit.
std::string edited_script(const std::string& dir, const std::string& from, const std::string& to)
{
  auto text = test::read_text(example("package_rtl_vadd.tcl"));
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  const std::string here = "set here [file dirname [file normalize [info script]]]";
  REQUIRE(text.find(here) != std::string::npos);
  text.replace(text.find(here), here.size(), "set here " + std::string(XRTEMU_SOURCE_DIR) + "/kernels/examples/rtl_vadd");
  auto path = dir + "/package.tcl";
  write(path, text);
  return path;
}

} // namespace

TEST_CASE("vivado packages rtl_vadd through a Tcl script; the RTL (hw_emu) and its C model (sw_emu) agree",
          "[e2e][rtl][vivado]")
{
  auto dir = scratch("flow");
  auto p = vivado(example("package_rtl_vadd.tcl"), {dir + "/rtl_vadd.xo", dir + "/work"});
  INFO(p.output);
  REQUIRE(p.status == 0);
  CHECK_THAT(p.output, Contains("inferred aximm interface m_axi_gmem (master)"));
  CHECK_THAT(p.output, Contains("inferred interrupt interface interrupt"));
  CHECK_THAT(p.output, Contains("wrote " + dir + "/rtl_vadd.xo (RTL kernel rtl_vadd, top module rtl_vadd, ap_ctrl_hs, "
                                "4 arguments: 3 m_axi, 0 stream)"));
  // The kernel.xml package_xo derived from the register map (-output_kernel_xml).
  auto xml = test::read_text(dir + "/work/kernel.xml");
  CHECK_THAT(xml, Contains("<arg name=\"b\" addressQualifier=\"1\" id=\"1\" port=\"m_axi_gmem\" size=\"0x8\" offset=\"0x1C\""));
  CHECK_THAT(xml, Contains("<arg name=\"n\" addressQualifier=\"0\" id=\"3\" port=\"s_axi_control\" size=\"0x4\" offset=\"0x34\""));
  CHECK_THAT(xml, Contains("interrupt=\"true\" hwControlProtocol=\"ap_ctrl_hs\""));
  CHECK_THAT(test::read_text(dir + "/work/ip/component.xml"), Contains("<spirit:name>ASSOCIATED_BUSIF</spirit:name>"));

  for (std::string target : {"hw_emu", "sw_emu"}) {
    auto xclbin = dir + "/" + target + ".xclbin";
    auto l = test::run({test::bin("v++"), "-l", "-t", target, "--platform", "xrtemu_u250", dir + "/rtl_vadd.xo",
                        vinc_xo(), "-o", xclbin});
    INFO(l.output);
    REQUIRE(l.status == 0);
    if (target == "sw_emu")
      CHECK_THAT(l.output, Contains("runs its C model (package_xo -kernel_files), not the RTL"));
    // The same inputs and checks on both: rtl_vadd's sums, then vinc on them.
    auto stats = dir + "/" + target + ".stats";
    auto h = test::run({test::bin("rtl_vadd_host"), xclbin, "3000", "2"},
                       {"XCL_EMULATION_MODE=" + target, "XRTEMU_RTL_STATS=" + stats});
    INFO(h.output);
    CHECK(h.status == 0);
    CHECK_THAT(h.output, Contains("TEST PASSED"));
    // Only the hardware-emulation xclbin clocks the verilated module.
    if (target == "hw_emu")
      CHECK_THAT(test::read_text(stats), Contains("rtl_vadd_1 rtl_vadd"));
    else
      CHECK(test::read_text(stats).find("rtl_vadd") == std::string::npos);
  }
}

TEST_CASE("vivado: an unknown command names the script's file:line", "[e2e][rtl][vivado][errors]")
{
  auto dir = scratch("unknown");
  write(dir + "/inner.tcl", "set x 1\nipx::frobnicate_core $x\n");
  write(dir + "/outer.tcl", "puts start\nsource -notrace " + dir + "/inner.tcl\n");
  auto r = vivado(dir + "/outer.tcl", {});
  INFO(r.output);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("ERROR: " + dir + "/inner.tcl:2: unknown command 'ipx::frobnicate_core'"));
  // The Tcl stack, innermost first, with each file and line.
  CHECK_THAT(r.output, Contains("Tcl stack:"));
  CHECK_THAT(r.output, Contains("(file \"" + dir + "/inner.tcl\" line 2)"));
  CHECK_THAT(r.output, Contains("(file \"" + dir + "/outer.tcl\" line 2)"));
}

TEST_CASE("vivado: unbraced bus indexes stay in the word, an empty command word does nothing (as Vivado)",
          "[e2e][rtl][vivado]")
{
  // The shapes of the public rtl_streaming_k2k_mm gen_xo scripts:
  // `[exec platforminfo ... --json=hardwarePlatform.devices[0].fpgaPart >> $f]`.
  auto dir = scratch("bus_index");
  write(dir + "/idx.tcl",
        "set out " + dir + "/out.txt\n"
        "[exec echo --json=hardwarePlatform.devices[0].fpgaPart >> $out]\n"
        "set f [open $out a]\n"
        "puts $f \"d[7:0] p[*] [string length x[12]]\"\n"
        "close $f\n"
        "[0 extra]\n");
  auto r = vivado(dir + "/idx.tcl", {});
  INFO(r.output);
  CHECK(test::read_text(dir + "/out.txt") == "--json=hardwarePlatform.devices[0].fpgaPart\nd[7:0] p[*] 5\n");
  // A number with words after it is still a command that does not exist.
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains(dir + "/idx.tcl:6: unknown command '0'"));
}

TEST_CASE("vivado: a Tcl error shows the stack; implementation-only commands are logged", "[e2e][rtl][vivado][errors]")
{
  auto dir = scratch("tcl_error");
  write(dir + "/bad.tcl", "set_msg_config -id {Common 17-1} -suppress\nproc pack {} {\n  expr {1 / 0}\n}\npack\n");
  auto r = vivado(dir + "/bad.tcl", {"extra", "args"});
  INFO(r.output);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains(dir + "/bad.tcl:1: ignored (implementation, GUI or reports only): set_msg_config"));
  CHECK_THAT(r.output, Contains("ERROR: divide by zero"));
  CHECK_THAT(r.output, Contains("(procedure \"pack\" line 2)"));
  CHECK_THAT(r.output, Contains("(file \"" + dir + "/bad.tcl\" line 5)"));
}

TEST_CASE("vivado: a register naming an AXI4 master the RTL does not have", "[e2e][rtl][vivado][errors]")
{
  auto dir = scratch("busif");
  auto script = edited_script(dir, "foreach {name offset} {a 0x10 b 0x1C c 0x28} {",
                              "set r [ipx::add_register d $regs]\nset_property address_offset 0x38 $r\n"
                              "set_property size 64 $r\nset_property value m_axi_gmem2 [ipx::add_register_parameter "
                              "ASSOCIATED_BUSIF $r]\nforeach {name offset} {a 0x10 b 0x1C c 0x28} {");
  auto r = vivado(script, {dir + "/k.xo", dir + "/work"});
  INFO(r.output);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("ipx::check_integrity: register 'd' (0x38, memory map s_axi_control"));
  CHECK_THAT(r.output, Contains("ASSOCIATED_BUSIF m_axi_gmem2 is no bus interface of the core (AXI4 masters: m_axi_gmem)"));
  CHECK(!fs::exists(dir + "/k.xo"));
}

TEST_CASE("vivado: a register beyond the control slave's address bits", "[e2e][rtl][vivado][errors]")
{
  auto dir = scratch("range");
  auto script = edited_script(dir, "set_property address_offset 0x34 $r", "set_property address_offset 0x40 $r");
  auto r = vivado(script, {dir + "/k.xo", dir + "/work"});
  INFO(r.output);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Contains("register 'n' (0x40, memory map s_axi_control, address block control_regs) of kernel "
                                "'rtl_vadd' (IP xrtemu.example:kernel:rtl_vadd:1.0, module rtl_vadd): bytes 0x40-0x43 "
                                "lie beyond the 6 address bits of s_axi_control_AWADDR (0x0-0x3F)"));
  CHECK_THAT(r.output, Contains("(file \"" + script + "\" line "));
}
