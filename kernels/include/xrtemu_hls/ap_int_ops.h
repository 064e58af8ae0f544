// The operators of ap_int_base as free functions: arithmetic, division,
// comparison with C's promotion rules, the operator overloads against ap and
// built-in types, and string/stream conversion.  Included from ap_int_base.h.
#ifndef XRTEMU_HLS_AP_INT_OPS_H
#define XRTEMU_HLS_AP_INT_OPS_H

namespace xrtemu_hls {

template <class _AP_R, class _AP_A, class _AP_B> inline _AP_R add(const _AP_A& a, const _AP_B& b) {
  _AP_R r;
  if (_AP_R::_AP_N == 1) { r.from_i64(a.xlimb(0) + b.xlimb(0), false); return r; }
  uint64_t c = 0;
  for (int i = 0; i < _AP_R::_AP_N; ++i) {
    uint64_t x = a.xlimb(i), y = b.xlimb(i), s = x + y, c1 = s < x;
    s += c;
    c1 |= (s < c);
    r.set_limb(i, s);
    c = c1;
  }
  r.norm();
  return r;
}
template <class _AP_R, class _AP_A, class _AP_B> inline _AP_R sub(const _AP_A& a, const _AP_B& b) {
  _AP_R r;
  if (_AP_R::_AP_N == 1) { r.from_i64(a.xlimb(0) - b.xlimb(0), false); return r; }
  uint64_t br = 0;
  for (int i = 0; i < _AP_R::_AP_N; ++i) {
    uint64_t x = a.xlimb(i), y = b.xlimb(i), d = x - y - br;
    br = (x < y) || (x - y < br);
    r.set_limb(i, d);
  }
  r.norm();
  return r;
}
template <class _AP_R, class _AP_A, class _AP_B> inline _AP_R mul(const _AP_A& a, const _AP_B& b) {
  _AP_R r;
  if (_AP_R::_AP_N == 1) { r.from_i64(a.xlimb(0) * b.xlimb(0), false); return r; }
  enum { _AP_K = _AP_R::_AP_N };
  uint64_t t[_AP_K];
  for (int i = 0; i < _AP_K; ++i) t[i] = 0;
  int na = ap_min(_AP_K, _AP_A::_AP_N + 1), nb = ap_min(_AP_K, _AP_B::_AP_N + 1);  // limbs past N+1 are pure sign fill
  for (int i = 0; i < _AP_K; ++i) {
    uint64_t ai = a.xlimb(i < na ? i : na);
    if (!ai) continue;
    u128 carry = 0;
    for (int j = 0; i + j < _AP_K; ++j) {
      u128 p = (u128)ai * b.xlimb(j < nb ? j : nb) + t[i + j] + carry;
      t[i + j] = (uint64_t)p;
      carry = p >> 64;
    }
  }
  r.load(t);
  return r;
}
template <class _AP_R, class _AP_A, class _AP_B> inline _AP_R logic_op(const _AP_A& a, const _AP_B& b, int op) {
  _AP_R r;
  for (int i = 0; i < _AP_R::_AP_N; ++i) {
    uint64_t x = a.xlimb(i), y = b.xlimb(i);
    r.set_limb(i, op == 0 ? (x & y) : op == 1 ? (x | y) : (x ^ y));
  }
  r.norm();
  return r;
}
// Quotient and remainder with C semantics (truncation towards zero, remainder has the
// sign of the dividend). Division by zero gives quotient 0 and remainder a.
template <class _AP_Q, class _AP_M, int _AP_W1, bool _AP_S1, int _AP_W2, bool _AP_S2>
inline void divmod(const ap_int_base<_AP_W1, _AP_S1>& a, const ap_int_base<_AP_W2, _AP_S2>& b, _AP_Q* q, _AP_M* m) {
  if (_AP_W1 <= 64 && _AP_W2 <= 64) {
    if (!_AP_S1 && !_AP_S2) {
      uint64_t x = a.limb(0), y = b.limb(0);
      if (q) q->from_i64(y ? x / y : 0, false);
      if (m) m->from_i64(y ? x % y : x, false);
    } else if (_AP_W1 + !_AP_S1 <= 64 && _AP_W2 + !_AP_S2 <= 64) {
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
      i128 x = _AP_S1 ? (i128)(int64_t)a.limb(0) : (i128)a.limb(0);
      i128 y = _AP_S2 ? (i128)(int64_t)b.limb(0) : (i128)b.limb(0);
      i128 qq = y ? x / y : 0, mm = y ? x % y : x;
      if (q) { uint64_t t[2] = {(uint64_t)qq, (uint64_t)((u128)qq >> 64)}; ap_int_base<128, true> tq; tq.load(t); *q = _AP_Q(tq); }
      if (m) { uint64_t t[2] = {(uint64_t)mm, (uint64_t)((u128)mm >> 64)}; ap_int_base<128, true> tm; tm.load(t); *m = _AP_M(tm); }
    }
    return;
  }
  enum { _AP_K = limbs_for(ap_max(_AP_W1, _AP_W2) + 1) };
  uint64_t x[_AP_K], y[_AP_K], qq[_AP_K], rr[_AP_K];
  for (int i = 0; i < _AP_K; ++i) { x[i] = a.xlimb(i); y[i] = b.xlimb(i); }
  bool nx = _AP_S1 && a.fill(), ny = _AP_S2 && b.fill();
  if (nx) limbs_neg(x, _AP_K);
  if (ny) limbs_neg(y, _AP_K);
  if (limbs_bits(y, _AP_K) == 0) {
    if (q) q->from_i64(0, false);
    if (m) *m = _AP_M(a);
    return;
  }
  limbs_divmod(x, y, qq, rr, _AP_K);
  if (nx != ny) limbs_neg(qq, _AP_K);
  if (nx) limbs_neg(rr, _AP_K);
  ap_int_base<64 * _AP_K, true> tq, tr;
  tq.load(qq);
  tr.load(rr);
  if (q) *q = _AP_Q(tq);
  if (m) *m = _AP_M(tr);
}

// Comparison as C would do it for integers of these widths: both promoted to int when
// narrower than 32 bits; otherwise a signed operand is converted to unsigned when the
// unsigned one is at least as wide. Returns -1, 0, 1.
template <int _AP_W1, bool _AP_S1, int _AP_W2, bool _AP_S2>
inline int compare(const ap_int_base<_AP_W1, _AP_S1>& a, const ap_int_base<_AP_W2, _AP_S2>& b) {
  const bool as_unsigned = (_AP_S1 != _AP_S2) && !(_AP_W1 < 32 && _AP_W2 < 32) &&
                           ((_AP_S1 && _AP_W2 >= _AP_W1) || (_AP_S2 && _AP_W1 >= _AP_W2));
  if (as_unsigned || (!_AP_S1 && !_AP_S2)) {
    enum { _AP_MW = ap_max(_AP_W1, _AP_W2), _AP_K = limbs_for(_AP_MW) };
    if (_AP_K == 1) {
      uint64_t x = norm_word(a.xlimb(0), _AP_MW, false), y = norm_word(b.xlimb(0), _AP_MW, false);
      return x < y ? -1 : x > y;
    }
    ap_int_base<_AP_MW, false> x(a), y(b);
    for (int i = _AP_K - 1; i >= 0; --i)
      if (x.limb(i) != y.limb(i)) return x.limb(i) < y.limb(i) ? -1 : 1;
    return 0;
  }
  enum { _AP_K = limbs_for(ap_max(_AP_W1, _AP_W2) + 1) };
  if (_AP_K == 1) {
    int64_t x = (int64_t)a.xlimb(0), y = (int64_t)b.xlimb(0);
    return x < y ? -1 : x > y;
  }
  int64_t hx = (int64_t)a.xlimb(_AP_K - 1), hy = (int64_t)b.xlimb(_AP_K - 1);
  if (hx != hy) return hx < hy ? -1 : 1;
  for (int i = _AP_K - 2; i >= 0; --i) {
    uint64_t x = a.xlimb(i), y = b.xlimb(i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

template <class _AP_R, class _AP_A, class _AP_B> inline _AP_R div_q(const _AP_A& a, const _AP_B& b) {
  _AP_R q;
  divmod<_AP_R, _AP_R>(a, b, &q, (_AP_R*)nullptr);
  return q;
}
template <class _AP_R, class _AP_A, class _AP_B> inline _AP_R mod_r(const _AP_A& a, const _AP_B& b) {
  _AP_R m;
  divmod<_AP_R, _AP_R>(a, b, (_AP_R*)nullptr, &m);
  return m;
}

template <class _AP_T> inline typename int_traits<_AP_T>::type to_ap(_AP_T v) { return typename int_traits<_AP_T>::type(v); }

}  // namespace xrtemu_hls

template <int _AP_W, bool _AP_S> inline ap_int_base<_AP_W + 1, true> ap_int_base<_AP_W, _AP_S>::operator-() const {
  return xrtemu_hls::sub<ap_int_base<_AP_W + 1, true>>(ap_int_base<1, false>(0), *this);
}

// ---- binary operators between ap types, and with built-in types ----
// % and the bitwise operators have integer forms only; + - * / also take floats.
#define XRTEMU_AP_INTOP(op, kind, impl)                                                              \
  template <int _AP_W1, bool _AP_S1, int _AP_W2, bool _AP_S2>                                                        \
  inline typename xrtemu_hls::rtype<_AP_W1, _AP_S1, _AP_W2, _AP_S2>::kind operator op(const ap_int_base<_AP_W1, _AP_S1>& a,  \
                                                                    const ap_int_base<_AP_W2, _AP_S2>& b) { \
    typedef typename xrtemu_hls::rtype<_AP_W1, _AP_S1, _AP_W2, _AP_S2>::kind _AP_R;                                      \
    impl;                                                                                            \
  }                                                                                                  \
  template <int _AP_W1, bool _AP_S1, class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0>                                 \
  inline auto operator op(const ap_int_base<_AP_W1, _AP_S1>& a, _AP_T b)->decltype(a op xrtemu_hls::to_ap(b)) {  \
    return a op xrtemu_hls::to_ap(b);                                                                \
  }                                                                                                  \
  template <int _AP_W1, bool _AP_S1, class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0>                                 \
  inline auto operator op(_AP_T a, const ap_int_base<_AP_W1, _AP_S1>& b)->decltype(xrtemu_hls::to_ap(a) op b) {  \
    return xrtemu_hls::to_ap(a) op b;                                                                \
  }
#define XRTEMU_AP_BINOP(op, kind, impl)                                                              \
  XRTEMU_AP_INTOP(op, kind, impl)                                                                    \
  template <int _AP_W1, bool _AP_S1, class _AP_T, xrtemu_hls::enable_float<_AP_T> = 0>                               \
  inline _AP_T operator op(const ap_int_base<_AP_W1, _AP_S1>& a, _AP_T b) { return (_AP_T)a.to_double() op b; }          \
  template <int _AP_W1, bool _AP_S1, class _AP_T, xrtemu_hls::enable_float<_AP_T> = 0>                               \
  inline _AP_T operator op(_AP_T a, const ap_int_base<_AP_W1, _AP_S1>& b) { return a op (_AP_T)b.to_double(); }

XRTEMU_AP_BINOP(+, plus, return xrtemu_hls::add<_AP_R>(a, b))
XRTEMU_AP_BINOP(-, minus, return xrtemu_hls::sub<_AP_R>(a, b))
XRTEMU_AP_BINOP(*, mult, return xrtemu_hls::mul<_AP_R>(a, b))
XRTEMU_AP_BINOP(/, div, return xrtemu_hls::div_q<_AP_R>(a, b))
XRTEMU_AP_INTOP(%, mod, return xrtemu_hls::mod_r<_AP_R>(a, b))
XRTEMU_AP_INTOP(&, logic, return xrtemu_hls::logic_op<_AP_R>(a, b, 0))
XRTEMU_AP_INTOP(|, logic, return xrtemu_hls::logic_op<_AP_R>(a, b, 1))
XRTEMU_AP_INTOP(^, logic, return xrtemu_hls::logic_op<_AP_R>(a, b, 2))
#undef XRTEMU_AP_BINOP
#undef XRTEMU_AP_INTOP

// Built-in integer shifted by an ap value: the built-in keeps its C type.
template <class _AP_T, int _AP_W, bool _AP_S, xrtemu_hls::enable_int<_AP_T> = 0>
inline _AP_T operator<<(_AP_T a, const ap_int_base<_AP_W, _AP_S>& n) { return (_AP_T)(a << n.to_int()); }
template <class _AP_T, int _AP_W, bool _AP_S, xrtemu_hls::enable_int<_AP_T> = 0>
inline _AP_T operator>>(_AP_T a, const ap_int_base<_AP_W, _AP_S>& n) { return (_AP_T)(a >> n.to_int()); }

#define XRTEMU_AP_CMPOP(op)                                                                   \
  template <int _AP_W1, bool _AP_S1, int _AP_W2, bool _AP_S2>                                                 \
  inline bool operator op(const ap_int_base<_AP_W1, _AP_S1>& a, const ap_int_base<_AP_W2, _AP_S2>& b) {       \
    return xrtemu_hls::compare(a, b) op 0;                                                    \
  }                                                                                           \
  template <int _AP_W1, bool _AP_S1, class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0>                          \
  inline bool operator op(const ap_int_base<_AP_W1, _AP_S1>& a, _AP_T b) {                                \
    return xrtemu_hls::compare(a, xrtemu_hls::to_ap(b)) op 0;                                 \
  }                                                                                           \
  template <int _AP_W1, bool _AP_S1, class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0>                          \
  inline bool operator op(_AP_T a, const ap_int_base<_AP_W1, _AP_S1>& b) {                                \
    return xrtemu_hls::compare(xrtemu_hls::to_ap(a), b) op 0;                                 \
  }                                                                                           \
  template <int _AP_W1, bool _AP_S1, class _AP_T, xrtemu_hls::enable_float<_AP_T> = 0>                        \
  inline bool operator op(const ap_int_base<_AP_W1, _AP_S1>& a, _AP_T b) { return a.to_double() op b; }   \
  template <int _AP_W1, bool _AP_S1, class _AP_T, xrtemu_hls::enable_float<_AP_T> = 0>                        \
  inline bool operator op(_AP_T a, const ap_int_base<_AP_W1, _AP_S1>& b) { return a op b.to_double(); }
XRTEMU_AP_CMPOP(==)
XRTEMU_AP_CMPOP(!=)
XRTEMU_AP_CMPOP(<)
XRTEMU_AP_CMPOP(<=)
XRTEMU_AP_CMPOP(>)
XRTEMU_AP_CMPOP(>=)
#undef XRTEMU_AP_CMPOP

// ---- string conversion ----
template <int _AP_W, bool _AP_S> std::string ap_int_base<_AP_W, _AP_S>::to_string(int radix, bool sign) const {
  if (radix != 2 && radix != 8 && radix != 10 && radix != 16) radix = 10;
  enum { _AP_K = _AP_N + 1 };
  uint64_t t[_AP_K];
  for (int i = 0; i < _AP_K; ++i) t[i] = xlimb(i);
  bool neg = sign && _AP_S && fill();
  if (!sign || !_AP_S) { for (int i = _AP_N; i < _AP_K; ++i) t[i] = 0; ap_int_base<_AP_W, false> u(*this); u.store(t); }
  if (neg) xrtemu_hls::limbs_neg(t, _AP_K);
  std::string digits;
  const char* dig = "0123456789abcdef";
  while (xrtemu_hls::limbs_bits(t, _AP_K)) {
    uint64_t rem = 0;
    for (int i = _AP_K - 1; i >= 0; --i) {
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

template <int _AP_W, bool _AP_S> inline std::ostream& operator<<(std::ostream& os, const ap_int_base<_AP_W, _AP_S>& x) {
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
template <int _AP_W, bool _AP_S> inline std::istream& operator>>(std::istream& is, ap_int_base<_AP_W, _AP_S>& x) {
  std::string s;
  is >> s;
  x = ap_int_base<_AP_W, _AP_S>(s.c_str());
  return is;
}

#endif
