// hls::stream in port mode: elements cross an xrtemu_stream_port as AXI4-Stream beats.
#include <ap_axi_sdata.h>
#include <ap_fixed.h>
#include <ap_int.h>
#include <hls_stream.h>
#include <xrtemu/model_glue.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

// A bounded FIFO behind the port ABI, standing in for the card's stream link.
class test_port {
 public:
  struct stored {
    std::vector<uint8_t> data, keep, strb;
    uint64_t user = 0, id = 0, dest = 0;
    uint32_t last = 0;
  };

  explicit test_port(uint32_t depth, std::string name = "test.out -> test.in") : name_(std::move(name)), depth_(depth) {
    port = {this, name_.c_str(), &rd, &wr, &sz, &dp};
  }

  void cancel() {
    std::lock_guard<std::mutex> l(m_);
    cancelled_ = true;
    cv_.notify_all();
  }
  // Beats as they were written, before any reader's width applies.
  stored front() {
    std::lock_guard<std::mutex> l(m_);
    return q_.front();
  }
  size_t count() {
    std::lock_guard<std::mutex> l(m_);
    return q_.size();
  }

  xrtemu_stream_port port;

 private:
  static test_port& self(void* c) { return *static_cast<test_port*>(c); }
  static void fill(uint8_t* dst, size_t n, const std::vector<uint8_t>& src) {
    size_t k = std::min(n, src.size());
    if (k) std::memcpy(dst, src.data(), k);
    if (n > k) std::memset(dst + k, 0, n - k);
  }
  static int rd(void* c, xrtemu_beat* b, int blocking) {
    auto& p = self(c);
    std::unique_lock<std::mutex> l(p.m_);
    if (p.q_.empty() && !blocking && !p.cancelled_) return XRTEMU_STREAM_WOULD_BLOCK;
    p.cv_.wait(l, [&] { return p.cancelled_ || !p.q_.empty(); });
    if (p.cancelled_) return XRTEMU_STREAM_CANCELLED;
    auto& s = p.q_.front();
    size_t mb = (b->data_bytes + 7) / 8;
    fill(b->data, b->data_bytes, s.data);
    fill(b->keep, mb, s.keep);
    fill(b->strb, mb, s.strb);
    b->user = s.user;
    b->id = s.id;
    b->dest = s.dest;
    b->last = s.last;
    p.q_.pop_front();
    p.cv_.notify_all();
    return XRTEMU_STREAM_OK;
  }
  static int wr(void* c, const xrtemu_beat* b, int blocking) {
    auto& p = self(c);
    std::unique_lock<std::mutex> l(p.m_);
    if (p.q_.size() >= p.depth_ && !blocking && !p.cancelled_) return XRTEMU_STREAM_WOULD_BLOCK;
    p.cv_.wait(l, [&] { return p.cancelled_ || p.q_.size() < p.depth_; });
    if (p.cancelled_) return XRTEMU_STREAM_CANCELLED;
    stored s;
    size_t mb = (b->data_bytes + 7) / 8;
    s.data.assign(b->data, b->data + b->data_bytes);
    s.keep.assign(b->keep, b->keep + mb);
    s.strb.assign(b->strb, b->strb + mb);
    s.user = b->user;
    s.id = b->id;
    s.dest = b->dest;
    s.last = b->last;
    p.q_.push_back(std::move(s));
    p.cv_.notify_all();
    return XRTEMU_STREAM_OK;
  }
  static uint32_t sz(void* c) {
    auto& p = self(c);
    std::lock_guard<std::mutex> l(p.m_);
    return static_cast<uint32_t>(p.q_.size());
  }
  static uint32_t dp(void* c) { return self(c).depth_; }

  std::string name_;
  uint32_t depth_;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<stored> q_;
  bool cancelled_ = false;
};

// Writes v through one attached stream and reads it back through another.
template <class T> T round_trip(const T& v, test_port& p) {
  hls::stream<T> out, in;
  out.attach(&p.port);
  in.attach(&p.port);
  out.write(v);
  return in.read();
}

struct pixel {
  uint8_t r, g, b;
  float alpha;
  int16_t tag[3];
};

}  // namespace

TEST_CASE("port mode: plain types cross as their object bytes") {
  test_port p(4);
  {
    hls::stream<int> s;
    s.attach(&p.port);
    s.write(-123456);
    auto b = p.front();
    CHECK(b.data.size() == 4);
    CHECK(b.keep == std::vector<uint8_t>{0x0f});
    CHECK(b.strb == std::vector<uint8_t>{0x0f});
    CHECK(b.last == 0);
    CHECK(s.read() == -123456);
  }
  CHECK(round_trip(3.25f, p) == 3.25f);
  CHECK(round_trip(-1e300, p) == -1e300);

  pixel px{1, 2, 3, 0.5f, {-1, 2, -3}};
  pixel r = round_trip(px, p);
  CHECK(r.r == 1);
  CHECK(r.g == 2);
  CHECK(r.b == 3);
  CHECK(r.alpha == 0.5f);
  CHECK(r.tag[0] == -1);
  CHECK(r.tag[1] == 2);
  CHECK(r.tag[2] == -3);
}

