// Inspecting the emulated card (docs/inspect.md): xrt::device::get_info in
// a host program, i.e. stock coreutil asking our shim's device queries.
#include "inspect_test_support.h"

TEST_CASE("get_info: stock coreutil's reports from the shim's device queries match the platform and the xclbin",
          "[e2e][inspect][queries]")
{
  auto o = run({bin("inspect_host"), "info", xclbin_dir()});
  INFO(o.output);
  REQUIRE(o.status == 0);
  auto s = sections(o.output);
  auto p = platform_file("xrtemu_u250");
  auto design = xrtemu::xclbin::read_file(xclbin_dir() + "/vadd.xclbin");

  for (auto phase : {"before", "after"}) {
    auto& v = s[phase];
    CHECK(trimmed(v["name"]) == p["vbnv"].get<std::string>());
    CHECK(trimmed(v["bdf"]) == "0000:ee:00.1");
    CHECK(trimmed(v["max_clock_frequency_mhz"]) == "500");
    CHECK(trimmed(v["interface_uuid"]) != "00000000-0000-0000-0000-000000000000");
    CHECK(trimmed(v["interface_uuid"]) == trimmed(s["before"]["interface_uuid"]));
    CHECK(trimmed(v["m2m"]) == "1");
    CHECK(trimmed(v["nodma"]) == "0");
    CHECK(trimmed(v["offline"]) == "0");

    auto plat = json::parse(v["platform"])["platforms"][0];
    CHECK(plat["static_region"]["vbnv"] == p["vbnv"]);
    CHECK(plat["static_region"]["logic_uuid"].get<std::string>().size() == 36);
    CHECK(plat["static_region"]["fpga_name"] == "N/A");   // not modelled: no_such_key
    uint64_t ddr = 0, ddr_bytes = 0;
    for (auto& b : p["banks"])
      if (b["type"] == "DDR") {
        ++ddr;
        ddr_bytes += size_of(b["size"]);
      }
    CHECK(plat["off_chip_board_info"]["ddr_count"] == std::to_string(ddr));
    CHECK(plat["off_chip_board_info"]["ddr_size_bytes"] == std::to_string(ddr_bytes));
    CHECK(plat["status"]["mig_calibrated"] == "true");
    CHECK(plat["status"]["p2p_status"] == "not supported");

    auto pcie = json::parse(v["pcie_info"]);
    CHECK(pcie["vendor"] == "0x10ee");
    CHECK(pcie["device"] == "0x5005");
    CHECK(pcie["link_speed_gbit_sec"] == "3");          // gen3x16 in the VBNV: the generation, as xocl reports it
    CHECK(pcie["express_lane_width_count"] == "16");

    // Sensors are not modelled: the reports come back, marked unavailable.
    for (auto key : {"thermal", "electrical", "mechanical"})
      CHECK_NOTHROW(json::parse(v[key]));
  }

  // Clocks: the platform's before an xclbin, the xclbin's own after.
  auto clocks_before = json::parse(s["before"]["platform"])["platforms"][0]["clocks"];
  REQUIRE(clocks_before.size() == p["clocks_mhz"].size());
  for (auto& c : clocks_before)
    CHECK(std::to_string(p["clocks_mhz"][c["id"].get<std::string>()].get<int>()) == c["freq_mhz"]);
  auto clocks_after = json::parse(s["after"]["platform"])["platforms"][0]["clocks"];
  REQUIRE(clocks_after.size() == design.clocks.size());
  for (size_t i = 0; i < design.clocks.size(); ++i) {
    CHECK(clocks_after[i]["id"] == design.clocks[i].name);
    CHECK(clocks_after[i]["freq_mhz"] == std::to_string(design.clocks[i].mhz));
  }

  // Memory: no topology until an xclbin is loaded (as on a board), then the
  // xclbin's banks with what this program allocated and moved.
  CHECK(json::parse(s["before"]["memory"]).empty());
  auto mem = json::parse(s["after"]["memory"])["board"];
  auto memories = mem["memory"]["memories"];
  std::vector<const xrtemu::xclbin::mem_bank*> banks;
  for (auto& b : design.banks)
    if (!b.stream_connection())
      banks.push_back(&b);
  REQUIRE(memories.size() == banks.size());
  for (size_t i = 0; i < banks.size(); ++i) {
    auto& m = memories[i];
    CHECK(m["tag"] == banks[i]->tag);
    CHECK(m["enabled"] == (banks[i]->used ? "true" : "false"));
    CHECK(m["base_address"] == hex(banks[i]->base));
    CHECK(m["range_bytes"] == hex(banks[i]->size));
  }
  // Buffers a, b, c (4 KiB each) in the groups the kernel reported, and
  // the 1 MiB one in group_id(0).
  std::map<int, uint64_t> bytes_in;
  std::map<int, int> bos_in;
  {
    std::istringstream again(s["after"]["group_ids"]);
    std::vector<int> g(3);
    again >> g[0] >> g[1] >> g[2];
    for (int x : g) {
      bytes_in[x] += 4096;
      ++bos_in[x];
    }
    bytes_in[g[0]] += 1 << 20;
    ++bos_in[g[0]];
  }
  for (auto& [g, bytes] : bytes_in) {
    auto& u = memories[g]["extended_info"]["usage"];
    CHECK(u["allocated_bytes"] == std::to_string(bytes));
    CHECK(u["buffer_objects_count"] == std::to_string(bos_in[g]));
  }
  auto dma = mem["direct_memory_accesses"]["metrics"];
  REQUIRE(dma.size() == 1);
  CHECK(dma[0]["host_to_card_bytes"] == "0x2000");   // a and b synced to the card
  CHECK(dma[0]["card_to_host_bytes"] == "0x1000");   // c synced back

  // Dynamic region: the loaded xclbin and its CU with the runs done.
  auto before = json::parse(s["before"]["dynamic_regions"])["dynamic_regions"][0];
  CHECK(before["xclbin_uuid"] == "00000000-0000-0000-0000-000000000000");
  auto after = json::parse(s["after"]["dynamic_regions"])["dynamic_regions"][0];
  CHECK(after["xclbin_uuid"] == upper(xrtemu::xclbin::to_string(design.id)));
  CHECK(trimmed(s["before"]["loaded_uuid"]) == xrtemu::xclbin::to_string(design.id));   // what load_xclbin returned
  REQUIRE(after["compute_units"].size() == design.instances.size());
  auto& cu = after["compute_units"][0];
  CHECK(cu["name"] == design.instances[0].kernel + ":" + design.instances[0].name);
  CHECK(cu["base_address"] == hex(design.instances[0].base));
  CHECK(cu["usage"] == "3");
  CHECK(cu["status"]["bit_mask"] == "0x4");   // idle
}

