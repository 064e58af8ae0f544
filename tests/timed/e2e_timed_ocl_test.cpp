// Timed mode, kernel time of OpenCL C CUs end to end: a stock XRT host runs
// .cl kernels compiled by our v++ -c (a counted copy of each, its loops and
// work-item blocks scheduled from the Vitis attributes) three times each; in
// the profile each run's CU slice carries the estimate's cycles, exactly the
// formula of docs/timing.md, lasts cycles / ap_clk (or the bank term when
// the bank bounds it), and its command ends no earlier than that end plus
// the command latency; a kernel_time calibration applies as for HLS C++.
// Only card time the emulator reports is checked, no wall clock.
#include "estimate_runs.h"

#include "xrtemu/hls_estimate.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace xrtemu::test;
using namespace xrtemu::test::estimate;
using nlohmann::json;

namespace {

json run_kernel(const std::vector<std::string>& env, const std::string& tag, std::vector<std::string> args)
{
  return estimate::run_kernel("timed_ocl_host", "timed_ocl.xclbin", env, tag, std::move(args));
}

constexpr uint64_t items = 16;   // reqd_work_group_size of ot_items and ot_block

} // namespace

TEST_CASE("timed mode: an OpenCL C loop with xcl_pipeline_loop takes n x II + overhead", "[e2e][timed][opencl]")
{
  for (int n : {4096, 50000}) {
    auto t = run_kernel({"XRTEMU_TIMED=1"}, "scale-" + std::to_string(n), {"ot_scale", std::to_string(n)});
    check_runs(t, "ot_scale_1", static_cast<uint64_t>(n) + run_overhead);
  }
  // II=2; the 7-trip loop inside the pipelined loop is unrolled into it.
  auto t = run_kernel({"XRTEMU_TIMED=1"}, "ii2", {"ot_ii2", "5000"});
  check_runs(t, "ot_ii2_1", 2 * 5000 + run_overhead);
}

TEST_CASE("timed mode: a work-group's items run one after another unless xcl_pipeline_workitems pipelines them",
          "[e2e][timed][opencl]")
{
  auto t = run_kernel({"XRTEMU_TIMED=1"}, "items", {"ot_items"});
  check_runs(t, "ot_items_1", items * xrtemu::hls::unpipelined_iteration_cycles + run_overhead);
  auto b = run_kernel({"XRTEMU_TIMED=1"}, "block", {"ot_block"});
  check_runs(b, "ot_block_1", items + run_overhead);
}

TEST_CASE("timed mode: a memory-bound OpenCL C run lasts its __global bytes over the bank's bandwidth",
          "[e2e][timed][opencl]")
{
  const uint64_t n = 20000;   // int16 vectors read and written on DDR[0]: 128 bytes a cycle
  auto f = figures();
  auto t = run_kernel({"XRTEMU_TIMED=1"}, "wide", {"ot_wide", std::to_string(n)});
  const double bank_ns = std::round(static_cast<double>(2 * 64 * n) / f.ddr_gbps);
  REQUIRE(bank_ns > static_cast<double>(n + run_overhead) * 1000.0 / f.ap_clk);
  check_runs(t, "ot_wide_1", n + run_overhead, bank_ns);
}

TEST_CASE("timed mode: kernel_time calibration scales an OpenCL C kernel's estimate", "[e2e][timed][opencl]")
{
  auto cfg = std::string(XRTEMU_BUILD_DIR) + "/test-tmp-timed-ocl-calibration.cfg.json";
  {
    std::FILE* fp = std::fopen(cfg.c_str(), "w");
    REQUIRE(fp);
    std::fputs(R"({"devices": [{"platform": "xrtemu_u250"}],
                 "runtime": {"timed": true, "kernel_time": {"ot_scale": {"scale": 1.5, "extra_cycles": 100}}}})",
               fp);
    std::fclose(fp);
  }
  auto t = run_kernel({"XRTEMU_CONFIG=" + cfg}, "cal", {"ot_scale", "4000"});
  check_runs(t, "ot_scale_1", 6000 + 100 + run_overhead);

  auto ini = std::string(XRTEMU_BUILD_DIR) + "/test-tmp-timed-ocl-xrt.ini";
  {
    std::FILE* fp = std::fopen(ini.c_str(), "w");
    REQUIRE(fp);
    std::fputs("[Emulation]\ntimed=true\nkernel_time=ot_items:0.5:3\n", fp);
    std::fclose(fp);
  }
  auto ti = run_kernel({"XRT_INI_PATH=" + ini}, "cal-ini", {"ot_items"});
  check_runs(ti, "ot_items_1", items * xrtemu::hls::unpipelined_iteration_cycles / 2 + 3 + run_overhead);
}

TEST_CASE("untimed mode: OpenCL C runs keep host time and carry no cycles", "[e2e][timed][opencl]")
{
  auto t = run_kernel({}, "untimed", {"ot_scale", "4096"});
  CHECK(t["otherData"]["timed"] == false);
  auto runs = cu_runs(t, "ot_scale_1");
  REQUIRE(runs.size() == 3);
  for (auto& r : runs) {
    CHECK_FALSE(r.args.contains("cycles"));
    CHECK_FALSE(r.args.contains("estimate"));
  }
}
