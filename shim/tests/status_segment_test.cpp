// The status mirror's segment (shim/status): a reader never sees half an
// update while a writer keeps publishing, and the lifecycle rules hold.
#include "xrtemu/status/segment.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

using namespace xrtemu::status;

TEST_CASE("seqlock: every snapshot is one whole update", "[status]")
{
  writer w;
  int pid = static_cast<int>(::getpid());
  std::atomic<bool> stop{false};
  // Each update writes the same number everywhere; a torn copy would mix two.
  std::thread t([&] {
    for (uint64_t k = 1; !stop.load(); ++k) {
      w.begin();
      auto& s = w.data();
      s.head.num_cards = 1;
      auto& c = s.cards[0];
      c.num_cus = max_cus;
      for (auto& cu : c.cus)
        cu.runs = k;
      c.submitted = c.completed = k;
      c.num_banks = max_banks;
      for (auto& b : c.banks)
        b.allocated = k;
      w.end();
      // Far more often than the shim's 20 ms, still often enough that
      // copies overlap updates.
      std::this_thread::sleep_for(std::chrono::microseconds(20));
    }
  });
  int checked = 0;
  for (int i = 0; i < 200; ++i) {
    std::unique_ptr<segment> s;
    try {
      s = read(pid);
    }
    catch (const read_error& e) {
      // Only "still setting up" before the first update ends is expected.
      REQUIRE(e.reason == read_error::busy);
      continue;
    }
    auto& c = s->cards[0];
    auto k = c.cus[0].runs;
    bool same = true;
    for (auto& cu : c.cus)
      same &= cu.runs == k;
    for (auto& b : c.banks)
      same &= b.allocated == k;
    same &= c.submitted == k && c.completed == k;
    REQUIRE(same);
    ++checked;
  }
  stop = true;
  t.join();
  CHECK(checked > 100);

  // Listed while it exists; a live process's segment is not removed.
  auto pids = list();
  CHECK(std::find(pids.begin(), pids.end(), pid) != pids.end());
  std::string why;
  CHECK_FALSE(remove(pid, why));
  CHECK(why.find("still running") != std::string::npos);

  w.destroy();
  CHECK_FALSE(std::ifstream(segment_path(pid)).good());
  try {
    read(pid);
    FAIL("read a removed segment");
  }
  catch (const read_error& e) {
    CHECK(e.reason == read_error::missing);
  }
}

TEST_CASE("text fields are read bounded, with or without a terminator", "[status]")
{
  char full[4] = {'a', 'b', 'c', 'd'};
  char shorter[8] = {'x', 'y', 0, 'z'};
  CHECK(text(full) == "abcd");
  CHECK(text(shorter) == "xy");
}
