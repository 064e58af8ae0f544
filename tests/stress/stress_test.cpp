// Many host threads on the 4-CU compute xclbin at once (stress_host), as a
// child process like every end-to-end test.  The "[tsan]" case runs the
// ThreadSanitizer build of the host on the TSan copy of the shim and card
// (build/platform-tsan, cmake/XrtemuSanitizers.cmake); ctest runs it as
// stress_tsan.
#include "child_process.h"

#include <catch2/catch.hpp>

namespace test = xrtemu::test;
using Catch::Matchers::Contains;

namespace {

std::string xclbin(const std::string& name = "compute_4cu") { return test::xclbin_dir() + "/examples/" + name + ".xclbin"; }

void check_totals(const test::outcome& r, const std::string& runs)
{
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("runs " + runs + " completed " + runs + " mismatches 0 errors 0"));
  CHECK_THAT(r.output, Contains("STRESS PASSED"));
}

} // namespace

TEST_CASE("8 threads x 10000 runs on 4 CUs: every run completes once with its own arguments", "[stress]")
{
  check_totals(test::run({test::bin("stress_host"), xclbin(), "10000", "8"}), "80000");
}

TEST_CASE("CU masks hold under load: no run reaches a CU outside its kernel object's CUs", "[stress]")
{
  // CUs 1 and 3 on DDR[0], 2 and 4 on DDR[1]: a run sent to a CU it did not
  // name finds its buffers in an unconnected bank and fails.
  check_totals(test::run({test::bin("stress_host"), xclbin("compute_4cu_banks"), "2000", "8"}), "16000");
}

TEST_CASE("the same under ThreadSanitizer: no data race in the shim or the card", "[.][tsan]")
{
  // Later assignments win with env(1): this replaces the harness's XILINX_XRT.
  auto r = test::run({test::bin("stress_host_tsan"), xclbin(), XRTEMU_TSAN_RUNS, "8"},
                     {"XILINX_XRT=" + std::string(XRTEMU_BUILD_DIR) + "/platform-tsan",
                      "TSAN_OPTIONS=halt_on_error=1 second_deadlock_stack=1 suppressions=" XRTEMU_TSAN_SUPPRESSIONS});
  INFO(r.output);
  CHECK_THAT(r.output, !Contains("ThreadSanitizer"));
  check_totals(r, std::to_string(8 * std::stol(XRTEMU_TSAN_RUNS)));
}