TEST_CASE("get_info on other platforms: HBM card and an edge board without PCIe", "[e2e][inspect][queries]")
{
  auto o = run({bin("inspect_host"), "platform"}, {"XRTEMU_PLATFORM=xrtemu_u280"});
  INFO(o.output);
  REQUIRE(o.status == 0);
  auto v = sections(o.output)["before"];
  CHECK(trimmed(v["name"]) == platform_file("xrtemu_u280")["vbnv"].get<std::string>());
  auto plat = json::parse(v["platform"])["platforms"][0];
  CHECK(plat["off_chip_board_info"]["ddr_count"] == "2");   // the 32 HBM and 6 PLRAM banks are not DDR
  CHECK(plat["off_chip_board_info"]["ddr_size_bytes"] == std::to_string(2ull << 34));
  // Interface UUIDs are per platform.
  auto u250 = sections(run({bin("inspect_host"), "platform"}, {"XRTEMU_PLATFORM=xrtemu_u250"}).output)["before"];
  CHECK(trimmed(v["interface_uuid"]) != trimmed(u250["interface_uuid"]));
  CHECK(trimmed(u250["interface_uuid"]).size() == 36);

  o = run({bin("inspect_host"), "platform"}, {"XRTEMU_PLATFORM=xrtemu_zcu102"});
  INFO(o.output);
  REQUIRE(o.status == 0);
  v = sections(o.output)["before"];
  CHECK(trimmed(v["name"]) == platform_file("xrtemu_zcu102")["vbnv"].get<std::string>());
  CHECK(trimmed(v["max_clock_frequency_mhz"]) == "300");
  // No PCIe link on an edge board: the report is empty, as XRT's edge driver leaves it.
  CHECK(json::parse(v["pcie_info"]).empty());
}
