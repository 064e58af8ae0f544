// The RTL Kernel Wizard in xrtemu's `vivado`, end to end: our own scripts
// (tests/rtl/wizard/*.tcl) configure the wizard, write its example project
// with open_example_project, package it with the generated
// package_kernel.tcl and package_xo; v++ links the RTL (hw_emu) or the
// generated C model (sw_emu); wizard_host runs them through stock XRT.
// Then what vivado says about CONFIG properties it does not know or values
// it does not take.
#include "child_process.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
namespace test = xrtemu::test;
using Catch::Matchers::Contains;

namespace {

std::string script(const std::string& f) { return std::string(XRTEMU_SOURCE_DIR) + "/tests/rtl/wizard/" + f; }
std::string stream_xo(const std::string& k)
{
  return std::string(XRTEMU_BUILD_DIR) + "/kernels/examples/stream_pipeline/" + k + ".xo";
}

std::string scratch(const std::string& name) { return test::fresh_dir("test-tmp-wizard", name); }

test::outcome vivado(const std::string& tcl, const std::vector<std::string>& tclargs)
{
  std::vector<std::string> argv = {test::bin("vivado"), "-mode", "batch", "-nojournal", "-nolog", "-source", tcl,
                                   "-tclargs"};
  argv.insert(argv.end(), tclargs.begin(), tclargs.end());
  return test::run(argv);
}

test::outcome link(const std::string& target, const std::vector<std::string>& inputs, const std::string& xclbin)
{
  std::vector<std::string> argv = {test::bin("v++"), "-l", "-t", target, "--platform", "xrtemu_u250", "-o", xclbin};
  argv.insert(argv.end(), inputs.begin(), inputs.end());
  return test::run(argv);
}

} // namespace

TEST_CASE("wizard: scalars and two AXI4 masters; the RTL (hw_emu) and the C model (sw_emu) add 1 in place",
          "[e2e][rtl][vivado][wizard]")
{
  auto dir = scratch("mm");
  auto p = vivado(script("wizard_mm.tcl"), {dir + "/wiz_mm.xo", dir + "/work"});
  INFO(p.output);
  REQUIRE(p.status == 0);
  CHECK_THAT(p.output, Contains("(kernel wiz_mm, ap_ctrl_hs, 2 scalar, 2 AXI4 master, 0 AXI4-Stream)"));
  auto imports = dir + "/work/wiz_mm_ex/imports/";
  for (auto f : {"wiz_mm.v", "wiz_mm_control_s_axi.v", "wiz_mm_example_mm.v", "package_kernel.tcl", "kernel.xml",
                 "wiz_mm_cmodel.cpp"})
    CHECK(fs::exists(imports + f));
  // Arguments 8 bytes apart from 0x10: scalars first, then the pointers.
  auto xml = test::read_text(imports + "kernel.xml");
  CHECK_THAT(xml, Contains("<arg name=\"s1\" addressQualifier=\"0\" id=\"1\" port=\"s_axi_control\" size=\"0x8\" offset=\"0x18\""));
  CHECK_THAT(xml, Contains("<arg name=\"c\" addressQualifier=\"1\" id=\"4\" port=\"gmem1\" size=\"0x8\" offset=\"0x30\""));
  CHECK_THAT(xml, Contains("<port name=\"gmem1\" mode=\"master\" range=\"0xFFFFFFFFFFFFFFFF\" dataWidth=\"32\""));
  CHECK_THAT(p.output, Contains("wrote " + dir + "/wiz_mm.xo (RTL kernel wiz_mm, top module wiz_mm, ap_ctrl_hs, "
                                "5 arguments: 3 m_axi, 0 stream)"));

  for (std::string target : {"hw_emu", "sw_emu"}) {
    auto xclbin = dir + "/" + target + ".xclbin";
    auto l = link(target, {dir + "/wiz_mm.xo"}, xclbin);
    INFO(l.output);
    REQUIRE(l.status == 0);
    auto h = test::run({test::bin("wizard_host"), "mm", xclbin}, {"XCL_EMULATION_MODE=" + target});
    INFO(target << ": " << h.output);
    CHECK(h.status == 0);
    CHECK_THAT(h.output, Contains("TEST PASSED"));
  }
}

TEST_CASE("wizard: the defaults (a scalar and a pointer on m00_axi) as ap_ctrl_chain with two clocks, no reset",
          "[e2e][rtl][vivado][wizard]")
{
  auto dir = scratch("chain");
  auto p = vivado(script("wizard_defaults.tcl"), {dir + "/wiz_chain.xo", dir + "/work"});
  INFO(p.output);
  REQUIRE(p.status == 0);
  CHECK_THAT(p.output, Contains("(kernel wiz_chain, ap_ctrl_chain, 1 scalar, 1 AXI4 master, 0 AXI4-Stream)"));
  // kernel.xml derived from the IP keeps the wizard's protocol.
  CHECK_THAT(p.output, Contains("wiz_chain, ap_ctrl_chain, 2 arguments: 1 m_axi, 0 stream"));
  auto xml = test::read_text(dir + "/work/wiz_chain_ex/imports/kernel.xml");
  CHECK_THAT(xml, Contains("<arg name=\"axi00_ptr0\" addressQualifier=\"1\" id=\"1\" port=\"m00_axi\" size=\"0x8\" offset=\"0x18\""));
  CHECK_THAT(test::read_text(dir + "/work/wiz_chain_ex/imports/wiz_chain.v"), Contains("input  wire             ap_clk_2"));
  for (std::string target : {"hw_emu", "sw_emu"}) {
    auto xclbin = dir + "/" + target + ".xclbin";
    auto l = link(target, {dir + "/wiz_chain.xo"}, xclbin);
    INFO(l.output);
    REQUIRE(l.status == 0);
    auto h = test::run({test::bin("wizard_host"), "chain", xclbin}, {"XCL_EMULATION_MODE=" + target});
    INFO(target << ": " << h.output);
    CHECK(h.status == 0);
    CHECK_THAT(h.output, Contains("TEST PASSED"));
  }
}

