// Stock xclbinutil must read our images without complaint and report what
// we wrote.
#include "sample_design.h"
#include "xrtemu/xclbin/axlf.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace xrtemu::xclbin;

namespace {

struct run_result
{
  int status;
  std::string output;
};

// Run a command with stdout+stderr captured in a temporary file.
run_result run(const std::string& cmd, const std::string& out_path)
{
  int rc = std::system((cmd + " > '" + out_path + "' 2>&1").c_str());
  std::ifstream f(out_path);
  std::stringstream ss;
  ss << f.rdbuf();
  std::remove(out_path.c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, ss.str()};
}

std::string scratch(const std::string& leaf)
{
  return std::string(XRTEMU_BUILD_DIR) + "/xclbinutil_test_" + std::to_string(::getpid()) + "_" + leaf;
}

bool has(const std::string& text, const std::string& needle)
{
  return text.find(needle) != std::string::npos;
}

// Before any test: is there an xclbinutil that really runs?  If not, the
// whole program reports itself skipped (exit 77, CTest's SKIP_RETURN_CODE).
struct require_xclbinutil
{
  require_xclbinutil()
  {
    std::string tool = XRTEMU_XCLBINUTIL;
    auto probe = tool.empty() || tool.find("NOTFOUND") != std::string::npos
                   ? run_result{-1, ""}
                   : run(tool + " --version", scratch("probe.txt"));
    if (probe.status != 0 || !has(probe.output, "XRT Build Version")) {
      std::printf("SKIPPED: no working xclbinutil at '%s'. Debian's libxrt-utils installs only the "
                  "wrapper script; the program it runs (/usr/bin/unwrapped/xclbinutil) is not "
                  "packaged. Configure with -DXRTEMU_XCLBINUTIL=<path to a working xclbinutil>.\n",
                  tool.c_str());
      std::exit(77);
    }
  }
} const check_tool;
} // namespace

TEST_CASE("xclbinutil --info reports our xclbin", "[xclbin][xclbinutil]")
{
  auto d = test::sample_design();
  auto file = scratch("sample.xclbin");
  write_file(d, file);

  auto r = run(std::string(XRTEMU_XCLBINUTIL) + " --info --input '" + file + "'", scratch("info.txt"));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_FALSE(has(r.output, "ERROR"));
  // The only warning allowed is xclbinutil's generic note that --output was
  // not given; anything else would be a complaint about our sections.
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) {
    if (has(line, "Warning") || has(line, "WARNING")) {
      INFO(line);
      CHECK(has(line, "'--output' has not been specified"));
    }
  }

  CHECK(has(r.output, to_string(d.id)));
  CHECK(has(r.output, "vadd, scalars"));
  CHECK(has(r.output, "Kernel: vadd"));
  CHECK(has(r.output, "Kernel: scalars"));
  CHECK(has(r.output, "Signature: vadd (int* in1, int* in2, int* out, int size)"));
  CHECK(has(r.output, "ap_uint<128> e"));
  for (auto tag : {"DDR[0]", "DDR[1]", "DDR[2]", "DDR[3]"})
    CHECK(has(r.output, tag));
  CHECK(has(r.output, "0x1800000"));
  CHECK(has(r.output, "0x1810000"));
  CHECK(has(r.output, "0x1820000"));
  CHECK(has(r.output, "vadd_1"));
  CHECK(has(r.output, "vadd_2"));
  CHECK(has(r.output, "scalars_1"));
  CHECK(has(r.output, "Register Offset:   0x1C"));
  CHECK(has(r.output, "Memory:            DDR[3] (MEM_DDR4)"));
  CHECK(has(r.output, "KERNEL_CLK"));
  CHECK(has(r.output, d.platform_vbnv));

  std::remove(file.c_str());
}

TEST_CASE("xclbinutil dumps our sections", "[xclbin][xclbinutil]")
{
  auto d = test::sample_design();
  auto file = scratch("dump.xclbin");
  write_file(d, file);
  auto json = scratch("ip_layout.json");
  auto r = run(std::string(XRTEMU_XCLBINUTIL) + " --force --input '" + file +
                   "' --dump-section IP_LAYOUT:JSON:'" + json + "'",
               scratch("dump.txt"));
  INFO(r.output);
  CHECK(r.status == 0);
  std::ifstream f(json);
  std::stringstream ss;
  ss << f.rdbuf();
  INFO(ss.str());
  CHECK(has(ss.str(), "\"m_name\": \"vadd:vadd_2\""));
  CHECK(has(ss.str(), "AP_CTRL_CHAIN"));
  std::remove(json.c_str());
  std::remove(file.c_str());
}
