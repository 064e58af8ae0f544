/* OpenCL C 1.2 vector data builtins for xrtemu kernel models (clc.h):
 * vloadN/vstoreN from any address space, and convert_T[_sat][_rte|_rtz|
 * _rtp|_rtn] between all scalar and vector types.  (as_T comes from
 * opencl-c-base.h.) */
#ifndef XRTEMU_CLC_VECTOR_H
#define XRTEMU_CLC_VECTOR_H

/* vloadN(offset, p) reads p[offset * N .. offset * N + N - 1], unaligned. */
#define XCL_VLOAD(_AP_T, AS)                                                                        \
  XCL_OVL _AP_T##2 vload2(size_t o, const AS _AP_T* p) { p += o * 2; return (_AP_T##2)(p[0], p[1]); }       \
  XCL_OVL _AP_T##3 vload3(size_t o, const AS _AP_T* p) { p += o * 3; return (_AP_T##3)(p[0], p[1], p[2]); } \
  XCL_OVL _AP_T##4 vload4(size_t o, const AS _AP_T* p) { p += o * 4; return (_AP_T##4)(vload2(0, p), vload2(0, p + 2)); } \
  XCL_OVL _AP_T##8 vload8(size_t o, const AS _AP_T* p) { p += o * 8; return (_AP_T##8)(vload4(0, p), vload4(0, p + 4)); } \
  XCL_OVL _AP_T##16 vload16(size_t o, const AS _AP_T* p) { p += o * 16; return (_AP_T##16)(vload8(0, p), vload8(0, p + 8)); }
