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

template <int W, bool S> struct ap_int_base;
template <int W> struct ap_int;
template <int W> struct ap_uint;
template <int W, bool S> struct ap_range_ref;
template <int W, bool S> struct ap_bit_ref;
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N> struct ap_fixed_base;

namespace xrtemu_hls {

template <int W, bool Small = (W <= 64)> struct ap_store {
  uint64_t v_[limbs_for(W)];
  uint64_t raw(int i) const { return v_[i]; }
  void set_raw(int i, uint64_t x) { v_[i] = x; }
};
template <int W> struct ap_store<W, true> {
  typedef typename small_word<small_bytes(W)>::type word_t;
  word_t v_;
  uint64_t raw(int) const { return v_; }
  void set_raw(int, uint64_t x) { v_ = (word_t)x; }
};

// The ap type that models a built-in integer in mixed expressions.
template <class T> struct int_traits {
  enum { width = std::is_same<T, bool>::value ? 1 : int(sizeof(T) * 8),
         sign = std::is_signed<T>::value };
  typedef ap_int_base<width, (bool)sign> type;
};
template <class T>
using enable_int = typename std::enable_if<std::is_integral<T>::value, int>::type;
template <class T>
using enable_float = typename std::enable_if<std::is_floating_point<T>::value, int>::type;
template <class T>
using enable_arith = typename std::enable_if<std::is_arithmetic<T>::value, int>::type;

// Result types of binary operators, as documented for HLS: wide enough for the exact result
// of + - * and /, the modulo is no wider than either operand.
template <int W1, bool S1, int W2, bool S2> struct rtype {
  enum {
    mult_w = W1 + W2, mult_s = S1 || S2,
    plus_w = ap_max(W1 + (S2 && !S1), W2 + (S1 && !S2)) + 1, plus_s = S1 || S2,
    minus_w = ap_max(W1 + (S2 && !S1), W2 + (S1 && !S2)) + 1, minus_s = true,
    div_w = W1 + S2, div_s = S1 || S2,
    mod_w = ap_min(W1, W2 + (!S2 && S1)), mod_s = S1,
    logic_w = ap_max(W1 + (S2 && !S1), W2 + (S1 && !S2)), logic_s = S1 || S2
  };
  typedef ap_int_base<mult_w, (bool)mult_s> mult;
  typedef ap_int_base<plus_w, (bool)plus_s> plus;
  typedef ap_int_base<minus_w, (bool)minus_s> minus;
  typedef ap_int_base<div_w, (bool)div_s> div;
  typedef ap_int_base<mod_w, (bool)mod_s> mod;
  typedef ap_int_base<logic_w, (bool)logic_s> logic;
};

// ---- helpers on plain limb arrays (n limbs, little-endian) ----
inline void limbs_shl(uint64_t* r, const uint64_t* a, int n, int sh) {
  int ws = sh / 64, bs = sh % 64;
  for (int i = n - 1; i >= 0; --i) {
    uint64_t hi = (i - ws >= 0) ? a[i - ws] : 0;
    uint64_t lo = (i - ws - 1 >= 0) ? a[i - ws - 1] : 0;
    r[i] = bs ? (hi << bs) | (lo >> (64 - bs)) : hi;
  }
}
inline void limbs_shr(uint64_t* r, const uint64_t* a, int n, int sh, uint64_t fill) {
  int ws = sh / 64, bs = sh % 64;
  for (int i = 0; i < n; ++i) {
    uint64_t lo = (i + ws < n) ? a[i + ws] : fill;
    uint64_t hi = (i + ws + 1 < n) ? a[i + ws + 1] : fill;
    r[i] = bs ? (lo >> bs) | (hi << (64 - bs)) : lo;
  }
}
inline int limbs_cmp(const uint64_t* a, const uint64_t* b, int n) {
  for (int i = n - 1; i >= 0; --i)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
inline int limbs_bits(const uint64_t* a, int n) {
  for (int i = n - 1; i >= 0; --i)
    if (a[i]) return i * 64 + 64 - clz64(a[i]);
  return 0;
}
// Unsigned q = a / b, r = a % b on n limbs; b must be non-zero.
inline void limbs_divmod(const uint64_t* a, const uint64_t* b, uint64_t* q, uint64_t* r, int n) {
  int bbits = limbs_bits(b, n);
  for (int i = 0; i < n; ++i) q[i] = r[i] = 0;
  if (bbits <= 64) {  // short division, one limb at a time
    uint64_t d = b[0], rem = 0;
    for (int i = n - 1; i >= 0; --i) {
      u128 cur = ((u128)rem << 64) | a[i];
      q[i] = (uint64_t)(cur / d);
      rem = (uint64_t)(cur % d);
    }
    r[0] = rem;
    return;
  }
  // Shift-subtract over the significant bits of the dividend (rare for kernels).
  int abits = limbs_bits(a, n);
  for (int bit = abits - 1; bit >= 0; --bit) {
    uint64_t carry = (a[bit / 64] >> (bit % 64)) & 1;
    for (int i = 0; i < n; ++i) {
      uint64_t nc = r[i] >> 63;
      r[i] = (r[i] << 1) | carry;
      carry = nc;
    }
    if (carry || limbs_cmp(r, b, n) >= 0) {
      uint64_t br = 0;
      for (int i = 0; i < n; ++i) {
        uint64_t x = r[i], y = b[i];
        uint64_t d = x - y - br;
        br = (x < y) || (x - y < br);
        r[i] = d;
      }
      q[bit / 64] |= uint64_t(1) << (bit % 64);
    }
  }
}
inline void limbs_neg(uint64_t* a, int n) {
  uint64_t c = 1;
  for (int i = 0; i < n; ++i) {
    uint64_t x = ~a[i] + c;
    c = (c && x == 0) ? 1 : 0;
    a[i] = x;
  }
}

template <class T> constexpr bool is_neg_impl(T v, std::true_type) { return v < 0; }
template <class T> constexpr bool is_neg_impl(T, std::false_type) { return false; }
template <class T> constexpr bool is_neg(T v) { return is_neg_impl(v, std::is_signed<T>()); }
// Shift amounts are clamped to +-2^31 so that huge amounts simply clear the value.
template <class T> inline long long clamp_shift_impl(T n, std::true_type) {
  long long v = (long long)n;
  return v > (1LL << 31) ? (1LL << 31) : v < -(1LL << 31) ? -(1LL << 31) : v;
}
template <class T> inline long long clamp_shift_impl(T n, std::false_type) {
  unsigned long long v = (unsigned long long)n;
  return v > (1ULL << 31) ? (1LL << 31) : (long long)v;
}
template <class T> inline long long clamp_shift(T n) { return clamp_shift_impl(n, std::is_signed<T>()); }

inline int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}
// Reads an optional sign and radix prefix ("0x", "0b", "0o"); returns the radix to use.
inline const char* parse_prefix(const char* s, int& radix, bool& neg) {
  neg = false;
  while (*s == ' ' || *s == '\t') ++s;
  if (*s == '-' || *s == '+') { neg = (*s == '-'); ++s; }
  if (s[0] == '0' && s[1]) {
    char p = s[1];
    int r = (p == 'x' || p == 'X') ? 16 : (p == 'b' || p == 'B') ? 2
          : (p == 'o' || p == 'O') ? 8 : (p == 'd' || p == 'D') ? 10 : 0;
    // "0b1" in hex is a digit, not a prefix: only honour prefixes that agree or when unspecified.
    if (r && (radix == 0 || radix == r) && !(radix == 16 && (p == 'b' || p == 'B' || p == 'd' || p == 'D'))) {
      radix = r;
      s += 2;
    }
  }
  if (radix == 0) radix = 10;
  return s;
}

}  // namespace xrtemu_hls

