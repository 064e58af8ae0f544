// Proxies for bit, range and concatenation access on ap_int values. Included from
// ap_int_base.h. Proxies hold a pointer into the referenced value, so (like in HLS) they
// must not outlive the full expression that created them.
#ifndef XRTEMU_HLS_AP_INT_REF_H
#define XRTEMU_HLS_AP_INT_REF_H

#include <type_traits>

template <int _AP_W, bool _AP_S> struct ap_bit_ref {
  ap_int_base<_AP_W, _AP_S>* d;
  int i;
  ap_bit_ref(ap_int_base<_AP_W, _AP_S>* p, int idx) : d(p), i(idx) {}
  ap_bit_ref(const ap_bit_ref&) = default;
  bool get() const { return d->get_bit(i); }
  operator bool() const { return get(); }
  bool to_bool() const { return get(); }
  int to_int() const { return get(); }
  static constexpr int length() { return 1; }
  bool operator~() const { return !get(); }
  bool operator!() const { return !get(); }
  ap_bit_ref& operator=(const ap_bit_ref& o) { d->set_bit(i, o.get()); return *this; }
  template <class _AP_T, xrtemu_hls::enable_arith<_AP_T> = 0> ap_bit_ref& operator=(_AP_T v) { d->set_bit(i, v != 0); return *this; }
  template <int _AP_W2, bool _AP_S2> ap_bit_ref& operator=(const ap_int_base<_AP_W2, _AP_S2>& v) { d->set_bit(i, v.get_bit(0)); return *this; }
  template <int _AP_W2, bool _AP_S2> ap_bit_ref& operator=(const ap_bit_ref<_AP_W2, _AP_S2>& v) { d->set_bit(i, v.get()); return *this; }
  template <class _AP_T> ap_bit_ref& operator&=(const _AP_T& v) { return *this = (get() && bool(v)); }
  template <class _AP_T> ap_bit_ref& operator|=(const _AP_T& v) { return *this = (get() || bool(v)); }
  template <class _AP_T> ap_bit_ref& operator^=(const _AP_T& v) { return *this = (get() != bool(v)); }
  // Used by concatenation.
  ap_int_base<1, false> value() const { return ap_int_base<1, false>((unsigned)get()); }
  void set(const ap_int_base<1, false>& v) { d->set_bit(i, v.get_bit(0)); }
  enum { width = 1 };
};

template <int _AP_W, bool _AP_S> inline std::ostream& operator<<(std::ostream& os, const ap_bit_ref<_AP_W, _AP_S>& b) { return os << (int)b.get(); }

