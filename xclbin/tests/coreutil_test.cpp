// Stock XRT's xrt::xclbin (libxrt_coreutil) must accept our images and see
// the same kernels, arguments, CUs and memories.  No device is involved.
#include "sample_design.h"
#include "stream_design.h"
#include "xrtemu/xclbin/axlf.h"

#include <catch2/catch.hpp>
#include <experimental/xrt_xclbin.h>

#include <unistd.h>

#include <cstdio>

using namespace xrtemu::xclbin;

TEST_CASE("xrt::xclbin reads our image", "[xclbin][coreutil]")
{
  auto d = test::sample_design();
  auto path = std::string(XRTEMU_BUILD_DIR) + "/coreutil_test_" + std::to_string(::getpid()) + ".xclbin";
  write_file(d, path);
  xrt::xclbin x(path);
  std::remove(path.c_str());

  CHECK(x.get_uuid().to_string() == to_string(d.id));
  CHECK(x.get_xsa_name() == d.platform_vbnv);

  auto mems = x.get_mems();
  REQUIRE(mems.size() == 4);
  CHECK(mems[3].get_tag() == "DDR[3]");
  CHECK(mems[3].get_base_address() == 0xC00000000ull);
  CHECK(mems[3].get_size_kb() == 16ull * 1024 * 1024);
  CHECK(mems[3].get_used());

  auto kernels = x.get_kernels();
  REQUIRE(kernels.size() == 2);
  auto vadd = x.get_kernel("vadd");
  REQUIRE(vadd.get_num_args() == 4);
  CHECK(vadd.get_arg(1).get_name() == "in2");
  CHECK(vadd.get_arg(1).get_offset() == 0x1c);
  CHECK(vadd.get_arg(1).get_size() == 8);
  CHECK(vadd.get_arg(1).get_port() == "M_AXI_GMEM");
  CHECK(vadd.get_arg(3).get_host_type() == "int");

  auto cus = vadd.get_cus();
  REQUIRE(cus.size() == 2);
  CHECK(cus[0].get_name() == "vadd:vadd_1");
  CHECK(cus[0].get_base_address() == 0x1800000);
  CHECK(cus[0].get_size() == 0x1000);
  CHECK(cus[0].get_control_type() == xrt::xclbin::ip::control_type::hs);
  // vadd_2's "out" lives in DDR[3].
  auto out_mems = cus[1].get_arg(2).get_mems();
  REQUIRE(out_mems.size() == 1);
  CHECK(out_mems[0].get_tag() == "DDR[3]");

  auto scal = x.get_kernel("scalars");
  REQUIRE(scal.get_num_args() == 5);
  CHECK(scal.get_arg(4).get_size() == 16);
  REQUIRE(scal.get_cus().size() == 1);
  CHECK(scal.get_cus()[0].get_control_type() == xrt::xclbin::ip::control_type::chain);
}

TEST_CASE("xrt::xclbin reads stream connections and ap_ctrl_none CUs", "[xclbin][coreutil][stream]")
{
  auto d = test::stream_design();
  auto path = std::string(XRTEMU_BUILD_DIR) + "/coreutil_stream_test_" + std::to_string(::getpid()) + ".xclbin";
  write_file(d, path);
  xrt::xclbin x(path);
  std::remove(path.c_str());

  auto mems = x.get_mems();
  REQUIRE(mems.size() == 3);
  CHECK(mems[1].get_type() == xrt::xclbin::mem::memory_type::streaming_connection);
  CHECK(mems[1].get_tag() == "strm_0");
  CHECK(mems[1].get_used());

  auto filter = x.get_kernel("filter");
  REQUIRE(filter.get_cus().size() == 1);
  CHECK(filter.get_cus()[0].get_control_type() == xrt::xclbin::ip::control_type::none);
  CHECK(x.get_kernel("producer").get_cus()[0].get_control_type() == xrt::xclbin::ip::control_type::hs);

  // The producer's stream argument is connected to its link, its m_axi one to DDR[0].
  auto producer = x.get_kernel("producer").get_cus()[0];
  auto out = producer.get_arg(1).get_mems();
  REQUIRE(out.size() == 1);
  CHECK(out[0].get_tag() == "strm_0");
  auto in = producer.get_arg(0).get_mems();
  REQUIRE(in.size() == 1);
  CHECK(in[0].get_tag() == "DDR[0]");
}

TEST_CASE("xrt::xclbin sees the memory groups our writer adds", "[xclbin][coreutil][groups]")
{
  auto d = test::sample_design();
  d.connections.push_back({0, 0, 1});   // vadd_1.in1 on DDR[0] and DDR[1]
  auto path = std::string(XRTEMU_BUILD_DIR) + "/coreutil_groups_" + std::to_string(::getpid()) + ".xclbin";
  write_file(d, path);
  xrt::xclbin x(path);
  std::remove(path.c_str());

  auto mems = x.get_mems();   // XRT reads the group topology
  REQUIRE(mems.size() == 5);
  CHECK(mems[4].get_tag() == "MBG[0:1]");
  CHECK(mems[4].get_base_address() == 0);
  CHECK(mems[4].get_size_kb() == 32ull * 1024 * 1024);
  int largest = -1;
  for (auto& m : x.get_kernel("vadd").get_cus()[0].get_arg(0).get_mems())
    largest = std::max(largest, m.get_index());
  CHECK(largest == 4);   // what xrt::kernel::group_id returns
}
