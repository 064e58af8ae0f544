// The kernel memory checker end to end: stock XRT hosts (memcheck_host) in
// child processes; the card's message on stderr names kernel, CU, argument,
// buffer (bank, range), offset and source line (docs/memcheck.md).
#include "child_process.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <unistd.h>

using namespace xrtemu::test;
using Catch::Matchers::Contains;

namespace {

outcome scenario(const std::string& name, const std::vector<std::string>& env = {})
{
  auto o = run({bin("memcheck_host"), name, xclbin_dir()}, env);
  INFO(name << ":\n" << o.output);
  CHECK(o.status == 0);
  CHECK_THAT(o.output, Contains("SCENARIO PASSED"));
  return o;
}

} // namespace

TEST_CASE("memcheck: an off-by-one write past a buffer, inside its last page, is a warning; strict fails the run",
          "[memcheck]")
{
  SECTION("v++ -g: the driver allocated the rest of the page with the buffer, so the run goes on as on a card")
  {
    auto o = scenario("overrun_g");
    INFO(o.output);
    CHECK_THAT(o.output, Contains("mc_overrun: state COMPLETED"));
    CHECK_THAT(o.output, Contains("[xrtemu] warning: memory checker: kernel mc_overrun, CU mc_overrun_1: write through "
                                  "argument 'out' at offset 4000 from its address"));
    CHECK_THAT(o.output, Contains("bytes 0 to 3 past the end of its buffer ["));
    CHECK_THAT(o.output, Contains("(4000 bytes, bank DDR[0]), in the rest of its last 4 KiB page"));
    CHECK_THAT(o.output, Contains("out[0] = 11, out[n-1] = 1010"));
  }
  SECTION("XRTEMU_MEMCHECK=strict: the run fails at the write, with the place named")
  {
    auto o = scenario("overrun_g", {"XRTEMU_MEMCHECK=strict"});
    INFO(o.output);
    CHECK_THAT(o.output, Contains("mc_overrun: state ERROR"));
    CHECK_THAT(o.output, Contains("memory checker: kernel mc_overrun, CU mc_overrun_1: write through argument 'out' "
                                  "at offset 4000 (0xfa0)"));
    CHECK_THAT(o.output, Contains("0 bytes past the end of its buffer ["));
    CHECK_THAT(o.output, Contains("(4000 bytes, bank DDR[0])"));
    CHECK_THAT(o.output, Contains("(AXI SLVERR)"));
    CHECK_THAT(o.output, Contains("mc_overrun.cpp:8"));   // the line with out[i] = ...
    // Writes before the fault reached the buffer; the card runs the next kernel.
    CHECK_THAT(o.output, Contains("out[0] = 11, out[n-1] = 1010"));
    CHECK_THAT(o.output, Contains("good after fault: state COMPLETED"));
    CHECK_THAT(o.output, Contains("good after fault: 0 wrong"));
  }
}

TEST_CASE("memcheck: an overrun of a buffer of whole pages is caught by the guard page", "[memcheck]")
{
  auto o = scenario("overrun_pages");
  INFO(o.output);
  CHECK_THAT(o.output, Contains("write through argument 'out' at offset 4096 (0x1000)"));
  CHECK_THAT(o.output, Contains("0 bytes past the end of its buffer ["));
  CHECK_THAT(o.output, Contains("(4096 bytes, bank DDR[0])"));
  CHECK_THAT(o.output, Contains("good after fault: 0 wrong"));
}

TEST_CASE("memcheck: a read before the input buffer fails the run", "[memcheck]")
{
  auto o = scenario("underrun");
  INFO(o.output);
  CHECK_THAT(o.output, Contains("mc_underrun: state ERROR"));
  CHECK_THAT(o.output, Contains("memory checker: kernel mc_underrun, CU mc_underrun_1: read through argument 'in' "
                                "at offset -4 (-0x4)"));
  CHECK_THAT(o.output, Contains("4 bytes before the start of its buffer ["));
  CHECK_THAT(o.output, Contains("(4096 bytes, bank DDR[0])"));
  CHECK_THAT(o.output, Contains("mc_underrun.cpp:7"));
}

TEST_CASE("memcheck: a write into another buffer of the same bank is stopped", "[memcheck]")
{
  auto o = scenario("stray");
  INFO(o.output);
  CHECK_THAT(o.output, Contains("mc_stray: state ERROR"));
  CHECK_THAT(o.output, Contains("memory checker: kernel mc_stray, CU mc_stray_1: write through argument 'out' at offset "));
  CHECK_THAT(o.output, Contains("past the end of its buffer ["));
  CHECK_THAT(o.output, Contains("that address is inside another buffer ["));
  CHECK_THAT(o.output, Contains("(1024 bytes, bank DDR[0])"));
  CHECK_THAT(o.output, Contains("mc_stray.cpp:8"));
  CHECK_THAT(o.output, Contains("other[2] = 1002"));   // the other buffer kept its bytes
}

