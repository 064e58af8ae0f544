// emconfig.json in XRT's format: written as emconfigutil does, read as XRT's
// emulation drivers do, malformed files named with the key.
#include "xrtemu/cards/emconfig.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace xrtemu::cards;
namespace fs = std::filesystem;

namespace {

std::string write_tmp(const std::string& text)
{
  auto p = fs::path(XRTEMU_BUILD_DIR) / "cards_test" / "emconfig_tmp.json";
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
  return p.string();
}

std::string error_of(const std::string& text)
{
  try {
    read_emconfig(write_tmp(text));
  }
  catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_CASE("emconfig.json round trip in XRT's layout", "[cards][emconfig]")
{
  platform_desc p;
  p.name = p.vbnv = "xilinx_u250_gen3x16_xdma_4_1_202210_1";
  auto f = write_tmp("");
  write_emconfig(f, p, 3);
  nlohmann::json j;
  std::ifstream(f) >> j;
  CHECK(j["Version"]["FileVersion"] == "2.0");
  CHECK(j["Platform"]["Boards"][0]["Devices"][0]["Name"] == p.vbnv);
  CHECK(j["Platform"]["Boards"][0]["Devices"][0]["NumDevices"] == "3");
  auto names = read_emconfig(f);
  REQUIRE(names.size() == 3);
  CHECK(names[2] == p.vbnv);
}

TEST_CASE("NumBoards and numeric counts, as XRT reads them", "[cards][emconfig]")
{
  auto names = read_emconfig(write_tmp(R"({"Platform": {"Boards": [{"NumBoards": 2, "Devices": [
      {"Name": "a", "NumDevices": 1}, {"Name": "b"}]}]}})"));
  CHECK(names == std::vector<std::string>{"a", "b", "a", "b"});
}

TEST_CASE("malformed emconfig.json names the file and the key", "[cards][emconfig]")
{
  CHECK_THAT(error_of("{ nope"), Catch::Contains("emconfig_tmp.json") && Catch::Contains("not valid JSON"));
  // Found by fuzz/emconfig_fuzz.cpp: a number beyond a double escaped as
  // nlohmann's out_of_range, without the file's name.
  CHECK_THAT(error_of(R"({"Platform": {"Boards": [{"NumBoards": 9555555134883595555551E4883561}]}})"),
             Catch::Contains("emconfig_tmp.json") && Catch::Contains("not valid JSON"));
  CHECK_THROWS_AS(read_emconfig(write_tmp("[1E400]")), error);
  CHECK_THAT(error_of(R"({"Version": {"FileVersion": "2.0"}})"), Catch::Contains("'Platform'"));
  CHECK_THAT(error_of(R"({"Platform": {"Boards": {}}})"), Catch::Contains("'Platform.Boards'"));
  CHECK_THAT(error_of(R"({"Platform": {"Boards": [{"Devices": [{"NumDevices": "1"}]}]}})"),
             Catch::Contains("'Platform.Boards[0].Devices[0].Name'"));
  CHECK_THAT(error_of(R"({"Platform": {"Boards": [{"Devices": [{"Name": "x", "NumDevices": "many"}]}]}})"),
             Catch::Contains("'Platform.Boards[0].Devices[0].NumDevices'"));
  CHECK_THAT(error_of(R"({"Platform": {"Boards": []}, "Version": {"FileVersion": "1.0"}})"),
             Catch::Contains("'Version.FileVersion'"));
  // Found by fuzz/emconfig_fuzz.cpp: a count too large for 64 bits parses as
  // a double, and converting that to an integer was undefined behaviour.
  // A count is a whole number, as for XRT's property tree.
  for (auto count : {"777777777777777777777777772", "1e30", "2.5", "-1", "65", "18446744073709551615",
                     "\"2x\"", "\"2.0\"", "\" 99999999999999999999999\""}) {
    CAPTURE(count);
    CHECK_THAT(error_of(std::string(R"({"Platform": {"Boards": [{"Devices": [{"Name": "x", "NumDevices": )") + count +
                        "}]}]}}"),
               Catch::Contains("'Platform.Boards[0].Devices[0].NumDevices'") && Catch::Contains("from 0 to 64"));
  }
  CHECK(read_emconfig(write_tmp(R"({"Platform": {"Boards": [{"Devices": [{"Name": "x", "NumDevices": 2}]}]}})"))
            .size() == 2);
}