#define XCL_VSTORE(_AP_T, AS)                                                                       \
  XCL_OVL void vstore2(_AP_T##2 v, size_t o, AS _AP_T* p) { p += o * 2; p[0] = v.s0; p[1] = v.s1; }     \
  XCL_OVL void vstore3(_AP_T##3 v, size_t o, AS _AP_T* p) { p += o * 3; p[0] = v.s0; p[1] = v.s1; p[2] = v.s2; } \
  XCL_OVL void vstore4(_AP_T##4 v, size_t o, AS _AP_T* p) { p += o * 4; vstore2(v.lo, 0, p); vstore2(v.hi, 0, p + 2); } \
  XCL_OVL void vstore8(_AP_T##8 v, size_t o, AS _AP_T* p) { p += o * 8; vstore4(v.lo, 0, p); vstore4(v.hi, 0, p + 4); } \
  XCL_OVL void vstore16(_AP_T##16 v, size_t o, AS _AP_T* p) { p += o * 16; vstore8(v.lo, 0, p); vstore8(v.hi, 0, p + 8); }
#define XCL_VDATA(_AP_T)                                                                            \
  XCL_VLOAD(_AP_T, ) XCL_VLOAD(_AP_T, __global) XCL_VLOAD(_AP_T, __local) XCL_VLOAD(_AP_T, __constant)          \
  XCL_VSTORE(_AP_T, ) XCL_VSTORE(_AP_T, __global) XCL_VSTORE(_AP_T, __local)
XCL_VDATA(char) XCL_VDATA(uchar) XCL_VDATA(short) XCL_VDATA(ushort) XCL_VDATA(int) XCL_VDATA(uint)
XCL_VDATA(long) XCL_VDATA(ulong) XCL_VDATA(float) XCL_VDATA(double)

/* Conversions.  Plain ones round toward zero to integers and to nearest to
 * floating point (C casts); _sat clamps to the destination's range (NaN to
 * 0); the rounding suffixes round float/double sources as named. */
#define XCL_CVT_N(_AP_D, _AP_S, _AP_N, SUFFIX, ROUND)                                                       \
  XCL_OVL _AP_D##_AP_N convert_##_AP_D##_AP_N##SUFFIX(_AP_S##_AP_N x) { return __builtin_convertvector(ROUND(x), _AP_D##_AP_N); }
#define XCL_CVT_V(_AP_D, _AP_S, SUFFIX, ROUND)                                                          \
  XCL_OVL _AP_D convert_##_AP_D##SUFFIX(_AP_S x) { return (_AP_D)ROUND(x); }                                    \
  XCL_CVT_N(_AP_D, _AP_S, 2, SUFFIX, ROUND) XCL_CVT_N(_AP_D, _AP_S, 3, SUFFIX, ROUND) XCL_CVT_N(_AP_D, _AP_S, 4, SUFFIX, ROUND) \
  XCL_CVT_N(_AP_D, _AP_S, 8, SUFFIX, ROUND) XCL_CVT_N(_AP_D, _AP_S, 16, SUFFIX, ROUND)
#define XCL_SAME(x) (x)
/* All sources to one destination D, with a rounding suffix (integer
 * sources are exact or wrap: the rounding mode does not apply). */
#define XCL_CVT_TO(_AP_D, SUFFIX, ROUND)                                                            \
  XCL_CVT_V(_AP_D, char, SUFFIX, XCL_SAME) XCL_CVT_V(_AP_D, uchar, SUFFIX, XCL_SAME)                    \
  XCL_CVT_V(_AP_D, short, SUFFIX, XCL_SAME) XCL_CVT_V(_AP_D, ushort, SUFFIX, XCL_SAME)                  \
  XCL_CVT_V(_AP_D, int, SUFFIX, XCL_SAME) XCL_CVT_V(_AP_D, uint, SUFFIX, XCL_SAME)                      \
  XCL_CVT_V(_AP_D, long, SUFFIX, XCL_SAME) XCL_CVT_V(_AP_D, ulong, SUFFIX, XCL_SAME)                    \
  XCL_CVT_V(_AP_D, float, SUFFIX, ROUND) XCL_CVT_V(_AP_D, double, SUFFIX, ROUND)
#define XCL_CVT_ROUNDINGS(_AP_D)                                                                    \
  XCL_CVT_TO(_AP_D, , XCL_SAME) XCL_CVT_TO(_AP_D, _rtz, XCL_SAME) XCL_CVT_TO(_AP_D, _rte, rint)             \
  XCL_CVT_TO(_AP_D, _rtp, ceil) XCL_CVT_TO(_AP_D, _rtn, floor)
XCL_CVT_ROUNDINGS(char) XCL_CVT_ROUNDINGS(uchar) XCL_CVT_ROUNDINGS(short) XCL_CVT_ROUNDINGS(ushort)
XCL_CVT_ROUNDINGS(int) XCL_CVT_ROUNDINGS(uint) XCL_CVT_ROUNDINGS(long) XCL_CVT_ROUNDINGS(ulong)
XCL_CVT_TO(float, , XCL_SAME) XCL_CVT_TO(double, , XCL_SAME)
XCL_CVT_TO(float, _rte, XCL_SAME) XCL_CVT_TO(double, _rte, XCL_SAME)
XCL_CVT_TO(float, _rtz, XCL_SAME) XCL_CVT_TO(double, _rtz, XCL_SAME)

/* Saturating conversions to integer D (range LO..HI) from source S: the
 * value is clamped in the wider of the two before the cast. */
#define XCL_SAT_1(_AP_D, LO, HI, _AP_S, SUFFIX, ROUND)                                                  \
  XCL_OVL _AP_D convert_##_AP_D##_sat##SUFFIX(_AP_S x)                                                      \
  {                                                                                             \
    if ((_AP_S)0.5 != 0) { /* floating-point source */                                              \
      double v = (double)ROUND(x);                                                              \
      return v != v ? (_AP_D)0 : v <= (double)LO ? LO : v >= (double)HI ? HI : (_AP_D)v;                \
    }                                                                                           \
    if ((_AP_S)-1 < (_AP_S)0) { /* signed source */                                                     \
      long v = (long)x;                                                                         \
      if ((_AP_D)-1 > (_AP_D)0 && v < 0) return (_AP_D)0;                                                   \
      if ((_AP_D)-1 < (_AP_D)0 && v < (long)LO) return LO;                                              \
      return (ulong)v > (ulong)HI ? HI : (_AP_D)v;                                                  \
    }                                                                                           \
    ulong u = (ulong)x;                                                                         \
    return u > (ulong)HI ? HI : (_AP_D)u;                                                           \
  }
#define XCL_SAT_N(_AP_D, _AP_S, _AP_N, SUFFIX)                                                              \
  XCL_OVL _AP_D##_AP_N convert_##_AP_D##_AP_N##_sat##SUFFIX(_AP_S##_AP_N x)                                             \
  {                                                                                             \
    _AP_D##_AP_N r;                                                                                     \
    for (int i = 0; i < _AP_N; ++i)                                                                 \
      r[i] = convert_##_AP_D##_sat##SUFFIX(x[i]);                                                   \
    return r;                                                                                   \
  }
#define XCL_SAT_V(_AP_D, LO, HI, _AP_S, SUFFIX, ROUND)                                                  \
  XCL_SAT_1(_AP_D, LO, HI, _AP_S, SUFFIX, ROUND) XCL_SAT_N(_AP_D, _AP_S, 2, SUFFIX) XCL_SAT_N(_AP_D, _AP_S, 3, SUFFIX)  \
  XCL_SAT_N(_AP_D, _AP_S, 4, SUFFIX) XCL_SAT_N(_AP_D, _AP_S, 8, SUFFIX) XCL_SAT_N(_AP_D, _AP_S, 16, SUFFIX)
#define XCL_SAT_TO(_AP_D, LO, HI, SUFFIX, ROUND)                                                    \
  XCL_SAT_V(_AP_D, LO, HI, char, SUFFIX, XCL_SAME) XCL_SAT_V(_AP_D, LO, HI, uchar, SUFFIX, XCL_SAME)    \
  XCL_SAT_V(_AP_D, LO, HI, short, SUFFIX, XCL_SAME) XCL_SAT_V(_AP_D, LO, HI, ushort, SUFFIX, XCL_SAME)  \
  XCL_SAT_V(_AP_D, LO, HI, int, SUFFIX, XCL_SAME) XCL_SAT_V(_AP_D, LO, HI, uint, SUFFIX, XCL_SAME)      \
  XCL_SAT_V(_AP_D, LO, HI, long, SUFFIX, XCL_SAME) XCL_SAT_V(_AP_D, LO, HI, ulong, SUFFIX, XCL_SAME)    \
  XCL_SAT_V(_AP_D, LO, HI, float, SUFFIX, ROUND) XCL_SAT_V(_AP_D, LO, HI, double, SUFFIX, ROUND)
#define XCL_SAT_ROUNDINGS(_AP_D, LO, HI)                                                            \
  XCL_SAT_TO(_AP_D, LO, HI, , trunc) XCL_SAT_TO(_AP_D, LO, HI, _rtz, trunc) XCL_SAT_TO(_AP_D, LO, HI, _rte, rint) \
  XCL_SAT_TO(_AP_D, LO, HI, _rtp, ceil) XCL_SAT_TO(_AP_D, LO, HI, _rtn, floor)
XCL_SAT_ROUNDINGS(char, (char)CHAR_MIN, (char)CHAR_MAX)
XCL_SAT_ROUNDINGS(uchar, (uchar)0, (uchar)UCHAR_MAX)
XCL_SAT_ROUNDINGS(short, (short)SHRT_MIN, (short)SHRT_MAX)
XCL_SAT_ROUNDINGS(ushort, (ushort)0, (ushort)USHRT_MAX)
XCL_SAT_ROUNDINGS(int, INT_MIN, INT_MAX)
XCL_SAT_ROUNDINGS(uint, 0u, UINT_MAX)
XCL_SAT_ROUNDINGS(long, LONG_MIN, LONG_MAX)
XCL_SAT_ROUNDINGS(ulong, 0ul, ULONG_MAX)

#endif
