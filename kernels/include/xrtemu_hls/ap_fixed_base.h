// Fixed-point types (ap_fixed / ap_ufixed) following UG1399: W total bits, I integer bits
// (sign included), quantization Q applied when fraction bits are dropped, overflow O when
// the integer part does not fit. The raw two's-complement bits live in the public member V
// (an ap_int_base<W, S>), so the host size and layout equal those of ap_int<W>.
#ifndef XRTEMU_HLS_AP_FIXED_BASE_H
#define XRTEMU_HLS_AP_FIXED_BASE_H

#include <cstdio>
#include <cstdlib>

#include "ap_int_base.h"

namespace xrtemu_hls {
// Full-precision result types of fixed-point operators.
template <int _AP_W1, int _AP_I1, bool _AP_S1, int _AP_W2, int _AP_I2, bool _AP_S2> struct frtype {
  enum {
    _AP_F1 = _AP_W1 - _AP_I1, _AP_F2 = _AP_W2 - _AP_I2, _AP_F = ap_max(_AP_F1, _AP_F2),
    plus_i = ap_max(_AP_I1 + (_AP_S2 && !_AP_S1), _AP_I2 + (_AP_S1 && !_AP_S2)) + 1, plus_w = plus_i + _AP_F,
    logic_i = ap_max(_AP_I1 + (_AP_S2 && !_AP_S1), _AP_I2 + (_AP_S1 && !_AP_S2)), logic_w = logic_i + _AP_F,
    mult_w = _AP_W1 + _AP_W2, mult_i = _AP_I1 + _AP_I2,
    div_w = _AP_S2 + _AP_W1 + ap_max(_AP_F2, 0), div_i = _AP_S2 + _AP_I1 + _AP_F2,
    _AP_S = _AP_S1 || _AP_S2
  };
  typedef ap_fixed_base<plus_w, plus_i, (bool)_AP_S, AP_TRN, AP_WRAP, 0> plus;
  typedef ap_fixed_base<plus_w, plus_i, true, AP_TRN, AP_WRAP, 0> minus;
  typedef ap_fixed_base<logic_w, logic_i, (bool)_AP_S, AP_TRN, AP_WRAP, 0> logic;
  typedef ap_fixed_base<mult_w, mult_i, (bool)_AP_S, AP_TRN, AP_WRAP, 0> mult;
  typedef ap_fixed_base<div_w, div_i, (bool)_AP_S, AP_TRN, AP_WRAP, 0> div;
};
}  // namespace xrtemu_hls

