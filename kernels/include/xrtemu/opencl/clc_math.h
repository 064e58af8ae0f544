/* OpenCL C 1.2 math, common and geometric builtins for float and double,
 * scalar and vector (2, 3, 4, 8, 16), for xrtemu kernel models (clc.h).
 * Scalars call the C library through clang's builtins; vectors apply the
 * scalar function per component.  native_* and half_* are the full
 * precision functions. */
#ifndef XRTEMU_CLC_MATH_H
#define XRTEMU_CLC_MATH_H

/* Per-component vector versions of a scalar function `name` of T. */
#define XCL_V1(name, _AP_T)                                                                         \
  XCL_OVL _AP_T##2 name(_AP_T##2 x) { return (_AP_T##2)(name(x.s0), name(x.s1)); }                          \
  XCL_OVL _AP_T##3 name(_AP_T##3 x) { return (_AP_T##3)(name(x.s0), name(x.s1), name(x.s2)); }              \
  XCL_OVL _AP_T##4 name(_AP_T##4 x) { return (_AP_T##4)(name(x.lo), name(x.hi)); }                          \
  XCL_OVL _AP_T##8 name(_AP_T##8 x) { return (_AP_T##8)(name(x.lo), name(x.hi)); }                          \
  XCL_OVL _AP_T##16 name(_AP_T##16 x) { return (_AP_T##16)(name(x.lo), name(x.hi)); }
