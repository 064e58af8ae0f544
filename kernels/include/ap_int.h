// ap_int<W> / ap_uint<W>: arbitrary-precision integers as described in UG1399.
// See xrtemu_hls/ap_int_base.h for the storage layout.
#ifndef XRTEMU_AP_INT_H
#define XRTEMU_AP_INT_H

#include "xrtemu_hls/ap_int_base.h"

// ap_int / ap_uint add only constructors: all behaviour lives in ap_int_base, and these
// types stay standard-layout and trivially copyable.
template <int _AP_W> struct ap_int : ap_int_base<_AP_W, true> {
  typedef ap_int_base<_AP_W, true> Base;
  ap_int() = default;
  template <class _AP_T, typename std::enable_if<std::is_constructible<Base, const _AP_T&>::value, int>::type = 0>
  ap_int(const _AP_T& v) : Base(v) {}
  ap_int(const char* s) : Base(s) {}
  ap_int(const char* s, signed char radix) : Base(s, radix) {}
};

template <int _AP_W> struct ap_uint : ap_int_base<_AP_W, false> {
  typedef ap_int_base<_AP_W, false> Base;
  ap_uint() = default;
  template <class _AP_T, typename std::enable_if<std::is_constructible<Base, const _AP_T&>::value, int>::type = 0>
  ap_uint(const _AP_T& v) : Base(v) {}
  ap_uint(const char* s) : Base(s) {}
  ap_uint(const char* s, signed char radix) : Base(s, radix) {}
};

// Vitis makes ap_fixed available through ap_int.h as well.
#include "ap_fixed.h"

#endif