namespace xrtemu_hls {
template <int W1, bool S1, int W2, bool S2>
inline int compare(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b);
}

// CRTP base for proxies (range, whole, concat) so that mixed operators can find them.
template <class D, int W> struct ap_proxy {
  enum { width = W };
  ap_int_base<W, false> get() const { return static_cast<const D*>(this)->value(); }
};

template <int W, bool S> struct ap_int_base : xrtemu_hls::ap_store<W> {
  static_assert(W >= 1, "ap_int width must be at least 1");
  enum { width = W, sign_flag = S, N = xrtemu_hls::limbs_for(W) };
  typedef typename std::conditional<
      (W <= 32), typename std::conditional<S, int, unsigned int>::type,
      typename std::conditional<S, long long, unsigned long long>::type>::type RetType;

  // ---- raw limb access (used by all generic algorithms) ----
  uint64_t limb(int i) const {
    uint64_t x = this->raw(i);
    return (i == N - 1) ? xrtemu_hls::norm_word(x, W - 64 * (N - 1), S) : x;
  }
  uint64_t fill() const { return (S && (limb(N - 1) >> 63)) ? ~uint64_t(0) : 0; }
  uint64_t xlimb(int i) const { return i < N ? limb(i) : fill(); }
  void set_limb(int i, uint64_t x) { this->set_raw(i, x); }
  void norm() { this->set_raw(N - 1, limb(N - 1)); }
  void load(const uint64_t* a) { for (int i = 0; i < N; ++i) this->set_raw(i, a[i]); norm(); }
  void store(uint64_t* a) const { for (int i = 0; i < N; ++i) a[i] = limb(i); }

  // ---- construction ----
  ap_int_base() = default;
  template <int W2, bool S2> ap_int_base(const ap_int_base<W2, S2>& o) {
    for (int i = 0; i < N; ++i) this->set_raw(i, o.xlimb(i));
    norm();
  }
  template <class T, xrtemu_hls::enable_int<T> = 0> ap_int_base(T v) { from_i64((uint64_t)v, xrtemu_hls::is_neg(v)); }
  ap_int_base(double d) { from_double(d); }
  ap_int_base(float f) { from_double(f); }
  ap_int_base(long double d) { from_double((double)d); }
  ap_int_base(const char* s) { from_string(s, 0); }
  ap_int_base(const char* s, signed char radix) { from_string(s, radix); }
  ap_int_base(const std::string& s, signed char radix = 0) { from_string(s.c_str(), radix); }
  template <int W2, bool S2> ap_int_base(const ap_range_ref<W2, S2>& r) : ap_int_base(r.get()) {}
  template <int W2, bool S2> ap_int_base(const ap_bit_ref<W2, S2>& b) : ap_int_base((unsigned)b.get()) {}
  template <class D, int W2> ap_int_base(const ap_proxy<D, W2>& p) : ap_int_base(p.get()) {}
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  ap_int_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& f) : ap_int_base(f.to_ap_int_base()) {}

  void from_i64(uint64_t v, bool neg) {
    this->set_raw(0, v);
    for (int i = 1; i < N; ++i) this->set_raw(i, neg ? ~uint64_t(0) : 0);
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
    uint64_t t[N > 1 ? N : 1];
    for (int i = 0; i < N; ++i) t[i] = 0;
    t[0] = mant;
    if (sh > 0) {
      if (sh >= 64 * N) return;
      xrtemu_hls::limbs_shl(t, t, N, sh);
    } else {
      t[0] = mant >> (-sh);
    }
    if (neg) xrtemu_hls::limbs_neg(t, N);
    load(t);
  }
  void from_string(const char* s, int radix) {
    bool neg;
    s = xrtemu_hls::parse_prefix(s, radix, neg);
    uint64_t t[N];
    for (int i = 0; i < N; ++i) t[i] = 0;
    for (; *s; ++s) {
      if (*s == '\'' || *s == '_') continue;
      int d = xrtemu_hls::digit_value(*s);
      if (d >= radix) break;  // stops at '.', suffixes, or junk
      uint64_t carry = (uint64_t)d;
      for (int i = 0; i < N; ++i) {
        xrtemu_hls::u128 p = (xrtemu_hls::u128)t[i] * (unsigned)radix + carry;
        t[i] = (uint64_t)p;
        carry = (uint64_t)(p >> 64);
      }
    }
    if (neg) xrtemu_hls::limbs_neg(t, N);
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
    if (N == 1) return S ? (double)(int64_t)limb(0) : (double)limb(0);
    bool neg = S && fill();
    uint64_t t[N];
    store(t);
    if (neg) xrtemu_hls::limbs_neg(t, N);
    double r = 0;
    for (int i = N - 1; i >= 0; --i) r = r * 18446744073709551616.0 + (double)t[i];
    return neg ? -r : r;
  }
  float to_float() const { return (float)to_double(); }
  long double to_ldouble() const { return (long double)to_double(); }
  static constexpr int length() { return W; }

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
  ap_int_base& b_not() { for (int i = 0; i < N; ++i) this->set_raw(i, ~this->raw(i)); norm(); return *this; }
  bool operator[](int i) const { return get_bit(i); }
  ap_bit_ref<W, S> operator[](int i) { return ap_bit_ref<W, S>(this, i); }
  template <int W2, bool S2> ap_bit_ref<W, S> operator[](const ap_int_base<W2, S2>& i) { return (*this)[i.to_int()]; }
  template <int W2, bool S2> bool operator[](const ap_int_base<W2, S2>& i) const { return get_bit(i.to_int()); }
  ap_bit_ref<W, S> bit(int i) { return ap_bit_ref<W, S>(this, i); }
  bool bit(int i) const { return get_bit(i); }
  ap_range_ref<W, S> range(int hi, int lo) const { return ap_range_ref<W, S>(const_cast<ap_int_base*>(this), hi, lo); }
  ap_range_ref<W, S> range() const { return range(W - 1, 0); }
  ap_range_ref<W, S> operator()(int hi, int lo) const { return range(hi, lo); }
  template <int W2, bool S2, int W3, bool S3>
  ap_range_ref<W, S> range(const ap_int_base<W2, S2>& hi, const ap_int_base<W3, S3>& lo) const { return range(hi.to_int(), lo.to_int()); }
  template <int W2, bool S2, int W3, bool S3>
  ap_range_ref<W, S> operator()(const ap_int_base<W2, S2>& hi, const ap_int_base<W3, S3>& lo) const { return range(hi.to_int(), lo.to_int()); }

  // Bits hi..lo as an unsigned value; hi < lo gives them in reversed order.
  ap_int_base<W, false> get_range(int hi, int lo) const {
    bool rev = hi < lo;
    if (rev) std::swap(hi, lo);
    int len = hi - lo + 1;
    ap_int_base<W, false> r;
    if (N == 1) {
      uint64_t v = (limb(0) >> lo);
      r.from_i64(len >= 64 ? v : v & ((uint64_t(1) << len) - 1), false);
    } else {
      uint64_t t[N];
      store(t);
      xrtemu_hls::limbs_shr(t, t, N, lo, 0);
      for (int i = 0; i < N; ++i) {
        int b = len - 64 * i;
        if (b <= 0) t[i] = 0;
        else if (b < 64) t[i] &= (uint64_t(1) << b) - 1;
      }
      r.load(t);
    }
    if (rev) {
      ap_int_base<W, false> o(0);
      for (int i = 0; i < len; ++i) if (r.get_bit(i)) o.set_bit(len - 1 - i, true);
      return o;
    }
    return r;
  }
  template <int W2, bool S2> void set_range(int hi, int lo, const ap_int_base<W2, S2>& v) {
    if (hi < lo) {
      int len = lo - hi + 1;
      for (int i = 0; i < len; ++i) set_bit(lo - i, v.get_bit(i < W2 ? i : W2 - 1) && (i < W2 || (S2 && v.fill())));
      return;
    }
    int len = hi - lo + 1;
    if (N == 1) {
      uint64_t m = (len >= 64 ? ~uint64_t(0) : ((uint64_t(1) << len) - 1)) << lo;
      uint64_t x = (limb(0) & ~m) | ((v.xlimb(0) << lo) & m);
      this->set_raw(0, x);
      norm();
      return;
    }
    uint64_t t[N], m[N], vv[N];
    store(t);
    for (int i = 0; i < N; ++i) {
      int b = len - 64 * i;
      m[i] = b <= 0 ? 0 : b >= 64 ? ~uint64_t(0) : ((uint64_t(1) << b) - 1);
      vv[i] = v.xlimb(i);
    }
    xrtemu_hls::limbs_shl(m, m, N, lo);
    xrtemu_hls::limbs_shl(vv, vv, N, lo);
    for (int i = 0; i < N; ++i) t[i] = (t[i] & ~m[i]) | (vv[i] & m[i]);
    load(t);
  }

  // ---- reductions and queries ----
  bool iszero() const { for (int i = 0; i < N; ++i) if (limb(i)) return false; return true; }
  bool is_zero() const { return iszero(); }
  bool sign() const { return S && fill(); }
  bool isneg() const { return sign(); }
  bool and_reduce() const {
    ap_int_base<W, false> u(*this);
    for (int i = 0; i < N; ++i) {
      int b = W - 64 * i;
      uint64_t m = b >= 64 ? ~uint64_t(0) : ((uint64_t(1) << b) - 1);
      if (u.limb(i) != m) return false;
    }
    return true;
  }
  bool or_reduce() const { return !iszero(); }
  bool xor_reduce() const {
    ap_int_base<W, false> u(*this);
    int p = 0;
    for (int i = 0; i < N; ++i) p ^= __builtin_popcountll(u.limb(i)) & 1;
    return p;
  }
  bool nand_reduce() const { return !and_reduce(); }
  bool nor_reduce() const { return iszero(); }
  bool xnor_reduce() const { return !xor_reduce(); }
  int countLeadingZeros() const {
    ap_int_base<W, false> u(*this);
    uint64_t t[N];
    u.store(t);
    return W - xrtemu_hls::limbs_bits(t, N);
  }
  int countTrailingZeros() const {
    for (int i = 0; i < N; ++i) if (uint64_t x = limb(i)) { int r = i * 64 + __builtin_ctzll(x); return r < W ? r : W; }
    return W;
  }
  int countPopulation() const {
    ap_int_base<W, false> u(*this);
    int c = 0;
    for (int i = 0; i < N; ++i) c += __builtin_popcountll(u.limb(i));
    return c;
  }
  ap_int_base& reverse() { *this = get_range(0, W - 1); return *this; }
  ap_int_base& lrotate(int n) {
    n %= W; if (n < 0) n += W;
    ap_int_base<W, false> u(*this);
    *this = (u << n) | (u >> (W - n));
    return *this;
  }
  ap_int_base& rrotate(int n) { return lrotate(W - (n % W)); }
  template <int W2, bool S2> ap_int_base<W + W2, false> concat(const ap_int_base<W2, S2>& b) const {
    ap_int_base<W + W2, false> r(ap_int_base<W, false>(*this));
    r <<= W2;
    return r | ap_int_base<W + W2, false>(ap_int_base<W2, false>(b));
  }

  std::string to_string(int radix = 2, bool sign = S) const;
  std::string to_string(BaseMode radix, bool sign = S) const { return to_string((int)radix, sign); }

  // ---- shifts (result has the type of the left operand) ----
  ap_int_base shl(int n) const {
    ap_int_base r;
    if (n >= W) { r.from_i64(0, false); return r; }
    if (N == 1) { r.from_i64(limb(0) << n, false); return r; }
    uint64_t t[N];
    store(t);
    xrtemu_hls::limbs_shl(t, t, N, n);
    r.load(t);
    return r;
  }
  ap_int_base shr(int n) const {  // arithmetic for signed, logical for unsigned
    ap_int_base r;
    if (n >= W) { r.from_i64(fill(), fill() != 0); return r; }
    if (N == 1) {
      uint64_t x = limb(0);
      r.from_i64(S ? (uint64_t)((int64_t)x >> n) : x >> n, false);
      return r;
    }
    uint64_t t[N];
    store(t);
    xrtemu_hls::limbs_shr(t, t, N, n, fill());
    r.load(t);
    return r;
  }
  // A negative (signed) amount shifts the other way, as in HLS.
  ap_int_base shift_by(long long s) const {
    return s < 0 ? shr(s <= -W ? W : (int)-s) : shl(s >= W ? W : (int)s);
  }
  template <class T, xrtemu_hls::enable_int<T> = 0> ap_int_base operator<<(T n) const { return shift_by(xrtemu_hls::clamp_shift(n)); }
  template <class T, xrtemu_hls::enable_int<T> = 0> ap_int_base operator>>(T n) const { return shift_by(-xrtemu_hls::clamp_shift(n)); }
  template <int W2, bool S2> ap_int_base operator<<(const ap_int_base<W2, S2>& n) const { return shift_by(shift_amount(n)); }
  template <int W2, bool S2> ap_int_base operator>>(const ap_int_base<W2, S2>& n) const { return shift_by(-shift_amount(n)); }
  template <int W2, bool S2> static long long shift_amount(const ap_int_base<W2, S2>& n) {
    const ap_int_base<64, true> lim(1LL << 31), nlim(-(1LL << 31));
    if (xrtemu_hls::compare(n, lim) > 0) return 1LL << 31;
    if (S2 && xrtemu_hls::compare(n, nlim) < 0) return -(1LL << 31);
    return S2 ? (long long)n.to_int64() : (long long)n.to_uint64();
  }

  // ---- unary ----
  ap_int_base<W + 1, true> operator-() const;
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
  template <class T> ap_int_base& operator op##=(const T& o) { return *this = (*this op o); }
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

