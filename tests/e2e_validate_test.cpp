// xbutil validate's files (docs/validate.md): `xrtemu install-validate`
// into a scratch root, then the installed test programs run the way stock
// xbutil 2.13 runs them (python3 <script> -k <xclbin> -d <index>, with
// $XILINX_XRT/python and $XILINX_XRT/lib prepended) against the emulated
// card through stock coreutil, and --force/--remove behave.
#include "child_process.h"

#include "xrtemu/xclbin/partition.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace xrtemu::test;
namespace fs = std::filesystem;

namespace {

const std::string u250_vbnv = "xilinx_u250_gen3x16_xdma_4_1_202210_1";

fs::path scratch(const std::string& name)
{
  auto p = fs::path(XRTEMU_BUILD_DIR) / ("test-tmp-validate-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(p);
  return p;
}

outcome install(const fs::path& root, std::vector<std::string> more = {})
{
  std::vector<std::string> args{bin("xrtemu"), "install-validate", "--root", root.string()};
  args.insert(args.end(), more.begin(), more.end());
  return run(args);
}

// As xbutil's runScript: the test directory's program, -k xclbin -d index.
outcome run_test(const fs::path& program, const fs::path& xclbin, const std::string& platform)
{
  std::vector<std::string> argv;
  if (program.extension() == ".py")
    argv.push_back(XRTEMU_PYTHON);
  argv.insert(argv.end(), {program.string(), "-k", xclbin.string(), "-d", "0"});
  std::string xrt = XRTEMU_PLATFORM_DIR;
  return run(argv, {"PYTHONPATH=" + xrt + "/python", "LD_LIBRARY_PATH=" + xrt + "/lib",
                    "XRTEMU_PLATFORM=" + platform});
}

nlohmann::json platform_file(const std::string& name)
{
  std::ifstream in(std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/" + name + ".json");
  return nlohmann::json::parse(in);
}

} // namespace

TEST_CASE("install-validate, then the installed tests pass on the card", "[e2e][validate]")
{
  auto root = scratch("root");
  auto o = install(root);
  INFO(o.output);
  REQUIRE(o.status == 0);

  auto shell = root / "opt/xilinx/firmware/xrtemu/xrtemu_u250" / u250_vbnv;
  auto tests = root / "opt/xilinx/xrt/test";
  for (auto f : {"22_verify.py", "23_bandwidth.py", "host_mem_23_bandwidth.py", "bandwidth_common.py",
                 "xcl_iops_test.exe"})
    CHECK(fs::exists(tests / f));
  CHECK(fs::exists(shell / "test/verify.xclbin"));
  CHECK(fs::exists(shell / "test/bandwidth.xclbin"));
  CHECK_FALSE(fs::exists(shell / "test/platform.json"));   // else xbutil runs the newer validate.exe set
  // Every PCIe card gets its directory, none for the edge boards.
  for (auto card : {"xilinx_u200_gen3x16_xdma_2_202110_1", "xilinx_u280_gen3x16_xdma_1_202211_1",
                    "xilinx_u50_gen3x16_xdma_5_202210_1", "xilinx_u55c_gen3x16_xdma_3_202210_1", "xrtemu_u280"}) {
    INFO(card);
    CHECK(fs::exists(root / "opt/xilinx/firmware/xrtemu" / card / platform_file(card)["vbnv"].get<std::string>() /
                     "test/bandwidth.xclbin"));
  }
  CHECK_FALSE(fs::exists(root / "opt/xilinx/firmware/xrtemu/xrtemu_zcu102"));

  // The partition file names the logic UUID the card's logic_uuids query
  // answers (xbutil matches the two).
  auto ids = xrtemu::xclbin::read_partition_ids((shell / "partition.xsabin").string());
  CHECK(ids.logic_uuid == platform_file("xrtemu_u250")["shell_ids"]["logic_uuid"].get<std::string>());
  auto q = run({bin("xbutil_queries_host"), "queries", xclbin_dir()});
  REQUIRE(q.status == 0);
  CHECK(q.output.find("strings 1\n" + ids.logic_uuid + "\n") != std::string::npos);

  SECTION("verify")
  {
    auto r = run_test(tests / "22_verify.py", shell / "test/verify.xclbin", "xrtemu_u250");
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find("Buffer 1: b'Hello World'") != std::string::npos);
    CHECK(r.output.find("PASSED TEST") != std::string::npos);
  }
  SECTION("mem-bw on DDR and on HBM")
  {
    for (auto card : {"xrtemu_u250", "xilinx_u55c_gen3x16_xdma_3_202210_1"}) {
      auto dir = root / "opt/xilinx/firmware/xrtemu" / card / platform_file(card)["vbnv"].get<std::string>();
      auto r = run_test(tests / "23_bandwidth.py", dir / "test/bandwidth.xclbin", card);
      INFO(card << "\n" << r.output);
      CHECK(r.status == 0);
      CHECK(r.output.find("Maximum throughput: ") != std::string::npos);
      CHECK(r.output.find("PASSED TEST") != std::string::npos);
    }
  }
  SECTION("hostmem-bw on a card with host memory")
  {
    auto dir = root / "opt/xilinx/firmware/xrtemu" / u250_vbnv / u250_vbnv;
    auto r = run_test(tests / "host_mem_23_bandwidth.py", dir / "test/bandwidth.xclbin", u250_vbnv);
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find("PASSED TEST") != std::string::npos);
  }
  SECTION("iops")
  {
    auto r = run_test(tests / "xcl_iops_test.exe", shell / "test/verify.xclbin", "xrtemu_u250");
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find("IOPS: ") != std::string::npos);
    CHECK(r.output.find("TEST PASSED") != std::string::npos);
  }
  SECTION("bad arguments fail with the reason")
  {
    auto r = run_test(tests / "22_verify.py", root / "missing.xclbin", "xrtemu_u250");
    CHECK(r.status == 1);
    CHECK(r.output.find("missing.xclbin: no such file") != std::string::npos);
    CHECK(r.output.find("FAILED TEST") != std::string::npos);
    // Without $XILINX_XRT/python on PYTHONPATH: the reason, not a traceback.
    auto np = run({XRTEMU_PYTHON, (tests / "22_verify.py").string(), "-k", (shell / "test/verify.xclbin").string()},
                  {"PYTHONPATH="});
    CHECK(np.status == 1);
    CHECK(np.output.find("cannot import pyxrt") != std::string::npos);
    auto e = run_test(tests / "xcl_iops_test.exe", root / "missing.xclbin", "xrtemu_u250");
    CHECK(e.status == 1);
    CHECK(e.output.find("TEST FAILED") != std::string::npos);
  }
  fs::remove_all(root);
}