TEST_CASE("port mode: ap types cross as (W+7)/8 bytes of their bits") {
  test_port p(4);
  {
    hls::stream<ap_uint<12>> s;
    s.attach(&p.port);
    s.write(ap_uint<12>(0xabc));
    auto b = p.front();
    CHECK(b.data == std::vector<uint8_t>{0xbc, 0x0a});
    CHECK(b.keep == std::vector<uint8_t>{0x03});
    ap_uint<12> v = s.read();
    CHECK(v == 0xabc);
  }
  {
    // Sign bits: a negative 70-bit value comes back negative; the padding bits above 70 are 0.
    hls::stream<ap_int<70>> s;
    s.attach(&p.port);
    ap_int<70> neg = -5;
    neg <<= 60;
    neg -= 3;
    s.write(neg);
    auto b = p.front();
    REQUIRE(b.data.size() == 9);
    CHECK(b.data[8] == 0x3f);  // bits 64..69 set, 70..71 clear
    CHECK(b.keep == std::vector<uint8_t>{0xff, 0x01});
    ap_int<70> v = s.read();
    CHECK(v == neg);
    CHECK(v < 0);
    CHECK(round_trip(ap_int<70>(-1), p) == -1);
    CHECK(round_trip(ap_int<70>(12345), p) == 12345);
  }
  {
    ap_uint<512> wide = 0;
    for (int i = 0; i < 64; ++i) wide.range(8 * i + 7, 8 * i) = i * 3 + 1;
    hls::stream<ap_uint<512>> s;
    s.attach(&p.port);
    s.write(wide);
    auto b = p.front();
    REQUIRE(b.data.size() == 64);
    for (int i = 0; i < 64; ++i) CHECK(b.data[i] == uint8_t(i * 3 + 1));
    CHECK(b.keep == std::vector<uint8_t>(8, 0xff));
    CHECK(s.read() == wide);
  }
  {
    typedef ap_fixed<20, 8, AP_RND, AP_SAT> fx;
    fx f = -3.375;
    CHECK(round_trip(f, p) == f);
    typedef ap_ufixed<9, 3> ufx;
    ufx u = 5.5;
    CHECK(round_trip(u, p) == u);
  }
}

