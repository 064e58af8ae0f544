// Randomised checks of ap_int / ap_uint against Boost.Multiprecision cpp_int.
#include <ap_int.h>

#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <sstream>

using boost::multiprecision::cpp_int;

namespace {

std::mt19937_64& rng() {
  static std::mt19937_64 g(12345);
  return g;
}

cpp_int pow2(int n) { return cpp_int(1) << n; }

// Interpret the low w bits of x as signed or unsigned.
cpp_int wrap(const cpp_int& x, int w, bool s) {
  cpp_int m = pow2(w);
  cpp_int r = x % m;
  if (r < 0) r += m;
  if (s && r >= pow2(w - 1)) r -= m;
  return r;
}

template <int W, bool S> cpp_int to_cpp(const ap_int_base<W, S>& v) {
  cpp_int r = 0;
  for (int i = ap_int_base<W, S>::_AP_N - 1; i >= 0; --i) r = (r << 64) + cpp_int(v.limb(i));
  return wrap(r, W, S);
}

std::string hex(const cpp_int& u) {
  std::stringstream ss;
  ss << std::hex << u;
  return "0x" + ss.str();
}

// Random W-bit pattern, biased towards edge values.
template <int W, bool S> ap_int_base<W, S> random_ap(cpp_int* ref) {
  cpp_int u = 0;
  unsigned pick = rng()() % 8;
  if (pick == 0) u = 0;
  else if (pick == 1) u = pow2(W) - 1;             // -1 / max unsigned
  else if (pick == 2) u = pow2(W - 1);             // most negative / top bit
  else if (pick == 3) u = pow2(W - 1) - 1;         // max signed
  else if (pick == 4) u = rng()() % 5;             // small
  else {
    for (int i = 0; i < (W + 63) / 64; ++i) u = (u << 64) | cpp_int(rng()());
    if (pick == 5) u >>= (int)(rng()() % W);      // shorter values
  }
  u = wrap(u, W, false);
  ap_uint<W> bits(hex(u).c_str());
  ap_int_base<W, S> v(bits);
  *ref = wrap(u, W, S);
  return v;
}

template <class R> void check_eq(const R& r, const cpp_int& expect, const char* what, const cpp_int& a, const cpp_int& b) {
  cpp_int got = to_cpp(r);
  cpp_int exp = wrap(expect, R::width, R::sign_flag);
  if (got != exp) {
    FAIL_CHECK(what << " W=" << int(R::width) << " S=" << bool(R::sign_flag) << " a=" << a << " b=" << b << " got=" << got << " expected=" << exp);
  }
}

cpp_int floor_shr(const cpp_int& a, int n) {
  cpp_int d = pow2(n), q = a / d;
  if (a < 0 && q * d != a) q -= 1;
  return q;
}

template <int W1, bool S1, int W2, bool S2> void check_pair(int iters) {
  for (int it = 0; it < iters; ++it) {
    cpp_int ra, rb;
    ap_int_base<W1, S1> a = random_ap<W1, S1>(&ra);
    ap_int_base<W2, S2> b = random_ap<W2, S2>(&rb);
    REQUIRE(to_cpp(a) == ra);
    check_eq(a + b, ra + rb, "+", ra, rb);
    check_eq(a - b, ra - rb, "-", ra, rb);
    check_eq(a * b, ra * rb, "*", ra, rb);
    if (rb != 0) {
      check_eq(a / b, ra / rb, "/", ra, rb);
      check_eq(a % b, ra % rb, "%", ra, rb);
    }
    enum { LW = xrtemu_hls::rtype<W1, S1, W2, S2>::logic_w };
    cpp_int ua = wrap(ra, LW, false), ub = wrap(rb, LW, false);
    check_eq(a & b, ua & ub, "&", ra, rb);
    check_eq(a | b, ua | ub, "|", ra, rb);
    check_eq(a ^ b, ua ^ ub, "^", ra, rb);
    check_eq(~a, wrap(~wrap(ra, W1, false) & (pow2(W1) - 1), W1, false), "~", ra, rb);
    check_eq(-a, -ra, "neg", ra, rb);
    int sh = (int)(rng()() % (W1 + 2));
    check_eq(a << sh, ra * pow2(sh), "<<", ra, sh);
    check_eq(a >> sh, floor_shr(ra, sh), ">>", ra, sh);
    check_eq(a << ap_uint<13>(sh), ra * pow2(sh), "<< ap", ra, sh);
    check_eq(a >> ap_uint<13>(sh), floor_shr(ra, sh), ">> ap", ra, sh);
    // Comparisons follow C: mixed signedness at >= 32 bits compares as unsigned.
    bool as_unsigned = (S1 != S2) && !(W1 < 32 && W2 < 32) && ((S1 && W2 >= W1) || (S2 && W1 >= W2));
    cpp_int ca = ra, cb = rb;
    if (as_unsigned) { ca = wrap(ra, std::max(W1, W2), false); cb = wrap(rb, std::max(W1, W2), false); }
    CHECK((a == b) == (ca == cb));
    CHECK((a != b) == (ca != cb));
    CHECK((a < b) == (ca < cb));
    CHECK((a <= b) == (ca <= cb));
    CHECK((a > b) == (ca > cb));
    CHECK((a >= b) == (ca >= cb));
    // Compound assignment wraps to the left operand's width.
    ap_int_base<W1, S1> c = a;
    c += b;
    check_eq(c, ra + rb, "+=", ra, rb);
    c = a;
    c *= b;
    check_eq(c, ra * rb, "*=", ra, rb);
    // Strings.
    CHECK(a.to_string(10) == ra.str());
    CHECK(ap_int_base<W1, S1>(a.to_string(16).c_str()) == a);
    CHECK(ap_int_base<W1, S1>(a.to_string(2).c_str(), 2) == a);
    CHECK(ap_int_base<W1, S1>(a.to_string(10).c_str(), 10) == a);
    CHECK(ap_int_base<W1, S1>(a.to_string(8).c_str()) == a);
  }
}

template <int W> void check_width(int iters) {
  check_pair<W, true, W, true>(iters);
  check_pair<W, false, W, false>(iters);
  check_pair<W, true, W, false>(iters);
  check_pair<W, false, W, true>(iters);
  check_pair<W, true, 64, false>(iters);
  check_pair<W, false, 33, true>(iters);
}

template <int W> void check_bits(int iters) {
  for (int it = 0; it < iters; ++it) {
    cpp_int ra;
    ap_uint<W> a = random_ap<W, false>(&ra);
    int lo = (int)(rng()() % W), hi = lo + (int)(rng()() % (W - lo));
    cpp_int field = (ra >> lo) & (pow2(hi - lo + 1) - 1);
    CHECK(to_cpp(ap_uint<W>(a.range(hi, lo))) == field);
    CHECK(to_cpp(ap_uint<W>(a(hi, lo))) == field);
    CHECK(a[lo] == bool((ra >> lo) & 1));
    CHECK(a.bit(hi) == bool((ra >> hi) & 1));
    // Reversed range.
    ap_uint<W> rev = a.range(lo, hi);
    for (int k = 0; k <= hi - lo; ++k) CHECK(rev[k] == a[hi - k]);
    // Range assignment.
    cpp_int rv;
    ap_uint<W> v = random_ap<W, false>(&rv);
    ap_uint<W> t = a;
    t.range(hi, lo) = v;
    cpp_int mask = (pow2(hi - lo + 1) - 1) << lo;
    cpp_int expect = (ra & ~mask & (pow2(W) - 1)) | ((rv << lo) & mask);
    CHECK(to_cpp(t) == expect);
    // Bit assignment.
    t = a;
    t[lo] = !a[lo];
    CHECK(to_cpp(t ^ a) == pow2(lo));
    // Concatenation.
    ap_uint<W + 7> cat = (a, ap_uint<7>(0x55));
    CHECK(to_cpp(cat) == ((ra << 7) | 0x55));
    CHECK(to_cpp(a.concat(ap_uint<7>(0x55))) == ((ra << 7) | 0x55));
    ap_uint<W> hi_part;
    ap_uint<7> lo_part;
    (hi_part, lo_part) = cat;
    CHECK(hi_part == a);
    CHECK(lo_part == 0x55);
    // Reductions and counts.
    int pop = 0;
    for (int k = 0; k < W; ++k) pop += a[k];
    CHECK(a.and_reduce() == (pop == W));
    CHECK(a.or_reduce() == (pop != 0));
    CHECK(a.xor_reduce() == bool(pop & 1));
    CHECK(a.iszero() == (ra == 0));
    int lz = 0;
    for (int k = W - 1; k >= 0 && !a[k]; --k) ++lz;
    CHECK(a.countLeadingZeros() == lz);
    ap_uint<W> r = a;
    r.reverse();
    for (int k = 0; k < W; ++k) CHECK(r[k] == a[W - 1 - k]);
  }
}

}  // namespace

