// stream_connect at link time: the checks of plan_link, the refusal of
// ap_ctrl_none kernels with m_axi arguments in .xo files, and the xclbin
// encoding build_design writes (MEM_STREAMING_CONNECTION, CONNECTIVITY,
// port modes, IP_LAYOUT control bits).
#include "test_files.h"

#include "xrtemu/vpp/link_kernels.h"
#include "xrtemu/vpp/xclbin_builder.h"
#include "xrtemu/vpp/xo_file.h"
#include "xrtemu/xclbin/stream_links.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace xrtemu::vpp;
using Catch::Matchers::Contains;

namespace {

const char* const axis32 = "hls::stream<ap_axiu<32, 0, 0, 0> >&";

kernel_arg stream_arg(const std::string& name)
{
  return {name, axis32, arg_kind::stream, false, 0, 8, 0, name, ""};
}

std::vector<kernel_desc> pipeline()
{
  kernel_desc producer;
  producer.name = "producer";
  producer.entry = "xrtemu_run_producer";
  producer.args = {{"in", "int*", arg_kind::global, true, 8, 8, 0x10, "m_axi_gmem", "gmem"},
                   stream_arg("out"),
                   {"n", "int", arg_kind::scalar, false, 4, 4, 0x1c, "s_axi_control", ""}};
  kernel_desc filter;
  filter.name = "filter";
  filter.control = "ap_ctrl_none";
  filter.entry = "xrtemu_run_filter";
  filter.args = {stream_arg("in"), stream_arg("out")};
  kernel_desc consumer;
  consumer.name = "consumer";
  consumer.entry = "xrtemu_run_consumer";
  consumer.args = {stream_arg("in"),
                   {"out", "int*", arg_kind::global, true, 8, 8, 0x10, "m_axi_gmem", "gmem"},
                   {"n", "int", arg_kind::scalar, false, 4, 4, 0x1c, "s_axi_control", ""}};
  return {producer, filter, consumer};
}

xrtemu::emu::platform_desc platform()
{
  xrtemu::emu::platform_desc p;
  p.name = "test";
  p.file = "test.json";
  p.vbnv = "xilinx_test";
  for (int i = 0; i < 2; ++i)
    p.banks.push_back({"DDR[" + std::to_string(i) + "]", xrtemu::emu::bank_kind::ddr, uint64_t(i) << 34, 1ull << 30});
  return p;
}

link_plan plan(const std::string& cfg_text)
{
  link_config c;
  parse_cfg_text(cfg_text, "link.cfg", c);
  return plan_link(pipeline(), platform(), c);
}

const char* const good_cfg = R"([connectivity]
nk=producer:1
stream_connect=producer_1.out:filter_1.in:32
stream_connect=filter_1.out:consumer_1.in
)";

// A model table like the one `xrtemu link` generates, for build_design.
const xrtemu_arg producer_args[] = {{"in", "int*", XRTEMU_ARG_GLOBAL, 8, 8, 0, "m_axi_gmem"},
                                    {"out", "hls::stream<ap_axiu<32, 0, 0, 0> >&", XRTEMU_ARG_STREAM, 0, 8, 0, "out"},
                                    {"n", "int", XRTEMU_ARG_SCALAR, 4, 4, 0, "s_axi_control"}};
const xrtemu_arg filter_args[] = {{"in", "hls::stream<ap_uint<64> >&", XRTEMU_ARG_STREAM, 0, 8, 0, "in"},
                                  {"out", "hls::stream<int>&", XRTEMU_ARG_STREAM, 0, 4, 0, "out"}};
const xrtemu_arg consumer_args[] = {{"in", "hls::stream<ap_axiu<32, 0, 0, 0> >&", XRTEMU_ARG_STREAM, 0, 8, 0, "in"},
                                    {"out", "int*", XRTEMU_ARG_GLOBAL, 8, 8, 0, "m_axi_gmem"},
                                    {"n", "int", XRTEMU_ARG_SCALAR, 4, 4, 0, "s_axi_control"}};
const xrtemu_kernel model_kernels[] = {{"producer", XRTEMU_CTRL_HS, 3, producer_args, nullptr},
                                       {"filter", XRTEMU_CTRL_NONE, 2, filter_args, nullptr},
                                       {"consumer", XRTEMU_CTRL_CHAIN, 3, consumer_args, nullptr}};
const xrtemu_model model = {XRTEMU_MODEL_ABI, 3, model_kernels};

} // namespace

