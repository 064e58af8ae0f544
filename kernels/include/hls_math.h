// hls:: math functions. On the host they use <cmath> (the HLS library approximates some of
// them in hardware; exact float/double results here are within its documented error).
// ap_fixed arguments are evaluated through double and converted back to the argument type.
#ifndef XRTEMU_HLS_MATH_H
#define XRTEMU_HLS_MATH_H

#include <cmath>
#include <cstdlib>

#include "ap_fixed.h"

namespace hls {

#define XRTEMU_MATH1(name, expr)                                                         \
  inline float name(float x) { return (float)(expr); }                                    \
  inline double name(double x) { return (expr); }                                        \
  inline float name##f(float x) { return (float)(expr); }                                 \
  template <int _AP_W, int _AP_I, bool _AP_S, ap_q_mode _AP_Q, ap_o_mode _AP_O, int _AP_N>                        \
  inline ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N> name(const ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N>& v) { \
    double x = v.to_double();                                                             \
    return ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N>((double)(expr));                               \
  }
XRTEMU_MATH1(sqrt, std::sqrt(x))
XRTEMU_MATH1(rsqrt, 1.0 / std::sqrt((double)x))
XRTEMU_MATH1(recip, 1.0 / (double)x)
XRTEMU_MATH1(exp, std::exp(x))
XRTEMU_MATH1(exp2, std::exp2(x))
XRTEMU_MATH1(exp10, std::pow(10.0, (double)x))
XRTEMU_MATH1(expm1, std::expm1(x))
XRTEMU_MATH1(log, std::log(x))
XRTEMU_MATH1(log2, std::log2(x))
XRTEMU_MATH1(log10, std::log10(x))
XRTEMU_MATH1(log1p, std::log1p(x))
XRTEMU_MATH1(sin, std::sin(x))
XRTEMU_MATH1(cos, std::cos(x))
XRTEMU_MATH1(tan, std::tan(x))
XRTEMU_MATH1(asin, std::asin(x))
XRTEMU_MATH1(acos, std::acos(x))
XRTEMU_MATH1(atan, std::atan(x))
XRTEMU_MATH1(sinh, std::sinh(x))
XRTEMU_MATH1(cosh, std::cosh(x))
XRTEMU_MATH1(tanh, std::tanh(x))
XRTEMU_MATH1(sinpi, std::sin(M_PI * (double)x))
XRTEMU_MATH1(cospi, std::cos(M_PI * (double)x))
XRTEMU_MATH1(cbrt, std::cbrt(x))
XRTEMU_MATH1(fabs, std::fabs(x))
XRTEMU_MATH1(floor, std::floor(x))
XRTEMU_MATH1(ceil, std::ceil(x))
XRTEMU_MATH1(trunc, std::trunc(x))
XRTEMU_MATH1(round, std::round(x))
XRTEMU_MATH1(rint, std::rint(x))
XRTEMU_MATH1(nearbyint, std::nearbyint(x))
XRTEMU_MATH1(erf, std::erf(x))
XRTEMU_MATH1(erfc, std::erfc(x))
XRTEMU_MATH1(lgamma, std::lgamma(x))
XRTEMU_MATH1(tgamma, std::tgamma(x))
#undef XRTEMU_MATH1

#define XRTEMU_MATH2(name, expr)                                                                 \
  inline float name(float x, float y) { return (float)(expr); }                                  \
  inline double name(double x, double y) { return (expr); }                                      \
  inline float name##f(float x, float y) { return (float)(expr); }                               \
  template <int _AP_W, int _AP_I, bool _AP_S, ap_q_mode _AP_Q, ap_o_mode _AP_O, int _AP_N>                               \
  inline ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N> name(const ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N>& a,           \
                                              const ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N>& b) {         \
    double x = a.to_double(), y = b.to_double();                                                 \
    return ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N>((double)(expr));                                      \
  }
XRTEMU_MATH2(pow, std::pow(x, y))
XRTEMU_MATH2(atan2, std::atan2(x, y))
XRTEMU_MATH2(fmin, std::fmin(x, y))
XRTEMU_MATH2(fmax, std::fmax(x, y))
XRTEMU_MATH2(fmod, std::fmod(x, y))
XRTEMU_MATH2(remainder, std::remainder(x, y))
XRTEMU_MATH2(hypot, std::hypot(x, y))
XRTEMU_MATH2(fdim, std::fdim(x, y))
XRTEMU_MATH2(copysign, std::copysign(x, y))
#undef XRTEMU_MATH2

inline float fma(float x, float y, float z) { return std::fma(x, y, z); }
inline double fma(double x, double y, double z) { return std::fma(x, y, z); }
inline float pow(float x, int n) { return (float)std::pow(x, n); }
inline double pow(double x, int n) { return std::pow(x, n); }
inline float ldexp(float x, int e) { return std::ldexp(x, e); }
inline double ldexp(double x, int e) { return std::ldexp(x, e); }
inline float frexp(float x, int* e) { return std::frexp(x, e); }
inline double frexp(double x, int* e) { return std::frexp(x, e); }
inline float modf(float x, float* i) { return std::modf(x, i); }
inline double modf(double x, double* i) { return std::modf(x, i); }
inline void sincos(double x, double* s, double* c) { *s = std::sin(x); *c = std::cos(x); }
inline void sincosf(float x, float* s, float* c) { *s = std::sin(x); *c = std::cos(x); }
inline bool isnan(double x) { return std::isnan(x); }
inline bool isinf(double x) { return std::isinf(x); }
inline bool isfinite(double x) { return std::isfinite(x); }
inline bool signbit(double x) { return std::signbit(x); }

inline int abs(int x) { return std::abs(x); }
inline long abs(long x) { return std::abs(x); }
inline long long abs(long long x) { return std::abs(x); }
inline float abs(float x) { return std::fabs(x); }
inline double abs(double x) { return std::fabs(x); }
template <int _AP_W, int _AP_I, bool _AP_S, ap_q_mode _AP_Q, ap_o_mode _AP_O, int _AP_N>
inline ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N> abs(const ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N>& v) {
  return v.sign() ? ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N>(-v) : v;
}
template <int _AP_W, bool _AP_S> inline ap_int_base<_AP_W, _AP_S> abs(const ap_int_base<_AP_W, _AP_S>& v) {
  return v.sign() ? ap_int_base<_AP_W, _AP_S>(-v) : v;
}

template <typename _AP_T> inline _AP_T min(const _AP_T& a, const _AP_T& b) { return b < a ? b : a; }
template <typename _AP_T> inline _AP_T max(const _AP_T& a, const _AP_T& b) { return a < b ? b : a; }

}  // namespace hls

#endif
