#include "xrtemu/emu/platform.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

using namespace xrtemu::emu;

namespace {
std::string dir() { return std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/"; }

std::string write_tmp(const std::string& text)
{
  std::string path = std::string(XRTEMU_BUILD_DIR) + "/platform_test_tmp.json";
  std::ofstream(path) << text;
  return path;
}

std::string error_of(const std::string& text)
{
  try {
    load_platform(write_tmp(text));
  }
  catch (const std::exception& e) {
    return e.what();
  }
  return "";
}
}

TEST_CASE("the shipped platforms load", "[emu][platform]")
{
  auto u250 = load_platform(dir() + "xrtemu_u250.json");
  CHECK(u250.banks.size() == 4);
  CHECK(u250.banks[1].tag == "DDR[1]");
  CHECK(u250.banks[1].base == 0x400000000ULL);
  CHECK(u250.banks[3].size == 16ULL << 30);
  CHECK(u250.shell == "pcie");
  CHECK(u250.clocks_mhz.at("ap_clk") == 300);

  auto u280 = load_platform(dir() + "xrtemu_u280.json");
  CHECK(u280.find_bank("HBM[31]"));
  CHECK(u280.find_bank("HBM[31]")->size == 256ULL << 20);
  CHECK(u280.find_bank("PLRAM[0]")->kind == bank_kind::plram);

  auto zcu = load_platform(dir() + "xrtemu_zcu102.json");
  CHECK(zcu.shell == "edge");
}

TEST_CASE("platform errors name the file and the key", "[emu][platform]")
{
  CHECK_THAT(error_of(R"({"vbnv": "x", "banks": []})"), Catch::Contains("'name'") && Catch::Contains("missing"));
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "banks": []})"), Catch::Contains("'banks'"));
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "DDR", "base": 0, "size": "lots"}]})"),
             Catch::Contains("banks[0].size"));
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "SRAMX", "base": 0, "size": 4096}]})"),
             Catch::Contains("banks[0].type"));
  CHECK_THAT(error_of(R"({"name": 5, "vbnv": "x", "banks": []})"), Catch::Contains("'name'") && Catch::Contains("wrong type"));
  CHECK_THAT(error_of("{ not json"), Catch::Contains("platform_test_tmp.json") && Catch::Contains("not valid JSON"));
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "DDR", "base": 0, "size": 8192},
                                                              {"tag": "B", "type": "DDR", "base": 4096, "size": 8192}]})"),
             Catch::Contains("overlaps"));
}
