// ap_fixed quantization/overflow modes on hand-computed cases, arithmetic and conversions.
#include <ap_fixed.h>

#include <catch2/catch.hpp>

#include <iomanip>
#include <sstream>

TEST_CASE("ap_fixed layout") {
  STATIC_REQUIRE(sizeof(ap_fixed<16, 8>) == 2);
  STATIC_REQUIRE(sizeof(ap_ufixed<100, 8>) == 16);
  STATIC_REQUIRE(std::is_trivially_copyable<ap_fixed<16, 8>>::value);
  STATIC_REQUIRE(std::is_standard_layout<ap_fixed<128, 64>>::value);
}

TEST_CASE("ap_fixed representation (UG1399 example)") {
  ap_fixed<18, 6, AP_RND> t1 = 1.5, t2 = -1.5;
  CHECK(ap_uint<18>(t1.V) == 0x01800);
  CHECK(ap_uint<18>(t2.V) == 0x3e800);
}

TEST_CASE("ap_fixed quantization modes") {
  // ap_fixed<8,5>: 3 fraction bits (step 0.125); inputs sit between grid points.
#define Q(mode, in) (ap_fixed<8, 5, mode>(in).to_double())
  CHECK(Q(AP_TRN, 1.3) == 1.25);
  CHECK(Q(AP_TRN, -1.3) == -1.375);
  CHECK(Q(AP_TRN_ZERO, 1.3) == 1.25);
  CHECK(Q(AP_TRN_ZERO, -1.3) == -1.25);
  // Exact halves: 1.0625 lies between 1.0 and 1.125.
  CHECK(Q(AP_RND, 1.0625) == 1.125);
  CHECK(Q(AP_RND, -1.0625) == -1.0);
  CHECK(Q(AP_RND_ZERO, 1.0625) == 1.0);
  CHECK(Q(AP_RND_ZERO, -1.0625) == -1.0);
  CHECK(Q(AP_RND_MIN_INF, 1.0625) == 1.0);
  CHECK(Q(AP_RND_MIN_INF, -1.0625) == -1.125);
  CHECK(Q(AP_RND_INF, 1.0625) == 1.125);
  CHECK(Q(AP_RND_INF, -1.0625) == -1.125);
  CHECK(Q(AP_RND_CONV, 1.0625) == 1.0);    // 1.0 is the even neighbour
  CHECK(Q(AP_RND_CONV, 1.1875) == 1.25);   // 1.25 is even
  CHECK(Q(AP_RND_CONV, -1.0625) == -1.0);
  // Not a half: every rounding mode goes to the nearest.
  CHECK(Q(AP_RND_ZERO, 1.07) == 1.125);
  CHECK(Q(AP_RND_MIN_INF, -1.07) == -1.125);
  CHECK(Q(AP_RND_CONV, 1.05) == 1.0);
#undef Q
  // Quantization between fixed types.
  ap_fixed<16, 8> fine = 2.6875;  // 10.1011
  CHECK((ap_fixed<8, 6, AP_RND>(fine)).to_double() == 2.75);
  CHECK((ap_fixed<8, 6, AP_TRN>(fine)).to_double() == 2.5);
}

TEST_CASE("ap_fixed overflow modes (UG1399 examples)") {
  CHECK((ap_fixed<4, 4, AP_RND, AP_SAT>(19.0)).to_double() == 7.0);
  CHECK((ap_fixed<4, 4, AP_RND, AP_SAT>(-19.0)).to_double() == -8.0);
  CHECK((ap_ufixed<4, 4, AP_RND, AP_SAT>(19.0)).to_double() == 15.0);
  CHECK((ap_ufixed<4, 4, AP_RND, AP_SAT>(-19.0)).to_double() == 0.0);
  CHECK((ap_fixed<4, 4, AP_RND, AP_SAT_ZERO>(19.0)).to_double() == 0.0);
  CHECK((ap_fixed<4, 4, AP_RND, AP_SAT_ZERO>(-19.0)).to_double() == 0.0);
  CHECK((ap_ufixed<4, 4, AP_RND, AP_SAT_ZERO>(19.0)).to_double() == 0.0);
  CHECK((ap_fixed<4, 4, AP_RND, AP_SAT_SYM>(19.0)).to_double() == 7.0);
  CHECK((ap_fixed<4, 4, AP_RND, AP_SAT_SYM>(-19.0)).to_double() == -7.0);
  CHECK((ap_ufixed<4, 4, AP_RND, AP_SAT_SYM>(-19.0)).to_double() == 0.0);
  CHECK((ap_fixed<4, 4, AP_RND, AP_WRAP>(19.0)).to_double() == 3.0);
  CHECK((ap_fixed<4, 4, AP_RND, AP_WRAP>(-19.0)).to_double() == -3.0);
  CHECK((ap_ufixed<4, 4, AP_RND, AP_WRAP>(19.0)).to_double() == 3.0);
  CHECK((ap_fixed<4, 4, AP_RND, AP_WRAP_SM>(19.0)).to_double() == -4.0);
  CHECK((ap_fixed<4, 4, AP_RND, AP_WRAP_SM>(-19.0)).to_double() == 2.0);
  // In range: untouched.
  CHECK((ap_fixed<4, 4, AP_RND, AP_SAT>(-8.0)).to_double() == -8.0);
  CHECK((ap_fixed<8, 4, AP_TRN, AP_SAT>(1e300)).to_double() == 7.9375);
  CHECK((ap_fixed<8, 4, AP_TRN, AP_SAT>(-1e300)).to_double() == -8.0);
  // Rounding up into overflow saturates.
  CHECK((ap_fixed<8, 4, AP_RND, AP_SAT>(7.99)).to_double() == 7.9375);
}