TEST_CASE("wizard: AXI4-Stream kernels between HLS data movers, one free-running and one ap_ctrl_hs",
          "[e2e][rtl][vivado][wizard]")
{
  auto dir = scratch("stream");
  auto f = vivado(script("wizard_stream.tcl"), {dir + "/wiz_free.xo", dir + "/free", "wiz_free", "ap_ctrl_none", "0"});
  INFO(f.output);
  REQUIRE(f.status == 0);
  // Without -kernel_xml the kernel.xml comes from the IP: no control slave.
  CHECK_THAT(f.output, Contains("wiz_free, ap_ctrl_none, 2 arguments: 0 m_axi, 2 stream"));
  auto h = vivado(script("wizard_stream.tcl"), {dir + "/wiz_hs.xo", dir + "/hs", "wiz_hs", "ap_ctrl_hs", "1"});
  INFO(h.output);
  REQUIRE(h.status == 0);
  CHECK_THAT(test::read_text(dir + "/hs/wiz_hs_ex/imports/kernel.xml"),
             Contains("<port name=\"out\" mode=\"write_only\" dataWidth=\"32\" portType=\"stream\"/>"));

  std::ofstream(dir + "/link.cfg") << "[connectivity]\nnk=producer:1:producer_1\nnk=consumer:1:consumer_1\n"
                                      "stream_connect=producer_1.out:wiz_free_1.in\n"
                                      "stream_connect=wiz_free_1.out:wiz_hs_1.in\n"
                                      "stream_connect=wiz_hs_1.out:consumer_1.in\n";
  for (std::string target : {"hw_emu", "sw_emu"}) {
    auto xclbin = dir + "/" + target + ".xclbin";
    auto l = link(target,
                  {"--config", dir + "/link.cfg", stream_xo("producer"), dir + "/wiz_free.xo", dir + "/wiz_hs.xo",
                   stream_xo("consumer")},
                  xclbin);
    INFO(l.output);
    REQUIRE(l.status == 0);
    for (int round = 0; round < 2; ++round) {
      auto r = test::run({test::bin("wizard_host"), "stream", xclbin, round ? "4096" : "1000", "2", "wiz_hs"},
                         {"XCL_EMULATION_MODE=" + target});
      INFO(target << ": " << r.output);
      CHECK(r.status == 0);
      CHECK_THAT(r.output, Contains("TEST PASSED"));
    }
  }
}

TEST_CASE("wizard: an unknown CONFIG property or a bad value names the script's file:line and the property",
          "[e2e][rtl][vivado][wizard][errors]")
{
  auto dir = scratch("errors");
  auto run = [&](const std::string& config) {
    std::ofstream(dir + "/bad.tcl") << "create_project -force p " << dir << "/p\n"
                                    << "create_ip -name rtl_kernel_wizard -vendor xilinx.com -library ip "
                                       "-version 1.0 -module_name k\n"
                                    << "set_property -dict [list " << config << "] [get_ips k]\n"
                                    << "open_example_project -force -in_process -dir " << dir << " [get_ips k]\n";
    auto r = vivado(dir + "/bad.tcl", {});
    INFO(r.output);
    CHECK(r.status == 1);
    return r.output;
  };
  CHECK_THAT(run("CONFIG.NUM_AXIS {2} CONFIG.NUM_AXI_MASTERS {1}"),
             Contains("ERROR: " + dir + "/bad.tcl:3: set_property: CONFIG.NUM_AXI_MASTERS is not a property of the RTL "
                      "Kernel Wizard"));
  CHECK_THAT(run("CONFIG.KERNEL_CTRL {ap_ctrl_maybe}"),
             Contains(dir + "/bad.tcl:3: set_property: CONFIG.KERNEL_CTRL: 'ap_ctrl_maybe' is not one of ap_ctrl_hs, "
                      "ap_ctrl_chain, ap_ctrl_none"));
  CHECK_THAT(run("CONFIG.AXIS01_NUM_BYTES {3}"), Contains("bad.tcl:3: set_property: CONFIG.AXIS01_NUM_BYTES: '3' is not one of"));
  CHECK_THAT(run("CONFIG.NUM_M_AXI {17}"),
             Contains("bad.tcl:3: set_property: CONFIG.NUM_M_AXI: '17' is not a whole number from 0 to 16"));
  // Consistency is checked when the example design is written.
  CHECK_THAT(run("CONFIG.NUM_INPUT_ARGS {2} CONFIG.ARG00_NAME {n} CONFIG.ARG01_NAME {n}"),
             Contains("bad.tcl:4: open_example_project: CONFIG.ARG01_NAME: name 'n' is already used by CONFIG.ARG00_NAME"));
  CHECK(!fs::exists(dir + "/k_ex"));
}
