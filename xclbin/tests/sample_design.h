// The design the xclbin tests write and read back: two kernels, three CUs,
// four DDR banks.
#pragma once

#include "xrtemu/xclbin/design.h"

namespace xrtemu::xclbin::test {

inline design sample_design()
{
  design d;
  d.id = random_uuid();
  d.platform_vbnv = "xilinx_u250_gen3x16_xdma_4_1_202210_1";
  d.mode = "hw";

  for (int i = 0; i < 4; ++i) {
    mem_bank b;
    b.tag = "DDR[" + std::to_string(i) + "]";
    b.type = 1;                         // MEM_DDR4
    b.used = true;
    b.base = uint64_t(i) * 0x400000000ull;
    b.size = 16ull << 30;
    d.banks.push_back(b);
  }

  kernel vadd;
  vadd.name = "vadd";
  vadd.control = "ap_ctrl_hs";
  vadd.ports = {{"M_AXI_GMEM", "master", 0xFFFFFFFF, 32, "addressable"},
                {"M_AXI_GMEM1", "master", 0xFFFFFFFF, 32, "addressable"},
                {"S_AXI_CONTROL", "slave", 0x1000, 32, "addressable"}};
  vadd.args = {{"in1", "int*", 1, "M_AXI_GMEM", 0x10, 8, 8, 0},
               {"in2", "int*", 1, "M_AXI_GMEM", 0x1c, 8, 8, 0},
               {"out", "int*", 1, "M_AXI_GMEM1", 0x28, 8, 8, 0},
               {"size", "int", 0, "S_AXI_CONTROL", 0x34, 4, 4, 0}};
  d.kernels.push_back(vadd);

  kernel scal;
  scal.name = "scalars";
  scal.control = "ap_ctrl_chain";
  scal.ports = {{"S_AXI_CONTROL", "slave", 0x1000, 32, "addressable"}};
  scal.args = {{"a", "char", 0, "S_AXI_CONTROL", 0x10, 1, 1, 0},
               {"b", "short", 0, "S_AXI_CONTROL", 0x18, 2, 2, 0},
               {"c", "unsigned int", 0, "S_AXI_CONTROL", 0x20, 4, 4, 0},
               {"d", "long", 0, "S_AXI_CONTROL", 0x28, 8, 8, 0},
               {"e", "ap_uint<128>", 0, "S_AXI_CONTROL", 0x34, 16, 16, 0}};
  d.kernels.push_back(scal);

  d.instances = {{"vadd", "vadd_1", 0x1800000, true},
                 {"vadd", "vadd_2", 0x1810000, true},
                 {"scalars", "scalars_1", 0x1820000, false}};

  // vadd_1 on banks 0/1, vadd_2 on banks 2/3.
  d.connections = {{0, 0, 0}, {1, 0, 0}, {2, 0, 1},
                   {0, 1, 2}, {1, 1, 2}, {2, 1, 3}};

  d.clocks = {{"DATA_CLK", 300, 1}, {"KERNEL_CLK", 500, 2}};
  for (int i = 0; i < 1000; ++i)
    d.model.push_back(static_cast<uint8_t>(i * 7 + 3));
  d.model_name = "vadd_model.so";
  return d;
}

} // namespace xrtemu::xclbin::test