TEST_CASE("ap_fixed arithmetic is full precision") {
  ap_fixed<8, 4> a = 1.25, b = -2.5;
  auto p = a * b;
  STATIC_REQUIRE(decltype(p)::width == 16);
  STATIC_REQUIRE(decltype(p)::iwidth == 8);
  CHECK(p.to_double() == -3.125);
  auto s = a + b;
  STATIC_REQUIRE(decltype(s)::width == 9);
  CHECK(s.to_double() == -1.25);
  CHECK((a - b).to_double() == 3.75);
  CHECK((a / b).to_double() == -0.5);
  ap_fixed<8, 4> big = 7.5;
  CHECK((big + big).to_double() == 15.0);  // no wrap in the result type
  ap_fixed<8, 4> w = big + big;            // wraps on assignment
  CHECK(w.to_double() == -1.0);
  ap_ufixed<8, 2> u = 3.75;
  CHECK((u * u).to_double() == 14.0625);
  CHECK((a < b) == false);
  CHECK(a > b);
  CHECK(a == 1.25);
  CHECK((a + 1).to_double() == 2.25);
  CHECK((a * ap_int<4>(3)).to_double() == 3.75);
  CHECK((ap_int<4>(3) - a).to_double() == 1.75);
  CHECK(a * 2.0 == 2.5);
  ap_fixed<16, 8> acc = 0;
  for (int i = 0; i < 10; ++i) acc += a;
  CHECK(acc.to_double() == 12.5);
  ++acc;
  CHECK(acc.to_double() == 13.5);
  CHECK((-a).to_double() == -1.25);
  ap_fixed<128, 64> x = -12345.625;
  CHECK((x * x).to_double() == 12345.625 * 12345.625);
  CHECK(x.to_string() == "-12345.625");
}

TEST_CASE("ap_fixed conversions and bit access") {
  ap_fixed<12, 6> a = -2.75;
  CHECK(a.to_int() == -2);  // truncation towards zero, as in C
  CHECK(ap_fixed<12, 6>(2.75).to_int() == 2);
  CHECK(a.to_float() == -2.75f);
  CHECK(a.to_string() == "-2.75");
  CHECK(ap_fixed<12, 6>("1.5").to_double() == 1.5);
  CHECK(ap_fixed<12, 6>("0b10.1").to_double() == 2.5);
  ap_int<8> i = ap_fixed<12, 6>(5.9);
  CHECK(i == 5);
  double d = a;
  CHECK(d == -2.75);
  ap_fixed<8, 4> r = 0;
  r.range(3, 0) = 0xF;  // raw fraction bits
  CHECK(r.to_double() == 0.9375);
  r[7] = 1;
  CHECK(r.to_double() == -8 + 0.9375);
  CHECK(ap_uint<8>(r.range(7, 0)) == 0x8F);
  ap_ufixed<4, 0> frac = 0.5;
  CHECK(frac[3] == 1);
  ap_fixed<2, 0> neg_half = -0.5;
  CHECK(neg_half.to_double() == -0.5);
  ap_ufixed<1, -1> quarter = 0.25;
  CHECK(quarter.to_double() == 0.25);
}

TEST_CASE("ap_fixed streams its exact decimal value; width applies, fixed/precision do not (Vitis)") {
  std::ostringstream s;
  s << std::right << std::fixed << std::setprecision(15);
  s << std::setw(10) << ap_fixed<8, 4>(0.25) << '|' << ap_ufixed<10, 8>(2.0) << '|' << ap_fixed<22, 17>(-1.40625);
  CHECK(s.str() == "      0.25|2|-1.40625");
}