template <int _AP_W, int _AP_I, bool _AP_S, ap_q_mode _AP_Q, ap_o_mode _AP_O, int _AP_N> struct ap_fixed_base {
  enum { width = _AP_W, iwidth = _AP_I, fwidth = _AP_W - _AP_I, sign_flag = _AP_S, qmode = _AP_Q, omode = _AP_O, sat_bits = _AP_N };
  enum { _AP_F = _AP_W - _AP_I };
  ap_int_base<_AP_W, _AP_S> V;

  // ---- core: set from an exact value src * 2^-FX, applying Q and O ----
  template <int _AP_XW, int _AP_FX> void assign_raw(const ap_int_base<_AP_XW, true>& src) {
    enum { _AP_SH = _AP_FX > _AP_F ? _AP_FX - _AP_F : 0, _AP_UP = _AP_F > _AP_FX ? _AP_F - _AP_FX : 0, _AP_QW = _AP_XW + _AP_UP + 1 };
    ap_int_base<_AP_QW, true> q;
    if (_AP_SH > 0) {
      q = ap_int_base<_AP_QW, true>(src.shr(_AP_SH >= _AP_XW ? _AP_XW : (int)_AP_SH));
      bool half = (_AP_SH - 1 < _AP_XW) ? src.get_bit(_AP_SH - 1 < _AP_XW ? _AP_SH - 1 : 0) : src.sign();
      // Any bit below the half position (bits past XW are sign fill).
      bool rest = (_AP_SH - 1 < _AP_XW) ? !src.shl(_AP_XW - (_AP_SH - 1 < _AP_XW ? _AP_SH - 1 : 0)).iszero() : !src.iszero();
      bool qneg = q.sign();
      bool inc = false;
      switch (_AP_Q) {
        case AP_TRN: break;
        case AP_TRN_ZERO: inc = (half || rest) && qneg; break;
        case AP_RND: inc = half; break;
        case AP_RND_ZERO: inc = half && (rest || qneg); break;
        case AP_RND_MIN_INF: inc = half && rest; break;
        case AP_RND_INF: inc = half && (rest || !qneg); break;
        case AP_RND_CONV: inc = half && (rest || q.get_bit(0)); break;
      }
      if (inc) q = ap_int_base<_AP_QW, true>(q + ap_int_base<1, false>(1));
    } else {
      q = ap_int_base<_AP_QW, true>(src).shl(_AP_UP >= _AP_QW ? _AP_QW : (int)_AP_UP);
    }
    overflow(q);
  }
  template <int _AP_QW> void overflow(const ap_int_base<_AP_QW, true>& q) {
    V = ap_int_base<_AP_W, _AP_S>(q);
    if (xrtemu_hls::compare(ap_int_base<_AP_QW, true>(V), q) == 0) return;  // fits
    bool neg = q.sign();
    switch (_AP_O) {
      case AP_WRAP:
        if (_AP_N > 0) {
          for (int k = 0; k < _AP_N && k < _AP_W; ++k) V.set_bit(_AP_W - 1 - k, _AP_S ? neg : !neg);
        }
        break;
      case AP_WRAP_SM:
        if (_AP_N > 0) {
          for (int k = 0; k < _AP_N && k < _AP_W; ++k) V.set_bit(_AP_W - 1 - k, _AP_S ? neg : !neg);
        } else if (_AP_S && V.get_bit(_AP_W - 1) != (_AP_W < _AP_QW ? q.get_bit(_AP_W < _AP_QW ? _AP_W : 0) : neg)) {
          V.b_not();
        }
        break;
      case AP_SAT_ZERO: V.clear(); break;
      case AP_SAT:
      case AP_SAT_SYM:
        if (neg) {
          V.clear();
          if (_AP_S) { V.set_bit(_AP_W - 1, true); if (_AP_O == AP_SAT_SYM) V.set_bit(0, true); }
        } else {
          V.set();
          if (_AP_S) V.set_bit(_AP_W - 1, false);
        }
        break;
    }
  }
  template <int _AP_W2, int _AP_I2, bool _AP_S2, ap_q_mode _AP_Q2, ap_o_mode _AP_O2, int _AP_N2>
  void assign_fixed(const ap_fixed_base<_AP_W2, _AP_I2, _AP_S2, _AP_Q2, _AP_O2, _AP_N2>& o) {
    assign_raw<_AP_W2 + 1, _AP_W2 - _AP_I2>(ap_int_base<_AP_W2 + 1, true>(o.V));
  }
  void from_double(double d) {
    if (!(d == d)) { V.clear(); return; }
    bool neg = d < 0;
    double a = neg ? -d : d;
    // Far out-of-range magnitudes saturate the same way as a moderately large one.
    if (_AP_O != AP_WRAP && _AP_O != AP_WRAP_SM && a > std::ldexp(1.0, _AP_I + 3)) a = std::ldexp(1.0, _AP_I + 3);
    // Exact value with F+3 fraction bits, the lowest one a sticky bit for what is dropped.
    enum { _AP_XW = (_AP_W > 0 ? _AP_W : 1) + 10 };
    ap_int_base<_AP_XW, true> m(0);
    bool sticky = false;
    if (a != 0 && !std::isinf(a)) {
      int e;
      double fr = std::frexp(a, &e);
      uint64_t mant = (uint64_t)std::ldexp(fr, 53);
      long k = (long)e - 53 + (long)_AP_F + 2;
      if (k >= 0) {
        m = ap_int_base<_AP_XW, true>(ap_int_base<64, false>(mant)).shl(k >= _AP_XW ? _AP_XW : (int)k);
      } else if (k > -64) {
        m = ap_int_base<_AP_XW, true>(ap_int_base<64, false>(mant >> (-k)));
        sticky = (mant & ((uint64_t(1) << (-k)) - 1)) != 0;
      } else {
        sticky = mant != 0;
      }
    }
    m = m.shl(1);
    if (sticky) m.set_bit(0, true);
    if (neg) m = ap_int_base<_AP_XW, true>(-m);
    assign_raw<_AP_XW, _AP_F + 3>(m);
  }

  // ---- construction ----
  ap_fixed_base() = default;
  template <int _AP_W2, int _AP_I2, bool _AP_S2, ap_q_mode _AP_Q2, ap_o_mode _AP_O2, int _AP_N2>
  ap_fixed_base(const ap_fixed_base<_AP_W2, _AP_I2, _AP_S2, _AP_Q2, _AP_O2, _AP_N2>& o) { assign_fixed(o); }
  template <int _AP_W2, bool _AP_S2> ap_fixed_base(const ap_int_base<_AP_W2, _AP_S2>& o) {
    assign_raw<_AP_W2 + 1, 0>(ap_int_base<_AP_W2 + 1, true>(o));
  }
  template <class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0> ap_fixed_base(_AP_T v) : ap_fixed_base(xrtemu_hls::to_ap(v)) {}
  ap_fixed_base(double d) { from_double(d); }
  ap_fixed_base(float d) { from_double(d); }
  ap_fixed_base(long double d) { from_double((double)d); }
  ap_fixed_base(const char* s, signed char radix = 0) { from_string(s, radix); }
  template <int _AP_W2, bool _AP_S2> ap_fixed_base(const ap_range_ref<_AP_W2, _AP_S2>& r) : ap_fixed_base(r.get()) {}
  template <int _AP_W2, bool _AP_S2> ap_fixed_base(const ap_bit_ref<_AP_W2, _AP_S2>& b) : ap_fixed_base((unsigned)b.get()) {}
  template <class _AP_D, int _AP_W2> ap_fixed_base(const ap_proxy<_AP_D, _AP_W2>& p) : ap_fixed_base(p.get()) {}

  // Strings are read through a double (exact up to 53 significant bits); "0b" is also accepted.
  void from_string(const char* s, int radix) {
    while (*s == ' ') ++s;
    bool neg = *s == '-';
    const char* p = (*s == '-' || *s == '+') ? s + 1 : s;
    double v = 0;
    if (radix == 2 || (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))) {
      if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) p += 2;
      double scale = 0;
      for (; *p; ++p) {
        if (*p == '.') { scale = 1; continue; }
        if (*p != '0' && *p != '1') break;
        v = v * 2 + (*p - '0');
        if (scale) scale *= 2;
      }
      if (scale) v /= scale;
    } else if (radix == 16 && !(p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))) {
      v = std::strtod((std::string("0x") + p).c_str(), nullptr);
    } else {
      v = std::strtod(p, nullptr);
    }
    from_double(neg ? -v : v);
  }

  // ---- raw bits ----
  static ap_fixed_base from_raw(const ap_int_base<_AP_W, _AP_S>& raw) { ap_fixed_base r; r.V = raw; return r; }
  ap_bit_ref<_AP_W, _AP_S> operator[](int i) { return V[i]; }
  bool operator[](int i) const { return V.get_bit(i); }
  ap_bit_ref<_AP_W, _AP_S> bit(int i) { return V[i]; }
  bool bit(int i) const { return V.get_bit(i); }
  bool get_bit(int i) const { return V.get_bit(i); }
  void set_bit(int i, bool b) { V.set_bit(i, b); }
  ap_range_ref<_AP_W, _AP_S> range(int hi, int lo) const { return V.range(hi, lo); }
  ap_range_ref<_AP_W, _AP_S> range() const { return V.range(); }
  ap_range_ref<_AP_W, _AP_S> operator()(int hi, int lo) const { return V.range(hi, lo); }
  static constexpr int length() { return _AP_W; }

  // ---- conversions ----
  double to_double() const { return std::ldexp(V.to_double(), -_AP_F); }
  float to_float() const { return (float)to_double(); }
  long double to_ldouble() const { return (long double)to_double(); }
  operator double() const { return to_double(); }
  // Integer part, truncated towards zero as a C cast would.
  ap_int_base<(_AP_I > 0 ? _AP_I : 1), _AP_S> to_ap_int_base() const {
    enum { _AP_RW = (_AP_I > 0 ? _AP_I : 1) };
    if (_AP_F <= 0) return ap_int_base<_AP_RW, _AP_S>(ap_int_base<_AP_W + (_AP_F < 0 ? -_AP_F : 0), _AP_S>(V).shl(_AP_F < 0 ? -_AP_F : 0));
    ap_int_base<_AP_W + 1, true> t(V);
    ap_int_base<_AP_W + 1, true> q = t.shr(_AP_F >= _AP_W + 1 ? _AP_W + 1 : (int)_AP_F);
    bool frac = !ap_int_base<_AP_W + 1, true>(t.shl(_AP_W + 1 - (_AP_F >= _AP_W + 1 ? _AP_W + 1 : (int)_AP_F))).iszero();
    if (q.sign() && frac) q = ap_int_base<_AP_W + 1, true>(q + 1);
    return ap_int_base<_AP_RW, _AP_S>(q);
  }
  int to_int() const { return to_ap_int_base().to_int(); }
  unsigned to_uint() const { return to_ap_int_base().to_uint(); }
  long to_long() const { return to_ap_int_base().to_long(); }
  unsigned long to_ulong() const { return to_ap_int_base().to_ulong(); }
  long long to_int64() const { return to_ap_int_base().to_int64(); }
  unsigned long long to_uint64() const { return to_ap_int_base().to_uint64(); }
  bool to_bool() const { return !V.iszero(); }
  bool iszero() const { return V.iszero(); }
  bool is_zero() const { return V.iszero(); }
  bool sign() const { return V.sign(); }
  int countLeadingZeros() const { return V.countLeadingZeros(); }
  std::string to_string(int radix = 10, bool sign = _AP_S) const;

  // ---- unary, shifts, increments ----
  ap_fixed_base<_AP_W + 1, _AP_I + 1, true, AP_TRN, AP_WRAP, 0> operator-() const {
    return ap_fixed_base<_AP_W + 1, _AP_I + 1, true, AP_TRN, AP_WRAP, 0>::from_raw(-V);
  }
  ap_fixed_base operator+() const { return *this; }
  ap_fixed_base operator~() const { return from_raw(~V); }
  bool operator!() const { return V.iszero(); }
  ap_fixed_base operator<<(int n) const { return from_raw(V << n); }
  ap_fixed_base operator>>(int n) const { return from_raw(V >> n); }
  template <int _AP_W2, bool _AP_S2> ap_fixed_base operator<<(const ap_int_base<_AP_W2, _AP_S2>& n) const { return from_raw(V << n); }
  template <int _AP_W2, bool _AP_S2> ap_fixed_base operator>>(const ap_int_base<_AP_W2, _AP_S2>& n) const { return from_raw(V >> n); }
  ap_fixed_base& operator<<=(int n) { V <<= n; return *this; }
  ap_fixed_base& operator>>=(int n) { V >>= n; return *this; }
  ap_fixed_base& operator++() { return *this = ap_fixed_base(*this + ap_fixed_base<2, 2, true, AP_TRN, AP_WRAP, 0>(1)); }
  ap_fixed_base& operator--() { return *this = ap_fixed_base(*this - ap_fixed_base<2, 2, true, AP_TRN, AP_WRAP, 0>(1)); }
  ap_fixed_base operator++(int) { ap_fixed_base t(*this); ++*this; return t; }
  ap_fixed_base operator--(int) { ap_fixed_base t(*this); --*this; return t; }
