// RTL kernels end to end: the Verilog rtl_vadd, packaged by `xrtemu
// package_xo` and linked with an HLS kernel into one xclbin, run by a stock
// XRT host in a child process; waveforms; and what package_xo says about
// bad input (kernel.xml against the module's ports, a missing top module,
// a Verilog syntax error).
#include "child_process.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

namespace fs = std::filesystem;
namespace test = xrtemu::test;
using Catch::Matchers::Contains;

namespace {

std::string mixed_xclbin() { return test::xclbin_dir() + "/examples/rtl_mixed.xclbin"; }
std::string example(const std::string& f) { return std::string(XRTEMU_SOURCE_DIR) + "/kernels/examples/rtl_vadd/" + f; }

std::string scratch(const std::string& name) { return test::fresh_dir("test-tmp-rtl", name); }

void write(const std::string& path, const std::string& text)
{
  std::ofstream(path) << text;
}

// The example kernel.xml with one edit.
std::string edited_xml(const std::string& dir, const std::string& from, const std::string& to)
{
  auto text = test::read_text(example("kernel.xml"));
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  auto path = dir + "/kernel.xml";
  write(path, text);
  return path;
}

test::outcome package(const std::vector<std::string>& args)
{
  std::vector<std::string> argv = {test::bin("xrtemu"), "package_xo"};
  argv.insert(argv.end(), args.begin(), args.end());
  return test::run(argv);
}

} // namespace

TEST_CASE("rtl_vadd (Verilog) and vinc (HLS C++) share an xclbin; a stock XRT host checks both", "[e2e][rtl]")
{
  for (auto n : {"1000", "4099"}) {
    auto r = test::run({test::bin("rtl_vadd_host"), mixed_xclbin(), n, "3"});
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Contains("TEST PASSED"));
  }
}

TEST_CASE("a free-running Verilog stream kernel between two HLS C++ CUs", "[e2e][rtl][stream]")
{
  // stream_pipeline_host only starts the HLS producer and consumer; the RTL
  // rtl_triple between them runs on its own (ap_ctrl_none) and triples.
  for (auto n : {"1", "5000"}) {
    auto r = test::run({test::bin("stream_pipeline_host"), test::xclbin_dir() + "/examples/rtl_stream.xclbin", n});
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Contains("TEST PASSED"));
  }
}

TEST_CASE("XRTEMU_WAVES writes one FST per CU, from xclbin load to exit, and says where", "[e2e][rtl]")
{
  auto dir = scratch("waves");
  auto r = test::run({test::bin("rtl_vadd_host"), mixed_xclbin(), "64", "2"}, {"XRTEMU_WAVES=" + dir});
  INFO(r.output);
  CHECK_THAT(r.output, Contains("TEST PASSED"));
  auto f = dir + "/rtl_vadd_1.fst";
  CHECK_THAT(r.output, Contains("[xrtemu] CU rtl_vadd_1: waveform in " + f));
  REQUIRE(fs::exists(f));
  CHECK(fs::file_size(f) > 1000);
  // FST files end with a complete block only when closed at exit.
  std::ifstream in(f, std::ios::binary);
  CHECK(in.get() == 0);   // FST_BL_HDR
}

TEST_CASE("package_xo: kernel.xml naming an interface the module does not have", "[e2e][rtl][errors]")
{
  auto dir = scratch("missing_port");
  auto xml = edited_xml(dir, "<port name=\"m_axi_gmem\" mode=\"master\"", "<port name=\"m_axi_gmem\" mode=\"master\"/>\n"
                                                                             "      <port name=\"m_axi_gmem1\" mode=\"master\"");
  auto r = package({"--kernel_name", "rtl_vadd", "--kernel_xml", xml, "--sources", example("rtl_vadd.v"),
                    example("rtl_vadd_control.v"), "-o", dir + "/k.xo"});
  INFO(r.output);
  CHECK(r.status != 0);
  CHECK_THAT(r.output, Contains(xml + ": port 'm_axi_gmem1' (an AXI4 master) has no signals in module rtl_vadd (" +
                                example("rtl_vadd.v") + ")"));
  CHECK(!fs::exists(dir + "/k.xo"));
}

TEST_CASE("package_xo: dataWidth in kernel.xml differs from the module's data bus", "[e2e][rtl][errors]")
{
  auto dir = scratch("width");
  auto xml = edited_xml(dir, "range=\"0xFFFFFFFFFFFFFFFF\" dataWidth=\"32\"", "range=\"0xFFFFFFFFFFFFFFFF\" dataWidth=\"512\"");
  auto r = package({"-kernel_name", "rtl_vadd", "-kernel_xml", xml, "--sources", example("rtl_vadd.v"),
                    example("rtl_vadd_control.v"), "-xo_path", dir + "/k.xo"});
  INFO(r.output);
  CHECK(r.status != 0);
  CHECK_THAT(r.output, Contains("port 'm_axi_gmem': dataWidth is 512 but m_axi_gmem_RDATA of module rtl_vadd"));
  CHECK_THAT(r.output, Contains("is 32 bits"));
}

