// Timed mode end to end: a stock XRT host syncs 16 MB and 4 KB buffers; the
// profile the card leaves gives each transfer's card time, which must be
// the platform file's latency + bytes / bandwidth (docs/timing.md).  No
// wall-clock bounds: card time is what the emulator computes.
#include "child_process.h"
#include "profile_reader.h"

#include "xrtemu/cards/platform.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace xrtemu::test;
using nlohmann::json;

namespace {

std::string temp_path(const std::string& name)
{
  return std::string(XRTEMU_BUILD_DIR) + "/test-tmp-timed-" + name;
}

struct sync_event
{
  uint64_t bytes;
  bool to_card;
  double ts_us, dur_us;
  json args;
};

std::vector<sync_event> syncs(const json& trace)
{
  std::vector<sync_event> out;
  for (auto& e : trace["traceEvents"])
    if (e.value("cat", "") == "dma" && e.value("name", "") == "sync_bo")
      out.push_back({e["args"]["bytes"].get<uint64_t>(), e["args"]["direction"] == "host_to_card",
                     e["ts"].get<double>(), e["dur"].get<double>(), e["args"]});
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.ts_us < b.ts_us; });
  return out;
}

json run_host(const std::vector<std::string>& env, const std::string& name)
{
  auto trace_file = temp_path(name + ".json");
  std::remove(trace_file.c_str());
  std::vector<std::string> e = env;
  e.push_back("XRTEMU_PROFILE=" + trace_file);
  auto o = run({bin("timed_dma_host"), xclbin_dir() + "/vadd.xclbin", "16777216", "4096"}, e);
  INFO(o.output);
  REQUIRE(o.status == 0);
  REQUIRE(o.output.find("SCENARIO PASSED") != std::string::npos);
  return read_trace(trace_file);
}

// What the platform file says a lone transfer takes, in ns.
double modeled_ns(const xrtemu::cards::platform_desc& p, bool to_card, uint64_t bytes)
{
  double link = to_card ? p.dma.h2c_gbps : p.dma.c2h_gbps;
  double bank = p.bank_gbps_of(0);   // vadd's buffers are on DDR[0]
  double rate = bank > 0 ? std::min(link, bank) : link;
  return p.dma.latency_us * 1000.0 + static_cast<double>(bytes) / rate;
}

} // namespace

