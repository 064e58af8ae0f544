// The example rtl_vadd verilated for the bridge tests (kernels/rtl/CMakeLists.txt
// builds it with Verilator's CMake flow): the dut and its ports as a spec.
#pragma once

#include "Vrtl_vadd.h"
#include "verilated.h"
#include "xrtemu/rtl/kernel_runner.hpp"

namespace xrtemu::rtl::test {

class vadd_dut final : public dut
{
public:
  vadd_dut() : top(new Vrtl_vadd(&ctx, "rtl_vadd")) {}
  ~vadd_dut() override { top->final(); delete top; }
  void set_clock(bool h) override { top->ap_clk = h; }
  void set_reset_n(bool h) override { top->ap_rst_n = h; }
  void eval() override { top->eval(); }
  VerilatedContext ctx;
  Vrtl_vadd* top;
};

inline rtl_kernel_spec spec_of(Vrtl_vadd* t)
{
  rtl_kernel_spec s;
  s.kernel = "rtl_vadd";
  s.has_control = true;
  auto& c = s.control_ports;
  c.awvalid = {&t->s_axi_control_AWVALID, 1}; c.awready = {&t->s_axi_control_AWREADY, 1};
  c.awaddr = {&t->s_axi_control_AWADDR, 6};   c.wvalid = {&t->s_axi_control_WVALID, 1};
  c.wready = {&t->s_axi_control_WREADY, 1};   c.wdata = {&t->s_axi_control_WDATA, 32};
  c.wstrb = {&t->s_axi_control_WSTRB, 4};     c.bvalid = {&t->s_axi_control_BVALID, 1};
  c.bready = {&t->s_axi_control_BREADY, 1};   c.bresp = {&t->s_axi_control_BRESP, 2};
  c.arvalid = {&t->s_axi_control_ARVALID, 1}; c.arready = {&t->s_axi_control_ARREADY, 1};
  c.araddr = {&t->s_axi_control_ARADDR, 6};   c.rvalid = {&t->s_axi_control_RVALID, 1};
  c.rready = {&t->s_axi_control_RREADY, 1};   c.rdata = {&t->s_axi_control_RDATA, 32};
  c.rresp = {&t->s_axi_control_RRESP, 2};
  s.interrupt = {&t->__SYM__interrupt, 1};
  rtl_master m;
  m.name = "m_axi_gmem";
  auto& p = m.ports;
  p.awvalid = {&t->m_axi_gmem_AWVALID, 1}; p.awready = {&t->m_axi_gmem_AWREADY, 1};
  p.awaddr = {&t->m_axi_gmem_AWADDR, 64};  p.awlen = {&t->m_axi_gmem_AWLEN, 8};
  p.awsize = {&t->m_axi_gmem_AWSIZE, 3};   p.awburst = {&t->m_axi_gmem_AWBURST, 2};
  p.wvalid = {&t->m_axi_gmem_WVALID, 1};   p.wready = {&t->m_axi_gmem_WREADY, 1};
  p.wdata = {&t->m_axi_gmem_WDATA, 32};    p.wstrb = {&t->m_axi_gmem_WSTRB, 4};
  p.wlast = {&t->m_axi_gmem_WLAST, 1};     p.bvalid = {&t->m_axi_gmem_BVALID, 1};
  p.bready = {&t->m_axi_gmem_BREADY, 1};   p.bresp = {&t->m_axi_gmem_BRESP, 2};
  p.arvalid = {&t->m_axi_gmem_ARVALID, 1}; p.arready = {&t->m_axi_gmem_ARREADY, 1};
  p.araddr = {&t->m_axi_gmem_ARADDR, 64};  p.arlen = {&t->m_axi_gmem_ARLEN, 8};
  p.arsize = {&t->m_axi_gmem_ARSIZE, 3};   p.arburst = {&t->m_axi_gmem_ARBURST, 2};
  p.rvalid = {&t->m_axi_gmem_RVALID, 1};   p.rready = {&t->m_axi_gmem_RREADY, 1};
  p.rdata = {&t->m_axi_gmem_RDATA, 32};    p.rresp = {&t->m_axi_gmem_RRESP, 2};
  p.rlast = {&t->m_axi_gmem_RLAST, 1};
  s.masters.push_back(m);
  s.args = {{"a", XRTEMU_ARG_GLOBAL, 0x10, 8, 0}, {"b", XRTEMU_ARG_GLOBAL, 0x1C, 8, 0},
            {"c", XRTEMU_ARG_GLOBAL, 0x28, 8, 0}, {"n", XRTEMU_ARG_SCALAR, 0x34, 4, -1}};
  return s;
}

} // namespace xrtemu::rtl::test
