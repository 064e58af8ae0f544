// The example host programs (host/examples) on the xclbins built from
// kernels/examples with xrtemu_add_kernel/xrtemu_link_xclbin, each run as a
// user would: a child process with XILINX_XRT pointing at build/platform.
#include "child_process.h"

#include <catch2/catch.hpp>

namespace test = xrtemu::test;
using Catch::Matchers::Contains;

namespace {
std::string example_xclbin(const std::string& name) { return test::xclbin_dir() + "/examples/" + name + ".xclbin"; }
}

TEST_CASE("mmult: 32x32 int matrix multiply with local arrays")
{
  auto r = test::run({test::bin("mmult_host"), example_xclbin("mmult"), "32"});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("TEST PASSED"));
  auto small = test::run({test::bin("mmult_host"), example_xclbin("mmult"), "5"});
  INFO(small.output);
  CHECK_THAT(small.output, Contains("TEST PASSED"));
}

TEST_CASE("scalars: every C scalar type round-trips through the control registers")
{
  auto r = test::run({test::bin("scalars_host"), example_xclbin("scalars")});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("TEST PASSED"));
}

TEST_CASE("scalar_out: int& and long long& outputs read back with read_register, ap_vld clears on read")
{
  auto r = test::run({test::bin("scalar_out_host"), example_xclbin("scalar_out")});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("(vld 1)") && Contains("TEST PASSED"));
}

TEST_CASE("mailbox: counted auto-restart (xrt::autostart) and xrt::mailbox writes/reads while the CU restarts")
{
  auto r = test::run({test::bin("mailbox_host"), example_xclbin("mailbox")});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("five runs of one command") && Contains("TEST PASSED"));
}

TEST_CASE("multi_cu: four CUs of two kernels on four banks run concurrently")
{
  auto r = test::run({test::bin("multi_cu_host"), example_xclbin("multi_cu")});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("TEST PASSED"));
}

TEST_CASE("multi_cu: a buffer in a bank the CU is not connected to fails the run, the next run works")
{
  auto r = test::run({test::bin("multi_cu_host"), example_xclbin("multi_cu"), "--wrong-bank"});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("TEST PASSED"));
}

TEST_CASE("wide_vadd: ap_uint<512> words added lane by lane")
{
  auto r = test::run({test::bin("wide_vadd_host"), example_xclbin("wide_vadd"), "65536"});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("TEST PASSED"));
}

TEST_CASE("dataflow: load-compute-store connected by hls::stream, run as sw_emu runs it")
{
  auto r = test::run({test::bin("dataflow_host"), example_xclbin("dataflow"), "10000"});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("TEST PASSED"));
}

TEST_CASE("task_blocks: hls::task stages joined by a stream_of_blocks, started and ended with each run")
{
  auto r = test::run({test::bin("task_blocks_host"), example_xclbin("task_blocks"), "64", "3"});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("run 1: 63 blocks through the tasks") && Contains("TEST PASSED"));
}

TEST_CASE("ap_scalars: ap_uint<48>, ap_int<12> and ap_uint<96> scalars keep their value and host size")
{
  auto r = test::run({test::bin("ap_scalars_host"), example_xclbin("ap_scalars")});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("b -1234") && Contains("TEST PASSED"));
}

TEST_CASE("stream_pipeline: producer -> ap_ctrl_none filter -> consumer over stream_connect links")
{
  auto r = test::run({test::bin("stream_pipeline_host"), example_xclbin("stream_pipeline"), "4096"});
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("round 1:") && Contains("TEST PASSED"));
}