TEST_CASE("timed mode: 16 MB and 4 KB syncs take the platform's modeled card time", "[e2e][timed]")
{
  auto p = xrtemu::cards::load_platform(std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/xrtemu_u250.json");
  auto t = run_host({"XRTEMU_TIMED=1"}, "on");
  CHECK(t["otherData"]["timed"] == true);
  // Every transfer was either held back to card time or counted late.
  CHECK(t["otherData"]["timed_dma"]["transfers"] == 8);
  CHECK(t["otherData"]["timed_dma"]["late_transfers"].get<uint64_t>() <= 8);
  auto ev = syncs(t);
  REQUIRE(ev.size() == 8);   // 2 sizes x 2 repetitions x 2 directions
  uint64_t prev_end_ns = 0;
  for (auto& s : ev) {
    INFO(s.bytes << " bytes " << (s.to_card ? "to card" : "from card") << ": " << s.args.dump());
    REQUIRE(s.args.contains("card_ns"));
    double want = modeled_ns(p, s.to_card, s.bytes);
    auto card_ns = s.args["card_ns"].get<uint64_t>();
    CHECK(std::fabs(static_cast<double>(card_ns) - want) <= 1.0);
    // The slice is drawn in card time.
    CHECK(std::fabs(s.dur_us * 1000.0 - static_cast<double>(card_ns)) <= 1.0);
    // The sync returned no earlier than the card was done (the pacing).
    CHECK(s.args["host_ns"].get<uint64_t>() >= card_ns);
    // One after the other on the card's time line.
    auto start_ns = static_cast<uint64_t>(std::llround(s.ts_us * 1000.0));
    CHECK(start_ns + 1 >= prev_end_ns);
    prev_end_ns = start_ns + card_ns;
  }
  // The 16 MB figure against the platform's bandwidth, as bench P8 reports it.
  for (auto& s : ev)
    if (s.bytes == 16777216) {
      double gbps = static_cast<double>(s.bytes) / s.args["card_ns"].get<double>();
      double link = s.to_card ? p.dma.h2c_gbps : p.dma.c2h_gbps;
      CHECK(gbps / link > 0.99);
      CHECK(gbps / link <= 1.0);
    }
}

TEST_CASE("timed mode: a card-side copy takes latency + its bytes read and written on the bank", "[e2e][timed]")
{
  auto p = xrtemu::cards::load_platform(std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/xrtemu_u250.json");
  for (bool timed : {true, false}) {
    auto trace_file = temp_path(std::string("copy-") + (timed ? "on" : "off") + ".json");
    std::remove(trace_file.c_str());
    std::vector<std::string> e = {"XRTEMU_PROFILE=" + trace_file};
    if (timed)
      e.push_back("XRTEMU_TIMED=1");
    auto o = run({bin("timed_dma_host"), xclbin_dir() + "/vadd.xclbin", "copy", "4194304"}, e);
    INFO(o.output);
    REQUIRE(o.status == 0);
    REQUIRE(o.output.find("SCENARIO PASSED") != std::string::npos);
    auto t = read_trace(trace_file);
    std::vector<json> copies;
    for (auto& ev : t["traceEvents"])
      if (ev.value("name", "") == "copy_bo")
        copies.push_back(ev);
    REQUIRE(copies.size() == 1);
    auto& c = copies[0];
    INFO(c.dump());
    if (!timed) {
      CHECK_FALSE(c["args"].contains("card_ns"));
      continue;
    }
    // Both buffers on DDR[0]: the bank carries the read and the write.
    double want = p.dma.latency_us * 1000.0 + 2.0 * 4194304 / p.bank_gbps_of(0);
    REQUIRE(c["args"].contains("card_ns"));
    CHECK(std::fabs(c["args"]["card_ns"].get<double>() - want) <= 1.0);
    CHECK(std::fabs(c["dur"].get<double>() * 1000.0 - want) <= 1.0);
    CHECK(c["args"]["host_ns"].get<double>() >= c["args"]["card_ns"].get<double>());
  }
}

TEST_CASE("xrtemu trace summary adds up host DMA per direction in card time", "[e2e][timed]")
{
  auto t = run_host({"XRTEMU_TIMED=1"}, "summary");
  double to_us = 0, from_us = 0;
  for (auto& s : syncs(t))
    (s.to_card ? to_us : from_us) += s.args["card_ns"].get<double>() / 1000.0;
  auto o = run({bin("xrtemu"), "trace", "summary", temp_path("summary.json"), "--format", "json"});
  INFO(o.output);
  REQUIRE(o.status == 0);
  auto s = json::parse(o.output);
  CHECK(s["dma"]["timed"] == true);
  const uint64_t bytes = 2 * (16777216 + 4096);
  CHECK(s["dma"]["host_to_card"]["bytes"] == bytes);
  CHECK(s["dma"]["card_to_host"]["bytes"] == bytes);
  CHECK(s["dma"]["host_to_card"]["transfers"] == 4);
  CHECK(s["dma"]["host_to_card"]["time_us"].get<double>() == Approx(to_us).epsilon(1e-6));
  CHECK(s["dma"]["card_to_host"]["time_us"].get<double>() == Approx(from_us).epsilon(1e-6));
  auto text = run({bin("xrtemu"), "trace", "summary", temp_path("summary.json")});
  CHECK(text.output.find("Host DMA by direction (card time, timed mode)") != std::string::npos);
}

TEST_CASE("untimed mode leaves no card time in the profile", "[e2e][timed]")
{
  auto t = run_host({}, "off");
  CHECK(t["otherData"]["timed"] == false);
  auto ev = syncs(t);
  REQUIRE(ev.size() == 8);
  for (auto& s : ev)
    CHECK_FALSE(s.args.contains("card_ns"));
}

TEST_CASE("timed mode from xrt.ini [Emulation] timed=true", "[e2e][timed]")
{
  auto ini = temp_path("xrt.ini");
  std::FILE* f = std::fopen(ini.c_str(), "w");
  REQUIRE(f);
  std::fputs("[Emulation]\ntimed=true\n", f);
  std::fclose(f);
  auto t = run_host({"XRT_INI_PATH=" + ini}, "ini");
  CHECK(t["otherData"]["timed"] == true);
  for (auto& s : syncs(t))
    CHECK(s.args.contains("card_ns"));
}

namespace {

// Per command, in order: the CU's ap_done and the command's completion, us.
std::vector<std::pair<double, double>> done_and_completed(const json& t)
{
  auto cu = slices(t, "CU vadd_1");
  auto cmds = slices(t, "commands", "command");
  REQUIRE(cu.size() == cmds.size());
  std::vector<std::pair<double, double>> out;
  for (size_t i = 0; i < cu.size(); ++i)
    out.push_back({cu[i].second, cmds[i].second});
  return out;
}

json run_commands(const std::vector<std::string>& env, const std::string& name)
{
  auto trace_file = temp_path(name + ".json");
  std::remove(trace_file.c_str());
  std::vector<std::string> e = env;
  e.push_back("XRTEMU_PROFILE=" + trace_file);
  auto o = run({bin("timed_dma_host"), xclbin_dir() + "/vadd.xclbin", "runs", "20"}, e);
  INFO(o.output);
  REQUIRE(o.status == 0);
  REQUIRE(o.output.find("SCENARIO PASSED") != std::string::npos);
  return read_trace(trace_file);
}

} // namespace

TEST_CASE("timed mode: a command completes its platform latency after ap_done, by interrupt or polling",
          "[e2e][timed]")
{
  auto p = xrtemu::cards::load_platform(std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/xrtemu_u250.json");
  REQUIRE(p.command_latency.interrupt_us > p.command_latency.polling_us);
  auto ini = temp_path("polling.ini");
  std::FILE* f = std::fopen(ini.c_str(), "w");
  REQUIRE(f);
  std::fputs("[Runtime]\nert_polling=true\n", f);
  std::fclose(f);
  for (bool polling : {false, true}) {
    std::vector<std::string> env = {"XRTEMU_TIMED=1"};
    if (polling)
      env.push_back("XRT_INI_PATH=" + ini);
    auto t = run_commands(env, polling ? "polling" : "interrupt");
    CHECK(t["otherData"]["completion"] == (polling ? "polling" : "interrupt"));
    double want_us = polling ? p.command_latency.polling_us : p.command_latency.interrupt_us;
    auto pairs = done_and_completed(t);
    CHECK(pairs.size() == 20);
    for (auto& [done, completed] : pairs)
      CHECK(completed - done >= want_us - 0.002);   // never sooner (the trace rounds to ns)
  }
}
