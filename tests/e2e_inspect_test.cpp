// Inspecting the emulated card (docs/inspect.md), through the paths a user
// has: xrt::device::get_info in a host program (stock coreutil asking our
// shim's device queries), `xrtemu examine` / `xrtemu top` reading a running
// program's status mirror from another process, and the profile with
// `xrtemu trace summary|plot`.  Every program runs in a child process.
#include "child_process.h"

#include "xrtemu/status/segment.h"
#include "xrtemu/xclbin/axlf.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

extern char** environ;

using namespace xrtemu::test;
using nlohmann::json;

namespace {

// Per test process, so two runs of this test in one build tree keep apart.
std::string temp_path(const std::string& name)
{
  return std::string(XRTEMU_BUILD_DIR) + "/test-tmp-inspect-" + std::to_string(::getpid()) + "-" + name;
}

std::string slurp(const std::string& path)
{
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

json platform_file(const std::string& name)
{
  std::ifstream in(std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/" + name + ".json");
  REQUIRE(in);
  json j;
  in >> j;
  return j;
}

// Sizes as platform files write them: numbers, "0x..", "16G", "256M", "128K".
uint64_t size_of(const json& v)
{
  if (v.is_number())
    return v.get<uint64_t>();
  auto s = v.get<std::string>();
  size_t pos = 0;
  uint64_t n = std::stoull(s, &pos, 0);
  if (pos < s.size())
    n <<= s[pos] == 'K' ? 10 : s[pos] == 'M' ? 20 : s[pos] == 'G' ? 30 : 40;
  return n;
}

std::string upper(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string hex(uint64_t v)
{
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

// `xrtemu <args>`; the JSON it printed when asked for JSON.
outcome cli(std::vector<std::string> args, std::vector<std::string> env = {})
{
  args.insert(args.begin(), bin("xrtemu"));
  return run(args, env);
}

json xrtemu_json(std::vector<std::string> args)
{
  args.push_back("--format");
  args.push_back("json");
  auto o = cli(args);
  INFO(o.output);
  REQUIRE(o.status == 0);
  return json::parse(o.output);
}

// A host program running in the background, its output in a file.
class background
{
public:
  background(const std::vector<std::string>& argv, const std::string& name) : m_out(temp_path(name + ".out"))
  {
    std::remove(m_out.c_str());
    ::setenv("XILINX_XRT", XRTEMU_PLATFORM_DIR, 1);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, m_out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    std::vector<char*> args;
    for (auto& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int rc = ::posix_spawn(&m_pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    REQUIRE(rc == 0);
  }
  ~background()
  {
    if (m_pid > 0) {
      ::kill(m_pid, SIGKILL);
      wait();
    }
    std::remove(m_out.c_str());
  }

  pid_t pid() const { return m_pid; }
  std::string output() const { return slurp(m_out); }

  // Waits (bounded) until the program printed `text`; false if it never did.
  bool wait_for(const std::string& text) const
  {
    for (int i = 0; i < 3000; ++i) {
      if (output().find(text) != std::string::npos)
        return true;
      int st = 0;
      if (::waitpid(m_pid, &st, WNOHANG) == m_pid)
        return output().find(text) != std::string::npos;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  int wait()
  {
    int st = 0;
    if (m_pid > 0 && ::waitpid(m_pid, &st, 0) == m_pid) {
      m_pid = -1;
      return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    m_pid = -1;
    return -1;
  }

private:
  std::string m_out;
  pid_t m_pid = -1;
};

// What inspect_host info printed: "@@@ phase" then "@@ key" + value.
std::map<std::string, std::map<std::string, std::string>> sections(const std::string& out)
{
  std::map<std::string, std::map<std::string, std::string>> r;
  std::istringstream in(out);
  std::string line, phase, key;
  while (std::getline(in, line)) {
    if (line.rfind("@@@ ", 0) == 0) {
      phase = line.substr(4);
      key.clear();
    }
    else if (line.rfind("@@ ", 0) == 0)
      key = line.substr(3);
    else if (!key.empty())
      r[phase][key] += line + "\n";
  }
  return r;
}

std::string trimmed(std::string s)
{
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  return s;
}

json live_device(int pid)
{
  auto j = xrtemu_json({"examine", "-p", std::to_string(pid)});
  REQUIRE(j["source"] == "live");
  REQUIRE(j["devices"].size() == 1);
  return j["devices"][0];
}

uint64_t cu_runs(const json& device, const std::string& cu)
{
  for (auto& c : device["compute_units"])
    if (c["name"] == cu)
      return c["runs"].get<uint64_t>();
  FAIL("no CU " << cu);
  return 0;
}

} // namespace

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
    CHECK(pcie["link_speed_gbit_sec"] == "8");          // gen3x16 in the VBNV
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

TEST_CASE("examine without a process describes the configured platforms", "[e2e][inspect][examine]")
{
  for (auto name : {"xrtemu_u250", "xrtemu_u280", "xrtemu_zcu102"}) {
    auto j = xrtemu_json({"examine", "--platform", name});
    auto p = platform_file(name);
    CHECK(j["schema_version"] == 1);
    CHECK(j["source"] == "configuration");
    REQUIRE(j["devices"].size() == 1);
    auto& d = j["devices"][0];
    CHECK(d["bdf"] == "0000:ee:00.1");
    CHECK(d["platform"]["name"] == p["name"]);
    CHECK(d["platform"]["vbnv"] == p["vbnv"]);
    CHECK(d["platform"]["shell"] == p["shell"]);
    CHECK(d["platform"]["clocks"].size() == p["clocks_mhz"].size());
    for (auto& c : d["platform"]["clocks"])
      CHECK(c["freq_mhz"].get<double>() == p["clocks_mhz"][c["id"].get<std::string>()].get<double>());
    auto& banks = d["memory"]["banks"];
    REQUIRE(banks.size() == p["banks"].size());
    for (size_t i = 0; i < banks.size(); ++i) {
      CHECK(banks[i]["tag"] == p["banks"][i]["tag"]);
      CHECK(banks[i]["type"] == p["banks"][i]["type"]);
      CHECK(banks[i]["size_bytes"].get<uint64_t>() == size_of(p["banks"][i]["size"]));
      CHECK(banks[i]["base_address"] == hex(size_of(p["banks"][i]["base"])));
    }
    CHECK(j["processes"].is_array());
  }

  // Several cards from a device list; -d picks one by index or BDF.
  auto cfg = temp_path("two-cards.json");
  std::ofstream(cfg) << R"({"devices": [{"platform": "xrtemu_u250"}, {"platform": "xrtemu_u280"}]})";
  auto j = xrtemu_json({"examine", "--config", cfg});
  REQUIRE(j["devices"].size() == 2);
  CHECK(j["devices"][1]["bdf"] == "0000:ee:01.1");
  CHECK(j["devices"][1]["platform"]["name"] == "xrtemu_u280");
  CHECK(xrtemu_json({"examine", "--config", cfg, "-d", "1"})["devices"][0]["platform"]["name"] == "xrtemu_u280");
  CHECK(xrtemu_json({"examine", "--config", cfg, "-d", "0000:ee:01.1"})["devices"][0]["platform"]["name"] ==
        "xrtemu_u280");
  CHECK(xrtemu_json({"examine", "--config", cfg, "-d", "ee:00.1"})["devices"][0]["platform"]["name"] ==
        "xrtemu_u250");
  std::remove(cfg.c_str());

  // Text output names the platform and its banks.
  auto t = cli({"examine", "--platform", "xrtemu_u280"});
  CHECK(t.status == 0);
  CHECK(t.output.find("xilinx_u280_gen3x16_xdma_1_202211_1") != std::string::npos);
  CHECK(t.output.find("HBM[31]") != std::string::npos);
}

TEST_CASE("examine: unknown devices and bad arguments fail with a clear message", "[e2e][inspect][examine]")
{
  auto o = cli({"examine", "-d", "7"});
  CHECK(o.status != 0);
  CHECK(o.output.find("no device 7 (1 device:") != std::string::npos);
  CHECK(o.output.find("0: [0000:ee:00.1] xrtemu_u250") != std::string::npos);

  o = cli({"examine", "-d", "0000:3b:00.1"});
  CHECK(o.status != 0);
  CHECK(o.output.find("no emulated device has BDF 0000:3b:00.1") != std::string::npos);

  o = cli({"examine", "-d", "ee:05.1"});
  CHECK(o.status != 0);
  CHECK(o.output.find("no emulated device has BDF ee:05.1") != std::string::npos);

  o = cli({"examine", "-d", "card-zero"});
  CHECK(o.status != 0);
  CHECK(o.output.find("expected an index (0), a BDF (0000:ee:00.1) or PID:CARD") != std::string::npos);

  o = cli({"examine", "--format", "yaml"});
  CHECK(o.status != 0);
  CHECK(o.output.find("unknown format 'yaml'") != std::string::npos);

  o = cli({"examine", "--platform", "xrtemu_nope"});
  CHECK(o.status != 0);
  CHECK(o.output.find("unknown platform 'xrtemu_nope'") != std::string::npos);

  // A process that does not exist, and one that does not use xrtemu.
  o = cli({"examine", "-p", "999999999"});
  CHECK(o.status != 0);
  CHECK(o.output.find("no process 999999999 is running") != std::string::npos);
  o = cli({"examine", "-p", std::to_string(::getpid())});
  CHECK(o.status != 0);
  CHECK(o.output.find("publishes no xrtemu status") != std::string::npos);
  o = cli({"top", "-p", std::to_string(::getpid()), "--iterations", "1"});
  CHECK(o.status != 0);
  CHECK(o.output.find("publishes no xrtemu status") != std::string::npos);
}

TEST_CASE("examine -p reads a running program's live state; CU run counts rise; top shows rates",
          "[e2e][inspect][live]")
{
  auto stop = temp_path("stop-vadd");
  std::remove(stop.c_str());
  background host({bin("inspect_host"), "loop", xclbin_dir(), stop, "vadd"}, "loop-vadd");
  REQUIRE(host.wait_for("RUNNING"));
  INFO(host.output());
  int pid = host.pid();
  auto design = xrtemu::xclbin::read_file(xclbin_dir() + "/vadd.xclbin");
  auto p = platform_file("xrtemu_u250");

  auto d = live_device(pid);
  CHECK(d["id"] == std::to_string(pid) + ":0");
  CHECK(d["platform"]["name"] == "xrtemu_u250");
  CHECK(d["platform"]["vbnv"] == p["vbnv"]);
  REQUIRE(!d["xclbin"].is_null());
  CHECK(d["xclbin"]["uuid"] == xrtemu::xclbin::to_string(design.id));
  REQUIRE(d["xclbin"]["kernels"].size() == 1);
  CHECK(d["xclbin"]["kernels"][0]["name"] == "vadd");
  CHECK(d["xclbin"]["kernels"][0]["compute_units"] == json::array({"vadd_1"}));
  REQUIRE(d["compute_units"].size() == 1);
  CHECK(d["compute_units"][0]["protocol"] == "ap_ctrl_hs");
  CHECK(d["compute_units"][0]["base_address"] == hex(design.instances[0].base));
  // Three 1 KiB buffers (4 KiB pages) in the xclbin's bank DDR[0]; a and b
  // were synced to the card once, c comes back after every round.
  auto& bank0 = d["memory"]["banks"][0];
  CHECK(bank0["tag"] == "DDR[0]");
  CHECK(bank0["in_xclbin"] == true);
  CHECK(bank0["usage"]["allocated_bytes"] == 3 * 4096);
  CHECK(bank0["usage"]["buffer_objects"] == 3);
  CHECK(bank0["dma"]["host_to_card_bytes"] == 2 * 1024);
  CHECK(bank0["dma"]["card_to_host_bytes"].get<uint64_t>() >= 1024);
  CHECK(d["memory"]["banks"][1]["in_xclbin"] == false);
  CHECK(d["commands"]["submitted"].get<uint64_t>() >= d["commands"]["completed"].get<uint64_t>());

  // The runs go on: a later look sees more (bounded wait, no timing assumed).
  auto first = cu_runs(d, "vadd_1");
  CHECK(first >= 5);
  uint64_t later = first;
  for (int i = 0; i < 500 && later <= first; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    later = cu_runs(live_device(pid), "vadd_1");
  }
  CHECK(later > first);

  // The same device by PID:CARD, and the text view.
  CHECK(xrtemu_json({"examine", "-d", std::to_string(pid) + ":0"})["devices"][0]["id"] == std::to_string(pid) + ":0");
  auto t = cli({"examine", "-p", std::to_string(pid)});
  CHECK(t.status == 0);
  CHECK(t.output.find("vadd_1") != std::string::npos);
  CHECK(t.output.find("ap_ctrl_hs") != std::string::npos);
  auto bad = cli({"examine", "-d", std::to_string(pid) + ":3"});
  CHECK(bad.status != 0);
  CHECK(bad.output.find("no device 3") != std::string::npos);

  // Listed among the programs using xrtemu.
  auto all = xrtemu_json({"examine"});
  bool listed = false;
  for (auto& pr : all["processes"])
    if (pr["pid"] == pid) {
      listed = true;
      CHECK(pr["state"] == "live");
      CHECK(pr["program"] == "inspect_host");
    }
  CHECK(listed);

  auto top = cli({"top", "-p", std::to_string(pid), "--interval", "50", "--iterations", "2"});
  INFO(top.output);
  CHECK(top.status == 0);
  CHECK(top.output.find("xrtemu top - process " + std::to_string(pid)) != std::string::npos);
  CHECK(top.output.find("runs/s") != std::string::npos);
  CHECK(top.output.find("vadd_1") != std::string::npos);
  CHECK(top.output.find("DDR[0]") != std::string::npos);

  // A normal exit removes the status.
  std::ofstream(stop) << "stop\n";
  CHECK(host.wait() == 0);
  CHECK(!std::ifstream(xrtemu::status::segment_path(pid)).good());
  auto gone = cli({"examine", "-p", std::to_string(pid)});
  CHECK(gone.status != 0);
  std::remove(stop.c_str());
}

TEST_CASE("examine -p shows stream links with beats and stalls", "[e2e][inspect][live][stream]")
{
  auto stop = temp_path("stop-pipeline");
  std::remove(stop.c_str());
  background host({bin("inspect_host"), "loop", xclbin_dir(), stop, "pipeline"}, "loop-pipeline");
  REQUIRE(host.wait_for("RUNNING"));
  auto d = live_device(host.pid());
  REQUIRE(d["stream_links"].size() == 2);
  CHECK(d["stream_links"][0]["name"] == "producer_1.out -> filter_1.in");
  CHECK(d["stream_links"][0]["producer"] == "producer_1");
  CHECK(d["stream_links"][0]["consumer"] == "filter_1");
  CHECK(d["stream_links"][1]["consumer"] == "consumer_1");
  for (auto& l : d["stream_links"]) {
    CHECK(l["beats"].get<uint64_t>() >= 512);   // one round of 512 values went through
    CHECK(l["fill"].get<uint32_t>() <= l["depth"].get<uint32_t>());
  }
  std::map<std::string, std::string> protocol;
  for (auto& c : d["compute_units"])
    protocol[c["name"]] = c["protocol"];
  CHECK(protocol["filter_1"] == "ap_ctrl_none");
  CHECK(protocol["producer_1"] == "ap_ctrl_hs");
  std::ofstream(stop) << "stop\n";
  CHECK(host.wait() == 0);
  std::remove(stop.c_str());
}

TEST_CASE("a killed program leaves a stale status: reported, listed, cleaned up", "[e2e][inspect][stale]")
{
  auto stop = temp_path("stop-killed");
  std::remove(stop.c_str());
  background host({bin("inspect_host"), "loop", xclbin_dir(), stop, "vadd"}, "loop-killed");
  REQUIRE(host.wait_for("RUNNING"));
  int pid = host.pid();
  ::kill(pid, SIGKILL);
  // Not reaped yet: a zombie, which must count as gone.
  bool zombie = false;
  for (int i = 0; i < 1000 && !zombie; ++i) {
    auto stat = slurp("/proc/" + std::to_string(pid) + "/stat");
    auto close = stat.rfind(')');
    zombie = close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z';
    if (!zombie)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(zombie);
  REQUIRE(std::ifstream(xrtemu::status::segment_path(pid)).good());
  auto o = cli({"examine", "-p", std::to_string(pid)});
  CHECK(o.status != 0);
  CHECK(o.output.find("process " + std::to_string(pid) + " has exited (stale status)") != std::string::npos);
  CHECK(o.output.find("xrtemu examine --cleanup") != std::string::npos);
  host.wait();
  o = cli({"examine", "-p", std::to_string(pid)});
  CHECK(o.status != 0);
  CHECK(o.output.find("process " + std::to_string(pid) + " has exited (stale status)") != std::string::npos);
  o = cli({"top", "-p", std::to_string(pid), "--iterations", "1"});
  CHECK(o.status != 0);
  CHECK(o.output.find("has exited (stale status)") != std::string::npos);

  auto all = xrtemu_json({"examine"});
  bool listed = false;
  for (auto& pr : all["processes"])
    if (pr["pid"] == pid) {
      listed = true;
      CHECK(pr["state"] == "stale");
      CHECK(pr["program"] == "inspect_host");
    }
  CHECK(listed);
  auto text = cli({"examine"});
  CHECK(text.output.find("xrtemu examine --cleanup") != std::string::npos);

  auto c = xrtemu_json({"examine", "--cleanup"});
  CHECK(std::find(c["removed"].begin(), c["removed"].end(), json(pid)) != c["removed"].end());
  CHECK(!std::ifstream(xrtemu::status::segment_path(pid)).good());
}

TEST_CASE("a damaged status segment is reported, never trusted", "[e2e][inspect][corrupt]")
{
  // A segment under this test's own pid: the process is alive, so only the
  // contents can be wrong.
  int pid = ::getpid();
  auto path = xrtemu::status::segment_path(pid);
  auto expect_corrupt = [&](const std::string& detail) {
    auto o = cli({"examine", "-p", std::to_string(pid)});
    INFO(o.output);
    CHECK(o.status != 0);
    CHECK(o.output.find("is corrupted") != std::string::npos);
    CHECK(o.output.find(detail) != std::string::npos);
    auto t = cli({"top", "-p", std::to_string(pid), "--iterations", "1", "--interval", "10"});
    CHECK(t.status != 0);
    CHECK(t.output.find("is corrupted") != std::string::npos);
    // The listing shows it and carries on; cleanup leaves a live process's segment.
    auto all = xrtemu_json({"examine"});
    bool listed = false;
    for (auto& pr : all["processes"])
      if (pr["pid"] == pid) {
        listed = true;
        CHECK(pr["state"] == "corrupt");
      }
    CHECK(listed);
    xrtemu_json({"examine", "--cleanup"});
    CHECK(std::ifstream(path).good());
  };

  SECTION("random bytes")
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 8192; ++i)
      out.put(static_cast<char>((i * 7919) ^ (i >> 3)));
    out.close();
    expect_corrupt("does not start with the xrtemu status signature");
  }
  SECTION("too short")
  {
    std::ofstream(path, std::ios::binary) << "XRTEMUS1";
    expect_corrupt("smaller than its");
  }
  SECTION("a valid header with impossible counts")
  {
    auto seg = std::make_unique<xrtemu::status::segment>();
    auto& h = seg->head;
    std::memcpy(h.magic, xrtemu::status::magic, sizeof h.magic);
    h.version = xrtemu::status::layout_version;
    h.header_bytes = sizeof(xrtemu::status::header);
    h.total_bytes = sizeof(xrtemu::status::segment);
    h.card_bytes = sizeof(xrtemu::status::card_entry);
    h.max_cards = xrtemu::status::max_cards;
    h.max_cus = xrtemu::status::max_cus;
    h.max_banks = xrtemu::status::max_banks;
    h.max_links = xrtemu::status::max_links;
    h.max_clocks = xrtemu::status::max_clocks;
    h.pid = pid;
    h.sequence = 2;
    h.num_cards = 1;
    seg->cards[0].num_cus = 100000;
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(seg.get()), sizeof *seg);
    out.close();
    expect_corrupt("claims 100000 CUs");
  }
  SECTION("another layout version")
  {
    auto seg = std::make_unique<xrtemu::status::segment>();
    std::memcpy(seg->head.magic, xrtemu::status::magic, sizeof seg->head.magic);
    seg->head.version = 99;
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(seg.get()), sizeof *seg);
    out.close();
    expect_corrupt("layout version 99");
  }
  std::remove(path.c_str());
}

TEST_CASE("profile: the trace validates; trace summary adds it up; trace plot draws it", "[e2e][inspect][trace]")
{
  auto trace_file = temp_path("pipeline-trace.json");
  auto svg = temp_path("pipeline-timeline.svg");
  std::remove(trace_file.c_str());
  std::remove(svg.c_str());
  auto o = run({bin("stream_pipeline_host"), xclbin_dir() + "/examples/stream_pipeline.xclbin", "2048"},
               {"XRTEMU_PROFILE=" + trace_file});
  INFO(o.output);
  REQUIRE(o.status == 0);
  std::ifstream in(trace_file);
  REQUIRE(in);
  json t;
  REQUIRE_NOTHROW(in >> t);
  auto& ev = t["traceEvents"];
  REQUIRE(ev.is_array());

  // Ordered; every begin has its end; complete events have a duration.
  std::map<int, std::string> tracks;
  std::map<std::tuple<std::string, std::string, int>, int> open;
  double last = -1;
  bool in_metadata = true;
  uint64_t h2c = 0, c2h = 0, syncs = 0;
  std::map<std::string, int> runs;
  int stall_samples = 0;
  for (auto& e : ev) {
    auto ph = e["ph"].get<std::string>();
    if (ph == "M") {
      CHECK(in_metadata);   // metadata first
      if (e["name"] == "thread_name")
        tracks[e["tid"]] = e["args"]["name"];
      continue;
    }
    in_metadata = false;
    double ts = e["ts"].get<double>();
    CHECK(ts >= last);
    last = ts;
    if (ph == "b" || ph == "e") {
      auto key = std::make_tuple(e["cat"].get<std::string>(), e["id"].dump(), e["tid"].get<int>());
      if (ph == "b") {
        ++open[key];
        if (e["cat"] == "cu_run")
          ++runs[e["args"]["kernel"]];
      }
      else {
        CHECK(open[key] > 0);
        --open[key];
      }
    }
    else if (ph == "X") {
      CHECK(e["dur"].get<double>() >= 0);
      if (e["cat"] == "dma") {
        ++syncs;
        (e["args"]["direction"] == "host_to_card" ? h2c : c2h) += e["args"]["bytes"].get<uint64_t>();
        CHECK(e["args"]["bank"] == "DDR[0]");
      }
    }
    else if (ph == "C") {
      ++stall_samples;
    }
  }
  for (auto& [key, n] : open)
    CHECK(n == 0);
  std::set<std::string> names;
  for (auto& [tid, n] : tracks)
    names.insert(n);
  CHECK(names.count("host (driver calls)"));
  CHECK(names.count("commands"));
  CHECK(names.count("CU producer_1"));
  CHECK(names.count("CU consumer_1"));
  CHECK(runs["producer"] == 2);
  CHECK(runs["consumer"] == 2);
  // Two rounds: in and out synced to the card, out synced back, 2048 ints each.
  CHECK(h2c == 2 * 2 * 2048 * 4);
  CHECK(c2h == 2 * 2048 * 4);
  CHECK(stall_samples > 0);

  auto sj = xrtemu_json({"trace", "summary", trace_file});
  std::map<std::string, json> kernels;
  for (auto& k : sj["kernels"])
    kernels[k["name"]] = k;
  REQUIRE(kernels.count("producer"));
  CHECK(kernels["producer"]["runs"] == 2);
  CHECK(kernels["consumer"]["runs"] == 2);
  for (auto& [name, k] : kernels) {
    CHECK(k["min_us"].get<double>() <= k["avg_us"].get<double>());
    CHECK(k["avg_us"].get<double>() <= k["max_us"].get<double>());
    CHECK(k["total_us"].get<double>() == Approx(k["avg_us"].get<double>() * k["runs"].get<double>()));
  }
  REQUIRE(sj["banks"].size() == 1);
  CHECK(sj["banks"][0]["tag"] == "DDR[0]");
  CHECK(sj["banks"][0]["host_to_card_bytes"] == h2c);
  CHECK(sj["banks"][0]["card_to_host_bytes"] == c2h);
  CHECK(sj["banks"][0]["transfers"] == syncs);
  CHECK(sj["commands"]["total"] == 4);
  CHECK(sj["commands"]["by_state"]["COMPLETED"] == 4);
  CHECK(sj["unfinished_slices"] == 0);

  auto text = cli({"trace", "summary", trace_file});
  CHECK(text.status == 0);
  CHECK(text.output.find("producer") != std::string::npos);
  CHECK(text.output.find("DDR[0]") != std::string::npos);

  auto plot = cli({"trace", "plot", trace_file, "-o", svg});
  INFO(plot.output);
  CHECK(plot.status == 0);
  auto picture = slurp(svg);
  CHECK(picture.rfind("<svg", 0) == 0);
  CHECK(picture.find("</svg>") != std::string::npos);
  CHECK(picture.find("CU producer_1") != std::string::npos);
  CHECK(picture.find("host (driver calls)") != std::string::npos);

  // Bad input: clear messages, no crash.
  auto bad = temp_path("not-a-trace.json");
  std::ofstream(bad) << "{\"traceEvents\": 5}";
  auto b = cli({"trace", "summary", bad});
  CHECK(b.status == 1);
  CHECK(b.output.find("has no traceEvents array") != std::string::npos);
  std::ofstream(bad) << "\x01\x02 not json";
  b = cli({"trace", "plot", bad, "-o", svg});
  CHECK(b.status == 1);
  CHECK(b.output.find("is not JSON") != std::string::npos);
  b = cli({"trace", "summary", temp_path("missing.json")});
  CHECK(b.status == 1);
  CHECK(b.output.find("cannot read") != std::string::npos);
  b = cli({"trace", "plot", trace_file});
  CHECK(b.status == 1);
  CHECK(b.output.find("-o timeline.svg") != std::string::npos);
  b = cli({"trace", "sumary", trace_file});
  CHECK(b.status != 0);
  CHECK(b.output.find("unknown trace command 'sumary'") != std::string::npos);
  for (auto f : {trace_file, svg, bad})
    std::remove(f.c_str());
}
