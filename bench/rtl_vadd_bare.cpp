// P5's baseline: the verilated rtl_vadd in a bare Verilator testbench, with
// the traffic the card gives it (reset, register writes, ap_start, run to
// the interrupt) served by the leanest memory model that does the job:
// always ready, one beat a cycle, no checks.  Prints "<cycles> <seconds>"
// for `runs` runs of n elements.
//   usage: rtl_vadd_bare <elements> <runs>
#include "Vrtl_vadd_bare.h"
#include "verilated.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <vector>

namespace {

struct bench
{
  VerilatedContext ctx;
  Vrtl_vadd_bare top{&ctx, "rtl_vadd"};
  std::vector<uint32_t> mem;          // word addressed from 0
  struct burst { uint64_t addr; uint32_t left; };
  std::deque<burst> reads, writes;
  uint64_t cycles = 0;

  void tick()
  {
    auto* t = &top;
    // Handshakes at this edge (everything we drive is "always ready").
    bool ar = t->m_axi_gmem_ARVALID && t->m_axi_gmem_ARREADY;
    bool r = t->m_axi_gmem_RVALID && t->m_axi_gmem_RREADY;
    bool aw = t->m_axi_gmem_AWVALID && t->m_axi_gmem_AWREADY;
    bool w = t->m_axi_gmem_WVALID && t->m_axi_gmem_WREADY;
    bool b = t->m_axi_gmem_BVALID && t->m_axi_gmem_BREADY;
    if (ar)
      reads.push_back({t->m_axi_gmem_ARADDR, uint32_t(t->m_axi_gmem_ARLEN) + 1});
    if (aw)
      writes.push_back({t->m_axi_gmem_AWADDR, uint32_t(t->m_axi_gmem_AWLEN) + 1});
    bool b_next = false;
    if (w) {
      auto& x = writes.front();
      mem[x.addr / 4] = t->m_axi_gmem_WDATA;
      x.addr += 4;
      if (--x.left == 0) {
        writes.pop_front();
        b_next = true;
      }
    }
    t->ap_clk = 1;
    t->eval();
    if (r && --reads.front().left == 0)
      reads.pop_front();
    else if (r)
      reads.front().addr += 4;
    t->m_axi_gmem_ARREADY = 1;
    t->m_axi_gmem_AWREADY = 1;
    t->m_axi_gmem_WREADY = !writes.empty();
    t->m_axi_gmem_RVALID = !reads.empty();
    if (!reads.empty()) {
      t->m_axi_gmem_RDATA = mem[reads.front().addr / 4];
      t->m_axi_gmem_RLAST = reads.front().left == 1;
    }
    if (b_next)
      t->m_axi_gmem_BVALID = 1;
    else if (b)
      t->m_axi_gmem_BVALID = 0;
    t->ap_clk = 0;
    t->eval();
    ++cycles;
  }

  // One AXI4-Lite register write, the plain way.
  void write_reg(uint32_t addr, uint32_t data)
  {
    auto* t = &top;
    t->s_axi_control_AWADDR = addr;
    t->s_axi_control_WDATA = data;
    t->s_axi_control_WSTRB = 0xF;
    t->s_axi_control_AWVALID = 1;
    t->s_axi_control_WVALID = 1;
    t->s_axi_control_BREADY = 1;
    do
      tick();
    while (!t->s_axi_control_BVALID);
    t->s_axi_control_AWVALID = 0;
    t->s_axi_control_WVALID = 0;
    tick();
    t->s_axi_control_BREADY = 0;
  }

  void run(uint32_t n, uint64_t a, uint64_t b, uint64_t c)
  {
    top.ap_rst_n = 0;
    for (int i = 0; i < 16; ++i)
      tick();
    top.ap_rst_n = 1;
    tick();
    write_reg(0x10, uint32_t(a)), write_reg(0x14, uint32_t(a >> 32));
    write_reg(0x1C, uint32_t(b)), write_reg(0x20, uint32_t(b >> 32));
    write_reg(0x28, uint32_t(c)), write_reg(0x2C, uint32_t(c >> 32));
    write_reg(0x34, n);
    write_reg(0x04, 1);
    write_reg(0x08, 1);
    write_reg(0x00, 1);
    while (!top.__SYM__interrupt)
      tick();
    write_reg(0x0C, 1);
  }
};

} // namespace

int main(int argc, char** argv)
{
  uint32_t n = argc > 1 ? std::atoi(argv[1]) : 1000000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  bench tb;
  tb.mem.assign(size_t(n) * 3 + 16, 0);
  uint64_t a = 0, b = uint64_t(n) * 4, c = uint64_t(n) * 8;
  for (uint32_t i = 0; i < n; ++i)
    tb.mem[i] = i, tb.mem[n + i] = 2 * i;
  tb.run(n, a, b, c);   // warm-up, as the platform side does
  tb.cycles = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < runs; ++r)
    tb.run(n, a, b, c);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (uint32_t i = 0; i < n; ++i)
    if (tb.mem[2 * size_t(n) + i] != 3 * i) {
      std::fprintf(stderr, "rtl_vadd_bare: wrong sum at %u\n", i);
      return 1;
    }
  std::printf("%llu %.6f\n", static_cast<unsigned long long>(tb.cycles), s);
  return 0;
}