TEST_CASE("stream_connect: a valid pipeline plans its links without notes")
{
  auto p = plan(good_cfg);
  REQUIRE(p.cus.size() == 3);
  REQUIRE(p.streams.size() == 2);
  CHECK(p.streams[0].from_cu == "producer_1");
  CHECK(p.streams[0].to_port == "in");
  CHECK(p.streams[0].depth == 32);
  CHECK(p.streams[1].depth == 0);
  CHECK(p.notes.empty());   // no "recorded, not run" note, no warnings
}

TEST_CASE("stream_connect: a stream argument left unconnected is a warning")
{
  auto p = plan("[connectivity]\nstream_connect=producer_1.out:filter_1.in\n");
  REQUIRE(p.notes.size() == 2);
  CHECK_THAT(p.notes[0], Contains("warning") && Contains("filter_1.out") && Contains("not connected"));
  CHECK_THAT(p.notes[1], Contains("warning") && Contains("consumer_1.in"));
}

TEST_CASE("stream_connect: errors name file:line")
{
  REQUIRE_THROWS_WITH(plan("[connectivity]\nstream_connect=producer_9.out:filter_1.in\n"),
                      Contains("link.cfg:2: connectivity.stream_connect") && Contains("'producer_9'"));
  REQUIRE_THROWS_WITH(plan("[connectivity]\nstream_connect=producer_1.nope:filter_1.in\n"),
                      Contains("link.cfg:2: connectivity.stream_connect") && Contains("no argument 'nope'") &&
                        Contains("stream arguments: out"));
  REQUIRE_THROWS_WITH(plan("[connectivity]\nstream_connect=producer_1.in:filter_1.in\n"),
                      Contains("link.cfg:2:") && Contains("producer_1.in is an m_axi argument, not a stream"));
  REQUIRE_THROWS_WITH(plan("[connectivity]\nstream_connect=producer_1.out:consumer_1.n\n"),
                      Contains("link.cfg:2:") && Contains("consumer_1.n is a scalar argument"));
  // A port on two links: the second entry is the error, and it names the first.
  REQUIRE_THROWS_WITH(plan("[connectivity]\nstream_connect=producer_1.out:filter_1.in\n\n"
                           "stream_connect=producer_1.out:consumer_1.in\n"),
                      Contains("link.cfg:4: connectivity.stream_connect: producer_1.out is already connected at "
                               "link.cfg:2: connectivity.stream_connect"));
  REQUIRE_THROWS_WITH(plan("[connectivity]\nstream_connect=producer_1.out:filter_1.in\n"
                           "stream_connect=filter_1.out:filter_1.in\n"),
                      Contains("link.cfg:3:") && Contains("filter_1.in is already connected at link.cfg:2"));
  REQUIRE_THROWS_WITH(plan("[connectivity]\nstream_connect=filter_1.out:filter_1.out\n"),
                      Contains("link.cfg:2:") && Contains("filter_1.out to itself"));
  REQUIRE_THROWS_WITH(plan("[connectivity]\nstream_connect=producer_1.out:filter_1.in:0\n"),
                      Contains("link.cfg:2:") && Contains("depth must be at least 1"));
  REQUIRE_THROWS_WITH(plan("[connectivity]\nstream_connect=producer_1.out:filter_1.in:99999999999\n"),
                      Contains("link.cfg:2:") && Contains("too large"));
}

TEST_CASE("link refuses an .xo whose ap_ctrl_none kernel has an m_axi argument")
{
  auto dir = test::scratch("none-maxi");
  xo_file xo;
  auto k = pipeline()[1];
  k.args.push_back({"buf", "int*", arg_kind::global, true, 8, 8, 0x10, "m_axi_gmem", "gmem"});
  xo.kernels = {k};
  write_xo(xo, dir + "/filter.xo");

  auto plat = platform();
  link_request req;
  req.inputs = {dir + "/filter.xo"};
  req.output = dir + "/out.xclbin";
  req.platform = &plat;
  std::ostringstream log;
  REQUIRE_THROWS_WITH(link_kernels(req, log),
                      Contains("filter.xo: kernel 'filter' is ap_ctrl_none but argument 'buf' is an m_axi port"));
}

TEST_CASE("stream data widths from the Vitis type")
{
  CHECK(stream_data_width("hls::stream<ap_axiu<32, 0, 0, 0> >&", 8) == 32);
  CHECK(stream_data_width("hls::stream<ap_axis<64,1,1,1>>&", 0) == 64);
  CHECK(stream_data_width("hls::stream<hls::axis<ap_uint<512>, 0, 0, 0> >&", 0) == 512);
  CHECK(stream_data_width("hls::stream<ap_uint<12> >&", 2) == 16);   // TDATA is whole bytes
  CHECK(stream_data_width("hls::stream<unsigned int>&", 4) == 32);
  CHECK(stream_data_width("hls::stream<double, 16>&", 8) == 64);
  CHECK(stream_data_width("hls::stream<my_struct>&", 12) == 96);      // from the element size
  CHECK(stream_data_width("hls::stream<my_struct>&", 0) == 0);
}

