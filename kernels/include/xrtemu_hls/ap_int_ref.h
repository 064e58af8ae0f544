// Proxies for bit, range and concatenation access on ap_int values. Included from
// ap_int_base.h. Proxies hold a pointer into the referenced value, so (like in HLS) they
// must not outlive the full expression that created them.
#ifndef XRTEMU_HLS_AP_INT_REF_H
#define XRTEMU_HLS_AP_INT_REF_H

#include <type_traits>

template <int W, bool S> struct ap_bit_ref {
  ap_int_base<W, S>* d;
  int i;
  ap_bit_ref(ap_int_base<W, S>* p, int idx) : d(p), i(idx) {}
  ap_bit_ref(const ap_bit_ref&) = default;
  bool get() const { return d->get_bit(i); }
  operator bool() const { return get(); }
  bool to_bool() const { return get(); }
  int to_int() const { return get(); }
  static constexpr int length() { return 1; }
  bool operator~() const { return !get(); }
  bool operator!() const { return !get(); }
  ap_bit_ref& operator=(const ap_bit_ref& o) { d->set_bit(i, o.get()); return *this; }
  template <class T, xrtemu_hls::enable_arith<T> = 0> ap_bit_ref& operator=(T v) { d->set_bit(i, v != 0); return *this; }
  template <int W2, bool S2> ap_bit_ref& operator=(const ap_int_base<W2, S2>& v) { d->set_bit(i, v.get_bit(0)); return *this; }
  template <int W2, bool S2> ap_bit_ref& operator=(const ap_bit_ref<W2, S2>& v) { d->set_bit(i, v.get()); return *this; }
  template <class T> ap_bit_ref& operator&=(const T& v) { return *this = (get() && bool(v)); }
  template <class T> ap_bit_ref& operator|=(const T& v) { return *this = (get() || bool(v)); }
  template <class T> ap_bit_ref& operator^=(const T& v) { return *this = (get() != bool(v)); }
  // Used by concatenation.
  ap_int_base<1, false> value() const { return ap_int_base<1, false>((unsigned)get()); }
  void set(const ap_int_base<1, false>& v) { d->set_bit(i, v.get_bit(0)); }
  enum { width = 1 };
};

template <int W, bool S> inline std::ostream& operator<<(std::ostream& os, const ap_bit_ref<W, S>& b) { return os << (int)b.get(); }

template <int W, bool S> struct ap_range_ref : ap_proxy<ap_range_ref<W, S>, W> {
  ap_int_base<W, S>* d;
  int hi, lo;
  ap_range_ref(ap_int_base<W, S>* p, int h, int l) : d(p), hi(h), lo(l) {}
  ap_range_ref(const ap_range_ref&) = default;
  ap_int_base<W, false> value() const { return d->get_range(hi, lo); }
  template <int W2, bool S2> void set(const ap_int_base<W2, S2>& v) { d->set_range(hi, lo, v); }
  operator unsigned long long() const { return value().to_uint64(); }
  int length() const { return (hi > lo ? hi - lo : lo - hi) + 1; }
  int to_int() const { return value().to_int(); }
  unsigned to_uint() const { return value().to_uint(); }
  long to_long() const { return value().to_long(); }
  unsigned long to_ulong() const { return value().to_ulong(); }
  long long to_int64() const { return value().to_int64(); }
  unsigned long long to_uint64() const { return value().to_uint64(); }
  double to_double() const { return value().to_double(); }
  bool and_reduce() const { ap_int_base<W, false> v = value(); int n = length(); for (int k = 0; k < n; ++k) if (!v.get_bit(k)) return false; return true; }
  bool or_reduce() const { return value().or_reduce(); }
  bool xor_reduce() const { return value().xor_reduce(); }
  bool iszero() const { return value().iszero(); }
  std::string to_string(int radix = 2) const { return value().to_string(radix, false); }
  bool operator[](int k) const { return d->get_bit((hi >= lo ? lo + k : lo - k)); }
  ap_bit_ref<W, S> operator[](int k) { return ap_bit_ref<W, S>(d, hi >= lo ? lo + k : lo - k); }

  ap_range_ref& operator=(const ap_range_ref& o) { set(o.value()); return *this; }
  template <class T, xrtemu_hls::enable_int<T> = 0> ap_range_ref& operator=(T v) { set(xrtemu_hls::to_ap(v)); return *this; }
  template <int W2, bool S2> ap_range_ref& operator=(const ap_int_base<W2, S2>& v) { set(v); return *this; }
  template <class D, int W2> ap_range_ref& operator=(const ap_proxy<D, W2>& v) { set(v.get()); return *this; }
  template <int W2, bool S2> ap_range_ref& operator=(const ap_bit_ref<W2, S2>& v) { set(ap_int_base<1, false>((unsigned)v.get())); return *this; }
  ap_range_ref& operator=(const char* s) { set(ap_int_base<W, false>(s)); return *this; }
  template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
  ap_range_ref& operator=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& f) { set(f.range()); return *this; }
