// The Vitis tools' command lines against xrtemu: v++ (help, version, unknown
// options and platforms, options without effect, -p), emconfigutil and the
// shim honouring emconfig.json as XRT emulation does, platforminfo, and the
// environment settings64.sh gives.
#include "child_process.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace xrtemu::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string u250 = "xilinx_u250_gen3x16_xdma_4_1_202210_1";
const std::string u280 = "xilinx_u280_gen3x16_xdma_1_202211_1";

fs::path scratch(const std::string& name)
{
  auto d = fs::path(XRTEMU_BUILD_DIR) / "swap_tools" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string kernel_source() { return std::string(XRTEMU_SOURCE_DIR) + "/examples/swap/src/krnl_vadd.cpp"; }

// A host run with only the given emulation variables (none inherited).
outcome probe(const std::vector<std::string>& env, const std::string& exe = bin("swap_probe"))
{
  std::vector<std::string> argv = {"env", "-u", "XCL_EMULATION_MODE", "-u", "EMCONFIG_PATH", "-u", "XRTEMU_CONFIG",
                                   "-u", "XRTEMU_PLATFORM"};
  argv.insert(argv.end(), env.begin(), env.end());
  argv.push_back(exe);
  return run(argv);
}

// One .xo for the link tests, compiled once.
const std::string& compiled_xo()
{
  static const std::string xo = [] {
    auto d = scratch("xo");
    auto out = (d / "krnl_vadd.xo").string();
    auto o = run({bin("v++"), "-c", "-t", "hw_emu", "--platform", u250, "-k", "krnl_vadd", "-o", out, kernel_source()});
    INFO(o.output);
    REQUIRE(o.status == 0);
    return out;
  }();
  return xo;
}

} // namespace

TEST_CASE("v++ --help and --version print and exit 0", "[swap][vpp]")
{
  auto h = run({bin("v++"), "--help"});
  CHECK(h.status == 0);
  CHECK_THAT(h.output, Contains("-c, --compile") && Contains("--package.out_dir") && Contains("--vivado.*"));
  auto v = run({bin("v++"), "--version"});
  CHECK(v.status == 0);
  CHECK_THAT(v.output, Contains("v++ v2022.1"));
}

TEST_CASE("v++ fails on an unknown option, naming it", "[swap][vpp]")
{
  auto o = run({bin("v++"), "-c", "-k", "krnl_vadd", "--frobnicate", "-o", "x.xo", kernel_source()});
  CHECK(o.status != 0);
  CHECK_THAT(o.output, Contains("--frobnicate"));
  auto t = run({bin("v++"), "-c", "-t", "hw_emulation", "-k", "krnl_vadd", "-o", "x.xo", kernel_source()});
  CHECK(t.status != 0);
  CHECK_THAT(t.output, Contains("hw_emulation"));
}

TEST_CASE("v++ lists the known platforms for an unknown one", "[swap][vpp]")
{
  auto o = run({bin("v++"), "-c", "--platform", "xilinx_u999_gen9_xdma_1_1", "-k", "krnl_vadd", "-o", "x.xo",
                kernel_source()});
  CHECK(o.status != 0);
  CHECK_THAT(o.output, Contains("unknown platform 'xilinx_u999_gen9_xdma_1_1'") && Contains(u250) && Contains(u280) &&
                         Contains("xrtemu_u250"));
}

TEST_CASE("v++ accepts options that do not change emulation, with a note; -p packages", "[swap][vpp]")
{
  auto d = scratch("noop");
  auto xo = (d / "k.xo").string();
  auto c = run({bin("v++"), "-c", "-t", "hw_emu", "--platform", "/opt/xilinx/platforms/" + u280 + "/" + u280 + ".xpfm",
                "-g", "-O3", "-R2", "--hls.clock", "300000000:krnl_vadd", "--advanced.param", "compiler.x=1",
                "--save-temps", "--temp_dir", (d / "_x").string(), "--log_dir", (d / "logs").string(),
                "--report_dir", (d / "reports").string(), "-k", "krnl_vadd", "-o" + xo, kernel_source()});
  INFO(c.output);
  REQUIRE(c.status == 0);
  CHECK_THAT(c.output, Contains("no effect on emulation") && Contains("--hls.clock") && Contains("-O3"));
  CHECK(fs::exists(d / "_x" / "k.xo.temps"));   // --save-temps keeps them under --temp_dir

  auto link = (d / "k.link.xclbin").string();
  auto l = run({bin("v++"), "-l", "-t", "hw_emu", "--platform", u280, "--kernel_frequency", "0:300|1:500",
                "--vivado.prop", "run.impl_1.strategy=Performance_Explore", "--profile.data", "all:all:all",
                "--debug.chipscope", "krnl_vadd_1", "--connectivity.sp", "krnl_vadd_1.in1:HBM[3]",
                "-DNDDR_BANKS=1", "-I", "src", "-o", link, xo});
  INFO(l.output);
  REQUIRE(l.status == 0);
  // Compile flags a Makefile passes to every step: taken, without effect.
  CHECK_THAT(l.output, Contains("-DNDDR_BANKS=1") && Contains("-I src"));
  auto p = run({bin("v++"), "-p", link, "-t", "hw_emu", "--platform", u280, "--package.out_dir",
                (d / "package").string(), "-o", (d / "final.xclbin").string()});
  INFO(p.output);
  REQUIRE(p.status == 0);
  CHECK(fs::file_size(d / "final.xclbin") == fs::file_size(link));
  CHECK(fs::is_directory(d / "package"));
  auto none = run({bin("v++"), "-p", "-t", "hw_emu", "-o", (d / "x.xclbin").string()});
  CHECK(none.status != 0);
  CHECK_THAT(none.output, Contains("no linked .xclbin"));
}