#define XRTEMU_AF_CASSIGN(op) \
  template <class _AP_T> ap_fixed_base& operator op##=(const _AP_T& o) { return *this = ap_fixed_base(*this op o); }
  XRTEMU_AF_CASSIGN(+)
  XRTEMU_AF_CASSIGN(-)
  XRTEMU_AF_CASSIGN(*)
  XRTEMU_AF_CASSIGN(/)
  XRTEMU_AF_CASSIGN(&)
  XRTEMU_AF_CASSIGN(|)
  XRTEMU_AF_CASSIGN(^)
#undef XRTEMU_AF_CASSIGN
};

namespace xrtemu_hls {
// Raw bits of a aligned to F fraction bits, in a signed type of width XW.
template <int _AP_XW, int _AP_F, int _AP_W, int _AP_I, bool _AP_S, ap_q_mode _AP_Q, ap_o_mode _AP_O, int _AP_N>
inline ap_int_base<_AP_XW, true> align(const ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N>& a) {
  return ap_int_base<_AP_XW, true>(a.V).shl(_AP_F - (_AP_W - _AP_I));
}
template <class _AP_T> struct as_fixed;
template <int _AP_W, int _AP_I, bool _AP_S, ap_q_mode _AP_Q, ap_o_mode _AP_O, int _AP_N> struct as_fixed<ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N>> {
  typedef ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N> type;
};
template <int _AP_W, bool _AP_S> inline ap_fixed_base<_AP_W, _AP_W, _AP_S, AP_TRN, AP_WRAP, 0> fx(const ap_int_base<_AP_W, _AP_S>& v) {
  return ap_fixed_base<_AP_W, _AP_W, _AP_S, AP_TRN, AP_WRAP, 0>::from_raw(v);
}
template <class _AP_T, enable_int<_AP_T> = 0> inline auto fx(_AP_T v) -> decltype(fx(to_ap(v))) { return fx(to_ap(v)); }
}  // namespace xrtemu_hls