TEST_CASE("package_xo: an argument on a port kernel.xml does not declare", "[e2e][rtl][errors]")
{
  auto dir = scratch("arg_port");
  auto xml = edited_xml(dir, "<arg name=\"c\" addressQualifier=\"1\" id=\"2\" port=\"m_axi_gmem\"",
                        "<arg name=\"c\" addressQualifier=\"1\" id=\"2\" port=\"m_axi_out\"");
  auto r = package({"--kernel_name", "rtl_vadd", "--kernel_xml", xml, "--sources", example("rtl_vadd.v"),
                    example("rtl_vadd_control.v"), "-o", dir + "/k.xo"});
  INFO(r.output);
  CHECK(r.status != 0);
  CHECK_THAT(r.output, Contains(xml + ": kernel 'rtl_vadd': <arg name=\"c\">: port=\"m_axi_out\" is not among the "
                                      "kernel's <ports> (s_axi_control, m_axi_gmem)"));
}

TEST_CASE("package_xo: a port in the wrong direction", "[e2e][rtl][errors]")
{
  auto dir = scratch("direction");
  auto v = test::read_text(example("rtl_vadd.v"));
  v = std::regex_replace(v, std::regex(R"(input  wire        m_axi_gmem_ARREADY)"), "output wire        m_axi_gmem_ARREADY");
  write(dir + "/rtl_vadd.v", v);
  auto r = package({"--kernel_name", "rtl_vadd", "--kernel_xml", example("kernel.xml"), "--sources", dir + "/rtl_vadd.v",
                    example("rtl_vadd_control.v"), "-o", dir + "/k.xo"});
  INFO(r.output);
  CHECK(r.status != 0);
  CHECK_THAT(r.output, Contains("port 'm_axi_gmem' (an AXI4 master): m_axi_gmem_ARREADY is an output of module rtl_vadd"));
  CHECK_THAT(r.output, Contains("but should be an input"));
}

TEST_CASE("package_xo: no module named like the kernel", "[e2e][rtl][errors]")
{
  auto dir = scratch("top");
  auto xml = edited_xml(dir, "<kernel name=\"rtl_vadd\"", "<kernel name=\"vadd_rtl\"");
  auto r = package({"--kernel_name", "vadd_rtl", "--kernel_xml", xml, "--sources", example("rtl_vadd.v"),
                    example("rtl_vadd_control.v"), "-o", dir + "/k.xo"});
  INFO(r.output);
  CHECK(r.status != 0);
  CHECK_THAT(r.output, Contains("no module 'vadd_rtl' in " + example("rtl_vadd.v")));
  CHECK_THAT(r.output, Contains("(modules: rtl_vadd (" + example("rtl_vadd.v") + "), rtl_vadd_control (" +
                                example("rtl_vadd_control.v") + "))"));
}

TEST_CASE("package_xo: a Verilog syntax error is reported with file and line", "[e2e][rtl][errors]")
{
  auto dir = scratch("syntax");
  auto v = test::read_text(example("rtl_vadd_control.v"));
  auto at = v.find("assign AWREADY = do_write;");
  REQUIRE(at != std::string::npos);
  v.replace(at, 26, "assign AWREADY = do_write");   // missing ';'
  write(dir + "/rtl_vadd_control.v", v);
  auto r = package({"--kernel_name", "rtl_vadd", "--kernel_xml", example("kernel.xml"), "--sources", example("rtl_vadd.v"),
                    dir + "/rtl_vadd_control.v", "-o", dir + "/k.xo"});
  INFO(r.output);
  CHECK(r.status != 0);
  CHECK_THAT(r.output, Contains("Verilator rejected the sources of kernel 'rtl_vadd'"));
  CHECK_THAT(r.output, Contains("%Error: " + dir + "/rtl_vadd_control.v:"));
}

TEST_CASE("package_xo in Vivado's spelling (-ip_directory, -xo_path), without waveforms, linked by the CLI", "[e2e][rtl]")
{
  auto dir = scratch("vivado");
  auto r = package({"-kernel_name", "rtl_vadd", "-kernel_xml", example("kernel.xml"), "-ip_directory",
                    std::string(XRTEMU_SOURCE_DIR) + "/kernels/examples/rtl_vadd", "-xo_path", dir + "/rtl_vadd.xo",
                    "--no-waves", "-force"});
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output, Contains("wrote " + dir + "/rtl_vadd.xo (RTL kernel rtl_vadd, top module rtl_vadd, ap_ctrl_hs, "
                                "4 arguments: 3 m_axi, 0 stream)"));
  auto l = test::run({test::bin("xrtemu"), "link", "-l", "--platform", "xrtemu_u250", dir + "/rtl_vadd.xo",
                      std::string(XRTEMU_BUILD_DIR) + "/kernels/examples/multi_cu/vinc.xo", "-o", dir + "/mixed.xclbin"});
  INFO(l.output);
  REQUIRE(l.status == 0);
  auto h = test::run({test::bin("rtl_vadd_host"), dir + "/mixed.xclbin", "300", "1"}, {"XRTEMU_WAVES=" + dir});
  INFO(h.output);
  CHECK_THAT(h.output, Contains("TEST PASSED"));
  CHECK_THAT(h.output, Contains("XRTEMU_WAVES is set but this model was packaged without tracing"));
}