TEST_CASE("a .cfg entry that cannot apply names file:line", "[swap][vpp]")
{
  auto d = scratch("cfg");
  std::ofstream(d / "bad_section.cfg") << "[connectivity]\nnk=krnl_vadd:1\n\n[synthesis]\nstrategy=fast\n";
  auto o = run({bin("v++"), "-l", "--platform", u250, "--config", (d / "bad_section.cfg").string(), "-o",
                (d / "a.xclbin").string(), compiled_xo()});
  CHECK(o.status != 0);
  CHECK_THAT(o.output, Contains("bad_section.cfg:5") && Contains("synthesis"));
  std::ofstream(d / "bad_bank.cfg") << "# HBM on a DDR card\n[connectivity]\nsp=krnl_vadd_1.in1:HBM[0]\n";
  auto b = run({bin("v++"), "-l", "--platform", u250, "--config", (d / "bad_bank.cfg").string(), "-o",
                (d / "b.xclbin").string(), compiled_xo()});
  CHECK(b.status != 0);
  CHECK_THAT(b.output, Contains("bad_bank.cfg:3"));
}

TEST_CASE("emconfigutil writes emconfig.json; the shim honours it under XCL_EMULATION_MODE", "[swap][emconfig]")
{
  auto d = scratch("emconfig");
  auto e = run({bin("emconfigutil"), "--platform", u280, "--nd", "2", "--od", d.string()});
  INFO(e.output);
  REQUIRE(e.status == 0);
  nlohmann::json j;
  std::ifstream(d / "emconfig.json") >> j;
  CHECK(j["Platform"]["Boards"][0]["Devices"][0]["Name"] == u280);
  CHECK(j["Platform"]["Boards"][0]["Devices"][0]["NumDevices"] == "2");

  // EMCONFIG_PATH, as XRT's emulation reads it.
  auto two = probe({"XCL_EMULATION_MODE=hw_emu", "EMCONFIG_PATH=" + d.string()});
  INFO(two.output);
  CHECK(two.status == 0);
  CHECK_THAT(two.output, Contains("devices 2") && Contains("device 1 " + u280));
  // sw_emu reads it too; without an emulation mode it is not read.
  CHECK_THAT(probe({"XCL_EMULATION_MODE=sw_emu", "EMCONFIG_PATH=" + d.string()}).output, Contains("devices 2"));
  CHECK_THAT(probe({"EMCONFIG_PATH=" + d.string()}).output, Contains("devices 1"));

  // Beside the executable, as the Vitis Makefiles copy it.
  auto exe = d / "host";
  fs::copy_file(bin("swap_probe"), exe);
  CHECK_THAT(probe({"XCL_EMULATION_MODE=hw_emu"}, exe.string()).output, Contains("devices 2"));
}

TEST_CASE("a malformed emconfig.json names the file and the key", "[swap][emconfig]")
{
  auto d = scratch("bad_emconfig");
  std::ofstream(d / "emconfig.json")
    << R"({"Platform": {"Boards": [{"Devices": [{"Name": "xilinx_u250_gen3x16_xdma_4_1_202210_1", "NumDevices": "lots"}]}]}})";
  auto o = probe({"XCL_EMULATION_MODE=hw_emu", "EMCONFIG_PATH=" + d.string()});
  CHECK(o.status != 0);
  CHECK_THAT(o.output, Contains((d / "emconfig.json").string()) && Contains("Platform.Boards[0].Devices[0].NumDevices"));
}

TEST_CASE("platforminfo answers what Makefiles grep", "[swap][platforminfo]")
{
  auto o = run({bin("platforminfo"), "-p", u250});
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("FPGA Family") && Contains("virtexuplus") && Contains("CPU Type") && Contains("PLRAM[0]"));
  auto edge = run({bin("platforminfo"), "-p", "xilinx_zcu102_base_202210_1"});
  CHECK_THAT(edge.output, Contains("zynquplus") && Contains("cortex-a53"));
  auto j = run({bin("platforminfo"), "--json=hardwarePlatform.devices[0].part.architecture", "-p", u280});
  CHECK(j.output == "virtexuplus\n");
}

