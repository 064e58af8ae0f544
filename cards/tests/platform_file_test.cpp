#include "xrtemu/cards/platform.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

using namespace xrtemu::cards;

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

TEST_CASE("the shipped platforms load", "[cards][platform]")
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

TEST_CASE("bank_at finds the bank holding an address", "[cards][platform]")
{
  auto u250 = load_platform(dir() + "xrtemu_u250.json");
  CHECK(u250.bank_index_at(0) == 0);
  CHECK(u250.bank_index_at(0x400000000ULL - 1) == 0);
  CHECK(u250.bank_index_at(0x400000000ULL) == 1);
  CHECK(u250.bank_at(0xC00000000ULL + 5)->tag == "DDR[3]");
  CHECK(u250.bank_index_at(0x1000000000ULL) == -1);
  CHECK(u250.bank_at(~0ULL) == nullptr);
}

TEST_CASE("DMA and bank bandwidth figures for the timed mode", "[cards][platform][timed]")
{
  auto u250 = load_platform(dir() + "xrtemu_u250.json");
  CHECK(u250.dma.h2c_gbps == 11.0);
  CHECK(u250.dma.c2h_gbps == 12.0);
  CHECK(u250.dma.channels == 2);
  CHECK(u250.bank_gbps_of(0) == 19.2);
  auto u280 = load_platform(dir() + "xrtemu_u280.json");
  CHECK(u280.bank_gbps_of(static_cast<unsigned>(u280.bank_index_at(u280.find_bank("HBM[3]")->base))) == 14.4);
  std::string base = R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "DDR", "base": 0, "size": 4096}], )";
  auto old = load_platform(write_tmp(base + R"("pcie": {"gbps": 7, "latency_us": 3}})"));
  CHECK(old.dma.h2c_gbps == 7.0);
  CHECK(old.dma.c2h_gbps == 7.0);
  CHECK(old.dma.latency_us == 3.0);
  CHECK(old.bank_gbps_of(0) == 0);
  CHECK_THAT(error_of(base + R"("dma": {"h2c_gbps": 0}})"), Catch::Contains("dma.h2c_gbps"));
  CHECK_THAT(error_of(base + R"("dma": {"channels": 99}})"), Catch::Contains("dma.channels"));
  CHECK_THAT(error_of(base + R"("bank_gbps": {"FLASH": 3}})"), Catch::Contains("bank_gbps.FLASH"));
  CHECK_THAT(error_of(base + R"("bank_gbps": {"DDR": "fast"}})"), Catch::Contains("bank_gbps.DDR"));
  CHECK(u250.command_latency.interrupt_us == 10.0);
  CHECK(u250.command_latency.polling_us == 4.7);
  CHECK(old.command_latency.interrupt_us == 0);
  CHECK_THAT(error_of(base + R"("command_latency_us": {"polling": -1}})"), Catch::Contains("command_latency_us.polling"));
}

TEST_CASE("platform errors name the file and the key", "[cards][platform]")
{
  CHECK_THAT(error_of(R"({"vbnv": "x", "banks": []})"), Catch::Contains("'name'") && Catch::Contains("missing"));
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "banks": []})"), Catch::Contains("'banks'"));
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "DDR", "base": 0, "size": "lots"}]})"),
             Catch::Contains("banks[0].size"));
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "SRAMX", "base": 0, "size": 4096}]})"),
             Catch::Contains("banks[0].type"));
  CHECK_THAT(error_of(R"({"name": 5, "vbnv": "x", "banks": []})"), Catch::Contains("'name'") && Catch::Contains("wrong type"));
  CHECK_THAT(error_of("{ not json"), Catch::Contains("platform_test_tmp.json") && Catch::Contains("not valid JSON"));
  // Found by fuzz/platform_fuzz.cpp: a number beyond a double escaped as
  // nlohmann's out_of_range, without the file's name.
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": 860E70812447})"),
             Catch::Contains("platform_test_tmp.json") && Catch::Contains("not valid JSON"));
  CHECK_THROWS_AS(load_platform(write_tmp("[1E400]")), error);
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "DDR", "base": 0, "size": 8192},
                                                              {"tag": "B", "type": "DDR", "base": 4096, "size": 8192}]})"),
             Catch::Contains("overlaps"));
  // A bank that may grow (max_size) must stay clear of its neighbours at that size.
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "PLRAM", "base": 0, "size": 4096, "max_size": "1M"},
                                                              {"tag": "B", "type": "PLRAM", "base": "512K", "size": 4096}]})"),
             Catch::Contains("banks[1].base") && Catch::Contains("overlaps bank A (at their max_size)"));
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "PLRAM", "base": 0, "size": 8192, "max_size": 4096}]})"),
             Catch::Contains("banks[0].max_size") && Catch::Contains("smaller than the bank's size"));
  CHECK_THAT(error_of(R"({"name": "p", "vbnv": "x", "shell_ids": {"logic_uuid": "12-34"},
                          "banks": [{"tag": "A", "type": "DDR", "base": 0, "size": 4096}]})"),
             Catch::Contains("shell_ids.logic_uuid") && Catch::Contains("32 hex digits"));
}

