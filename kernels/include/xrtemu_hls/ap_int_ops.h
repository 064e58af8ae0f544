// The operators of ap_int_base as free functions: arithmetic, division,
// comparison with C's promotion rules, the operator overloads against ap and
// built-in types, and string/stream conversion.  Included from ap_int_base.h.
#ifndef XRTEMU_HLS_AP_INT_OPS_H
#define XRTEMU_HLS_AP_INT_OPS_H

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
// % and the bitwise operators have integer forms only; + - * / also take floats.
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
#define XRTEMU_AP_BINOP(op, kind, impl)                                                              \
  XRTEMU_AP_INTOP(op, kind, impl)                                                                    \
  template <int W1, bool S1, class T, xrtemu_hls::enable_float<T> = 0>                               \
  inline T operator op(const ap_int_base<W1, S1>& a, T b) { return (T)a.to_double() op b; }          \
  template <int W1, bool S1, class T, xrtemu_hls::enable_float<T> = 0>                               \
  inline T operator op(T a, const ap_int_base<W1, S1>& b) { return a op (T)b.to_double(); }

XRTEMU_AP_BINOP(+, plus, return xrtemu_hls::add<R>(a, b))
XRTEMU_AP_BINOP(-, minus, return xrtemu_hls::sub<R>(a, b))
XRTEMU_AP_BINOP(*, mult, return xrtemu_hls::mul<R>(a, b))
XRTEMU_AP_BINOP(/, div, return xrtemu_hls::div_q<R>(a, b))
XRTEMU_AP_INTOP(%, mod, return xrtemu_hls::mod_r<R>(a, b))
XRTEMU_AP_INTOP(&, logic, return xrtemu_hls::logic_op<R>(a, b, 0))
XRTEMU_AP_INTOP(|, logic, return xrtemu_hls::logic_op<R>(a, b, 1))
XRTEMU_AP_INTOP(^, logic, return xrtemu_hls::logic_op<R>(a, b, 2))
#undef XRTEMU_AP_BINOP
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

#endif
