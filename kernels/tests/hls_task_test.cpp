// hls::task (hls_task.h), hls::stream_of_blocks (hls_streamofblocks.h) and hls::split /
// hls::merge (hls_np_channel.h) against their documented behaviour.
#include <hls_np_channel.h>
#include <hls_stream.h>
#include <hls_streamofblocks.h>
#include <hls_task.h>

#include <catch2/catch.hpp>

namespace {

void splitter(hls::stream<int>& in, hls::stream<int>& odd, hls::stream<int>& even) {
  int v = in.read();
  (v % 2 ? odd : even).write(v);
}
void add(hls::stream<int>& in, hls::stream<int>& out, int k) { out.write(in.read() + k); }

// A region of three tasks, as Vitis' data-driven example; the tasks are locals here
// (the card's build), so they end when the function returns.
void region(hls::stream<int>& in, hls::stream<int>& odd_out, hls::stream<int>& even_out) {
  hls::stream<int, 8> odd, even;
  hls::task t1(splitter, in, odd, even);
  hls::task t2(add, odd, odd_out, 100);
  hls::task t3(add, even, even_out, 200);
}

}  // namespace

TEST_CASE("hls::task: tasks run on their own threads and end once their input is consumed") {
  hls::stream<int> in, odd, even;
  for (int i = 0; i < 10; ++i) in.write(i);
  region(in, odd, even);
  CHECK(in.empty());
  REQUIRE(odd.size() == 5);
  REQUIRE(even.size() == 5);
  for (int i = 0; i < 5; ++i) {
    CHECK(odd.read() == 2 * i + 1 + 100);
    CHECK(even.read() == 2 * i + 200);
  }
  // The region can run again: fresh tasks.
  in.write(7);
  region(in, odd, even);
  CHECK(odd.read() == 107);
}

TEST_CASE("hls::task: the owner's read waits for the tasks; a read nothing can fill is a deadlock") {
  hls::stream<int> in("in"), out("out");
  hls::task t(add, in, out, 1);
  in.write(41);
  CHECK(out.read() == 42);  // blocks until the task wrote it
  CHECK_THROWS_AS(out.read(), xrtemu::hls::task_deadlock);
}

TEST_CASE("hls::task: a task array started later with operator()") {
  hls::stream<int> in[2], out[2];
  hls::task t[2];
  for (int i = 0; i < 2; ++i) t[i](add, in[i], out[i], 10 * (i + 1));
  in[0].write(1);
  in[1].write(1);
  CHECK(out[0].read() == 11);
  CHECK(out[1].read() == 21);
}

namespace {
typedef int block_t[4];
void fill(hls::stream_of_blocks<block_t>& s, int base) {
  hls::write_lock<block_t> b(s);
  for (int i = 0; i < 4; ++i) b[i] = base + i;
}
int sum(hls::stream_of_blocks<block_t>& s) {
  hls::read_lock<block_t> b(s);
  int r = 0;
  for (int i = 0; i < 4; ++i) r += b[i];
  return r;
}
void sob_stage(hls::stream<int>& in, hls::stream_of_blocks<block_t>& s) { fill(s, in.read()); }
void sob_sum(hls::stream_of_blocks<block_t>& s, hls::stream<int>& out) { out.write(sum(s)); }
}  // namespace

TEST_CASE("hls::stream_of_blocks: blocks in FIFO order, released at the end of the lock") {
  hls::stream_of_blocks<block_t> s;
  CHECK(s.empty());
  CHECK(s.depth() == 2);
  fill(s, 0);
  fill(s, 10);
  CHECK(s.full());
  fill(s, 20);  // sequential C simulation: writers never stall
  CHECK(!s.empty());
  CHECK(sum(s) == 6);
  CHECK(sum(s) == 46);
  CHECK(sum(s) == 86);
  CHECK(s.empty());
  {
    hls::write_lock<block_t> w(s);
    CHECK(s.empty());  // not visible before release
    w.release();
    CHECK(!s.empty());
  }
  sum(s);
}

TEST_CASE("hls::stream_of_blocks between tasks: the reader waits for a block") {
  hls::stream<int> in, out;
  hls::stream_of_blocks<block_t> s;
  hls::task a(sob_stage, in, s);
  hls::task b(sob_sum, s, out);
  in.write(1);
  CHECK(out.read() == 1 + 2 + 3 + 4);
  in.write(2);
  CHECK(out.read() == 2 + 3 + 4 + 5);
}

TEST_CASE("hls::split and hls::merge policies") {
  SECTION("split round_robin") {
    hls::split::round_robin<int, 3> s;
    for (int i = 0; i < 7; ++i) s.in.write(i);
    CHECK(s.out[0].size() == 3);
    CHECK(s.out[1].read() == 1);
    CHECK(s.out[2].read() == 2);
    CHECK(s.out[0].read() == 0);
  }
  SECTION("split load_balance sends to the least-filled output") {
    hls::split::load_balance<int, 2, 4> s;
    s.in.write(1);
    s.in.write(2);
    CHECK(s.out[0].read() == 1);  // consumer 0 keeps up
    s.in.write(3);
    s.in.write(4);
    CHECK(s.out[0].size() == 1);
    CHECK(s.out[1].size() == 2);
  }
  SECTION("merge round_robin takes inputs in turn") {
    hls::merge::round_robin<int, 2> m;
    m.in[1].write(10);
    m.in[1].write(11);
    m.in[0].write(0);
    m.in[0].write(1);
    CHECK(m.out.read() == 0);
    CHECK(m.out.read() == 10);
    CHECK(m.out.read() == 1);
    CHECK(m.out.read() == 11);
  }
  SECTION("merge load_balance takes whatever input has data") {
    hls::merge::load_balance<int, 3> m;
    m.in[2].write(5);
    CHECK(m.out.size() == 1);
    CHECK(m.out.read() == 5);
    int v = 0;
    CHECK(!m.out.read_nb(v));
    CHECK_THROWS_AS(m.out.write(1), std::logic_error);
  }
}
