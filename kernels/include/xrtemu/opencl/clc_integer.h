/* OpenCL C 1.2 integer and relational builtins (scalar and vector) for
 * xrtemu kernel models (clc.h).  Vector forms use clang's per-component
 * vector operators, so they compile to SIMD code like the kernel's own. */
#ifndef XRTEMU_CLC_INTEGER_H
#define XRTEMU_CLC_INTEGER_H

/* T: the type, U: its unsigned type, BITS: width, SMIN/SMAX its range. */
#define XCL_INT_N(_AP_T, _AP_U, _AP_N)                                                                      \
  XCL_OVL _AP_T##_AP_N min(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x < y ? x : y; }                                    \
  XCL_OVL _AP_T##_AP_N min(_AP_T##_AP_N x, _AP_T y) { return min(x, (_AP_T##_AP_N)(y)); }                                   \
  XCL_OVL _AP_T##_AP_N max(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x > y ? x : y; }                                    \
  XCL_OVL _AP_T##_AP_N max(_AP_T##_AP_N x, _AP_T y) { return max(x, (_AP_T##_AP_N)(y)); }                                   \
  XCL_OVL _AP_T##_AP_N clamp(_AP_T##_AP_N x, _AP_T##_AP_N lo, _AP_T##_AP_N hi) { return min(max(x, lo), hi); }                 \
  XCL_OVL _AP_T##_AP_N clamp(_AP_T##_AP_N x, _AP_T lo, _AP_T hi) { return min(max(x, (_AP_T##_AP_N)(lo)), (_AP_T##_AP_N)(hi)); }       \
  XCL_OVL _AP_U##_AP_N abs(_AP_T##_AP_N x) { return __builtin_astype(x < (_AP_T##_AP_N)(0) ? -x : x, _AP_U##_AP_N); }          \
  XCL_OVL _AP_U##_AP_N abs_diff(_AP_T##_AP_N x, _AP_T##_AP_N y)                                                         \
  {                                                                                             \
    return __builtin_astype(x > y ? x - y : y - x, _AP_U##_AP_N);                                       \
  }                                                                                             \
  XCL_OVL _AP_T##_AP_N hadd(_AP_T##_AP_N x, _AP_T##_AP_N y) { return (x >> 1) + (y >> 1) + (x & y & (_AP_T##_AP_N)(1)); }      \
  XCL_OVL _AP_T##_AP_N rhadd(_AP_T##_AP_N x, _AP_T##_AP_N y) { return (x >> 1) + (y >> 1) + ((x | y) & (_AP_T##_AP_N)(1)); }   \
  XCL_OVL _AP_T##_AP_N rotate(_AP_T##_AP_N v, _AP_T##_AP_N n)                                                           \
  {                                                                                             \
    _AP_U##_AP_N b = __builtin_astype(v, _AP_U##_AP_N), s = __builtin_astype(n, _AP_U##_AP_N) & (_AP_U##_AP_N)(sizeof(_AP_T) * 8 - 1); \
    return __builtin_astype((b << s) | (b >> (((_AP_U##_AP_N)(sizeof(_AP_T) * 8) - s) & (_AP_U##_AP_N)(sizeof(_AP_T) * 8 - 1))), _AP_T##_AP_N); \
  }                                                                                             \
  XCL_OVL _AP_T##_AP_N popcount(_AP_T##_AP_N x) { _AP_T##_AP_N r; for (int i = 0; i < _AP_N; ++i) r[i] = popcount(x[i]); return r; } \
  XCL_OVL _AP_T##_AP_N clz(_AP_T##_AP_N x) { _AP_T##_AP_N r; for (int i = 0; i < _AP_N; ++i) r[i] = clz(x[i]); return r; }  \
  XCL_OVL _AP_T##_AP_N add_sat(_AP_T##_AP_N x, _AP_T##_AP_N y) { _AP_T##_AP_N r; for (int i = 0; i < _AP_N; ++i) r[i] = add_sat(x[i], y[i]); return r; } \
  XCL_OVL _AP_T##_AP_N sub_sat(_AP_T##_AP_N x, _AP_T##_AP_N y) { _AP_T##_AP_N r; for (int i = 0; i < _AP_N; ++i) r[i] = sub_sat(x[i], y[i]); return r; } \
  XCL_OVL _AP_T##_AP_N mul_hi(_AP_T##_AP_N x, _AP_T##_AP_N y) { _AP_T##_AP_N r; for (int i = 0; i < _AP_N; ++i) r[i] = mul_hi(x[i], y[i]); return r; } \
  XCL_OVL _AP_T##_AP_N mad_hi(_AP_T##_AP_N x, _AP_T##_AP_N y, _AP_T##_AP_N z) { return mul_hi(x, y) + z; }                     \
  XCL_OVL _AP_T##_AP_N mad_sat(_AP_T##_AP_N x, _AP_T##_AP_N y, _AP_T##_AP_N z) { _AP_T##_AP_N r; for (int i = 0; i < _AP_N; ++i) r[i] = mad_sat(x[i], y[i], z[i]); return r; }

/* Scalars: W is a wider type for the saturating/high-half forms (or the
 * same type with __builtin overflow checks for 64-bit). */
#define XCL_INT_1(_AP_T, _AP_U, SMIN, SMAX)                                                             \
  XCL_OVL _AP_T min(_AP_T x, _AP_T y) { return x < y ? x : y; }                                             \
  XCL_OVL _AP_T max(_AP_T x, _AP_T y) { return x > y ? x : y; }                                             \
  XCL_OVL _AP_T clamp(_AP_T x, _AP_T lo, _AP_T hi) { return min(max(x, lo), hi); }                             \
  XCL_OVL _AP_U abs(_AP_T x) { return (_AP_U)(x < (_AP_T)0 ? -x : x); }                                         \
  XCL_OVL _AP_U abs_diff(_AP_T x, _AP_T y) { return (_AP_U)(x > y ? (_AP_U)x - (_AP_U)y : (_AP_U)y - (_AP_U)x); }               \
  XCL_OVL _AP_T hadd(_AP_T x, _AP_T y) { return (x >> 1) + (y >> 1) + (x & y & (_AP_T)1); }                    \
  XCL_OVL _AP_T rhadd(_AP_T x, _AP_T y) { return (x >> 1) + (y >> 1) + ((x | y) & (_AP_T)1); }                 \
  XCL_OVL _AP_T rotate(_AP_T v, _AP_T n)                                                                    \
  {                                                                                             \
    _AP_U b = (_AP_U)v, s = (_AP_U)n & (_AP_U)(sizeof(_AP_T) * 8 - 1);                                              \
    return (_AP_T)(s ? (_AP_U)((b << s) | (b >> ((_AP_U)(sizeof(_AP_T) * 8) - s))) : b);                        \
  }                                                                                             \
  XCL_OVL _AP_T popcount(_AP_T x) { return (_AP_T)__builtin_popcountl((ulong)(_AP_U)x); }                       \
  XCL_OVL _AP_T clz(_AP_T x) { return (_AP_T)((_AP_U)x ? __builtin_clzl((ulong)(_AP_U)x) - (64 - sizeof(_AP_T) * 8) : sizeof(_AP_T) * 8); } \
  XCL_OVL _AP_T add_sat(_AP_T x, _AP_T y) { _AP_T r; return __builtin_add_overflow(x, y, &r) ? (y > (_AP_T)0 ? SMAX : SMIN) : r; } \
  XCL_OVL _AP_T sub_sat(_AP_T x, _AP_T y) { _AP_T r; return __builtin_sub_overflow(x, y, &r) ? (y < (_AP_T)0 ? SMAX : SMIN) : r; } \
  XCL_OVL _AP_T mad_sat(_AP_T x, _AP_T y, _AP_T z)                                                              \
  {                                                                                             \
    _AP_T p, r;                                                                                     \
    if (__builtin_mul_overflow(x, y, &p))                                                       \
      return ((x < (_AP_T)0) != (y < (_AP_T)0)) ? SMIN : SMAX;                                          \
    return __builtin_add_overflow(p, z, &r) ? (z > (_AP_T)0 ? SMAX : SMIN) : r;                     \
  }                                                                                             \
  XCL_OVL _AP_T mad_hi(_AP_T x, _AP_T y, _AP_T z) { return mul_hi(x, y) + z; }                                  \
  XCL_INT_N(_AP_T, _AP_U, 2) XCL_INT_N(_AP_T, _AP_U, 3) XCL_INT_N(_AP_T, _AP_U, 4) XCL_INT_N(_AP_T, _AP_U, 8) XCL_INT_N(_AP_T, _AP_U, 16)

/* mul_hi before XCL_INT_1 uses it: the high half of the full product. */
XCL_OVL char mul_hi(char x, char y) { return (char)(((short)x * (short)y) >> 8); }
XCL_OVL uchar mul_hi(uchar x, uchar y) { return (uchar)(((ushort)x * (ushort)y) >> 8); }
XCL_OVL short mul_hi(short x, short y) { return (short)(((int)x * (int)y) >> 16); }
XCL_OVL ushort mul_hi(ushort x, ushort y) { return (ushort)(((uint)x * (uint)y) >> 16); }
XCL_OVL int mul_hi(int x, int y) { return (int)(((long)x * (long)y) >> 32); }
XCL_OVL uint mul_hi(uint x, uint y) { return (uint)(((ulong)x * (ulong)y) >> 32); }
XCL_OVL long mul_hi(long x, long y) { return (long)(((__int128)x * (__int128)y) >> 64); }
XCL_OVL ulong mul_hi(ulong x, ulong y) { return (ulong)(((unsigned __int128)x * (unsigned __int128)y) >> 64); }

XCL_INT_1(char, uchar, CHAR_MIN, CHAR_MAX)
XCL_INT_1(uchar, uchar, (uchar)0, UCHAR_MAX)
XCL_INT_1(short, ushort, SHRT_MIN, SHRT_MAX)
XCL_INT_1(ushort, ushort, (ushort)0, USHRT_MAX)
XCL_INT_1(int, uint, INT_MIN, INT_MAX)
XCL_INT_1(uint, uint, 0u, UINT_MAX)
XCL_INT_1(long, ulong, LONG_MIN, LONG_MAX)
XCL_INT_1(ulong, ulong, 0ul, ULONG_MAX)

/* 24-bit multiplies: exact here (the inputs are meant to fit 24 bits). */
XCL_OVL int mul24(int x, int y) { return x * y; }
XCL_OVL uint mul24(uint x, uint y) { return x * y; }
XCL_OVL int mad24(int x, int y, int z) { return x * y + z; }
XCL_OVL uint mad24(uint x, uint y, uint z) { return x * y + z; }
#define XCL_24(_AP_T, _AP_N)                                                                            \
  XCL_OVL _AP_T##_AP_N mul24(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x * y; }                                          \
  XCL_OVL _AP_T##_AP_N mad24(_AP_T##_AP_N x, _AP_T##_AP_N y, _AP_T##_AP_N z) { return x * y + z; }
XCL_24(int, 2) XCL_24(int, 3) XCL_24(int, 4) XCL_24(int, 8) XCL_24(int, 16)
XCL_24(uint, 2) XCL_24(uint, 3) XCL_24(uint, 4) XCL_24(uint, 8) XCL_24(uint, 16)

/* upsample: hi << bits | lo. */
XCL_OVL short upsample(char hi, uchar lo) { return (short)((ushort)(uchar)hi << 8 | lo); }
XCL_OVL ushort upsample(uchar hi, uchar lo) { return (ushort)((ushort)hi << 8 | lo); }
XCL_OVL int upsample(short hi, ushort lo) { return (int)((uint)(ushort)hi << 16 | lo); }
XCL_OVL uint upsample(ushort hi, ushort lo) { return (uint)hi << 16 | lo; }
XCL_OVL long upsample(int hi, uint lo) { return (long)((ulong)(uint)hi << 32 | lo); }
XCL_OVL ulong upsample(uint hi, uint lo) { return (ulong)hi << 32 | lo; }

/* Relational functions.  Scalars return 0 or 1, vectors 0 or -1 per
 * component (what clang's vector comparisons give). */
#define XCL_REL_N(_AP_T, _AP_I, _AP_N)                                                                      \
  XCL_OVL _AP_I##_AP_N isequal(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x == y; }                                       \
  XCL_OVL _AP_I##_AP_N isnotequal(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x != y; }                                    \
  XCL_OVL _AP_I##_AP_N isgreater(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x > y; }                                      \
  XCL_OVL _AP_I##_AP_N isgreaterequal(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x >= y; }                                \
  XCL_OVL _AP_I##_AP_N isless(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x < y; }                                         \
  XCL_OVL _AP_I##_AP_N islessequal(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x <= y; }                                   \
  XCL_OVL _AP_I##_AP_N islessgreater(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x < y || x > y; }                         \
  XCL_OVL _AP_I##_AP_N isnan(_AP_T##_AP_N x) { return x != x; }                                                 \
  XCL_OVL _AP_I##_AP_N isordered(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x == x && y == y; }                           \
  XCL_OVL _AP_I##_AP_N isunordered(_AP_T##_AP_N x, _AP_T##_AP_N y) { return x != x || y != y; }                         \
  XCL_OVL _AP_I##_AP_N isinf(_AP_T##_AP_N x) { return fabs(x) == (_AP_T##_AP_N)(INFINITY); }                           \
  XCL_OVL _AP_I##_AP_N isfinite(_AP_T##_AP_N x) { return fabs(x) < (_AP_T##_AP_N)(INFINITY); }                          \
  XCL_OVL _AP_I##_AP_N signbit(_AP_T##_AP_N x) { return __builtin_astype(x, _AP_I##_AP_N) < (_AP_I##_AP_N)(0); }               \
  XCL_OVL _AP_T##_AP_N select(_AP_T##_AP_N a, _AP_T##_AP_N b, _AP_I##_AP_N c) { return c < (_AP_I##_AP_N)(0) ? b : a; }                 \
  XCL_OVL _AP_T##_AP_N select(_AP_T##_AP_N a, _AP_T##_AP_N b, u##_AP_I##_AP_N c) { return __builtin_astype(c, _AP_I##_AP_N) < (_AP_I##_AP_N)(0) ? b : a; } \
  XCL_OVL _AP_T##_AP_N bitselect(_AP_T##_AP_N a, _AP_T##_AP_N b, _AP_T##_AP_N c)                                                \
  {                                                                                             \
    return __builtin_astype((__builtin_astype(a, _AP_I##_AP_N) & ~__builtin_astype(c, _AP_I##_AP_N)) |          \
                            (__builtin_astype(b, _AP_I##_AP_N) & __builtin_astype(c, _AP_I##_AP_N)), _AP_T##_AP_N);     \
  }
#define XCL_REL_1(_AP_T, _AP_I)                                                                         \
  XCL_OVL int isequal(_AP_T x, _AP_T y) { return x == y; }                                              \
  XCL_OVL int isnotequal(_AP_T x, _AP_T y) { return x != y; }                                           \
  XCL_OVL int isgreater(_AP_T x, _AP_T y) { return x > y; }                                             \
  XCL_OVL int isgreaterequal(_AP_T x, _AP_T y) { return x >= y; }                                       \
  XCL_OVL int isless(_AP_T x, _AP_T y) { return x < y; }                                                \
  XCL_OVL int islessequal(_AP_T x, _AP_T y) { return x <= y; }                                          \
  XCL_OVL int islessgreater(_AP_T x, _AP_T y) { return x < y || x > y; }                                \
  XCL_OVL int isnan(_AP_T x) { return x != x; }                                                     \
  XCL_OVL int isordered(_AP_T x, _AP_T y) { return x == x && y == y; }                                  \
  XCL_OVL int isunordered(_AP_T x, _AP_T y) { return x != x || y != y; }                                \
  XCL_OVL int isinf(_AP_T x) { return __builtin_isinf(x); }                                         \
  XCL_OVL int isfinite(_AP_T x) { return __builtin_isfinite(x); }                                   \
  XCL_OVL int isnormal(_AP_T x) { return __builtin_isnormal(x); }                                   \
  XCL_OVL int signbit(_AP_T x) { return __builtin_signbit(x) != 0; }                                \
  XCL_OVL _AP_T select(_AP_T a, _AP_T b, _AP_I c) { return c ? b : a; }                                        \
  XCL_OVL _AP_T select(_AP_T a, _AP_T b, u##_AP_I c) { return c ? b : a; }                                      \
  XCL_OVL _AP_T bitselect(_AP_T a, _AP_T b, _AP_T c)                                                            \
  {                                                                                             \
    return __builtin_astype((__builtin_astype(a, _AP_I) & ~__builtin_astype(c, _AP_I)) |                \
                            (__builtin_astype(b, _AP_I) & __builtin_astype(c, _AP_I)), _AP_T);              \
  }                                                                                             \
  XCL_REL_N(_AP_T, _AP_I, 2) XCL_REL_N(_AP_T, _AP_I, 3) XCL_REL_N(_AP_T, _AP_I, 4) XCL_REL_N(_AP_T, _AP_I, 8) XCL_REL_N(_AP_T, _AP_I, 16)
XCL_REL_1(float, int)
XCL_REL_1(double, long)

/* select and bitselect of integer types; any/all of signed vectors. */
#define XCL_ISEL_N(_AP_T, _AP_S, _AP_N)                                                                     \
  XCL_OVL _AP_T##_AP_N select(_AP_T##_AP_N a, _AP_T##_AP_N b, _AP_S##_AP_N c) { return c < (_AP_S##_AP_N)(0) ? b : a; }                 \
  XCL_OVL _AP_T##_AP_N select(_AP_T##_AP_N a, _AP_T##_AP_N b, u##_AP_S##_AP_N c) { return __builtin_astype(c, _AP_S##_AP_N) < (_AP_S##_AP_N)(0) ? b : a; } \
  XCL_OVL _AP_T##_AP_N bitselect(_AP_T##_AP_N a, _AP_T##_AP_N b, _AP_T##_AP_N c) { return (a & ~c) | (b & c); }
#define XCL_ISEL(_AP_T, _AP_S)                                                                          \
  XCL_OVL _AP_T select(_AP_T a, _AP_T b, _AP_S c) { return c ? b : a; }                                         \
  XCL_OVL _AP_T select(_AP_T a, _AP_T b, u##_AP_S c) { return c ? b : a; }                                      \
  XCL_OVL _AP_T bitselect(_AP_T a, _AP_T b, _AP_T c) { return (a & ~c) | (b & c); }                             \
  XCL_ISEL_N(_AP_T, _AP_S, 2) XCL_ISEL_N(_AP_T, _AP_S, 3) XCL_ISEL_N(_AP_T, _AP_S, 4) XCL_ISEL_N(_AP_T, _AP_S, 8) XCL_ISEL_N(_AP_T, _AP_S, 16)
XCL_ISEL(char, char) XCL_ISEL(uchar, char) XCL_ISEL(short, short) XCL_ISEL(ushort, short)
XCL_ISEL(int, int) XCL_ISEL(uint, int) XCL_ISEL(long, long) XCL_ISEL(ulong, long)

#define XCL_ANYALL_N(_AP_T, _AP_N)                                                                      \
  XCL_OVL int any(_AP_T##_AP_N x) { for (int i = 0; i < _AP_N; ++i) if (x[i] < 0) return 1; return 0; }     \
  XCL_OVL int all(_AP_T##_AP_N x) { for (int i = 0; i < _AP_N; ++i) if (x[i] >= 0) return 0; return 1; }
#define XCL_ANYALL(_AP_T)                                                                           \
  XCL_OVL int any(_AP_T x) { return x < 0; }                                                        \
  XCL_OVL int all(_AP_T x) { return x < 0; }                                                        \
  XCL_ANYALL_N(_AP_T, 2) XCL_ANYALL_N(_AP_T, 3) XCL_ANYALL_N(_AP_T, 4) XCL_ANYALL_N(_AP_T, 8) XCL_ANYALL_N(_AP_T, 16)
XCL_ANYALL(char) XCL_ANYALL(short) XCL_ANYALL(int) XCL_ANYALL(long)

#endif
