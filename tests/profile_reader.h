// Reading the Chrome/Perfetto trace that XRTEMU_PROFILE writes, for the
// e2e tests that check scheduling from it (chain overlap, CU choice).
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace xrtemu::test {

inline nlohmann::json read_trace(const std::string& path)
{
  std::ifstream in(path);
  REQUIRE(in);
  nlohmann::json j;
  in >> j;
  return j;
}

// Async slices (b/e pairs by id) on the track named `track`, as [begin,
// end] sorted by begin; only those of category `cat` unless it is empty.
inline std::vector<std::pair<double, double>> slices(const nlohmann::json& trace, const std::string& track,
                                                     const std::string& cat = "")
{
  int tid = -1;
  for (auto& e : trace["traceEvents"])
    if (e["ph"] == "M" && e["name"] == "thread_name" && e["args"]["name"] == track)
      tid = e["tid"];
  std::map<uint64_t, std::pair<double, double>> by_id;
  for (auto& e : trace["traceEvents"]) {
    if ((e["ph"] != "b" && e["ph"] != "e") || e["tid"] != tid)
      continue;
    if (!cat.empty() && e.value("cat", "") != cat)
      continue;
    auto& s = by_id[e["id"].get<uint64_t>()];
    (e["ph"] == "b" ? s.first : s.second) = e["ts"].get<double>();
  }
  std::vector<std::pair<double, double>> out;
  for (auto& [id, s] : by_id)
    out.push_back(s);
  std::sort(out.begin(), out.end());
  return out;
}

// A CU's run as the profile draws it: the cu_run slice's ends (us) and the
// args of its begin (cycles, card_ns, ... in timed mode).
struct run_slice
{
  double begin_us = 0, end_us = 0;
  nlohmann::json args;
};

// The cu_run slices of CU `cu`, by begin.
inline std::vector<run_slice> cu_runs(const nlohmann::json& t, const std::string& cu)
{
  std::map<uint64_t, run_slice> by_id;
  for (auto& e : t["traceEvents"]) {
    if (e.value("cat", "") != "cu_run" || e.value("name", "") != cu)
      continue;
    auto& s = by_id[e["id"].get<uint64_t>()];
    if (e["ph"] == "b") {
      s.begin_us = e["ts"].get<double>();
      s.args = e["args"];
    }
    else {
      s.end_us = e["ts"].get<double>();
    }
  }
  std::vector<run_slice> out;
  for (auto& [id, s] : by_id)
    out.push_back(s);
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.begin_us < b.begin_us; });
  return out;
}

// The end (us) of every command on CU `cu`, in order.
inline std::vector<double> command_ends(const nlohmann::json& t, const std::string& cu)
{
  std::vector<double> out;
  for (auto& e : t["traceEvents"])
    if (e.value("cat", "") == "command" && e["ph"] == "e" && e["args"].value("cu", "") == cu)
      out.push_back(e["ts"].get<double>());
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace xrtemu::test