TEST_CASE("shell ids: from the file, else derived from the VBNV", "[cards][platform]")
{
  auto with = load_platform(write_tmp(R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "DDR", "base": 0,
    "size": 4096}], "shell_ids": {"logic_uuid": "0123ABCD-0123-4567-89ab-0123456789AB"}})"));
  CHECK(with.logic_uuid == "0123abcd0123456789ab0123456789ab");
  CHECK(with.interface_uuid == derived_shell_id("interface", "x"));
  auto without = load_platform(write_tmp(R"({"name": "p", "vbnv": "x", "banks": [{"tag": "A", "type": "DDR",
    "base": 0, "size": 4096}]})"));
  CHECK(without.logic_uuid == derived_shell_id("logic", "x"));
  CHECK(without.logic_uuid.size() == 32);
  CHECK(without.logic_uuid != without.interface_uuid);
}

TEST_CASE("the real shells' memory lists", "[cards][platform]")
{
  auto u250 = load_platform(dir() + "xilinx_u250_gen3x16_xdma_4_1_202210_1.json");
  CHECK(u250.find_bank("DDR[3]"));
  CHECK(u250.find_bank("PLRAM[3]"));
  CHECK(u250.find_bank("HOST[0]"));   // the 4.1 shell has host memory (slave bridge)
  CHECK(u250.family == "virtexuplus");
  CHECK(u250.part == "xcu250-figd2104-2L-e");
  CHECK(u250.answers_to("xilinx_u250_gen3x16_xdma_3_1_202020_1"));
  // PLRAM: 128 KiB, resizable at link time up to 4 MiB, 4 MiB apart.
  CHECK(u250.find_bank("PLRAM[1]")->size == (128u << 10));
  CHECK(u250.find_bank("PLRAM[1]")->max_size == (4u << 20));
  CHECK(u250.find_bank("PLRAM[1]")->base == 0x3000400000ull);
  CHECK(u250.bank_at(0x3000000000ull + (4u << 20) - 1)->tag == "PLRAM[0]");
  CHECK(u250.find_bank("DDR[0]")->window() == u250.find_bank("DDR[0]")->size);

  auto u50 = load_platform(dir() + "xilinx_u50_gen3x16_xdma_5_202210_1.json");
  CHECK(u50.find_bank("HBM[31]"));
  CHECK_FALSE(u50.find_bank("DDR[0]"));
  CHECK(u50.find_bank("HOST[0]")->kind == bank_kind::host);

  auto u280 = load_platform(dir() + "xilinx_u280_gen3x16_xdma_1_202211_1.json");
  CHECK(u280.find_bank("HBM[0]"));
  CHECK(u280.find_bank("DDR[1]"));
  CHECK(u280.find_bank("PLRAM[5]"));
  CHECK(u280.clocks_mhz.at("ap_clk_2") == 500);

  auto zcu = load_platform(dir() + "xilinx_zcu102_base_202210_1.json");
  CHECK(zcu.shell == "edge");
  CHECK(zcu.family == "zynquplus");
}

TEST_CASE("every shipped platform file loads", "[cards][platform]")
{
  for (auto& e : std::filesystem::directory_iterator(dir())) {
    INFO(e.path());
    auto p = load_platform(e.path().string());
    CHECK(p.name == e.path().stem().string());
    CHECK(p.logic_uuid.size() == 32);
  }
}