TEST_CASE("build_design: stream links, port modes and control bits")
{
  auto plat = platform();
  loaded_model lm;
  lm.path = "test_model.so";
  lm.model = &model;
  xclbin_request req;
  req.platform = &plat;
  req.model = &lm;
  req.cus = {{"producer", "producer_1"}, {"filter", "filter_1"}, {"consumer", "consumer_1"}};
  req.streams = {{"producer_1", "out", "filter_1", "in", 64}, {"filter_1", "out", "consumer_1", "in", 0}};
  auto d = build_design(req);

  // Two platform banks, then one MEM_STREAMING_CONNECTION per link.
  REQUIRE(d.banks.size() == 4);
  CHECK(d.banks[2].type == xrtemu::xclbin::mem_type_stream_connection);
  CHECK(d.banks[2].tag == "strm_0");
  CHECK(d.banks[2].used);
  CHECK(d.banks[2].stream_depth == 64);
  CHECK(d.banks[3].tag == "strm_1");
  CHECK(d.banks[3].stream_depth == 0);
  CHECK_FALSE(d.banks[1].used);

  // CONNECTIVITY: the producer's end first.
  auto links = xrtemu::xclbin::stream_links(d);
  REQUIRE(links.size() == 2);
  CHECK(xrtemu::xclbin::end_name(d, links[0].producer) == "producer_1.out");
  CHECK(xrtemu::xclbin::end_name(d, links[0].consumer) == "filter_1.in");
  CHECK(links[0].depth == 64);
  CHECK(xrtemu::xclbin::end_name(d, links[1].producer) == "filter_1.out");

  auto port = [&](size_t k, const std::string& name) {
    for (auto& p : d.kernels[k].ports)
      if (p.name == name)
        return p;
    FAIL("no port " << name);
    return xrtemu::xclbin::kernel_port{};
  };
  CHECK(port(0, "OUT").mode == "write_only");
  CHECK(port(0, "OUT").port_type == "stream");
  CHECK(port(0, "OUT").data_width == 32);
  CHECK(port(1, "IN").mode == "read_only");
  CHECK(port(1, "IN").data_width == 64);
  CHECK(port(1, "OUT").mode == "write_only");
  CHECK(port(2, "IN").mode == "read_only");
  CHECK(d.kernels[1].args[0].address_qualifier == 4);

  // IP_LAYOUT carries each CU's protocol; ap_ctrl_none has no interrupt.
  auto img = xrtemu::xclbin::write(d);
  auto r = xrtemu::xclbin::read(img.data(), img.size());
  CHECK(r.instances[0].control == "ap_ctrl_hs");
  CHECK(r.instances[1].control == "ap_ctrl_none");
  CHECK_FALSE(r.instances[1].interrupt);
  CHECK(r.instances[2].control == "ap_ctrl_chain");
  CHECK(r.banks[2].stream_depth == 64);

  req.streams = {{"producer_1", "in", "filter_1", "in", 0}};
  REQUIRE_THROWS_WITH(build_design(req), Contains("producer_1.in") && Contains("not a stream"));
}

TEST_CASE("compile: stream arguments record the resolved type and the element size")
{
  auto f = test::write(test::scratch("axis"), "filter.cpp", R"(
#include <ap_axi_sdata.h>
#include <hls_stream.h>
typedef ap_axiu<32, 0, 0, 0> pkt;
extern "C" void filter(hls::stream<pkt>& in, hls::stream<ap_uint<64> >& out)
{
#pragma HLS INTERFACE axis port = in
#pragma HLS INTERFACE axis port = out
#pragma HLS INTERFACE ap_ctrl_none port = return
  pkt v = in.read();
  out.write(v.data);
}
)");
  auto k = extract_kernel(f, "filter", {"-I" XRTEMU_SOURCE_DIR "/kernels/include"});
  CHECK(k.control == "ap_ctrl_none");
  REQUIRE(k.args.size() == 2);
  CHECK(k.args[0].kind == arg_kind::stream);
  CHECK(k.args[0].type == "hls::stream<ap_axiu<32, 0, 0, 0>, 0>&");   // not hls::stream<pkt>&
  CHECK(k.args[0].size == 0);
  CHECK(k.args[0].host_size > 0);                                    // sizeof the element
  CHECK(stream_data_width(k.args[0].type, k.args[0].host_size) == 32);
  CHECK(stream_data_width(k.args[1].type, k.args[1].host_size) == 64);
}