#define XRTEMU_RANGE_CASSIGN(op) \
  template <class T> ap_range_ref& operator op##=(const T& o) { set(ap_int_base<W, false>(value() op o)); return *this; }
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
template <int W, bool S> struct ap_whole_ref : ap_proxy<ap_whole_ref<W, S>, W> {
  ap_int_base<W, S>* d;
  explicit ap_whole_ref(ap_int_base<W, S>* p) : d(p) {}
  ap_int_base<W, false> value() const { return ap_int_base<W, false>(*d); }
  template <int W2, bool S2> void set(const ap_int_base<W2, S2>& v) { *d = ap_int_base<W, S>(v); }
};

template <class A, class B> struct ap_concat_ref : ap_proxy<ap_concat_ref<A, B>, A::width + B::width> {
  enum { WA = A::width, WB = B::width, W = WA + WB };
  A a;
  B b;
  ap_concat_ref(const A& x, const B& y) : a(x), b(y) {}
  ap_concat_ref(const ap_concat_ref&) = default;
  ap_int_base<W, false> value() const {
    ap_int_base<W, false> r(a.value());
    r <<= (int)WB;
    return r | ap_int_base<W, false>(b.value());
  }
  template <int W2, bool S2> void set(const ap_int_base<W2, S2>& v) {
    ap_int_base<W, false> t(v);
    b.set(ap_int_base<WB, false>(t));
    a.set(ap_int_base<WA, false>(t >> (int)WB));
  }
  operator unsigned long long() const { return value().to_uint64(); }
  static constexpr int length() { return W; }
  unsigned long long to_uint64() const { return value().to_uint64(); }
  long long to_int64() const { return value().to_int64(); }
  int to_int() const { return value().to_int(); }
  unsigned to_uint() const { return value().to_uint(); }
  std::string to_string(int radix = 2) const { return value().to_string(radix, false); }
  ap_concat_ref& operator=(const ap_concat_ref& o) { set(o.value()); return *this; }
  template <class T> ap_concat_ref& operator=(const T& v) { set(ap_int_base<W, false>(v)); return *this; }
};

namespace xrtemu_hls {
template <int W, bool S> inline ap_whole_ref<W, S> make_cat(const ap_int_base<W, S>& x) {
  return ap_whole_ref<W, S>(const_cast<ap_int_base<W, S>*>(&x));
}
template <int W, bool S> inline ap_range_ref<W, S> make_cat(const ap_range_ref<W, S>& x) { return x; }
template <int W, bool S> inline ap_bit_ref<W, S> make_cat(const ap_bit_ref<W, S>& x) { return x; }
template <class A, class B> inline ap_concat_ref<A, B> make_cat(const ap_concat_ref<A, B>& x) { return x; }
}  // namespace xrtemu_hls

// Concatenation: (a, b) puts a in the high bits. Assignable when the operands are lvalues.
template <class A, class B>
inline auto operator,(const A& a, const B& b)
    -> ap_concat_ref<decltype(xrtemu_hls::make_cat(a)), decltype(xrtemu_hls::make_cat(b))> {
  return ap_concat_ref<decltype(xrtemu_hls::make_cat(a)), decltype(xrtemu_hls::make_cat(b))>(
      xrtemu_hls::make_cat(a), xrtemu_hls::make_cat(b));
}

// True for range and concatenation references (anything derived from an
// ap_proxy): the mixed overloads below must leave proxy-with-proxy to the
// third one, or `a.range(..) + b.range(..)` is ambiguous.
namespace xrtemu_hls {
template <class T> struct is_proxy {
  template <class D, int W> static std::true_type test(const ap_proxy<D, W>*);
  static std::false_type test(...);
  static constexpr bool value = decltype(test(static_cast<const T*>(nullptr)))::value;
};
template <class T> using not_proxy = typename std::enable_if<!is_proxy<T>::value, int>::type;
} // namespace xrtemu_hls

// Operators on proxies work on their unsigned value (of the referenced width).
#define XRTEMU_PROXY_BINOP(op)                                                                      \
  template <class D, int W, class T, xrtemu_hls::not_proxy<T> = 0>                                  \
  inline auto operator op(const ap_proxy<D, W>& p, const T& t)->decltype(p.get() op t) {            \
    return p.get() op t;                                                                            \
  }                                                                                                 \
  template <class T, class D, int W, xrtemu_hls::not_proxy<T> = 0>                                  \
  inline auto operator op(const T& t, const ap_proxy<D, W>& p)->decltype(t op p.get()) {            \
    return t op p.get();                                                                            \
  }                                                                                                 \
  template <class D1, int W1, class D2, int W2>                                                     \
  inline auto operator op(const ap_proxy<D1, W1>& p, const ap_proxy<D2, W2>& q)->decltype(p.get() op q.get()) { \
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

template <class D, int W> inline ap_int_base<W, false> operator~(const ap_proxy<D, W>& p) { return ~p.get(); }
template <class D, int W> inline bool operator!(const ap_proxy<D, W>& p) { return p.get().iszero(); }

#endif