#define XRTEMU_AF_ARGS(n) int _AP_W##n, int _AP_I##n, bool _AP_S##n, ap_q_mode _AP_Q##n, ap_o_mode _AP_O##n, int _AP_N##n
#define XRTEMU_AF_TYPE(n) ap_fixed_base<_AP_W##n, _AP_I##n, _AP_S##n, _AP_Q##n, _AP_O##n, _AP_N##n>
#define XRTEMU_AF_RT(kind) typename xrtemu_hls::frtype<_AP_W1, _AP_I1, _AP_S1, _AP_W2, _AP_I2, _AP_S2>::kind

template <XRTEMU_AF_ARGS(1), XRTEMU_AF_ARGS(2)>
inline XRTEMU_AF_RT(plus) operator+(const XRTEMU_AF_TYPE(1)& a, const XRTEMU_AF_TYPE(2)& b) {
  typedef XRTEMU_AF_RT(plus) _AP_R;
  enum { _AP_F = _AP_R::_AP_F, _AP_XW = _AP_R::width + 1 };
  return _AP_R::from_raw(ap_int_base<_AP_R::width, _AP_R::sign_flag>(xrtemu_hls::align<_AP_XW, _AP_F>(a) + xrtemu_hls::align<_AP_XW, _AP_F>(b)));
}
template <XRTEMU_AF_ARGS(1), XRTEMU_AF_ARGS(2)>
inline XRTEMU_AF_RT(minus) operator-(const XRTEMU_AF_TYPE(1)& a, const XRTEMU_AF_TYPE(2)& b) {
  typedef XRTEMU_AF_RT(minus) _AP_R;
  enum { _AP_F = _AP_R::_AP_F, _AP_XW = _AP_R::width + 1 };
  return _AP_R::from_raw(ap_int_base<_AP_R::width, true>(xrtemu_hls::align<_AP_XW, _AP_F>(a) - xrtemu_hls::align<_AP_XW, _AP_F>(b)));
}
template <XRTEMU_AF_ARGS(1), XRTEMU_AF_ARGS(2)>
inline XRTEMU_AF_RT(mult) operator*(const XRTEMU_AF_TYPE(1)& a, const XRTEMU_AF_TYPE(2)& b) {
  typedef XRTEMU_AF_RT(mult) _AP_R;
  return _AP_R::from_raw(ap_int_base<_AP_R::width, _AP_R::sign_flag>(a.V * b.V));
}
// Quotient truncated towards zero with the dividend's fraction bits (HLS rule).
template <XRTEMU_AF_ARGS(1), XRTEMU_AF_ARGS(2)>
inline XRTEMU_AF_RT(div) operator/(const XRTEMU_AF_TYPE(1)& a, const XRTEMU_AF_TYPE(2)& b) {
  typedef XRTEMU_AF_RT(div) _AP_R;
  enum { _AP_K = (_AP_R::_AP_F) - (_AP_W1 - _AP_I1) + (_AP_W2 - _AP_I2), _AP_XW = _AP_W1 + (_AP_K > 0 ? _AP_K : 0) + 1 };
  ap_int_base<_AP_XW, true> num = ap_int_base<_AP_XW, true>(a.V).shl(_AP_K > 0 ? _AP_K : 0);
  return _AP_R::from_raw(ap_int_base<_AP_R::width, _AP_R::sign_flag>(num / b.V));
}
#define XRTEMU_AF_LOGIC(op)                                                                          \
  template <XRTEMU_AF_ARGS(1), XRTEMU_AF_ARGS(2)>                                                    \
  inline XRTEMU_AF_RT(logic) operator op(const XRTEMU_AF_TYPE(1)& a, const XRTEMU_AF_TYPE(2)& b) {   \
    typedef XRTEMU_AF_RT(logic) _AP_R;                                                                   \
    enum { _AP_F = _AP_R::_AP_F, _AP_XW = _AP_R::width + 1 };                                                            \
    return _AP_R::from_raw(ap_int_base<_AP_R::width, _AP_R::sign_flag>(xrtemu_hls::align<_AP_XW, _AP_F>(a) op xrtemu_hls::align<_AP_XW, _AP_F>(b))); \
  }