template <int _AP_W, bool _AP_S> struct ap_range_ref : ap_proxy<ap_range_ref<_AP_W, _AP_S>, _AP_W> {
  ap_int_base<_AP_W, _AP_S>* d;
  int hi, lo;
  ap_range_ref(ap_int_base<_AP_W, _AP_S>* p, int h, int l) : d(p), hi(h), lo(l) {}
  ap_range_ref(const ap_range_ref&) = default;
  ap_int_base<_AP_W, false> value() const { return d->get_range(hi, lo); }
  template <int _AP_W2, bool _AP_S2> void set(const ap_int_base<_AP_W2, _AP_S2>& v) { d->set_range(hi, lo, v); }
  operator unsigned long long() const { return value().to_uint64(); }
  int length() const { return (hi > lo ? hi - lo : lo - hi) + 1; }
  int to_int() const { return value().to_int(); }
  unsigned to_uint() const { return value().to_uint(); }
  long to_long() const { return value().to_long(); }
  unsigned long to_ulong() const { return value().to_ulong(); }
  long long to_int64() const { return value().to_int64(); }
  unsigned long long to_uint64() const { return value().to_uint64(); }
  double to_double() const { return value().to_double(); }
  bool and_reduce() const { ap_int_base<_AP_W, false> v = value(); int n = length(); for (int k = 0; k < n; ++k) if (!v.get_bit(k)) return false; return true; }
  bool or_reduce() const { return value().or_reduce(); }
  bool xor_reduce() const { return value().xor_reduce(); }
  bool iszero() const { return value().iszero(); }
  std::string to_string(int radix = 2) const { return value().to_string(radix, false); }
  bool operator[](int k) const { return d->get_bit((hi >= lo ? lo + k : lo - k)); }
  ap_bit_ref<_AP_W, _AP_S> operator[](int k) { return ap_bit_ref<_AP_W, _AP_S>(d, hi >= lo ? lo + k : lo - k); }

  ap_range_ref& operator=(const ap_range_ref& o) { set(o.value()); return *this; }
  template <class _AP_T, xrtemu_hls::enable_int<_AP_T> = 0> ap_range_ref& operator=(_AP_T v) { set(xrtemu_hls::to_ap(v)); return *this; }
  template <int _AP_W2, bool _AP_S2> ap_range_ref& operator=(const ap_int_base<_AP_W2, _AP_S2>& v) { set(v); return *this; }
  template <class _AP_D, int _AP_W2> ap_range_ref& operator=(const ap_proxy<_AP_D, _AP_W2>& v) { set(v.get()); return *this; }
  template <int _AP_W2, bool _AP_S2> ap_range_ref& operator=(const ap_bit_ref<_AP_W2, _AP_S2>& v) { set(ap_int_base<1, false>((unsigned)v.get())); return *this; }
  ap_range_ref& operator=(const char* s) { set(ap_int_base<_AP_W, false>(s)); return *this; }
  template <int _AP_W2, int _AP_I2, bool _AP_S2, ap_q_mode _AP_Q2, ap_o_mode _AP_O2, int _AP_N2>
  ap_range_ref& operator=(const ap_fixed_base<_AP_W2, _AP_I2, _AP_S2, _AP_Q2, _AP_O2, _AP_N2>& f) { set(f.range()); return *this; }
#define XRTEMU_RANGE_CASSIGN(op) \
  template <class _AP_T> ap_range_ref& operator op##=(const _AP_T& o) { set(ap_int_base<_AP_W, false>(value() op o)); return *this; }
  XRTEMU_RANGE_CASSIGN(+)
  XRTEMU_RANGE_CASSIGN(-)
  XRTEMU_RANGE_CASSIGN(*)
  XRTEMU_RANGE_CASSIGN(/)
  XRTEMU_RANGE_CASSIGN(&)
  XRTEMU_RANGE_CASSIGN(|)
  XRTEMU_RANGE_CASSIGN(^)
  XRTEMU_RANGE_CASSIGN(<<)
  XRTEMU_RANGE_CASSIGN(>>)
#undef XRTEMU_RANGE_CASSIGN
};

// A whole ap value used as a concatenation operand.
template <int _AP_W, bool _AP_S> struct ap_whole_ref : ap_proxy<ap_whole_ref<_AP_W, _AP_S>, _AP_W> {
  ap_int_base<_AP_W, _AP_S>* d;
  explicit ap_whole_ref(ap_int_base<_AP_W, _AP_S>* p) : d(p) {}
  ap_int_base<_AP_W, false> value() const { return ap_int_base<_AP_W, false>(*d); }
  template <int _AP_W2, bool _AP_S2> void set(const ap_int_base<_AP_W2, _AP_S2>& v) { *d = ap_int_base<_AP_W, _AP_S>(v); }
};

template <class _AP_A, class _AP_B> struct ap_concat_ref : ap_proxy<ap_concat_ref<_AP_A, _AP_B>, _AP_A::width + _AP_B::width> {
  enum { _AP_WA = _AP_A::width, _AP_WB = _AP_B::width, _AP_W = _AP_WA + _AP_WB };
  _AP_A a;
  _AP_B b;
  ap_concat_ref(const _AP_A& x, const _AP_B& y) : a(x), b(y) {}
  ap_concat_ref(const ap_concat_ref&) = default;
  ap_int_base<_AP_W, false> value() const {
    ap_int_base<_AP_W, false> r(a.value());
    r <<= (int)_AP_WB;
    return r | ap_int_base<_AP_W, false>(b.value());
  }
  template <int _AP_W2, bool _AP_S2> void set(const ap_int_base<_AP_W2, _AP_S2>& v) {
    ap_int_base<_AP_W, false> t(v);
    b.set(ap_int_base<_AP_WB, false>(t));
    a.set(ap_int_base<_AP_WA, false>(t >> (int)_AP_WB));
  }
  operator unsigned long long() const { return value().to_uint64(); }
  static constexpr int length() { return _AP_W; }
  unsigned long long to_uint64() const { return value().to_uint64(); }
  long long to_int64() const { return value().to_int64(); }
  int to_int() const { return value().to_int(); }
  unsigned to_uint() const { return value().to_uint(); }
  std::string to_string(int radix = 2) const { return value().to_string(radix, false); }
  ap_concat_ref& operator=(const ap_concat_ref& o) { set(o.value()); return *this; }
  template <class _AP_T> ap_concat_ref& operator=(const _AP_T& v) { set(ap_int_base<_AP_W, false>(v)); return *this; }
};