TEST_CASE("ap_int layout matches the HLS host types") {
  STATIC_REQUIRE(sizeof(ap_uint<1>) == 1);
  STATIC_REQUIRE(sizeof(ap_int<7>) == 1);
  STATIC_REQUIRE(sizeof(ap_uint<9>) == 2);
  STATIC_REQUIRE(sizeof(ap_uint<32>) == 4);
  STATIC_REQUIRE(sizeof(ap_uint<33>) == 8);
  STATIC_REQUIRE(sizeof(ap_int<64>) == 8);
  STATIC_REQUIRE(sizeof(ap_uint<65>) == 16);
  STATIC_REQUIRE(sizeof(ap_uint<512>) == 64);
  STATIC_REQUIRE(alignof(ap_uint<16>) == 2);
  STATIC_REQUIRE(alignof(ap_uint<512>) == 8);
  STATIC_REQUIRE(std::is_trivially_copyable<ap_uint<512>>::value);
  STATIC_REQUIRE(std::is_standard_layout<ap_uint<512>>::value);
  STATIC_REQUIRE(std::is_trivially_copyable<ap_int<12>>::value);
  STATIC_REQUIRE(std::is_standard_layout<ap_int<12>>::value);
}

TEST_CASE("ap_int arithmetic against cpp_int, narrow widths") {
  check_width<1>(60);
  check_width<7>(60);
  check_width<8>(60);
  check_width<31>(60);
  check_width<32>(60);
  check_width<33>(60);
  check_width<63>(60);
  check_width<64>(60);
}