XRTEMU_AF_LOGIC(&)
XRTEMU_AF_LOGIC(|)
XRTEMU_AF_LOGIC(^)
#undef XRTEMU_AF_LOGIC

// Comparisons are exact: both sides are aligned to the finer fraction and sign-extended.
#define XRTEMU_AF_CMP(op)                                                                            \
  template <XRTEMU_AF_ARGS(1), XRTEMU_AF_ARGS(2)>                                                    \
  inline bool operator op(const XRTEMU_AF_TYPE(1)& a, const XRTEMU_AF_TYPE(2)& b) {                  \
    enum { _AP_F = xrtemu_hls::ap_max(_AP_W1 - _AP_I1, _AP_W2 - _AP_I2),                                                 \
           _AP_XW = xrtemu_hls::ap_max(_AP_W1 + _AP_F - (_AP_W1 - _AP_I1), _AP_W2 + _AP_F - (_AP_W2 - _AP_I2)) + 2 };                    \
    return xrtemu_hls::compare(xrtemu_hls::align<_AP_XW, _AP_F>(a), xrtemu_hls::align<_AP_XW, _AP_F>(b)) op 0;      \
  }
XRTEMU_AF_CMP(==)
XRTEMU_AF_CMP(!=)
XRTEMU_AF_CMP(<)
XRTEMU_AF_CMP(<=)
XRTEMU_AF_CMP(>)
XRTEMU_AF_CMP(>=)
#undef XRTEMU_AF_CMP