namespace xrtemu_hls {
template <int _AP_W, bool _AP_S> inline ap_whole_ref<_AP_W, _AP_S> make_cat(const ap_int_base<_AP_W, _AP_S>& x) {
  return ap_whole_ref<_AP_W, _AP_S>(const_cast<ap_int_base<_AP_W, _AP_S>*>(&x));
}
template <int _AP_W, bool _AP_S> inline ap_range_ref<_AP_W, _AP_S> make_cat(const ap_range_ref<_AP_W, _AP_S>& x) { return x; }
template <int _AP_W, bool _AP_S> inline ap_bit_ref<_AP_W, _AP_S> make_cat(const ap_bit_ref<_AP_W, _AP_S>& x) { return x; }
template <class _AP_A, class _AP_B> inline ap_concat_ref<_AP_A, _AP_B> make_cat(const ap_concat_ref<_AP_A, _AP_B>& x) { return x; }
}  // namespace xrtemu_hls

// Concatenation: (a, b) puts a in the high bits. Assignable when the operands are lvalues.
template <class _AP_A, class _AP_B>
inline auto operator,(const _AP_A& a, const _AP_B& b)
    -> ap_concat_ref<decltype(xrtemu_hls::make_cat(a)), decltype(xrtemu_hls::make_cat(b))> {
  return ap_concat_ref<decltype(xrtemu_hls::make_cat(a)), decltype(xrtemu_hls::make_cat(b))>(
      xrtemu_hls::make_cat(a), xrtemu_hls::make_cat(b));
}

// True for range and concatenation references (anything derived from an
// ap_proxy): the mixed overloads below must leave proxy-with-proxy to the
// third one, or `a.range(..) + b.range(..)` is ambiguous.
namespace xrtemu_hls {
template <class _AP_T> struct is_proxy {
  template <class _AP_D, int _AP_W> static std::true_type test(const ap_proxy<_AP_D, _AP_W>*);
  static std::false_type test(...);
  static constexpr bool value = decltype(test(static_cast<const _AP_T*>(nullptr)))::value;
};
template <class _AP_T> using not_proxy = typename std::enable_if<!is_proxy<_AP_T>::value, int>::type;
} // namespace xrtemu_hls

// Operators on proxies work on their unsigned value (of the referenced width).
#define XRTEMU_PROXY_BINOP(op)                                                                      \
  template <class _AP_D, int _AP_W, class _AP_T, xrtemu_hls::not_proxy<_AP_T> = 0>                                  \
  inline auto operator op(const ap_proxy<_AP_D, _AP_W>& p, const _AP_T& t)->decltype(p.get() op t) {            \
    return p.get() op t;                                                                            \
  }                                                                                                 \
  template <class _AP_T, class _AP_D, int _AP_W, xrtemu_hls::not_proxy<_AP_T> = 0>                                  \
  inline auto operator op(const _AP_T& t, const ap_proxy<_AP_D, _AP_W>& p)->decltype(t op p.get()) {            \
    return t op p.get();                                                                            \
  }                                                                                                 \
  template <class _AP_D1, int _AP_W1, class _AP_D2, int _AP_W2>                                                     \
  inline auto operator op(const ap_proxy<_AP_D1, _AP_W1>& p, const ap_proxy<_AP_D2, _AP_W2>& q)->decltype(p.get() op q.get()) { \
    return p.get() op q.get();                                                                      \
  }
XRTEMU_PROXY_BINOP(+)
XRTEMU_PROXY_BINOP(-)
XRTEMU_PROXY_BINOP(*)
XRTEMU_PROXY_BINOP(/)
XRTEMU_PROXY_BINOP(%)
XRTEMU_PROXY_BINOP(&)
XRTEMU_PROXY_BINOP(|)
XRTEMU_PROXY_BINOP(^)
XRTEMU_PROXY_BINOP(==)
XRTEMU_PROXY_BINOP(!=)
XRTEMU_PROXY_BINOP(<)
XRTEMU_PROXY_BINOP(<=)
XRTEMU_PROXY_BINOP(>)
XRTEMU_PROXY_BINOP(>=)
XRTEMU_PROXY_BINOP(>>)
XRTEMU_PROXY_BINOP(<<)
#undef XRTEMU_PROXY_BINOP

template <class _AP_D, int _AP_W> inline ap_int_base<_AP_W, false> operator~(const ap_proxy<_AP_D, _AP_W>& p) { return ~p.get(); }
template <class _AP_D, int _AP_W> inline bool operator!(const ap_proxy<_AP_D, _AP_W>& p) { return p.get().iszero(); }

#endif
