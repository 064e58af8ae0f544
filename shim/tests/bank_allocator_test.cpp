#include "bank_allocator.h"

#include <catch2/catch.hpp>

using xrtemu::shim::bank_allocator;

TEST_CASE("bank allocator hands out aligned ranges inside the bank and takes them back", "[shim]")
{
  const uint64_t base = 0x400000000ULL, size = 1ULL << 20;
  bank_allocator a(base, size);
  auto x = a.allocate(1);
  auto y = a.allocate(5000);
  REQUIRE(x);
  REQUIRE(y);
  CHECK(*x == base);
  CHECK(*y % 4096 == 0);
  CHECK(*y >= base + 4096);
  CHECK(a.count() == 2);
  CHECK(a.used() == 4096 + 8192);
  CHECK_FALSE(a.allocate(size));          // larger than what is left
  a.release(*x);
  a.release(*y);
  CHECK(a.used() == 0);
  auto whole = a.allocate(size);          // coalesced back into one range
  REQUIRE(whole);
  CHECK(*whole == base);
  CHECK_THROWS(a.release(base + 12345));
}
