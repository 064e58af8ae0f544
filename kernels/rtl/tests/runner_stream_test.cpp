// run_rtl_kernel with AXI4-Stream ports: the free-running rtl_triple
// (verilated here) between two FIFOs that stand in for the card's stream
// links, fed and drained by other threads at their own pace.  Every beat
// comes out once, in order, tripled, with TLAST; a cancelled link unwinds
// the run.
#include "Vrtl_triple.h"
#include "verilated.h"
#include "xrtemu/rtl/kernel_runner.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

using namespace xrtemu::rtl;

namespace {

class triple_dut final : public dut
{
public:
  triple_dut() : top(new Vrtl_triple(&ctx, "rtl_triple")) {}
  ~triple_dut() override { top->final(); delete top; }
  void set_clock(bool h) override { top->ap_clk = h; }
  void set_reset_n(bool h) override { top->ap_rst_n = h; }
  void eval() override { top->eval(); }
  VerilatedContext ctx;
  Vrtl_triple* top;
};

// A bounded FIFO of 4-byte beats behind an xrtemu_stream_port.
struct fifo
{
  struct item
  {
    uint32_t data;
    uint8_t keep;
    bool last;
  };
  std::mutex m;
  std::condition_variable cv;
  std::deque<item> q;
  size_t depth = 4;
  bool cancelled = false;
  xrtemu_stream_port port{};

  fifo()
  {
    port.ctx = this;
    port.name = "test fifo";
    port.read = [](void* ctx, xrtemu_beat* b, int blocking) {
      auto* f = static_cast<fifo*>(ctx);
      std::unique_lock<std::mutex> lk(f->m);
      while (f->q.empty() && !f->cancelled && blocking)
        f->cv.wait(lk);
      if (f->cancelled)
        return int(XRTEMU_STREAM_CANCELLED);
      if (f->q.empty())
        return int(XRTEMU_STREAM_WOULD_BLOCK);
      auto it = f->q.front();
      f->q.pop_front();
      std::memcpy(b->data, &it.data, 4);
      b->keep[0] = b->strb[0] = it.keep;
      b->last = it.last;
      f->cv.notify_all();
      return int(XRTEMU_STREAM_OK);
    };
    port.write = [](void* ctx, const xrtemu_beat* b, int blocking) {
      auto* f = static_cast<fifo*>(ctx);
      std::unique_lock<std::mutex> lk(f->m);
      while (f->q.size() >= f->depth && !f->cancelled && blocking)
        f->cv.wait(lk);
      if (f->cancelled)
        return int(XRTEMU_STREAM_CANCELLED);
      if (f->q.size() >= f->depth)
        return int(XRTEMU_STREAM_WOULD_BLOCK);
      item it{};
      std::memcpy(&it.data, b->data, 4);
      it.keep = b->keep[0];
      it.last = b->last;
      f->q.push_back(it);
      f->cv.notify_all();
      return int(XRTEMU_STREAM_OK);
    };
  }
  void put(item it)
  {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk, [&] { return q.size() < depth || cancelled; });
    q.push_back(it);
    cv.notify_all();
  }
  bool get(item& it)
  {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk, [&] { return !q.empty() || cancelled; });
    if (q.empty())
      return false;
    it = q.front();
    q.pop_front();
    cv.notify_all();
    return true;
  }
  void cancel()
  {
    std::lock_guard<std::mutex> lk(m);
    cancelled = true;
    cv.notify_all();
  }
};

rtl_kernel_spec spec_of(Vrtl_triple* t)
{
  rtl_kernel_spec s;
  s.kernel = "rtl_triple";
  s.control = XRTEMU_CTRL_NONE;
  rtl_stream in{"s_axis_in", true, {}}, out{"m_axis_out", false, {}};
  in.ports.tvalid = {&t->s_axis_in_TVALID, 1};
  in.ports.tready = {&t->s_axis_in_TREADY, 1};
  in.ports.tdata = {&t->s_axis_in_TDATA, 32};
  in.ports.tkeep = {&t->s_axis_in_TKEEP, 4};
  in.ports.tlast = {&t->s_axis_in_TLAST, 1};
  out.ports.tvalid = {&t->m_axis_out_TVALID, 1};
  out.ports.tready = {&t->m_axis_out_TREADY, 1};
  out.ports.tdata = {&t->m_axis_out_TDATA, 32};
  out.ports.tkeep = {&t->m_axis_out_TKEEP, 4};
  out.ports.tlast = {&t->m_axis_out_TLAST, 1};
  s.streams = {in, out};
  s.args = {{"in", XRTEMU_ARG_STREAM, 0, 0, 0}, {"out", XRTEMU_ARG_STREAM, 0, 0, 1}};
  return s;
}

} // namespace

TEST_CASE("run_rtl_kernel: a free-running stream kernel between two links, bursts and pauses", "[rtl][runner][axis]")
{
  // prefill: beats already waiting when the run starts are offered during
  // reset and must cross exactly once when the module leaves reset.
  for (uint32_t stall : {0u, 40u})
    for (bool prefill : {false, true}) {
      fifo in, out;
      in.depth = prefill ? 64 : 4;
      const uint32_t n = 3000;
      uint32_t first = 0;
      if (prefill)
        for (; first < 3; ++first)
          in.put({first, 0xF, false});
      std::atomic<bool> stop{false};
      xrtemu_run_info info{sizeof info, "rtl_triple_1", 0, &stop,
                           [](void* c) { return static_cast<std::atomic<bool>*>(c)->load() ? 1 : 0; }};
      void* argv[3] = {&in.port, &out.port, &info};
      std::string failure;
      std::thread body([&] {
        try {
          triple_dut d;
          run_options opt;
          opt.stall_percent = stall;
          run_rtl_kernel(d, spec_of(d.top), argv, opt);
        }
        catch (const run_cancelled&) {
        }
        catch (const std::exception& e) {
          failure = e.what();
        }
      });
      std::thread feeder([&] {
        for (uint32_t i = first; i < n; ++i) {
          in.put({i, uint8_t(i % 3 ? 0xF : 0x3), i % 100 == 99});
          if (i % 500 == 0)   // pauses long enough for the runner to park on the link
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
      });
      std::string wrong;
      for (uint32_t i = 0; i < n && wrong.empty(); ++i) {
        fifo::item it{};
        if (!out.get(it))
          wrong = "no beat " + std::to_string(i);
        else if (it.data != 3 * i || it.keep != ((i < first || i % 3) ? 0xF : 0x3) || it.last != (i % 100 == 99))
          wrong = "beat " + std::to_string(i) + " is " + std::to_string(it.data) + " (keep " + std::to_string(it.keep) +
                  ", last " + std::to_string(it.last) + ")";
        if (i % 700 == 0)
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      // Idle now, parked on its input: cancelling the links ends the run.
      in.cancel();
      out.cancel();
      feeder.join();
      body.join();
      INFO("stall " << stall << ", prefill " << prefill);
      CHECK(wrong == "");
      CHECK(failure.empty());
      CHECK(out.q.empty());   // nothing extra came out
    }
}
