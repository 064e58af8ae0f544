// ap_fixed<W, I, Q, O, N> / ap_ufixed<...>: see xrtemu_hls/ap_fixed_base.h.
#ifndef XRTEMU_AP_FIXED_H
#define XRTEMU_AP_FIXED_H

#include "ap_int.h"
#include "xrtemu_hls/ap_fixed_base.h"

template <int _AP_W, int _AP_I, ap_q_mode _AP_Q = AP_TRN, ap_o_mode _AP_O = AP_WRAP, int _AP_N = 0>
struct ap_fixed : ap_fixed_base<_AP_W, _AP_I, true, _AP_Q, _AP_O, _AP_N> {
  typedef ap_fixed_base<_AP_W, _AP_I, true, _AP_Q, _AP_O, _AP_N> Base;
  ap_fixed() = default;
  template <class _AP_T, typename std::enable_if<std::is_constructible<Base, const _AP_T&>::value, int>::type = 0>
  ap_fixed(const _AP_T& v) : Base(v) {}
  ap_fixed(const char* s, signed char radix = 0) : Base(s, radix) {}
};

template <int _AP_W, int _AP_I, ap_q_mode _AP_Q = AP_TRN, ap_o_mode _AP_O = AP_WRAP, int _AP_N = 0>
struct ap_ufixed : ap_fixed_base<_AP_W, _AP_I, false, _AP_Q, _AP_O, _AP_N> {
  typedef ap_fixed_base<_AP_W, _AP_I, false, _AP_Q, _AP_O, _AP_N> Base;
  ap_ufixed() = default;
  template <class _AP_T, typename std::enable_if<std::is_constructible<Base, const _AP_T&>::value, int>::type = 0>
  ap_ufixed(const _AP_T& v) : Base(v) {}
  ap_ufixed(const char* s, signed char radix = 0) : Base(s, radix) {}
};

#endif