#define XCL_V2(name, _AP_T)                                                                         \
  XCL_OVL _AP_T##2 name(_AP_T##2 x, _AP_T##2 y) { return (_AP_T##2)(name(x.s0, y.s0), name(x.s1, y.s1)); }      \
  XCL_OVL _AP_T##3 name(_AP_T##3 x, _AP_T##3 y)                                                             \
  {                                                                                             \
    return (_AP_T##3)(name(x.s0, y.s0), name(x.s1, y.s1), name(x.s2, y.s2));                        \
  }                                                                                             \
  XCL_OVL _AP_T##4 name(_AP_T##4 x, _AP_T##4 y) { return (_AP_T##4)(name(x.lo, y.lo), name(x.hi, y.hi)); }      \
  XCL_OVL _AP_T##8 name(_AP_T##8 x, _AP_T##8 y) { return (_AP_T##8)(name(x.lo, y.lo), name(x.hi, y.hi)); }      \
  XCL_OVL _AP_T##16 name(_AP_T##16 x, _AP_T##16 y) { return (_AP_T##16)(name(x.lo, y.lo), name(x.hi, y.hi)); }
#define XCL_V3(name, _AP_T)                                                                         \
  XCL_OVL _AP_T##2 name(_AP_T##2 x, _AP_T##2 y, _AP_T##2 z)                                                     \
  {                                                                                             \
    return (_AP_T##2)(name(x.s0, y.s0, z.s0), name(x.s1, y.s1, z.s1));                              \
  }                                                                                             \
  XCL_OVL _AP_T##3 name(_AP_T##3 x, _AP_T##3 y, _AP_T##3 z)                                                     \
  {                                                                                             \
    return (_AP_T##3)(name(x.s0, y.s0, z.s0), name(x.s1, y.s1, z.s1), name(x.s2, y.s2, z.s2));      \
  }                                                                                             \
  XCL_OVL _AP_T##4 name(_AP_T##4 x, _AP_T##4 y, _AP_T##4 z) { return (_AP_T##4)(name(x.lo, y.lo, z.lo), name(x.hi, y.hi, z.hi)); } \
  XCL_OVL _AP_T##8 name(_AP_T##8 x, _AP_T##8 y, _AP_T##8 z) { return (_AP_T##8)(name(x.lo, y.lo, z.lo), name(x.hi, y.hi, z.hi)); } \
  XCL_OVL _AP_T##16 name(_AP_T##16 x, _AP_T##16 y, _AP_T##16 z)                                                 \
  {                                                                                             \
    return (_AP_T##16)(name(x.lo, y.lo, z.lo), name(x.hi, y.hi, z.hi));                             \
  }
/* f(vector, scalar) versions: the scalar broadcast. */
#define XCL_VS(name, _AP_T)                                                                         \
  XCL_OVL _AP_T##2 name(_AP_T##2 x, _AP_T y) { return name(x, (_AP_T##2)(y)); }                                 \
  XCL_OVL _AP_T##3 name(_AP_T##3 x, _AP_T y) { return name(x, (_AP_T##3)(y)); }                                 \
  XCL_OVL _AP_T##4 name(_AP_T##4 x, _AP_T y) { return name(x, (_AP_T##4)(y)); }                                 \
  XCL_OVL _AP_T##8 name(_AP_T##8 x, _AP_T y) { return name(x, (_AP_T##8)(y)); }                                 \
  XCL_OVL _AP_T##16 name(_AP_T##16 x, _AP_T y) { return name(x, (_AP_T##16)(y)); }

/* One-argument functions: float calls fimpl, double dimpl. */
#define XCL_M1(name, fimpl, dimpl)                                                              \
  XCL_OVL float name(float x) { return fimpl; }                                                 \
  XCL_OVL double name(double x) { return dimpl; }                                              \
  XCL_V1(name, float) XCL_V1(name, double)
#define XCL_M2(name, fimpl, dimpl)                                                              \
  XCL_OVL float name(float x, float y) { return fimpl; }                                        \
  XCL_OVL double name(double x, double y) { return dimpl; }                                     \
  XCL_V2(name, float) XCL_V2(name, double)
#define XCL_M3(name, fimpl, dimpl)                                                              \
  XCL_OVL float name(float x, float y, float z) { return fimpl; }                               \
  XCL_OVL double name(double x, double y, double z) { return dimpl; }                           \
  XCL_V3(name, float) XCL_V3(name, double)
/* Plain libm pairs: name -> __builtin_namef / __builtin_name. */
#define XCL_LIBM1(name) XCL_M1(name, __builtin_##name##f(x), __builtin_##name(x))
#define XCL_LIBM2(name) XCL_M2(name, __builtin_##name##f(x, y), __builtin_##name(x, y))

XCL_LIBM1(acos) XCL_LIBM1(acosh) XCL_LIBM1(asin) XCL_LIBM1(asinh) XCL_LIBM1(atan) XCL_LIBM1(atanh)
XCL_LIBM1(cbrt) XCL_LIBM1(ceil) XCL_LIBM1(cos) XCL_LIBM1(cosh) XCL_LIBM1(erf) XCL_LIBM1(erfc)
XCL_LIBM1(exp) XCL_LIBM1(exp2) XCL_LIBM1(expm1) XCL_LIBM1(fabs) XCL_LIBM1(floor) XCL_LIBM1(lgamma)
XCL_LIBM1(log) XCL_LIBM1(log10) XCL_LIBM1(log1p) XCL_LIBM1(log2) XCL_LIBM1(logb) XCL_LIBM1(rint)
XCL_LIBM1(round) XCL_LIBM1(sin) XCL_LIBM1(sinh) XCL_LIBM1(sqrt) XCL_LIBM1(tan) XCL_LIBM1(tanh)
XCL_LIBM1(tgamma) XCL_LIBM1(trunc)
XCL_M1(exp10, __builtin_powf(10.0f, x), __builtin_pow(10.0, x))
XCL_M1(rsqrt, 1.0f / __builtin_sqrtf(x), 1.0 / __builtin_sqrt(x))
XCL_M1(acospi, __builtin_acosf(x) / M_PI_F, __builtin_acos(x) / M_PI)
XCL_M1(asinpi, __builtin_asinf(x) / M_PI_F, __builtin_asin(x) / M_PI)
XCL_M1(atanpi, __builtin_atanf(x) / M_PI_F, __builtin_atan(x) / M_PI)
XCL_M1(cospi, __builtin_cosf(x * M_PI_F), __builtin_cos(x * M_PI))
XCL_M1(sinpi, __builtin_sinf(x * M_PI_F), __builtin_sin(x * M_PI))
XCL_M1(tanpi, __builtin_tanf(x * M_PI_F), __builtin_tan(x * M_PI))
XCL_M1(degrees, x * (180.0f / M_PI_F), x * (180.0 / M_PI))
XCL_M1(radians, x * (M_PI_F / 180.0f), x * (M_PI / 180.0))
XCL_M1(sign, x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : x != x ? 0.0f : x, x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : x != x ? 0.0 : x)

XCL_LIBM2(atan2) XCL_LIBM2(copysign) XCL_LIBM2(fdim) XCL_LIBM2(fmod) XCL_LIBM2(hypot)
XCL_LIBM2(nextafter) XCL_LIBM2(pow) XCL_LIBM2(remainder)
XCL_M2(fmax, __builtin_fmaxf(x, y), __builtin_fmax(x, y))
XCL_M2(fmin, __builtin_fminf(x, y), __builtin_fmin(x, y))
XCL_M2(powr, __builtin_powf(x, y), __builtin_pow(x, y))
XCL_M2(atan2pi, __builtin_atan2f(x, y) / M_PI_F, __builtin_atan2(x, y) / M_PI)
XCL_M2(maxmag, __builtin_fabsf(x) > __builtin_fabsf(y) ? x : __builtin_fabsf(y) > __builtin_fabsf(x) ? y : __builtin_fmaxf(x, y),
       __builtin_fabs(x) > __builtin_fabs(y) ? x : __builtin_fabs(y) > __builtin_fabs(x) ? y : __builtin_fmax(x, y))
XCL_M2(minmag, __builtin_fabsf(x) < __builtin_fabsf(y) ? x : __builtin_fabsf(y) < __builtin_fabsf(x) ? y : __builtin_fminf(x, y),
       __builtin_fabs(x) < __builtin_fabs(y) ? x : __builtin_fabs(y) < __builtin_fabs(x) ? y : __builtin_fmin(x, y))
XCL_M2(step, y < x ? 0.0f : 1.0f, y < x ? 0.0 : 1.0)
XCL_M3(fma, __builtin_fmaf(x, y, z), __builtin_fma(x, y, z))
XCL_M3(mad, x * y + z, x * y + z)
XCL_M3(smoothstep, ({ float t = __builtin_fminf(__builtin_fmaxf((z - x) / (y - x), 0.0f), 1.0f); t * t * (3.0f - 2.0f * t); }),
       ({ double t = __builtin_fmin(__builtin_fmax((z - x) / (y - x), 0.0), 1.0); t * t * (3.0 - 2.0 * t); }))
XCL_M3(mix, x + (y - x) * z, x + (y - x) * z)
XCL_VS(fmax, float) XCL_VS(fmax, double) XCL_VS(fmin, float) XCL_VS(fmin, double)


/* mix(x, y, scalar a), step(scalar edge, x), smoothstep(e0, e1, x), clamp/max/min(x, scalar). */
#define XCL_MIXED(_AP_T, _AP_N)                                                                         \
  XCL_OVL _AP_T##_AP_N mix(_AP_T##_AP_N x, _AP_T##_AP_N y, _AP_T a) { return mix(x, y, (_AP_T##_AP_N)(a)); }                        \
  XCL_OVL _AP_T##_AP_N step(_AP_T e, _AP_T##_AP_N x) { return step((_AP_T##_AP_N)(e), x); }                                 \
  XCL_OVL _AP_T##_AP_N smoothstep(_AP_T e0, _AP_T e1, _AP_T##_AP_N x) { return smoothstep((_AP_T##_AP_N)(e0), (_AP_T##_AP_N)(e1), x); } \
  XCL_OVL _AP_T##_AP_N clamp(_AP_T##_AP_N x, _AP_T##_AP_N lo, _AP_T##_AP_N hi) { return fmin(fmax(x, lo), hi); }                \
  XCL_OVL _AP_T##_AP_N clamp(_AP_T##_AP_N x, _AP_T lo, _AP_T hi) { return fmin(fmax(x, (_AP_T##_AP_N)(lo)), (_AP_T##_AP_N)(hi)); }      \
  XCL_OVL _AP_T##_AP_N max(_AP_T##_AP_N x, _AP_T##_AP_N y) { return fmax(x, y); }                                       \
  XCL_OVL _AP_T##_AP_N max(_AP_T##_AP_N x, _AP_T y) { return fmax(x, (_AP_T##_AP_N)(y)); }                                  \
  XCL_OVL _AP_T##_AP_N min(_AP_T##_AP_N x, _AP_T##_AP_N y) { return fmin(x, y); }                                       \
  XCL_OVL _AP_T##_AP_N min(_AP_T##_AP_N x, _AP_T y) { return fmin(x, (_AP_T##_AP_N)(y)); }                                  \
  XCL_OVL _AP_T##_AP_N ldexp(_AP_T##_AP_N x, int##_AP_N k) { _AP_T##_AP_N r; for (int i = 0; i < _AP_N; ++i) r[i] = ldexp(x[i], k[i]); return r; } \
  XCL_OVL _AP_T##_AP_N ldexp(_AP_T##_AP_N x, int k) { _AP_T##_AP_N r; for (int i = 0; i < _AP_N; ++i) r[i] = ldexp(x[i], k); return r; } \
  XCL_OVL _AP_T##_AP_N pown(_AP_T##_AP_N x, int##_AP_N k) { _AP_T##_AP_N r; for (int i = 0; i < _AP_N; ++i) r[i] = pown(x[i], k[i]); return r; } \
  XCL_OVL _AP_T##_AP_N rootn(_AP_T##_AP_N x, int##_AP_N k) { _AP_T##_AP_N r; for (int i = 0; i < _AP_N; ++i) r[i] = rootn(x[i], k[i]); return r; }

XCL_OVL float clamp(float x, float lo, float hi) { return __builtin_fminf(__builtin_fmaxf(x, lo), hi); }
XCL_OVL double clamp(double x, double lo, double hi) { return __builtin_fmin(__builtin_fmax(x, lo), hi); }
XCL_OVL float max(float x, float y) { return __builtin_fmaxf(x, y); }
XCL_OVL double max(double x, double y) { return __builtin_fmax(x, y); }
XCL_OVL float min(float x, float y) { return __builtin_fminf(x, y); }
XCL_OVL double min(double x, double y) { return __builtin_fmin(x, y); }
XCL_OVL float ldexp(float x, int k) { return __builtin_ldexpf(x, k); }
XCL_OVL double ldexp(double x, int k) { return __builtin_ldexp(x, k); }
XCL_OVL float pown(float x, int k) { return __builtin_powf(x, (float)k); }
XCL_OVL double pown(double x, int k) { return __builtin_pow(x, (double)k); }
XCL_OVL float rootn(float x, int k) { return __builtin_powf(x, 1.0f / (float)k); }
XCL_OVL double rootn(double x, int k) { return __builtin_pow(x, 1.0 / (double)k); }
XCL_OVL int ilogb(float x) { return __builtin_ilogbf(x); }
XCL_OVL int ilogb(double x) { return __builtin_ilogb(x); }

#define XCL_MIXED_ALL(_AP_T) XCL_MIXED(_AP_T, 2) XCL_MIXED(_AP_T, 3) XCL_MIXED(_AP_T, 4) XCL_MIXED(_AP_T, 8) XCL_MIXED(_AP_T, 16)
XCL_MIXED_ALL(float) XCL_MIXED_ALL(double)

/* native_* and half_*: full precision here. */
#define XCL_ALIAS1(alias, name) \
  XCL_OVL float alias(float x) { return name(x); } XCL_V1(alias, float)
#define XCL_ALIAS2(alias, name) \
  XCL_OVL float alias(float x, float y) { return name(x, y); } XCL_V2(alias, float)
XCL_ALIAS1(native_cos, cos) XCL_ALIAS1(native_sin, sin) XCL_ALIAS1(native_tan, tan)
XCL_ALIAS1(native_exp, exp) XCL_ALIAS1(native_exp2, exp2) XCL_ALIAS1(native_exp10, exp10)
XCL_ALIAS1(native_log, log) XCL_ALIAS1(native_log2, log2) XCL_ALIAS1(native_log10, log10)
XCL_ALIAS1(native_sqrt, sqrt) XCL_ALIAS1(native_rsqrt, rsqrt)
XCL_ALIAS1(half_cos, cos) XCL_ALIAS1(half_sin, sin) XCL_ALIAS1(half_tan, tan)
XCL_ALIAS1(half_exp, exp) XCL_ALIAS1(half_exp2, exp2) XCL_ALIAS1(half_exp10, exp10)
XCL_ALIAS1(half_log, log) XCL_ALIAS1(half_log2, log2) XCL_ALIAS1(half_log10, log10)
XCL_ALIAS1(half_sqrt, sqrt) XCL_ALIAS1(half_rsqrt, rsqrt)
XCL_OVL float native_recip(float x) { return 1.0f / x; }
XCL_V1(native_recip, float)
XCL_OVL float half_recip(float x) { return 1.0f / x; }
XCL_V1(half_recip, float)
XCL_ALIAS2(native_powr, powr) XCL_ALIAS2(half_powr, powr)
XCL_OVL float native_divide(float x, float y) { return x / y; }
XCL_V2(native_divide, float)
XCL_OVL float half_divide(float x, float y) { return x / y; }
XCL_V2(half_divide, float)

/* Functions with an out pointer (private, local or global). */
#define XCL_OUTPTR(_AP_T, AS)                                                                       \
  XCL_OVL _AP_T fract(_AP_T x, AS _AP_T* ip) { _AP_T f = floor(x); *ip = f; return fmin(x - f, (_AP_T)0x1.fffffep-1f); } \
  XCL_OVL _AP_T modf(_AP_T x, AS _AP_T* ip) { _AP_T i = trunc(x); *ip = i; return copysign(x - i, x); }        \
  XCL_OVL _AP_T sincos(_AP_T x, AS _AP_T* c) { *c = cos(x); return sin(x); }
XCL_OUTPTR(float, ) XCL_OUTPTR(float, __global) XCL_OUTPTR(float, __local)
XCL_OUTPTR(double, ) XCL_OUTPTR(double, __global) XCL_OUTPTR(double, __local)

/* Geometric functions (float and double, 1 to 4 components). */
#define XCL_GEO(_AP_T)                                                                              \
  XCL_OVL _AP_T dot(_AP_T x, _AP_T y) { return x * y; }                                                     \
  XCL_OVL _AP_T dot(_AP_T##2 x, _AP_T##2 y) { return x.s0 * y.s0 + x.s1 * y.s1; }                           \
  XCL_OVL _AP_T dot(_AP_T##3 x, _AP_T##3 y) { return x.s0 * y.s0 + x.s1 * y.s1 + x.s2 * y.s2; }             \
  XCL_OVL _AP_T dot(_AP_T##4 x, _AP_T##4 y) { return x.s0 * y.s0 + x.s1 * y.s1 + x.s2 * y.s2 + x.s3 * y.s3; } \
  XCL_OVL _AP_T##3 cross(_AP_T##3 a, _AP_T##3 b)                                                            \
  {                                                                                             \
    return (_AP_T##3)(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);         \
  }                                                                                             \
  XCL_OVL _AP_T##4 cross(_AP_T##4 a, _AP_T##4 b)                                                            \
  {                                                                                             \
    return (_AP_T##4)(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x, 0);      \
  }                                                                                             \
  XCL_GEO_N(_AP_T, ) XCL_GEO_N(_AP_T, 2) XCL_GEO_N(_AP_T, 3) XCL_GEO_N(_AP_T, 4)
#define XCL_GEO_N(_AP_T, _AP_N)                                                                         \
  XCL_OVL _AP_T length(_AP_T##_AP_N x) { return sqrt(dot(x, x)); }                                          \
  XCL_OVL _AP_T distance(_AP_T##_AP_N x, _AP_T##_AP_N y) { return length(x - y); }                                  \
  XCL_OVL _AP_T##_AP_N normalize(_AP_T##_AP_N x) { _AP_T l = length(x); return l == (_AP_T)0 ? x : x / l; }             \
  XCL_OVL _AP_T fast_length(_AP_T##_AP_N x) { return length(x); }                                           \
  XCL_OVL _AP_T fast_distance(_AP_T##_AP_N x, _AP_T##_AP_N y) { return distance(x, y); }                            \
  XCL_OVL _AP_T##_AP_N fast_normalize(_AP_T##_AP_N x) { return normalize(x); }
XCL_GEO(float)
XCL_GEO(double)

#endif
