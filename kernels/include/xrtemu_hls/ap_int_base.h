// Arbitrary-precision integers (ap_int / ap_uint) for running HLS kernels natively.
// Behaviour follows UG1399; the implementation is original.
//
// Layout: W <= 64 is stored in one unsigned word of 1, 2, 4 or 8 bytes (the smallest
// that holds W bits, same alignment); W > 64 in ceil(W/64) little-endian 64-bit limbs
// (8-byte alignment). Bit i of the value is bit i of the object's memory, so buffers of
// device memory can be reinterpreted as ap_uint<W> arrays. The bits above W are kept
// sign- or zero-extended on write and ignored (re-normalised) on read.
#ifndef XRTEMU_HLS_AP_INT_BASE_H
#define XRTEMU_HLS_AP_INT_BASE_H

#include <cmath>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>
#include <type_traits>
#include <utility>

#include "ap_common.h"

template <int _AP_W, bool _AP_S> struct ap_int_base;
template <int _AP_W> struct ap_int;
template <int _AP_W> struct ap_uint;
template <int _AP_W, bool _AP_S> struct ap_range_ref;
template <int _AP_W, bool _AP_S> struct ap_bit_ref;
template <int _AP_W, int _AP_I, bool _AP_S, ap_q_mode _AP_Q, ap_o_mode _AP_O, int _AP_N> struct ap_fixed_base;

#include "ap_int_limbs.h"


namespace xrtemu_hls {
template <int _AP_W1, bool _AP_S1, int _AP_W2, bool _AP_S2>
inline int compare(const ap_int_base<_AP_W1, _AP_S1>& a, const ap_int_base<_AP_W2, _AP_S2>& b);
}

// CRTP base for proxies (range, whole, concat) so that mixed operators can find them.
template <class _AP_D, int _AP_W> struct ap_proxy {
  enum { width = _AP_W };
  ap_int_base<_AP_W, false> get() const { return static_cast<const _AP_D*>(this)->value(); }
};