TEST_CASE("port mode: AXI side-channel structs map onto TKEEP/TSTRB/TLAST/TUSER/TID/TDEST") {
  test_port p(4);
  {
    ap_axiu<32, 1, 1, 1> a;
    a.data = 0xdeadbeef;
    a.keep = 0x7;
    a.strb = 0x5;
    a.last = 1;
    a.user = 1;
    a.id = 0;
    a.dest = 1;
    hls::stream<ap_axiu<32, 1, 1, 1>> s;
    s.attach(&p.port);
    s.write(a);
    auto b = p.front();
    CHECK(b.data == std::vector<uint8_t>{0xef, 0xbe, 0xad, 0xde});
    CHECK(b.keep == std::vector<uint8_t>{0x07});
    CHECK(b.strb == std::vector<uint8_t>{0x05});
    CHECK(b.last == 1);
    CHECK(b.user == 1);
    CHECK(b.id == 0);
    CHECK(b.dest == 1);
    auto r = s.read();
    CHECK(r.data == 0xdeadbeef);
    CHECK(r.keep == 0x7);
    CHECK(r.strb == 0x5);
    CHECK(r.last == 1);
    CHECK(r.user == 1);
    CHECK(r.id == 0);
    CHECK(r.dest == 1);
  }
  {
    // Zero-width channels are not sent (their 1-bit members are often left uninitialised).
    ap_axis<64, 0, 0, 0> a;
    a.data = -2;
    a.keep = 0xf0;
    a.strb = 0x30;
    a.last = 0;
    a.user = 1;
    a.id = 1;
    a.dest = 1;
    hls::stream<ap_axis<64, 0, 0, 0>> s;
    s.attach(&p.port);
    s.write(a);
    auto b = p.front();
    CHECK(b.data == std::vector<uint8_t>{0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
    CHECK(b.keep == std::vector<uint8_t>{0xf0});
    CHECK(b.strb == std::vector<uint8_t>{0x30});
    CHECK(b.user == 0);
    CHECK(b.id == 0);
    CHECK(b.dest == 0);
    auto r = s.read();
    CHECK(r.data == -2);
    CHECK(r.keep == 0xf0);
    CHECK(r.strb == 0x30);
    CHECK(r.last == 0);
    CHECK(r.user == 0);
  }
  {
    ap_axiu<16, 8, 5, 3> a;
    a.data = 0x1234;
    a.keep = 3;
    a.strb = 3;
    a.last = 1;
    a.user = 0xa5;
    a.id = 0x1f;
    a.dest = 6;
    auto r = round_trip(a, p);
    CHECK(r.user == 0xa5);
    CHECK(r.id == 0x1f);
    CHECK(r.dest == 6);
    CHECK(r.last == 1);
  }
  {
    hls::axis<float, 4, 0, 0> a;
    a.data = -7.5f;
    a.keep = 0xf;
    a.strb = 0xf;
    a.last = 1;
    a.user = 9;
    hls::stream<hls::axis<float, 4, 0, 0>> s;
    s.attach(&p.port);
    s.write(a);
    auto b = p.front();
    float f;
    std::memcpy(&f, b.data.data(), 4);
    CHECK(f == -7.5f);
    CHECK(b.user == 9);
    auto r = s.read();
    CHECK(r.data == -7.5f);
    CHECK(r.keep == 0xf);
    CHECK(r.last == 1);
    CHECK(r.user == 9);
  }
  {
    hls::axis<float> a;
    a.data = 1.5f;
    a.keep = 0xf;
    a.strb = 0xf;
    a.last = 0;
    CHECK(round_trip(a, p).data == 1.5f);
  }
  {
    // No strb member: TSTRB follows TKEEP.
    qdma_axis<32, 0, 0, 0> q;
    q.set_data(77);
    q.set_keep(0xe);
    q.set_last(1);
    hls::stream<qdma_axis<32, 0, 0, 0>> s;
    s.attach(&p.port);
    s.write(q);
    auto b = p.front();
    CHECK(b.strb == std::vector<uint8_t>{0x0e});
    auto r = s.read();
    CHECK(r.get_data() == 77);
    CHECK(r.get_keep() == 0xe);
    CHECK(r.get_last() == 1);
  }
}

TEST_CASE("port mode: the reader's width rules") {
  test_port p(4);
  hls::stream<ap_uint<16>> narrow;
  hls::stream<ap_uint<64>> wide;
  narrow.attach(&p.port);
  wide.attach(&p.port);

  narrow.write(0xbeef);
  CHECK(wide.read() == 0xbeef);  // zero-extended

  wide.write(ap_uint<64>("0x0123456789abcdef", 16));
  CHECK(narrow.read() == 0xcdef);  // truncated

  // Sign is not extended across widths: the narrower beat is zero-extended.
  hls::stream<ap_int<8>> s8;
  hls::stream<ap_int<32>> s32;
  s8.attach(&p.port);
  s32.attach(&p.port);
  s8.write(-1);
  CHECK(s32.read() == 0xff);

  hls::stream<short> sh;
  hls::stream<long long> ll;
  sh.attach(&p.port);
  ll.attach(&p.port);
  sh.write(-2);
  CHECK(ll.read() == 0xfffe);
  ll.write(0x1122334455667788LL);
  CHECK(sh.read() == 0x7788);
}

TEST_CASE("port mode: blocking read waits for a producer thread") {
  test_port p(2);
  hls::stream<int> in, out;
  in.attach(&p.port);
  out.attach(&p.port);
  const int n = 20000;
  std::thread producer([&] {
    for (int i = 0; i < n; ++i) out.write(i * 7);  // blocks whenever the 2-deep FIFO is full
  });
  long long sum = 0, expect = 0;
  bool ordered = true;
  for (int i = 0; i < n; ++i) {
    int v = in.read();
    ordered = ordered && v == i * 7;
    sum += v;
    expect += i * 7;
  }
  producer.join();
  CHECK(ordered);
  CHECK(sum == expect);
  CHECK(in.empty());
}

TEST_CASE("port mode: non-blocking ops and the FIFO queries") {
  test_port p(2);
  hls::stream<int> s;
  s.attach(&p.port);
  int v = 42;
  CHECK(s.empty());
  CHECK(!s.full());
  CHECK(s.size() == 0);
  CHECK(s.depth() == 2);
  CHECK(!s.read_nb(v));
  CHECK(v == 42);
  CHECK(s.write_nb(1));
  CHECK(!s.empty());
  CHECK(s.write_nb(2));
  CHECK(s.full());
  CHECK(s.size() == 2);
  CHECK(!s.write_nb(3));  // WOULD_BLOCK
  CHECK(p.count() == 2);
  CHECK(s.read_nb(v));
  CHECK(v == 1);
  s >> v;
  CHECK(v == 2);
  s << 5;
  s.read(v);
  CHECK(v == 5);
  CHECK(s.empty());
  CHECK(s.name() == "test.out -> test.in");

  // Detaching goes back to the local FIFO.
  s.attach(nullptr);
  s.write(9);
  CHECK(s.size() == 1);
  CHECK(p.count() == 0);
  CHECK(s.read() == 9);
}

TEST_CASE("port mode: cancellation unwinds a blocked read or write") {
  test_port p(1, "k1.out -> k2.in");
  hls::stream<int> s;
  s.attach(&p.port);
  std::atomic<bool> caught(false);
  std::string what;
  std::thread reader([&] {
    try {
      s.read();
    } catch (const xrtemu::hls::stream_cancelled& e) {
      what = e.what();
      caught = true;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(!caught);
  p.cancel();
  reader.join();
  CHECK(caught);
  CHECK(what.find("k1.out -> k2.in") != std::string::npos);

  test_port q(1);
  hls::stream<ap_uint<24>> w;
  w.attach(&q.port);
  w.write(1);
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    q.cancel();
  });
  CHECK_THROWS_AS(w.write(2), xrtemu::hls::stream_cancelled);
  writer.join();
  int v;
  CHECK_THROWS_AS(s.read_nb(v), xrtemu::hls::stream_cancelled);
  const std::exception& base = xrtemu::hls::stream_cancelled("x");
  CHECK(std::string(base.what()).find("'x'") != std::string::npos);
}

TEST_CASE("port mode leaves streams of other element types usable locally") {
  hls::stream<std::string> s("strings");
  s.write("hello");
  CHECK(s.read() == "hello");
}

// A top function as a kernel source would define it.
static void pass(hls::stream<int>& in, hls::stream<int>& out, int n) {
  for (int i = 0; i < n; ++i) out.write(in.read() + 1);
}
static void drain(hls::stream<ap_axiu<32, 0, 0, 0>>& in, int* sum) {
  ap_axiu<32, 0, 0, 0> v;
  do {
    v = in.read();
    *sum += int(v.data);
  } while (!v.last);
}

TEST_CASE("model_glue: stream arguments are described as ports and run on attached streams") {
  using k = xrtemu::glue::kernel<&pass>;
  constexpr auto args = k::args({"in", "out", "n"}, {nullptr, nullptr, nullptr});
  CHECK(args.a[0].kind == XRTEMU_ARG_STREAM);
  CHECK(args.a[0].size == 0);
  CHECK(std::string(args.a[0].port) == "in");
  CHECK(std::string(args.a[0].type) == "hls::stream<int>&");
  CHECK(args.a[1].kind == XRTEMU_ARG_STREAM);
  CHECK(std::string(args.a[1].port) == "out");
  CHECK(args.a[2].kind == XRTEMU_ARG_SCALAR);
  CHECK(args.a[2].size == 4);

  test_port pin(2), pout(3);
  int n = 5000;
  void* argv[] = {&pin.port, &pout.port, &n};
  hls::stream<int> feed, result;
  feed.attach(&pin.port);
  result.attach(&pout.port);
  std::thread producer([&] { for (int i = 0; i < n; ++i) feed.write(i); });
  bool ok = true;
  std::thread consumer([&] { for (int i = 0; i < n; ++i) ok = result.read() == i + 1 && ok; });
  k::run(argv);
  producer.join();
  consumer.join();
  CHECK(ok);
  CHECK(pin.count() == 0);
  CHECK(pout.count() == 0);

  // Cancelling the link unwinds the kernel through run().
  test_port c1(1), c2(1);
  void* cargv[] = {&c1.port, &c2.port, &n};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    c1.cancel();
  });
  CHECK_THROWS_AS(k::run(cargv), xrtemu::hls::stream_cancelled);
  canceller.join();

  // AXI elements and a pointer argument side by side.
  using d = xrtemu::glue::kernel<&drain>;
  constexpr auto dargs = d::args({"in", "sum"}, {nullptr, nullptr});
  CHECK(dargs.a[0].kind == XRTEMU_ARG_STREAM);
  CHECK(std::string(dargs.a[0].type) == "hls::stream&");
  CHECK(dargs.a[1].kind == XRTEMU_ARG_GLOBAL);
  test_port ax(8);
  hls::stream<ap_axiu<32, 0, 0, 0>> src;
  src.attach(&ax.port);
  for (int i = 1; i <= 4; ++i) {
    ap_axiu<32, 0, 0, 0> v;
    v.data = i;
    v.keep = -1;
    v.strb = -1;
    v.last = i == 4;
    src.write(v);
  }
  int sum = 0;
  int* sum_ptr = &sum;
  void* dargv[] = {&ax.port, &sum_ptr};
  d::run(dargv);
  CHECK(sum == 10);
}