TEST_CASE("install-validate keeps foreign files and removes only its own", "[e2e][validate]")
{
  auto root = scratch("own");
  auto foreign = root / "opt/xilinx/xrt/test/22_verify.py";
  auto neighbour = root / "opt/xilinx/xrt/test/other_tool";
  fs::create_directories(foreign.parent_path());
  std::ofstream(foreign) << "# someone else's\n";
  std::ofstream(neighbour) << "keep me\n";

  auto refused = install(root);
  CHECK(refused.status == 1);
  CHECK(refused.output.find(foreign.string() + " exists and was not installed by xrtemu install-validate") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(root / "opt/xilinx/firmware/xrtemu/xrtemu_u250"));   // checked before writing

  auto forced = install(root, {"--force", "--platform", "xrtemu_u250"});
  INFO(forced.output);
  REQUIRE(forced.status == 0);
  CHECK_FALSE(fs::exists(root / "opt/xilinx/firmware/xrtemu/xrtemu_u280"));   // only the card asked for
  CHECK(install(root, {"--platform", "xrtemu_u250"}).status == 0);           // its own files: no --force needed

  auto unknown = install(root, {"--platform", "no_such_card"});
  CHECK(unknown.status == 1);
  CHECK(unknown.output.find("--platform no_such_card: no such card") != std::string::npos);

  auto removed = install(root, {"--remove"});
  CHECK(removed.status == 0);
  CHECK_FALSE(fs::exists(root / "opt/xilinx/firmware"));
  CHECK_FALSE(fs::exists(foreign));   // taken over by --force, so removed with the rest
  CHECK(fs::exists(neighbour));
  fs::remove(neighbour);   // now nothing else lives there: the next remove leaves no /opt/xilinx
  CHECK(install(root, {"--platform", "xrtemu_u250"}).status == 0);
  CHECK(install(root, {"--remove"}).status == 0);
  CHECK_FALSE(fs::exists(root / "opt/xilinx"));
  CHECK(fs::exists(root / "opt"));
  fs::remove_all(root);
}