TEST_CASE("memcheck: a write just before a buffer that is not whole pages is stopped", "[memcheck]")
{
  SECTION("at the write: the guard page meets the buffer's start")
  {
    auto o = scenario("stray_before");
    INFO(o.output);
    CHECK_THAT(o.output, Contains("mc_stray before: state ERROR"));
    CHECK_THAT(o.output,
               Contains("memory checker: kernel mc_stray, CU mc_stray_1: write through argument 'out' at offset -8 "));
    CHECK_THAT(o.output, Contains("8 bytes before the start of its buffer ["));
    CHECK_THAT(o.output, Contains("(1000 bytes, bank DDR[0])"));
    CHECK_THAT(o.output, Contains("mc_stray.cpp:8"));
    CHECK_THAT(o.output, Contains("out[249] = 249"));   // the run's writes inside the buffer stay
  }
  SECTION("strict: the buffer's end meets the guard, the bytes before it are checked when the run ends")
  {
    auto o = scenario("stray_before", {"XRTEMU_MEMCHECK=strict"});
    INFO(o.output);
    CHECK_THAT(o.output, Contains("mc_stray before: state ERROR"));
    CHECK_THAT(o.output,
               Contains("memory checker: kernel mc_stray, CU mc_stray_1: write through argument 'out' at offset -8 "));
    CHECK_THAT(o.output, Contains("found after the run"));
    CHECK_THAT(o.output, Contains("8 bytes before the start of its buffer ["));
    CHECK_THAT(o.output, Contains("out[249] = 249"));
  }
}

TEST_CASE("memcheck: correct kernels pass checked, again and in place", "[memcheck]")
{
  auto o = scenario("good");
  INFO(o.output);
  CHECK_THAT(o.output, Contains("good 1000: 0 wrong"));
  CHECK_THAT(o.output, Contains("good 4096: 0 wrong"));
  CHECK_THAT(o.output, Contains("in place: state COMPLETED"));
  CHECK_THAT(o.output, !Contains("memory checker"));
}

TEST_CASE("memcheck: other CUs keep running and the card stays usable after a fault", "[memcheck]")
{
  auto o = scenario("recover");
  INFO(o.output);
  CHECK_THAT(o.output, Contains("bad: state ERROR"));
  CHECK_THAT(o.output, Contains("ok 1: state COMPLETED"));
  CHECK_THAT(o.output, Contains("ok 2: state COMPLETED"));
  CHECK_THAT(o.output, Contains("bad again: state ERROR"));
  CHECK_THAT(o.output, Contains("good at the end: 0 wrong"));
}

TEST_CASE("memcheck: kernels built without -g are checked when XRTEMU_MEMCHECK=1 or xrt.ini asks", "[memcheck]")
{
  SECTION("unchecked, the overrun is as silent as on a card")
  {
    auto o = scenario("overrun_plain");
    CHECK_THAT(o.output, Contains("mc_overrun: state COMPLETED"));
    CHECK_THAT(o.output, !Contains("memory checker"));
  }
  SECTION("XRTEMU_MEMCHECK=1")
  {
    auto o = scenario("overrun_plain", {"XRTEMU_MEMCHECK=1"});
    CHECK_THAT(o.output, Contains("mc_overrun: state COMPLETED"));
    CHECK_THAT(o.output, Contains("write through argument 'out' at offset 4000 from its address"));
    CHECK_THAT(o.output, Contains("in the rest of its last 4 KiB page"));
  }
  SECTION("XRTEMU_MEMCHECK=strict")
  {
    auto o = scenario("overrun_plain", {"XRTEMU_MEMCHECK=strict"});
    CHECK_THAT(o.output, Contains("mc_overrun: state ERROR"));
    CHECK_THAT(o.output, Contains("write through argument 'out' at offset 4000 (0xfa0)"));
    CHECK_THAT(o.output, Contains("good after fault: 0 wrong"));
  }
  SECTION("xrt.ini [Emulation] memcheck=true and memcheck=strict")
  {
    std::string ini = std::string(XRTEMU_BUILD_DIR) + "/memcheck_" + std::to_string(::getpid()) + ".ini";
    std::ofstream(ini) << "[Emulation]\nmemcheck=true\n";
    auto o = scenario("overrun_plain", {"XRT_INI_PATH=" + ini});
    CHECK_THAT(o.output, Contains("mc_overrun: state COMPLETED"));
    CHECK_THAT(o.output, Contains("in the rest of its last 4 KiB page"));
    std::ofstream(ini) << "[Emulation]\nmemcheck=strict\n";
    o = scenario("overrun_plain", {"XRT_INI_PATH=" + ini});
    std::remove(ini.c_str());
    CHECK_THAT(o.output, Contains("mc_overrun: state ERROR"));
    CHECK_THAT(o.output, Contains("write through argument 'out' at offset 4000 (0xfa0)"));
  }
  SECTION("a bad XRTEMU_MEMCHECK value is named")
  {
    auto o = run({bin("memcheck_host"), "overrun_plain", xclbin_dir()}, {"XRTEMU_MEMCHECK=maybe"});
    INFO(o.output);
    CHECK(o.status != 0);
    CHECK_THAT(o.output, Contains("XRTEMU_MEMCHECK='maybe'"));
  }
}
