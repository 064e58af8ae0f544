// What stock xbutil examine asks the card, asked through stock coreutil
// (tests/hosts/xbutil_queries_host.cpp): each query's result type and value
// before and after an xclbin, the reports coreutil builds, xbutil reset, and
// a second process seeing a running program through the peer view.
#include "inspect_test_support.h"

namespace {

// "uint64 3" -> "3"; the first line of a query's answer.
std::string first_line(const std::string& v) { return v.substr(0, v.find('\n')); }

std::vector<std::string> lines(const std::string& v)
{
  std::vector<std::string> out;
  std::istringstream in(v);
  std::string l;
  while (std::getline(in, l))
    out.push_back(l);
  return out;
}

bool no_such_key(const std::string& v) { return v.rfind("no_such_key: ", 0) == 0; }

} // namespace

TEST_CASE("xbutil's device queries: types and values before and after an xclbin, reset", "[e2e][xbutil]")
{
  auto o = run({bin("xbutil_queries_host"), "queries", xclbin_dir()});
  INFO(o.output);
  REQUIRE(o.status == 0);
  auto s = sections(o.output);
  auto p = platform_file("xrtemu_u250");
  auto design = xrtemu::xclbin::read_file(xclbin_dir() + "/vadd.xclbin");

  for (auto phase : {"before", "loaded"}) {
    INFO(phase);
    auto& v = s[phase];
    // Health: no debug IP in these xclbins, an empty error log, a firewall
    // that never tripped; no mailbox (no management function).
    CHECK(first_line(v["debug_ip_layout_raw"]) == "bytes 0 count 0");
    CHECK(first_line(v["xocl_errors"]) == "bytes 776 count 0");   // struct xcl_errors, num_err 0
    CHECK(first_line(v["firewall_detect_level"]) == "uint64 0");
    CHECK(first_line(v["firewall_detect_level_name"]) == "string ");
    CHECK(first_line(v["firewall_status"]) == "uint64 0");
    CHECK(first_line(v["firewall_time_sec"]) == "uint64 0");
    CHECK(no_such_key(v["mailbox_metrics"]));
    CHECK(no_such_key(v["rom_fpga_name"]));
    CHECK(first_line(v["rom_vbnv"]) == "string " + p["vbnv"].get<std::string>());
    CHECK(first_line(v["pcie_link_speed"]) == "uint64 3");
    CHECK(first_line(v["pcie_express_lane_width"]) == "uint64 16");
    CHECK(first_line(v["logic_uuids"]) == "strings 1");
    CHECK(first_line(v["interface_uuids"]) == "strings 1");
    CHECK(first_line(v["kds_scu_info"]) == "scus 0");
    CHECK(first_line(v["dma_threads_raw"]) == "strings 1");
    // The reports coreutil builds all come back as JSON.
    for (auto key : {"info_host", "info_platform", "info_memory", "info_pcie_info", "info_dynamic_regions",
                     "info_thermal", "info_electrical", "info_mechanical", "info_aie", "info_aie_shim"}) {
      INFO(key << ": " << v[key]);
      CHECK_NOTHROW(json::parse(v[key]));
    }
    // xrt::error reads the same log: nothing recorded in any class.
    for (auto& l : lines(v["xrt_error"]))
      CHECK(l.find(" code 0 time 0") != std::string::npos);
  }

  auto& before = s["before"];
  CHECK(first_line(before["xclbin_uuid"]) == "string 00000000-0000-0000-0000-000000000000");   // xocl's answer with nothing loaded
  CHECK(no_such_key(before["kds_cu_info"]));
  CHECK(first_line(before["mem_topology_raw"]) == "bytes 0 count 0");
  CHECK(first_line(before["memstat_raw"]) == "strings 0");
  CHECK(first_line(before["ip_layout_raw"]) == "bytes 0 count 0");
  // Before an xclbin the clocks are the platform's.
  CHECK(first_line(before["clock_freq_topology_raw"]).find(" count " + std::to_string(p["clocks_mhz"].size())) !=
        std::string::npos);

  auto& loaded = s["loaded"];
  auto uuid = trimmed(before["loaded_uuid"]);   // printed right after the load
  CHECK(uuid == xrtemu::xclbin::to_string(design.id));
  CHECK(first_line(loaded["xclbin_uuid"]) == "string " + uuid);
  auto cus = lines(loaded["kds_cu_info"]);
  REQUIRE(cus.size() == 2);
  CHECK(cus[0] == "cus 1");
  // index, kernel:instance, base, status (IDLE 0x4), runs
  CHECK(cus[1] == "0 vadd:vadd_1 " + std::to_string(design.instances[0].base) + " 4 3");
  auto topo = lines(loaded["mem_topology_raw"]);
  REQUIRE(topo.size() == design.banks.size() + 1);
  CHECK(topo[0].find("count " + std::to_string(design.banks.size())) != std::string::npos);
  auto stats = lines(loaded["memstat_raw"]);
  REQUIRE(stats.size() >= design.banks.size() + 1);
  uint64_t allocated = 0, bos = 0;
  for (size_t i = 1; i < stats.size(); ++i) {
    std::istringstream in(stats[i]);
    uint64_t a = 0, n = 0;
    in >> a >> n;
    allocated += a;
    bos += n;
  }
  CHECK(bos >= 3);                 // the three 4 KiB buffers (pages rounded)
  CHECK(allocated >= 3 * 4096);
  CHECK(first_line(loaded["ip_layout_raw"]) == "bytes 88 count 1");   // count, padding, one 80-byte ip_data
  auto regions = json::parse(loaded["info_dynamic_regions"])["dynamic_regions"][0];
  CHECK(upper(regions["xclbin_uuid"].get<std::string>()) == upper(uuid));
  CHECK(regions["compute_units"][0]["usage"] == "3");

  // xbutil reset: refused while the program's kernel holds its CU, done once
  // it is gone; the card is empty then and takes an xclbin again.
  CHECK(first_line(loaded["reset_busy"]).rfind("system_error 16: cannot reset the card: 1 CU context is open", 0) == 0);
  auto& after = s["after_reset"];
  CHECK(first_line(loaded["reset_idle"]) == "reset done");
  CHECK(first_line(after["xclbin_uuid"]) == "string 00000000-0000-0000-0000-000000000000");
  CHECK(no_such_key(after["kds_cu_info"]));
  CHECK(first_line(after["mem_topology_raw"]) == "bytes 0 count 0");
  CHECK(trimmed(after["reloaded_uuid"]) == uuid);
}

