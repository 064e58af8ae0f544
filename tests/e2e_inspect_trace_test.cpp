// Inspecting the emulated card (docs/inspect.md): the profile a program
// leaves, `xrtemu trace summary` and `xrtemu trace plot`.
#include "inspect_test_support.h"

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
  // The card's time split: each part within the span; a CU is busy at most
  // its runs' total (chain runs overlap) and busy + idle is the span.
  auto& act = sj["activity"];
  double span = act["span_us"].get<double>();
  CHECK(span == Approx(sj["duration_us"].get<double>()));
  for (const char* part : {"compute_us", "dma_host_to_card_us", "dma_card_to_host_us", "idle_us"}) {
    CHECK(act[part].get<double>() >= 0);
    CHECK(act[part].get<double>() <= span + 1e-6);
  }
  CHECK(act["compute_us"].get<double>() > 0);
  CHECK(act["dma_host_to_card_us"].get<double>() > 0);
  for (auto& c : sj["compute_units"]) {
    CHECK(c["busy_us"].get<double>() <= c["total_us"].get<double>() + 1e-6);
    CHECK(c["busy_us"].get<double>() + c["idle_us"].get<double>() == Approx(span));
  }

  auto text = cli({"trace", "summary", trace_file});
  CHECK(text.status == 0);
  CHECK(text.output.find("producer") != std::string::npos);
  CHECK(text.output.find("DDR[0]") != std::string::npos);
  CHECK(text.output.find("Card activity") != std::string::npos);

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
