// hls::print(format, value): printf-style tracing from kernel code (UG1399, "hls::print").
// In Vitis it prints during C simulation and RTL co-simulation and is ignored by synthesis;
// here it prints to stdout whenever the kernel runs (testbench or emulated card).
// Vitis allows at most one int, unsigned, float or double argument; this accepts any
// printf arguments, and ap_int/ap_fixed values (converted to long long / double).
#ifndef XRTEMU_HLS_PRINT_H
#define XRTEMU_HLS_PRINT_H

#include <cstdio>
#include <string>
#include <type_traits>

namespace xrtemu_hls {
template <class _AP_T, bool Arith = std::is_arithmetic<_AP_T>::value || std::is_pointer<_AP_T>::value> struct print_arg {
  static _AP_T get(const _AP_T& v) { return v; }
};
// Class types: ap_fixed (raw bits in V: to_double) or ap_int-like (to_int64).
template <class _AP_T> struct print_arg<_AP_T, false> {
  template <class _AP_U> static auto pick(const _AP_U& v, int) -> decltype((void)v.V, v.to_double()) { return v.to_double(); }
  template <class _AP_U> static long long pick(const _AP_U& v, long) { return static_cast<long long>(v.to_int64()); }
  static auto get(const _AP_T& v) -> decltype(pick(v, 0)) { return pick(v, 0); }
};
}  // namespace xrtemu_hls

namespace hls {
inline void print(const char* format) {
  std::fputs(format, stdout);
  std::fflush(stdout);
}
inline void print(const std::string& format) { print(format.c_str()); }
template <class... _AP_A> void print(const char* format, const _AP_A&... a) {
  std::printf(format, xrtemu_hls::print_arg<_AP_A>::get(a)...);
  std::fflush(stdout);
}
template <class... _AP_A> void print(const std::string& format, const _AP_A&... a) { print(format.c_str(), a...); }
}  // namespace hls

#endif
