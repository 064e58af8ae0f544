// ap_fixed<W, I, Q, O, N> / ap_ufixed<...>: see xrtemu_hls/ap_fixed_base.h.
#ifndef XRTEMU_AP_FIXED_H
#define XRTEMU_AP_FIXED_H

#include "ap_int.h"
#include "xrtemu_hls/ap_fixed_base.h"

template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_fixed : ap_fixed_base<W, I, true, Q, O, N> {
  typedef ap_fixed_base<W, I, true, Q, O, N> Base;
  ap_fixed() = default;
  template <class T, typename std::enable_if<std::is_constructible<Base, const T&>::value, int>::type = 0>
  ap_fixed(const T& v) : Base(v) {}
  ap_fixed(const char* s, signed char radix = 0) : Base(s, radix) {}
};

template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_ufixed : ap_fixed_base<W, I, false, Q, O, N> {
  typedef ap_fixed_base<W, I, false, Q, O, N> Base;
  ap_ufixed() = default;
  template <class T, typename std::enable_if<std::is_constructible<Base, const T&>::value, int>::type = 0>
  ap_ufixed(const T& v) : Base(v) {}
  ap_ufixed(const char* s, signed char radix = 0) : Base(s, radix) {}
};

#endif