TEST_CASE("platforminfo -d/-o/-f/-k/-e/-s/-v and the fpgaPart the RTL Kernel Wizard scripts read", "[swap][platforminfo]")
{
  auto d = scratch("platforminfo");
  // rtl_streaming_k2k_mm's gen_xo: -p <xpfm> --json=...devices[0].fpgaPart,
  // then ':' -> '-' and fields 1..5 give the part.
  auto fp = run({bin("platforminfo"), "-p", "/opt/xilinx/platforms/" + u250 + "/" + u250 + ".xpfm",
                 "--json=hardwarePlatform.devices[0].fpgaPart"});
  CHECK(fp.status == 0);
  CHECK(fp.output == "xilinx:xcu250:figd2104:-2L:e\n");
  // rtl_streaming_free_running_k2k's gen_xo: -f -j -o <file> -d <xpfm>, then
  // the first `"part": "...",` line of the file.
  auto file = (d / "pinfo.json").string();
  std::ofstream(file) << "old";
  auto o = run({bin("platforminfo"), "-f", "-j", "-o", file, "-d", u250});
  INFO(o.output);
  CHECK(o.status == 0);
  std::ifstream in(file);
  std::string line, part;
  while (std::getline(in, line) && part.empty())
    if (line.find("\"part\": \"") != std::string::npos && line.back() == ',')
      part = line;
  CHECK_THAT(part, Contains("\"xcu250-figd2104-2L-e\""));
  std::ifstream again(file);
  auto j = nlohmann::json::parse(again);
  CHECK(j["hardwarePlatform"]["board"]["part"] == "xcu250-figd2104-2L-e");
  // Without -f an existing output file is kept.
  auto kept = run({bin("platforminfo"), "-j", "-o", file, "-d", u250});
  CHECK(kept.status != 0);
  CHECK_THAT(kept.output, Contains(file) && Contains("-f"));
  auto k = run({bin("platforminfo"), "-k", "-p", u280, "-v"});
  CHECK_THAT(k.output, Contains("hardwarePlatform.devices[0].fpgaPart\n") && Contains("hardwarePlatform.board.part\n"));
  auto l = run({bin("platforminfo"), "-l", "-e"});
  CHECK_THAT(l.output, Contains(u250) && Contains("xcu250-figd2104-2L-e"));
  auto sw = run({bin("platforminfo"), "-d", u250, "-s", "/x/sw.spfm"});
  CHECK_THAT(sw.output, Contains("FPGA Family"));
  auto bad = run({bin("platforminfo"), "-p", u250, "-jhardwarePlatform.nothing"});
  CHECK(bad.status != 0);
  CHECK_THAT(bad.output, Contains("hardwarePlatform.nothing"));
}

TEST_CASE("settings64.sh points the Vitis and XRT variables at xrtemu", "[swap][settings]")
{
  auto o = run({"bash", "-c",
                "source " + std::string(XRTEMU_BUILD_DIR) + "/settings64.sh && "
                "test -f $XILINX_XRT/include/xrt/xrt_device.h && test -f $XILINX_XRT/include/xrt.h && "
                "test -e $XILINX_XRT/lib/libxrt_core.so.2 && test -e $XILINX_XRT/lib/libxrt_coreutil.so && "
                "test -e $XILINX_XRT/lib/libxilinxopencl.so && test -f $XILINX_VIVADO/include/ap_int.h && "
                "test -x $XILINX_VIVADO/bin/vivado && "
                "test -n \"$XILINX_VITIS\" && command -v v++ emconfigutil platforminfo xrtemu && "
                "echo LD=$LD_LIBRARY_PATH PY=$PYTHONPATH ICD=$OCL_ICD_VENDORS"});
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("LD=" XRTEMU_PLATFORM_DIR "/lib") && Contains("ICD=" XRTEMU_PLATFORM_DIR "/etc/OpenCL/vendors"));
}

TEST_CASE("a p2p buffer's map is the card's memory", "[swap][p2p]")
{
  auto o = run({bin("swap_probe"), "p2p"});
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("p2p via card copy 42") && Contains("p2p map sees 7"));
}

TEST_CASE("a buffer exported by one card and imported by another: copies on the importer reach it", "[swap][p2p]")
{
  auto d = scratch("export");
  std::ofstream(d / "two.json") << R"({"devices": [{"platform": "xrtemu_u250"}, {"platform": "xrtemu_u250"}]})";
  auto o = run({"env", "-u", "XCL_EMULATION_MODE", "-u", "EMCONFIG_PATH", "XRTEMU_CONFIG=" + (d / "two.json").string(),
                bin("swap_probe"), "export"});
  INFO(o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("peer sees 42") && Contains("back reads 9 42"));
  CHECK_THAT(o.output, Contains("bogus import:") && Contains("1234567"));
}