TEST_CASE("ap_int arithmetic against cpp_int, wide widths") {
  check_width<65>(40);
  check_width<127>(40);
  check_width<128>(40);
  check_width<129>(40);
  check_width<511>(15);
  check_width<512>(15);
  check_width<1024>(8);
  check_width<4096>(4);
}

TEST_CASE("ap_int bit, range and concatenation access") {
  check_bits<7>(50);
  check_bits<8>(50);
  check_bits<32>(50);
  check_bits<33>(50);
  check_bits<64>(50);
  check_bits<65>(30);
  check_bits<128>(30);
  check_bits<129>(30);
  check_bits<512>(10);
  check_bits<4096>(3);
}

TEST_CASE("ap_int against built-in integers") {
  std::mt19937_64 g(7);
  for (int i = 0; i < 2000; ++i) {
    int64_t x = (int64_t)g(), y = (int64_t)g() >> (g() % 64);
    uint64_t ux = g(), uy = g() >> (g() % 64);
    ap_int<64> a = x, b = y;
    ap_uint<64> ua = ux, ub = uy;
    CHECK(ap_int<64>(a + b) == (int64_t)((uint64_t)x + (uint64_t)y));
    CHECK(ap_int<64>(a * b) == (int64_t)((uint64_t)x * (uint64_t)y));
    __extension__ __int128 full = (__int128)x * y;
    ap_int<128> p = a * b;
    CHECK(p.to_int64() == (int64_t)full);
    CHECK(ap_int<64>(p >> 64) == (int64_t)(full >> 64));
    __extension__ unsigned __int128 ufull = (unsigned __int128)ux * uy;
    ap_uint<128> up = ua * ub;
    CHECK(up.to_uint64() == (uint64_t)ufull);
    CHECK(ap_uint<64>(up >> 64) == (uint64_t)(ufull >> 64));
    if (y != 0 && !(x == INT64_MIN && y == -1)) {
      CHECK(ap_int<64>(a / b) == x / y);
      CHECK(ap_int<64>(a % b) == x % y);
    }
    if (uy) {
      CHECK(ap_uint<64>(ua / ub) == ux / uy);
      CHECK(ap_uint<64>(ua % ub) == ux % uy);
    }
    int32_t s = (int32_t)x;
    ap_int<32> s32 = s;
    CHECK(s32.to_int() == s);
    CHECK((s32 < 0) == (s < 0));
    CHECK((s32 + 1) == (int64_t)s + 1);
    CHECK(ap_int<32>(s32 >> 3) == (s >> 3));
    CHECK(ap_uint<32>(ap_uint<32>((uint32_t)ux) << 5) == (uint32_t)((uint32_t)ux << 5));
  }
}

