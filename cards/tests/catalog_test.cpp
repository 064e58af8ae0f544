// Choosing platforms by name, shell name, .xpfm path or JSON path, and the
// configured device list (emconfig.json, XRTEMU_CONFIG, XRTEMU_PLATFORM).
#include "xrtemu/cards/catalog.h"
#include "xrtemu/cards/device_list.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <functional>
#include <filesystem>
#include <fstream>

using namespace xrtemu::cards;
namespace fs = std::filesystem;

namespace {

catalog shipped() { return catalog({std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms"}); }

std::string error_of(const std::function<void()>& f)
{
  try {
    f();
  }
  catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

// Sets environment variables for one scope.
struct env_guard
{
  std::vector<std::string> names;
  void set(const std::string& n, const std::string& v) { names.push_back(n); ::setenv(n.c_str(), v.c_str(), 1); }
  void unset(const std::string& n) { names.push_back(n); ::unsetenv(n.c_str()); }
  ~env_guard() { for (auto& n : names) ::unsetenv(n.c_str()); }
};

fs::path scratch(const std::string& name)
{
  auto d = fs::path(XRTEMU_BUILD_DIR) / "cards_test" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

} // namespace

TEST_CASE("platforms by xrtemu name, shell name, alias, .xpfm and JSON path", "[cards][catalog]")
{
  auto cat = shipped();
  CHECK(cat.find("xrtemu_u250").name == "xrtemu_u250");
  auto u250 = cat.find("xilinx_u250_gen3x16_xdma_4_1_202210_1");
  CHECK(u250.find_bank("PLRAM[0]"));
  CHECK(cat.find("xilinx_u250_gen3x16_xdma_3_1_202020_1").name == u250.name);   // an older shell of the board
  CHECK(cat.find("/opt/xilinx/platforms/xilinx_u280_gen3x16_xdma_1_202211_1/xilinx_u280_gen3x16_xdma_1_202211_1.xpfm")
          .name == "xilinx_u280_gen3x16_xdma_1_202211_1");
  CHECK(cat.find("/somewhere/xilinx_u50_gen3x16_xdma_5_202210_1/u50.xpfm").name == "xilinx_u50_gen3x16_xdma_5_202210_1");
  CHECK(cat.find(std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/xrtemu_u280.json").name == "xrtemu_u280");
  CHECK(cat.find("xilinx_u200_gen3x16_xdma_2_202110_1").find_bank("DDR[3]"));
  CHECK(cat.find("xilinx_zcu102_base_202210_1").shell == "edge");
}

TEST_CASE("an unknown platform lists the known ones", "[cards][catalog]")
{
  auto e = error_of([] { shipped().find("xilinx_u999_gen9_xdma_1"); });
  CHECK_THAT(e, Catch::Contains("unknown platform 'xilinx_u999_gen9_xdma_1'"));
  CHECK_THAT(e, Catch::Contains("xilinx_u250_gen3x16_xdma_4_1_202210_1"));
  CHECK_THAT(e, Catch::Contains("xrtemu_u280"));
}

TEST_CASE("the device list: emconfig.json under XCL_EMULATION_MODE, else XRTEMU_CONFIG, else XRTEMU_PLATFORM",
          "[cards][device_list]")
{
  auto cat = shipped();
  env_guard env;
  env.unset("XRTEMU_CONFIG");
  env.unset("XRTEMU_PLATFORM");
  env.unset("XCL_EMULATION_MODE");
  auto dir = scratch("emconfig");
  std::ofstream(dir / "emconfig.json") << R"({"Platform": {"Boards": [{"Name": "b", "Devices": [
      {"Name": "xilinx_u280_gen3x16_xdma_1_202211_1", "NumDevices": "2"}]}]}, "Version": {"FileVersion": "2.0"}})";
  env.set("EMCONFIG_PATH", dir.string());

  CHECK(configured_devices(cat).cards.at(0).name == "xrtemu_u250");   // no emulation mode: not read
  env.set("XCL_EMULATION_MODE", "hw_emu");
  auto l = configured_devices(cat);
  REQUIRE(l.cards.size() == 2);
  CHECK(l.cards[1].name == "xilinx_u280_gen3x16_xdma_1_202211_1");
  CHECK_THAT(l.source, Catch::Contains("emconfig.json"));

  env.set("XCL_EMULATION_MODE", "sw_emu");
  CHECK(configured_devices(cat).cards.size() == 2);
  env.set("EMCONFIG_PATH", (dir / "none").string());
  env.set("XRTEMU_PLATFORM", "xrtemu_u280");
  CHECK(configured_devices(cat).cards.at(0).name == "xrtemu_u280");

  std::ofstream(dir / "devices.json") << R"({"devices": [{"platform": "xilinx_u50_gen3x16_xdma_5_202210_1"}]})";
  env.set("XRTEMU_CONFIG", (dir / "devices.json").string());
  CHECK(configured_devices(cat).cards.at(0).name == "xilinx_u50_gen3x16_xdma_5_202210_1");
  // Explicit arguments (tool options) come first.
  CHECK(configured_devices(cat, "xrtemu_zcu102").cards.at(0).name == "xrtemu_zcu102");
}

TEST_CASE("device list errors name the file and the key", "[cards][device_list]")
{
  auto dir = scratch("devices");
  std::ofstream(dir / "bad.json") << R"({"devices": [{"platform": "xrtemu_u250"}, {"card": 1}]})";
  CHECK_THAT(error_of([&] { read_device_config((dir / "bad.json").string()); }),
             Catch::Contains("bad.json") && Catch::Contains("devices[1].platform"));
  std::ofstream(dir / "unknown.json") << R"({"devices": [{"platform": "nope"}]})";
  CHECK_THAT(error_of([&] { configured_devices(shipped(), "", (dir / "unknown.json").string()); }),
             Catch::Contains("unknown.json") && Catch::Contains("unknown platform 'nope'"));
}