// Mixed with ap_int and built-in integers (as ap_fixed<W, W>), and with floating point
// (computed in floating point).
#define XRTEMU_AF_MIXED(op)                                                                          \
  template <XRTEMU_AF_ARGS(1), int _AP_W2, bool _AP_S2>                                                      \
  inline auto operator op(const XRTEMU_AF_TYPE(1)& a, const ap_int_base<_AP_W2, _AP_S2>& b)                  \
      ->decltype(a op xrtemu_hls::fx(b)) { return a op xrtemu_hls::fx(b); }                          \
  template <XRTEMU_AF_ARGS(1), int _AP_W2, bool _AP_S2>                                                      \
  inline auto operator op(const ap_int_base<_AP_W2, _AP_S2>& b, const XRTEMU_AF_TYPE(1)& a)                  \
      ->decltype(xrtemu_hls::fx(b) op a) { return xrtemu_hls::fx(b) op a; }                          \
  template <XRTEMU_AF_ARGS(1), class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0>                               \
  inline auto operator op(const XRTEMU_AF_TYPE(1)& a, _AP_T b)->decltype(a op xrtemu_hls::fx(b)) {      \
    return a op xrtemu_hls::fx(b);                                                                   \
  }                                                                                                  \
  template <XRTEMU_AF_ARGS(1), class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0>                               \
  inline auto operator op(_AP_T b, const XRTEMU_AF_TYPE(1)& a)->decltype(xrtemu_hls::fx(b) op a) {      \
    return xrtemu_hls::fx(b) op a;                                                                   \
  }                                                                                                  \
  template <XRTEMU_AF_ARGS(1), class _AP_T, xrtemu_hls::enable_float<_AP_T> = 0>                             \
  inline auto operator op(const XRTEMU_AF_TYPE(1)& a, _AP_T b)->decltype(a.to_double() op b) {          \
    return a.to_double() op b;                                                                       \
  }                                                                                                  \
  template <XRTEMU_AF_ARGS(1), class _AP_T, xrtemu_hls::enable_float<_AP_T> = 0>                             \
  inline auto operator op(_AP_T b, const XRTEMU_AF_TYPE(1)& a)->decltype(b op a.to_double()) {          \
    return b op a.to_double();                                                                       \
  }