TEST_CASE("ap_int signed edge cases") {
  ap_int<8> m = -128;
  CHECK(m == -128);
  CHECK((-m) == 128);              // unary minus widens
  CHECK(ap_int<8>(-m) == -128);    // and wraps back when assigned
  CHECK((m >> 7) == -1);
  CHECK((m >> 100) == -1);
  CHECK((m << 1) == 0);
  ap_int<16> neg1 = -1;
  CHECK((neg1 >> 5) == -1);
  CHECK((neg1 << 15) == -32768);
  CHECK(ap_uint<16>(neg1) == 65535);
  CHECK((ap_int<8>(5) << -1) == 2);  // negative amount shifts the other way
  CHECK(ap_int<64>(INT64_MIN) / ap_int<64>(-1) == ap_int<65>("0x8000000000000000"));
  ap_int<4096> big = -1;
  CHECK(big.and_reduce());
  CHECK((big >> 4000) == -1);
  CHECK(big + 1 == 0);
  // C-like mixed comparisons.
  CHECK(ap_uint<8>(255) != -1);
  CHECK(ap_uint<32>(0xFFFFFFFFu) == -1);
  CHECK(ap_int<8>(-1) < ap_uint<8>(1));
  CHECK(ap_uint<8>(200) > 100);
  CHECK(ap_int<8>(-3) < 2.5);
}

TEST_CASE("ap_int conversions, strings and misc API") {
  ap_uint<8> a("0x1F");
  CHECK(a == 31);
  CHECK(ap_uint<8>("0b101") == 5);
  CHECK(ap_uint<8>("101", 2) == 5);
  CHECK(ap_uint<8>("ff", 16) == 255);
  CHECK(ap_int<8>("-12") == -12);
  CHECK(ap_uint<100>("1267650600228229401496703205375").to_string(16) == "0xfffffffffffffffffffffffff");
  CHECK(ap_int<16>(3.99) == 3);
  CHECK(ap_int<16>(-3.99) == -3);
  CHECK(ap_uint<8>(300.0) == 44);
  CHECK(ap_uint<128>(1e30).to_double() == Approx(1e30));
  CHECK(ap_int<200>(-1e40).to_double() == Approx(-1e40));
  ap_int<12> x = -100;
  CHECK(x.to_int() == -100);
  CHECK(x.to_long() == -100);
  CHECK(x.to_int64() == -100);
  CHECK(x.to_uint() == (unsigned)-100);
  CHECK(x.to_double() == -100.0);
  CHECK(x.length() == 12);
  CHECK(x.sign());
  CHECK(!ap_int<12>(0).sign());
  CHECK(ap_int<12>(0).is_zero());
  CHECK(!x == false);
  CHECK(x.to_string(10) == "-100");
  int i = x;  // implicit conversion
  CHECK(i == -100);
  long long ll = ap_uint<40>(0xFFFFFFFFFFull);
  CHECK(ll == 0xFFFFFFFFFFll);
  std::ostringstream os;
  os << x << " " << std::hex << ap_uint<16>(0xBEEF);
  CHECK(os.str() == "-100 beef");
  int arr[16];
  for (ap_uint<5> k = 0; k < 16; ++k) arr[k] = k.to_int();
  CHECK(arr[15] == 15);
  ap_uint<4> c = 15;
  c++;
  CHECK(c == 0);
  --c;
  CHECK(c == 15);
  switch (ap_uint<3>(5)) {
    case 5: SUCCEED(); break;
    default: FAIL();
  }
  ap_uint<8> r = 0x81;
  CHECK(ap_uint<8>(r).lrotate(1) == 0x03);
  ap_uint<64> wide = 0x8000000000000000ull;
  ap_uint<64> s = wide + wide;
  CHECK(s == 0);
  CHECK((wide + wide) == ap_uint<65>("0x10000000000000000"));
}