template <int _AP_W, bool _AP_S> struct ap_int_base : xrtemu_hls::ap_store<_AP_W> {
  static_assert(_AP_W >= 1, "ap_int width must be at least 1");
  enum { width = _AP_W, sign_flag = _AP_S, _AP_N = xrtemu_hls::limbs_for(_AP_W) };
  typedef typename std::conditional<
      (_AP_W <= 32), typename std::conditional<_AP_S, int, unsigned int>::type,
      typename std::conditional<_AP_S, long long, unsigned long long>::type>::type RetType;

  // ---- raw limb access (used by all generic algorithms) ----
  uint64_t limb(int i) const {
    uint64_t x = this->raw(i);
    return (i == _AP_N - 1) ? xrtemu_hls::norm_word(x, _AP_W - 64 * (_AP_N - 1), _AP_S) : x;
  }
  uint64_t fill() const { return (_AP_S && (limb(_AP_N - 1) >> 63)) ? ~uint64_t(0) : 0; }
  uint64_t xlimb(int i) const { return i < _AP_N ? limb(i) : fill(); }
  void set_limb(int i, uint64_t x) { this->set_raw(i, x); }
  void norm() { this->set_raw(_AP_N - 1, limb(_AP_N - 1)); }
  void load(const uint64_t* a) { for (int i = 0; i < _AP_N; ++i) this->set_raw(i, a[i]); norm(); }
  void store(uint64_t* a) const { for (int i = 0; i < _AP_N; ++i) a[i] = limb(i); }

  // ---- construction ----
  ap_int_base() = default;
  template <int _AP_W2, bool _AP_S2> ap_int_base(const ap_int_base<_AP_W2, _AP_S2>& o) {
    for (int i = 0; i < _AP_N; ++i) this->set_raw(i, o.xlimb(i));
    norm();
  }
  template <class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0> ap_int_base(_AP_T v) { from_i64((uint64_t)v, xrtemu_hls::is_neg(v)); }
  ap_int_base(double d) { from_double(d); }
  ap_int_base(float f) { from_double(f); }
  ap_int_base(long double d) { from_double((double)d); }
  ap_int_base(const char* s) { from_string(s, 0); }
  ap_int_base(const char* s, signed char radix) { from_string(s, radix); }
  ap_int_base(const std::string& s, signed char radix = 0) { from_string(s.c_str(), radix); }
  template <int _AP_W2, bool _AP_S2> ap_int_base(const ap_range_ref<_AP_W2, _AP_S2>& r) : ap_int_base(r.get()) {}
  template <int _AP_W2, bool _AP_S2> ap_int_base(const ap_bit_ref<_AP_W2, _AP_S2>& b) : ap_int_base((unsigned)b.get()) {}
  template <class _AP_D, int _AP_W2> ap_int_base(const ap_proxy<_AP_D, _AP_W2>& p) : ap_int_base(p.get()) {}
  template <int _AP_W2, int _AP_I2, bool _AP_S2, ap_q_mode _AP_Q2, ap_o_mode _AP_O2, int _AP_N2>
  ap_int_base(const ap_fixed_base<_AP_W2, _AP_I2, _AP_S2, _AP_Q2, _AP_O2, _AP_N2>& f) : ap_int_base(f.to_ap_int_base()) {}

  void from_i64(uint64_t v, bool neg) {
    this->set_raw(0, v);
    for (int i = 1; i < _AP_N; ++i) this->set_raw(i, neg ? ~uint64_t(0) : 0);
    norm();
  }
  // Truncates towards zero, then wraps modulo 2^W (the hardware conversion).
  void from_double(double d) {
    from_i64(0, false);
    if (!(d == d) || d == 0) return;
    bool neg = d < 0;
    int e;
    double m = std::frexp(neg ? -d : d, &e);  // d = m * 2^e, 0.5 <= m < 1
    if (e <= 0) return;
    uint64_t mant = (uint64_t)std::ldexp(m, 53);
    int sh = e - 53;
    uint64_t t[_AP_N > 1 ? _AP_N : 1];
    for (int i = 0; i < _AP_N; ++i) t[i] = 0;
    t[0] = mant;
    if (sh > 0) {
      if (sh >= 64 * _AP_N) return;
      xrtemu_hls::limbs_shl(t, t, _AP_N, sh);
    } else {
      t[0] = mant >> (-sh);
    }
    if (neg) xrtemu_hls::limbs_neg(t, _AP_N);
    load(t);
  }
  void from_string(const char* s, int radix) {
    bool neg;
    s = xrtemu_hls::parse_prefix(s, radix, neg);
    uint64_t t[_AP_N];
    for (int i = 0; i < _AP_N; ++i) t[i] = 0;
    for (; *s; ++s) {
      if (*s == '\'' || *s == '_') continue;
      int d = xrtemu_hls::digit_value(*s);
      if (d >= radix) break;  // stops at '.', suffixes, or junk
      uint64_t carry = (uint64_t)d;
      for (int i = 0; i < _AP_N; ++i) {
        xrtemu_hls::u128 p = (xrtemu_hls::u128)t[i] * (unsigned)radix + carry;
        t[i] = (uint64_t)p;
        carry = (uint64_t)(p >> 64);
      }
    }
    if (neg) xrtemu_hls::limbs_neg(t, _AP_N);
    load(t);
  }

  // ---- conversions ----
  operator RetType() const { return (RetType)limb(0); }
  bool to_bool() const { return !iszero(); }
  int to_int() const { return (int)limb(0); }
  unsigned to_uint() const { return (unsigned)limb(0); }
  long to_long() const { return (long)limb(0); }
  unsigned long to_ulong() const { return (unsigned long)limb(0); }
  long long to_int64() const { return (long long)limb(0); }
  unsigned long long to_uint64() const { return (unsigned long long)limb(0); }
  char to_char() const { return (char)limb(0); }
  double to_double() const {
    if (_AP_N == 1) return _AP_S ? (double)(int64_t)limb(0) : (double)limb(0);
    bool neg = _AP_S && fill();
    uint64_t t[_AP_N];
    store(t);
    if (neg) xrtemu_hls::limbs_neg(t, _AP_N);
    double r = 0;
    for (int i = _AP_N - 1; i >= 0; --i) r = r * 18446744073709551616.0 + (double)t[i];
    return neg ? -r : r;
  }
  float to_float() const { return (float)to_double(); }
  long double to_ldouble() const { return (long double)to_double(); }
  static constexpr int length() { return _AP_W; }

  // ---- bits ----
  bool get_bit(int i) const { return (limb(i / 64) >> (i % 64)) & 1; }
  void set_bit(int i, bool v) {
    uint64_t m = uint64_t(1) << (i % 64), x = this->raw(i / 64);
    this->set_raw(i / 64, v ? (x | m) : (x & ~m));
    norm();
  }
  bool test(int i) const { return get_bit(i); }
  void set(int i) { set_bit(i, true); }
  void clear(int i) { set_bit(i, false); }
  void invert(int i) { set_bit(i, !get_bit(i)); }
  void set() { from_i64(~uint64_t(0), true); }
  void clear() { from_i64(0, false); }
  ap_int_base& b_not() { for (int i = 0; i < _AP_N; ++i) this->set_raw(i, ~this->raw(i)); norm(); return *this; }
  bool operator[](int i) const { return get_bit(i); }
  ap_bit_ref<_AP_W, _AP_S> operator[](int i) { return ap_bit_ref<_AP_W, _AP_S>(this, i); }
  template <int _AP_W2, bool _AP_S2> ap_bit_ref<_AP_W, _AP_S> operator[](const ap_int_base<_AP_W2, _AP_S2>& i) { return (*this)[i.to_int()]; }
  template <int _AP_W2, bool _AP_S2> bool operator[](const ap_int_base<_AP_W2, _AP_S2>& i) const { return get_bit(i.to_int()); }
  ap_bit_ref<_AP_W, _AP_S> bit(int i) { return ap_bit_ref<_AP_W, _AP_S>(this, i); }
  bool bit(int i) const { return get_bit(i); }
  ap_range_ref<_AP_W, _AP_S> range(int hi, int lo) const { return ap_range_ref<_AP_W, _AP_S>(const_cast<ap_int_base*>(this), hi, lo); }
  ap_range_ref<_AP_W, _AP_S> range() const { return range(_AP_W - 1, 0); }
  ap_range_ref<_AP_W, _AP_S> operator()(int hi, int lo) const { return range(hi, lo); }
  template <int _AP_W2, bool _AP_S2, int _AP_W3, bool _AP_S3>
  ap_range_ref<_AP_W, _AP_S> range(const ap_int_base<_AP_W2, _AP_S2>& hi, const ap_int_base<_AP_W3, _AP_S3>& lo) const { return range(hi.to_int(), lo.to_int()); }
  template <int _AP_W2, bool _AP_S2, int _AP_W3, bool _AP_S3>
  ap_range_ref<_AP_W, _AP_S> operator()(const ap_int_base<_AP_W2, _AP_S2>& hi, const ap_int_base<_AP_W3, _AP_S3>& lo) const { return range(hi.to_int(), lo.to_int()); }

  // Bits hi..lo as an unsigned value; hi < lo gives them in reversed order.
  ap_int_base<_AP_W, false> get_range(int hi, int lo) const {
    bool rev = hi < lo;
    if (rev) std::swap(hi, lo);
    int len = hi - lo + 1;
    ap_int_base<_AP_W, false> r;
    if (_AP_N == 1) {
      uint64_t v = (limb(0) >> lo);
      r.from_i64(len >= 64 ? v : v & ((uint64_t(1) << len) - 1), false);
    } else {
      uint64_t t[_AP_N];
      store(t);
      xrtemu_hls::limbs_shr(t, t, _AP_N, lo, 0);
      for (int i = 0; i < _AP_N; ++i) {
        int b = len - 64 * i;
        if (b <= 0) t[i] = 0;
        else if (b < 64) t[i] &= (uint64_t(1) << b) - 1;
      }
      r.load(t);
    }
    if (rev) {
      ap_int_base<_AP_W, false> o(0);
      for (int i = 0; i < len; ++i) if (r.get_bit(i)) o.set_bit(len - 1 - i, true);
      return o;
    }
    return r;
  }
  template <int _AP_W2, bool _AP_S2> void set_range(int hi, int lo, const ap_int_base<_AP_W2, _AP_S2>& v) {
    if (hi < lo) {
      int len = lo - hi + 1;
      for (int i = 0; i < len; ++i) set_bit(lo - i, v.get_bit(i < _AP_W2 ? i : _AP_W2 - 1) && (i < _AP_W2 || (_AP_S2 && v.fill())));
      return;
    }
    int len = hi - lo + 1;
    if (_AP_N == 1) {
      uint64_t m = (len >= 64 ? ~uint64_t(0) : ((uint64_t(1) << len) - 1)) << lo;
      uint64_t x = (limb(0) & ~m) | ((v.xlimb(0) << lo) & m);
      this->set_raw(0, x);
      norm();
      return;
    }
    uint64_t t[_AP_N], m[_AP_N], vv[_AP_N];
    store(t);
    for (int i = 0; i < _AP_N; ++i) {
      int b = len - 64 * i;
      m[i] = b <= 0 ? 0 : b >= 64 ? ~uint64_t(0) : ((uint64_t(1) << b) - 1);
      vv[i] = v.xlimb(i);
    }
    xrtemu_hls::limbs_shl(m, m, _AP_N, lo);
    xrtemu_hls::limbs_shl(vv, vv, _AP_N, lo);
    for (int i = 0; i < _AP_N; ++i) t[i] = (t[i] & ~m[i]) | (vv[i] & m[i]);
    load(t);
  }

  // ---- reductions and queries ----
  bool iszero() const { for (int i = 0; i < _AP_N; ++i) if (limb(i)) return false; return true; }
  bool is_zero() const { return iszero(); }
  bool sign() const { return _AP_S && fill(); }
  bool isneg() const { return sign(); }
  bool and_reduce() const {
    ap_int_base<_AP_W, false> u(*this);
    for (int i = 0; i < _AP_N; ++i) {
      int b = _AP_W - 64 * i;
      uint64_t m = b >= 64 ? ~uint64_t(0) : ((uint64_t(1) << b) - 1);
      if (u.limb(i) != m) return false;
    }
    return true;
  }
  bool or_reduce() const { return !iszero(); }
  bool xor_reduce() const {
    ap_int_base<_AP_W, false> u(*this);
    int p = 0;
    for (int i = 0; i < _AP_N; ++i) p ^= __builtin_popcountll(u.limb(i)) & 1;
    return p;
  }
  bool nand_reduce() const { return !and_reduce(); }
  bool nor_reduce() const { return iszero(); }
  bool xnor_reduce() const { return !xor_reduce(); }
  int countLeadingZeros() const {
    ap_int_base<_AP_W, false> u(*this);
    uint64_t t[_AP_N];
    u.store(t);
    return _AP_W - xrtemu_hls::limbs_bits(t, _AP_N);
  }
  int countTrailingZeros() const {
    for (int i = 0; i < _AP_N; ++i) if (uint64_t x = limb(i)) { int r = i * 64 + __builtin_ctzll(x); return r < _AP_W ? r : _AP_W; }
    return _AP_W;
  }
  int countPopulation() const {
    ap_int_base<_AP_W, false> u(*this);
    int c = 0;
    for (int i = 0; i < _AP_N; ++i) c += __builtin_popcountll(u.limb(i));
    return c;
  }
  ap_int_base& reverse() { *this = get_range(0, _AP_W - 1); return *this; }
  ap_int_base& lrotate(int n) {
    n %= _AP_W; if (n < 0) n += _AP_W;
    ap_int_base<_AP_W, false> u(*this);
    *this = (u << n) | (u >> (_AP_W - n));
    return *this;
  }
  ap_int_base& rrotate(int n) { return lrotate(_AP_W - (n % _AP_W)); }
  template <int _AP_W2, bool _AP_S2> ap_int_base<_AP_W + _AP_W2, false> concat(const ap_int_base<_AP_W2, _AP_S2>& b) const {
    ap_int_base<_AP_W + _AP_W2, false> r(ap_int_base<_AP_W, false>(*this));
    r <<= _AP_W2;
    return r | ap_int_base<_AP_W + _AP_W2, false>(ap_int_base<_AP_W2, false>(b));
  }

  std::string to_string(int radix = 2, bool sign = _AP_S) const;
  std::string to_string(BaseMode radix, bool sign = _AP_S) const { return to_string((int)radix, sign); }

  // ---- shifts (result has the type of the left operand) ----
  ap_int_base shl(int n) const {
    ap_int_base r;
    if (n >= _AP_W) { r.from_i64(0, false); return r; }
    if (_AP_N == 1) { r.from_i64(limb(0) << n, false); return r; }
    uint64_t t[_AP_N];
    store(t);
    xrtemu_hls::limbs_shl(t, t, _AP_N, n);
    r.load(t);
    return r;
  }
  ap_int_base shr(int n) const {  // arithmetic for signed, logical for unsigned
    ap_int_base r;
    if (n >= _AP_W) { r.from_i64(fill(), fill() != 0); return r; }
    if (_AP_N == 1) {
      uint64_t x = limb(0);
      r.from_i64(_AP_S ? (uint64_t)((int64_t)x >> n) : x >> n, false);
      return r;
    }
    uint64_t t[_AP_N];
    store(t);
    xrtemu_hls::limbs_shr(t, t, _AP_N, n, fill());
    r.load(t);
    return r;
  }
  // A negative (signed) amount shifts the other way, as in HLS.
  ap_int_base shift_by(long long s) const {
    return s < 0 ? shr(s <= -_AP_W ? _AP_W : (int)-s) : shl(s >= _AP_W ? _AP_W : (int)s);
  }
  template <class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0> ap_int_base operator<<(_AP_T n) const { return shift_by(xrtemu_hls::clamp_shift(n)); }
  template <class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0> ap_int_base operator>>(_AP_T n) const { return shift_by(-xrtemu_hls::clamp_shift(n)); }
  template <int _AP_W2, bool _AP_S2> ap_int_base operator<<(const ap_int_base<_AP_W2, _AP_S2>& n) const { return shift_by(shift_amount(n)); }
  template <int _AP_W2, bool _AP_S2> ap_int_base operator>>(const ap_int_base<_AP_W2, _AP_S2>& n) const { return shift_by(-shift_amount(n)); }
  template <int _AP_W2, bool _AP_S2> static long long shift_amount(const ap_int_base<_AP_W2, _AP_S2>& n) {
    const ap_int_base<64, true> lim(1LL << 31), nlim(-(1LL << 31));
    if (xrtemu_hls::compare(n, lim) > 0) return 1LL << 31;
    if (_AP_S2 && xrtemu_hls::compare(n, nlim) < 0) return -(1LL << 31);
    return _AP_S2 ? (long long)n.to_int64() : (long long)n.to_uint64();
  }

  // ---- unary ----
  ap_int_base<_AP_W + 1, true> operator-() const;
  ap_int_base operator+() const { return *this; }
  ap_int_base operator~() const { ap_int_base r(*this); r.b_not(); return r; }
  bool operator!() const { return iszero(); }

  // ---- increment / decrement ----
  ap_int_base& operator++() { return *this = *this + ap_int_base<1, false>(1); }
  ap_int_base& operator--() { return *this = *this - ap_int_base<1, false>(1); }
  ap_int_base operator++(int) { ap_int_base t(*this); ++*this; return t; }
  ap_int_base operator--(int) { ap_int_base t(*this); --*this; return t; }

  // ---- compound assignment ----
#define XRTEMU_AP_CASSIGN(op)                                                                     \
  template <class _AP_T> ap_int_base& operator op##=(const _AP_T& o) { return *this = (*this op o); }
  XRTEMU_AP_CASSIGN(+)
  XRTEMU_AP_CASSIGN(-)
  XRTEMU_AP_CASSIGN(*)
  XRTEMU_AP_CASSIGN(/)
  XRTEMU_AP_CASSIGN(%)
  XRTEMU_AP_CASSIGN(&)
  XRTEMU_AP_CASSIGN(|)
  XRTEMU_AP_CASSIGN(^)
  XRTEMU_AP_CASSIGN(<<)
  XRTEMU_AP_CASSIGN(>>)
#undef XRTEMU_AP_CASSIGN
};

#include "ap_int_ops.h"
#include "ap_int_ref.h"

#endif