XRTEMU_AF_MIXED(+)
XRTEMU_AF_MIXED(-)
XRTEMU_AF_MIXED(*)
XRTEMU_AF_MIXED(/)
XRTEMU_AF_MIXED(==)
XRTEMU_AF_MIXED(!=)
XRTEMU_AF_MIXED(<)
XRTEMU_AF_MIXED(<=)
XRTEMU_AF_MIXED(>)
XRTEMU_AF_MIXED(>=)
#undef XRTEMU_AF_MIXED

template <XRTEMU_AF_ARGS(1)>
std::string XRTEMU_AF_TYPE(1)::to_string(int radix, bool sign) const {
  enum { _AP_FF = (_AP_W1 - _AP_I1) > 0 ? (_AP_W1 - _AP_I1) : 0, _AP_MW = _AP_W1 + 2 + (_AP_I1 > _AP_W1 ? _AP_I1 - _AP_W1 : 0) };
  if (radix != 10) {  // raw bits with a binary point: only for 2 and 16 on aligned widths
    return V.to_string(radix, sign);
  }
  bool neg = sign && _AP_S1 && V.sign();
  ap_int_base<_AP_MW, true> m(V);
  if (!sign || !_AP_S1) m = ap_int_base<_AP_MW, true>(ap_int_base<_AP_W1, false>(V));
  if (neg) m = ap_int_base<_AP_MW, true>(-m);
  if (_AP_W1 - _AP_I1 < 0) m = m.shl(_AP_I1 - _AP_W1);
  ap_int_base<_AP_MW, true> ip = m.shr(_AP_FF >= _AP_MW ? _AP_MW - 1 : (int)_AP_FF);
  std::string s = (neg ? "-" : "") + ip.to_string(10);
  if (_AP_FF > 0) {
    enum { _AP_FW = _AP_FF + 5 };
    ap_int_base<_AP_FW, false> fr(m);
    fr = ap_int_base<_AP_FW, false>(fr.get_range(_AP_FF - 1, 0));
    if (!fr.iszero()) {
      s += '.';
      while (!fr.iszero()) {
        fr = ap_int_base<_AP_FW, false>(fr * 10u);
        s += char('0' + fr.shr(_AP_FF).to_int());
        fr = ap_int_base<_AP_FW, false>(fr.get_range(_AP_FF - 1, 0));
      }
    }
  }
  return s;
}

template <XRTEMU_AF_ARGS(1)>
// Streams the value's exact decimal digits (a fixed-point value is a dyadic rational, exact in
// a double up to 53 bits), ignoring std::fixed/scientific and precision as Vitis' operator<<
// does; width, fill and alignment apply to the whole number.
inline std::ostream& operator<<(std::ostream& os, const XRTEMU_AF_TYPE(1)& x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", x.to_double());
  return os << buf;
}

#undef XRTEMU_AF_ARGS
#undef XRTEMU_AF_TYPE
#undef XRTEMU_AF_RT

#endif