namespace xrtemu_hls {

template <class R, class A, class B> inline R add(const A& a, const B& b) {
  R r;
  if (R::N == 1) { r.from_i64(a.xlimb(0) + b.xlimb(0), false); return r; }
  uint64_t c = 0;
  for (int i = 0; i < R::N; ++i) {
    uint64_t x = a.xlimb(i), y = b.xlimb(i), s = x + y, c1 = s < x;
    s += c;
    c1 |= (s < c);
    r.set_limb(i, s);
    c = c1;
  }
  r.norm();
  return r;
}
template <class R, class A, class B> inline R sub(const A& a, const B& b) {
  R r;
  if (R::N == 1) { r.from_i64(a.xlimb(0) - b.xlimb(0), false); return r; }
  uint64_t br = 0;
  for (int i = 0; i < R::N; ++i) {
    uint64_t x = a.xlimb(i), y = b.xlimb(i), d = x - y - br;
    br = (x < y) || (x - y < br);
    r.set_limb(i, d);
  }
  r.norm();
  return r;
}
template <class R, class A, class B> inline R mul(const A& a, const B& b) {
  R r;
  if (R::N == 1) { r.from_i64(a.xlimb(0) * b.xlimb(0), false); return r; }
  enum { K = R::N };
  uint64_t t[K];
  for (int i = 0; i < K; ++i) t[i] = 0;
  int na = ap_min(K, A::N + 1), nb = ap_min(K, B::N + 1);  // limbs past N+1 are pure sign fill
  for (int i = 0; i < K; ++i) {
    uint64_t ai = a.xlimb(i < na ? i : na);
    if (!ai) continue;
    u128 carry = 0;
    for (int j = 0; i + j < K; ++j) {
      u128 p = (u128)ai * b.xlimb(j < nb ? j : nb) + t[i + j] + carry;
      t[i + j] = (uint64_t)p;
      carry = p >> 64;
    }
  }
  r.load(t);
  return r;
}
template <class R, class A, class B> inline R logic_op(const A& a, const B& b, int op) {
  R r;
  for (int i = 0; i < R::N; ++i) {
    uint64_t x = a.xlimb(i), y = b.xlimb(i);
    r.set_limb(i, op == 0 ? (x & y) : op == 1 ? (x | y) : (x ^ y));
  }
  r.norm();
  return r;
}
// Quotient and remainder with C semantics (truncation towards zero, remainder has the
// sign of the dividend). Division by zero gives quotient 0 and remainder a.
template <class Q, class M, int W1, bool S1, int W2, bool S2>
inline void divmod(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b, Q* q, M* m) {
  if (W1 <= 64 && W2 <= 64) {
    if (!S1 && !S2) {
      uint64_t x = a.limb(0), y = b.limb(0);
      if (q) q->from_i64(y ? x / y : 0, false);
      if (m) m->from_i64(y ? x % y : x, false);
    } else if (W1 + !S1 <= 64 && W2 + !S2 <= 64) {
      int64_t x = (int64_t)a.limb(0), y = (int64_t)b.limb(0);
      if (y == 0) {
        if (q) q->from_i64(0, false);
        if (m) m->from_i64((uint64_t)x, x < 0);
      } else if (y == -1) {
        if (q) q->from_i64(0 - (uint64_t)x, x > 0);
        if (m) m->from_i64(0, false);
      } else {
        if (q) { int64_t v = x / y; q->from_i64((uint64_t)v, v < 0); }
        if (m) { int64_t v = x % y; m->from_i64((uint64_t)v, v < 0); }
      }
    } else {
      i128 x = S1 ? (i128)(int64_t)a.limb(0) : (i128)a.limb(0);
      i128 y = S2 ? (i128)(int64_t)b.limb(0) : (i128)b.limb(0);
      i128 qq = y ? x / y : 0, mm = y ? x % y : x;
      if (q) { uint64_t t[2] = {(uint64_t)qq, (uint64_t)((u128)qq >> 64)}; ap_int_base<128, true> tq; tq.load(t); *q = Q(tq); }
      if (m) { uint64_t t[2] = {(uint64_t)mm, (uint64_t)((u128)mm >> 64)}; ap_int_base<128, true> tm; tm.load(t); *m = M(tm); }
    }
    return;
  }
  enum { K = limbs_for(ap_max(W1, W2) + 1) };
  uint64_t x[K], y[K], qq[K], rr[K];
  for (int i = 0; i < K; ++i) { x[i] = a.xlimb(i); y[i] = b.xlimb(i); }
  bool nx = S1 && a.fill(), ny = S2 && b.fill();
  if (nx) limbs_neg(x, K);
  if (ny) limbs_neg(y, K);
  if (limbs_bits(y, K) == 0) {
    if (q) q->from_i64(0, false);
    if (m) *m = M(a);
    return;
  }
  limbs_divmod(x, y, qq, rr, K);
  if (nx != ny) limbs_neg(qq, K);
  if (nx) limbs_neg(rr, K);
  ap_int_base<64 * K, true> tq, tr;
  tq.load(qq);
  tr.load(rr);
  if (q) *q = Q(tq);
  if (m) *m = M(tr);
}

// Comparison as C would do it for integers of these widths: both promoted to int when
// narrower than 32 bits; otherwise a signed operand is converted to unsigned when the
// unsigned one is at least as wide. Returns -1, 0, 1.
template <int W1, bool S1, int W2, bool S2>
inline int compare(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {
  const bool as_unsigned = (S1 != S2) && !(W1 < 32 && W2 < 32) &&
                           ((S1 && W2 >= W1) || (S2 && W1 >= W2));
  if (as_unsigned || (!S1 && !S2)) {
    enum { MW = ap_max(W1, W2), K = limbs_for(MW) };
    if (K == 1) {
      uint64_t x = norm_word(a.xlimb(0), MW, false), y = norm_word(b.xlimb(0), MW, false);
      return x < y ? -1 : x > y;
    }
    ap_int_base<MW, false> x(a), y(b);
    for (int i = K - 1; i >= 0; --i)
      if (x.limb(i) != y.limb(i)) return x.limb(i) < y.limb(i) ? -1 : 1;
    return 0;
  }
  enum { K = limbs_for(ap_max(W1, W2) + 1) };
  if (K == 1) {
    int64_t x = (int64_t)a.xlimb(0), y = (int64_t)b.xlimb(0);
    return x < y ? -1 : x > y;
  }
  int64_t hx = (int64_t)a.xlimb(K - 1), hy = (int64_t)b.xlimb(K - 1);
  if (hx != hy) return hx < hy ? -1 : 1;
  for (int i = K - 2; i >= 0; --i) {
    uint64_t x = a.xlimb(i), y = b.xlimb(i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

template <class R, class A, class B> inline R div_q(const A& a, const B& b) {
  R q;
  divmod<R, R>(a, b, &q, (R*)nullptr);
  return q;
}
template <class R, class A, class B> inline R mod_r(const A& a, const B& b) {
  R m;
  divmod<R, R>(a, b, (R*)nullptr, &m);
  return m;
}

template <class T> inline typename int_traits<T>::type to_ap(T v) { return typename int_traits<T>::type(v); }

}  // namespace xrtemu_hls

template <int W, bool S> inline ap_int_base<W + 1, true> ap_int_base<W, S>::operator-() const {
  return xrtemu_hls::sub<ap_int_base<W + 1, true>>(ap_int_base<1, false>(0), *this);
}

// ---- binary operators between ap types, and with built-in types ----
#define XRTEMU_AP_BINOP(op, kind, impl)                                                              \
  template <int W1, bool S1, int W2, bool S2>                                                        \
  inline typename xrtemu_hls::rtype<W1, S1, W2, S2>::kind operator op(const ap_int_base<W1, S1>& a,  \
                                                                    const ap_int_base<W2, S2>& b) { \
    typedef typename xrtemu_hls::rtype<W1, S1, W2, S2>::kind R;                                      \
    impl;                                                                                            \
  }                                                                                                  \
  template <int W1, bool S1, class T, xrtemu_hls::enable_int<T> = 0>                                 \
  inline auto operator op(const ap_int_base<W1, S1>& a, T b)->decltype(a op xrtemu_hls::to_ap(b)) {  \
    return a op xrtemu_hls::to_ap(b);                                                                \
  }                                                                                                  \
  template <int W1, bool S1, class T, xrtemu_hls::enable_int<T> = 0>                                 \
  inline auto operator op(T a, const ap_int_base<W1, S1>& b)->decltype(xrtemu_hls::to_ap(a) op b) {  \
    return xrtemu_hls::to_ap(a) op b;                                                                \
  }                                                                                                  \
  template <int W1, bool S1, class T, xrtemu_hls::enable_float<T> = 0>                               \
  inline T operator op(const ap_int_base<W1, S1>& a, T b) { return (T)a.to_double() op b; }          \
  template <int W1, bool S1, class T, xrtemu_hls::enable_float<T> = 0>                               \
  inline T operator op(T a, const ap_int_base<W1, S1>& b) { return a op (T)b.to_double(); }

XRTEMU_AP_BINOP(+, plus, return xrtemu_hls::add<R>(a, b))
XRTEMU_AP_BINOP(-, minus, return xrtemu_hls::sub<R>(a, b))
XRTEMU_AP_BINOP(*, mult, return xrtemu_hls::mul<R>(a, b))
XRTEMU_AP_BINOP(/, div, return xrtemu_hls::div_q<R>(a, b))
#undef XRTEMU_AP_BINOP

// % and the bitwise operators have no floating-point forms.
#define XRTEMU_AP_INTOP(op, kind, impl)                                                              \
  template <int W1, bool S1, int W2, bool S2>                                                        \
  inline typename xrtemu_hls::rtype<W1, S1, W2, S2>::kind operator op(const ap_int_base<W1, S1>& a,  \
                                                                    const ap_int_base<W2, S2>& b) { \
    typedef typename xrtemu_hls::rtype<W1, S1, W2, S2>::kind R;                                      \
    impl;                                                                                            \
  }                                                                                                  \
  template <int W1, bool S1, class T, xrtemu_hls::enable_int<T> = 0>                                 \
  inline auto operator op(const ap_int_base<W1, S1>& a, T b)->decltype(a op xrtemu_hls::to_ap(b)) {  \
    return a op xrtemu_hls::to_ap(b);                                                                \
  }                                                                                                  \
  template <int W1, bool S1, class T, xrtemu_hls::enable_int<T> = 0>                                 \
  inline auto operator op(T a, const ap_int_base<W1, S1>& b)->decltype(xrtemu_hls::to_ap(a) op b) {  \
    return xrtemu_hls::to_ap(a) op b;                                                                \
  }
XRTEMU_AP_INTOP(%, mod, return xrtemu_hls::mod_r<R>(a, b))
XRTEMU_AP_INTOP(&, logic, return xrtemu_hls::logic_op<R>(a, b, 0))
XRTEMU_AP_INTOP(|, logic, return xrtemu_hls::logic_op<R>(a, b, 1))
XRTEMU_AP_INTOP(^, logic, return xrtemu_hls::logic_op<R>(a, b, 2))
#undef XRTEMU_AP_INTOP

// Built-in integer shifted by an ap value: the built-in keeps its C type.
template <class T, int W, bool S, xrtemu_hls::enable_int<T> = 0>
inline T operator<<(T a, const ap_int_base<W, S>& n) { return (T)(a << n.to_int()); }
template <class T, int W, bool S, xrtemu_hls::enable_int<T> = 0>
inline T operator>>(T a, const ap_int_base<W, S>& n) { return (T)(a >> n.to_int()); }

#define XRTEMU_AP_CMPOP(op)                                                                   \
  template <int W1, bool S1, int W2, bool S2>                                                 \
  inline bool operator op(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {       \
    return xrtemu_hls::compare(a, b) op 0;                                                    \
  }                                                                                           \
  template <int W1, bool S1, class T, xrtemu_hls::enable_int<T> = 0>                          \
  inline bool operator op(const ap_int_base<W1, S1>& a, T b) {                                \
    return xrtemu_hls::compare(a, xrtemu_hls::to_ap(b)) op 0;                                 \
  }                                                                                           \
  template <int W1, bool S1, class T, xrtemu_hls::enable_int<T> = 0>                          \
  inline bool operator op(T a, const ap_int_base<W1, S1>& b) {                                \
    return xrtemu_hls::compare(xrtemu_hls::to_ap(a), b) op 0;                                 \
  }                                                                                           \
  template <int W1, bool S1, class T, xrtemu_hls::enable_float<T> = 0>                        \
  inline bool operator op(const ap_int_base<W1, S1>& a, T b) { return a.to_double() op b; }   \
  template <int W1, bool S1, class T, xrtemu_hls::enable_float<T> = 0>                        \
  inline bool operator op(T a, const ap_int_base<W1, S1>& b) { return a op b.to_double(); }
XRTEMU_AP_CMPOP(==)
XRTEMU_AP_CMPOP(!=)
XRTEMU_AP_CMPOP(<)
XRTEMU_AP_CMPOP(<=)
XRTEMU_AP_CMPOP(>)
XRTEMU_AP_CMPOP(>=)
#undef XRTEMU_AP_CMPOP

// ---- string conversion ----
template <int W, bool S> std::string ap_int_base<W, S>::to_string(int radix, bool sign) const {
  if (radix != 2 && radix != 8 && radix != 10 && radix != 16) radix = 10;
  enum { K = N + 1 };
  uint64_t t[K];
  for (int i = 0; i < K; ++i) t[i] = xlimb(i);
  bool neg = sign && S && fill();
  if (!sign || !S) { for (int i = N; i < K; ++i) t[i] = 0; ap_int_base<W, false> u(*this); u.store(t); }
  if (neg) xrtemu_hls::limbs_neg(t, K);
  std::string digits;
  const char* dig = "0123456789abcdef";
  while (xrtemu_hls::limbs_bits(t, K)) {
    uint64_t rem = 0;
    for (int i = K - 1; i >= 0; --i) {
      xrtemu_hls::u128 cur = ((xrtemu_hls::u128)rem << 64) | t[i];
      t[i] = (uint64_t)(cur / (unsigned)radix);
      rem = (uint64_t)(cur % (unsigned)radix);
    }
    digits.push_back(dig[rem]);
  }
  if (digits.empty()) digits = "0";
  std::string out = neg ? "-" : "";
  if (radix == 2) out += "0b";
  else if (radix == 8) out += "0o";
  else if (radix == 16) out += "0x";
  out.append(digits.rbegin(), digits.rend());
  return out;
}

template <int W, bool S> inline std::ostream& operator<<(std::ostream& os, const ap_int_base<W, S>& x) {
  std::ios_base::fmtflags f = os.flags();
  if (f & std::ios_base::hex) {
    std::string s = x.to_string(16, false).substr(2);
    if (f & std::ios_base::uppercase) for (auto& c : s) c = (char)std::toupper((unsigned char)c);
    return os << ((f & std::ios_base::showbase) ? "0x" : "") << s;
  }
  if (f & std::ios_base::oct) return os << ((f & std::ios_base::showbase) ? "0" : "") << x.to_string(8, false).substr(2);
  std::string s = x.to_string(10);
  if ((f & std::ios_base::showpos) && s[0] != '-') s = "+" + s;
  return os << s;
}
template <int W, bool S> inline std::istream& operator>>(std::istream& is, ap_int_base<W, S>& x) {
  std::string s;
  is >> s;
  x = ap_int_base<W, S>(s.c_str());
  return is;
}

#include "ap_int_ref.h"

#endif
