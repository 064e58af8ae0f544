// Inspecting the emulated card (docs/inspect.md): `xrtemu examine` and
// `xrtemu top` on configured platforms and on a running program's status
// mirror, read from another process; stale and damaged segments.
#include "inspect_test_support.h"

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

  // The status mirror refreshes every 20 ms, so the first look may predate
  // the round the host just reported: look until it shows it (bounded).
  auto d = live_device(pid);
  for (int i = 0; i < 500 && (cu_runs(d, "vadd_1") < 5 || d["memory"]["banks"][0]["dma"]["card_to_host_bytes"] < 1024);
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    d = live_device(pid);
  }
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
  // Look until the 20 ms status refresh shows the round the host reported.
  auto shows_round = [](const json& dev) {
    if (dev["stream_links"].size() != 2)
      return false;
    for (auto& l : dev["stream_links"])
      if (l["beats"].get<uint64_t>() < 512)
        return false;
    return true;
  };
  auto d = live_device(host.pid());
  for (int i = 0; i < 500 && !shows_round(d); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    d = live_device(host.pid());
  }
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