TEST_CASE("a run that fails on the card is in the error log (xbutil examine -r error, xrt::error)", "[e2e][xbutil]")
{
  auto o = run({bin("xbutil_queries_host"), "errors", xclbin_dir()});
  INFO(o.output);
  REQUIRE(o.status == 0);
  auto v = sections(o.output)["errors"];
  auto log = lines(v["xocl_errors"]);
  REQUIRE(log.size() == 2);
  CHECK(log[0] == "bytes 776 count 1");
  // XRT_ERROR_NUM_KDS_CU (13), class HARDWARE (3), severity ERROR (4), driver XOCL (1)
  CHECK(log[1] == "num 13 class 3 severity 4 driver 1 pid_ok 1 ts_ok 1");
  auto api = lines(v["xrt_error"]);
  REQUIRE(api.size() == 3);
  CHECK(api[0].find(" code 0 ") != std::string::npos);     // SYSTEM
  CHECK(api[1].find(" code 0 ") != std::string::npos);     // AIE
  CHECK(api[2].find(" code 0 ") == std::string::npos);     // HARDWARE: the CU error
}

TEST_CASE("a second process sees the running program's xclbin, CUs and memory (peer view)", "[e2e][xbutil][peer]")
{
  auto stop = temp_path("peer-stop");
  std::remove(stop.c_str());
  background host({bin("inspect_host"), "loop", xclbin_dir(), stop, "vadd"}, "peer-owner");
  REQUIRE(host.wait_for("RUNNING"));
  auto design = xrtemu::xclbin::read_file(xclbin_dir() + "/vadd.xclbin");
  auto uuid = xrtemu::xclbin::to_string(design.id);
  auto pid = "XRTEMU_PEER_PID=" + std::to_string(host.pid());

  auto o = run({bin("xbutil_queries_host"), "peer"}, {"XRTEMU_PEER_VIEW=1", pid});
  INFO(o.output);
  REQUIRE(o.status == 0);
  auto v = sections(o.output)["peer"];
  CHECK(first_line(v["xclbin_uuid"]) == "string " + uuid);
  auto cus = lines(v["kds_cu_info"]);
  REQUIRE(cus.size() == 2);
  CHECK(cus[0] == "cus 1");
  std::istringstream cu(cus[1]);
  std::string index, name;
  uint64_t base = 0, status = 0, runs = 0;
  cu >> index >> name >> base >> status >> runs;
  CHECK(name == "vadd:vadd_1");
  CHECK(base == design.instances[0].base);
  CHECK(runs >= 1);
  // The topology is the card's banks, marked used where the xclbin uses them.
  auto p = platform_file("xrtemu_u250");
  auto topo = lines(v["mem_topology_raw"]);
  REQUIRE(topo.size() == p["banks"].size() + 1);
  size_t used = 0;
  for (size_t i = 1; i < topo.size(); ++i) {
    CHECK(topo[i].rfind(p["banks"][i - 1]["tag"].get<std::string>() + " used ", 0) == 0);
    used += topo[i].find(" used 1 ") != std::string::npos;
  }
  CHECK(used >= 1);
  CHECK(first_line(v["memstat_raw"]) == "strings " + std::to_string(p["banks"].size()));
  auto regions = json::parse(v["info_dynamic_regions"])["dynamic_regions"][0];
  CHECK(upper(regions["xclbin_uuid"].get<std::string>()) == upper(uuid));
  CHECK(regions["compute_units"][0]["name"] == "vadd:vadd_1");
  CHECK_NOTHROW(json::parse(v["info_memory"]));
  CHECK(first_line(v["reset_peer"]) == "system_error 16: cannot reset the card: process " +
                                       std::to_string(host.pid()) + " (inspect_host) is using it: Device or resource busy");

  // Off (the test default): the process sees only its own, empty card.
  auto off = run({bin("xbutil_queries_host"), "peer"}, {pid});
  INFO(off.output);
  REQUIRE(off.status == 0);
  auto w = sections(off.output)["peer"];
  CHECK(first_line(w["xclbin_uuid"]) == "string 00000000-0000-0000-0000-000000000000");
  CHECK(first_line(w["mem_topology_raw"]) == "bytes 0 count 0");
  CHECK(first_line(w["reset_peer"]) == "reset done");

  std::ofstream(stop) << "stop";
  CHECK(host.wait() == 0);
  std::remove(stop.c_str());
}
