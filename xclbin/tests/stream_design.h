// A three-CU stream pipeline as the xclbin tests write and read it back:
// producer (m_axi in -> stream out), filter (ap_ctrl_none, stream -> stream),
// consumer (stream in -> m_axi out); two stream connections after one bank.
#pragma once

#include "xrtemu/xclbin/design.h"

namespace xrtemu::xclbin::test {

inline design stream_design()
{
  design d;
  d.id = random_uuid();
  d.platform_vbnv = "xilinx_u250_gen3x16_xdma_4_1_202210_1";

  d.banks.push_back({"DDR[0]", 1, true, 0, 16ull << 30});
  mem_bank s0;
  s0.tag = "strm_0";
  s0.type = mem_type_stream_connection;
  s0.stream_depth = 32;
  d.banks.push_back(s0);
  mem_bank s1 = s0;
  s1.tag = "strm_1";
  s1.stream_depth = 0;               // default depth
  d.banks.push_back(s1);

  kernel producer;
  producer.name = "producer";
  producer.control = "ap_ctrl_hs";
  producer.ports = {{"M_AXI_GMEM", "master", 0xFFFFFFFF, 32, "addressable"},
                    {"OUT", "write_only", 0, 32, "stream"},
                    {"S_AXI_CONTROL", "slave", 0x1000, 32, "addressable"}};
  producer.args = {{"in", "int*", 1, "M_AXI_GMEM", 0x10, 8, 8, 0},
                   {"out", "hls::stream<ap_axiu<32, 0, 0, 0> >&", 4, "OUT", 0, 0, 8, 0},
                   {"n", "int", 0, "S_AXI_CONTROL", 0x1c, 4, 4, 0}};
  d.kernels.push_back(producer);

  kernel filter;
  filter.name = "filter";
  filter.control = "ap_ctrl_none";
  filter.ports = {{"IN", "read_only", 0, 32, "stream"}, {"OUT", "write_only", 0, 32, "stream"}};
  filter.args = {{"in", "hls::stream<ap_axiu<32, 0, 0, 0> >&", 4, "IN", 0, 0, 8, 0},
                 {"out", "hls::stream<ap_axiu<32, 0, 0, 0> >&", 4, "OUT", 0, 0, 8, 0}};
  d.kernels.push_back(filter);

  kernel consumer;
  consumer.name = "consumer";
  consumer.control = "ap_ctrl_hs";
  consumer.ports = {{"IN", "read_only", 0, 32, "stream"},
                    {"M_AXI_GMEM", "master", 0xFFFFFFFF, 32, "addressable"},
                    {"S_AXI_CONTROL", "slave", 0x1000, 32, "addressable"}};
  consumer.args = {{"in", "hls::stream<ap_axiu<32, 0, 0, 0> >&", 4, "IN", 0, 0, 8, 0},
                   {"out", "int*", 1, "M_AXI_GMEM", 0x10, 8, 8, 0},
                   {"n", "int", 0, "S_AXI_CONTROL", 0x1c, 4, 4, 0}};
  d.kernels.push_back(consumer);

  d.instances = {{"producer", "producer_1", 0x1800000, true},
                 {"filter", "filter_1", 0x1810000, false},
                 {"consumer", "consumer_1", 0x1820000, true}};

  d.connections = {{0, 0, 0},                 // producer_1.in  -> DDR[0]
                   {1, 0, 1}, {0, 1, 1},      // producer_1.out -> filter_1.in   (strm_0)
                   {1, 1, 2}, {0, 2, 2},      // filter_1.out   -> consumer_1.in (strm_1)
                   {1, 2, 0}};                // consumer_1.out -> DDR[0]
  return d;
}

} // namespace xrtemu::xclbin::test
