/* OpenCL C 1.2 integer and relational builtins (scalar and vector) for
 * xrtemu kernel models (clc.h).  Vector forms use clang's per-component
 * vector operators, so they compile to SIMD code like the kernel's own. */
#ifndef XRTEMU_CLC_INTEGER_H
#define XRTEMU_CLC_INTEGER_H

/* T: the type, U: its unsigned type, BITS: width, SMIN/SMAX its range. */
#define XCL_INT_N(T, U, N)                                                                      \
  XCL_OVL T##N min(T##N x, T##N y) { return x < y ? x : y; }                                    \
  XCL_OVL T##N min(T##N x, T y) { return min(x, (T##N)(y)); }                                   \
  XCL_OVL T##N max(T##N x, T##N y) { return x > y ? x : y; }                                    \
  XCL_OVL T##N max(T##N x, T y) { return max(x, (T##N)(y)); }                                   \
  XCL_OVL T##N clamp(T##N x, T##N lo, T##N hi) { return min(max(x, lo), hi); }                 \
  XCL_OVL T##N clamp(T##N x, T lo, T hi) { return min(max(x, (T##N)(lo)), (T##N)(hi)); }       \
  XCL_OVL U##N abs(T##N x) { return __builtin_astype(x < (T##N)(0) ? -x : x, U##N); }          \
  XCL_OVL U##N abs_diff(T##N x, T##N y)                                                         \
  {                                                                                             \
    return __builtin_astype(x > y ? x - y : y - x, U##N);                                       \
  }                                                                                             \
  XCL_OVL T##N hadd(T##N x, T##N y) { return (x >> 1) + (y >> 1) + (x & y & (T##N)(1)); }      \
  XCL_OVL T##N rhadd(T##N x, T##N y) { return (x >> 1) + (y >> 1) + ((x | y) & (T##N)(1)); }   \
  XCL_OVL T##N rotate(T##N v, T##N n)                                                           \
  {                                                                                             \
    U##N b = __builtin_astype(v, U##N), s = __builtin_astype(n, U##N) & (U##N)(sizeof(T) * 8 - 1); \
    return __builtin_astype((b << s) | (b >> (((U##N)(sizeof(T) * 8) - s) & (U##N)(sizeof(T) * 8 - 1))), T##N); \
  }                                                                                             \
  XCL_OVL T##N popcount(T##N x) { T##N r; for (int i = 0; i < N; ++i) r[i] = popcount(x[i]); return r; } \
  XCL_OVL T##N clz(T##N x) { T##N r; for (int i = 0; i < N; ++i) r[i] = clz(x[i]); return r; }  \
  XCL_OVL T##N add_sat(T##N x, T##N y) { T##N r; for (int i = 0; i < N; ++i) r[i] = add_sat(x[i], y[i]); return r; } \
  XCL_OVL T##N sub_sat(T##N x, T##N y) { T##N r; for (int i = 0; i < N; ++i) r[i] = sub_sat(x[i], y[i]); return r; } \
  XCL_OVL T##N mul_hi(T##N x, T##N y) { T##N r; for (int i = 0; i < N; ++i) r[i] = mul_hi(x[i], y[i]); return r; } \
  XCL_OVL T##N mad_hi(T##N x, T##N y, T##N z) { return mul_hi(x, y) + z; }                     \
  XCL_OVL T##N mad_sat(T##N x, T##N y, T##N z) { T##N r; for (int i = 0; i < N; ++i) r[i] = mad_sat(x[i], y[i], z[i]); return r; }

/* Scalars: W is a wider type for the saturating/high-half forms (or the
 * same type with __builtin overflow checks for 64-bit). */
#define XCL_INT_1(T, U, SMIN, SMAX)                                                             \
  XCL_OVL T min(T x, T y) { return x < y ? x : y; }                                             \
  XCL_OVL T max(T x, T y) { return x > y ? x : y; }                                             \
  XCL_OVL T clamp(T x, T lo, T hi) { return min(max(x, lo), hi); }                             \
  XCL_OVL U abs(T x) { return (U)(x < (T)0 ? -x : x); }                                         \
  XCL_OVL U abs_diff(T x, T y) { return (U)(x > y ? (U)x - (U)y : (U)y - (U)x); }               \
  XCL_OVL T hadd(T x, T y) { return (x >> 1) + (y >> 1) + (x & y & (T)1); }                    \
  XCL_OVL T rhadd(T x, T y) { return (x >> 1) + (y >> 1) + ((x | y) & (T)1); }                 \
  XCL_OVL T rotate(T v, T n)                                                                    \
  {                                                                                             \
    U b = (U)v, s = (U)n & (U)(sizeof(T) * 8 - 1);                                              \
    return (T)(s ? (U)((b << s) | (b >> ((U)(sizeof(T) * 8) - s))) : b);                        \
  }                                                                                             \
  XCL_OVL T popcount(T x) { return (T)__builtin_popcountl((ulong)(U)x); }                       \
  XCL_OVL T clz(T x) { return (T)((U)x ? __builtin_clzl((ulong)(U)x) - (64 - sizeof(T) * 8) : sizeof(T) * 8); } \
  XCL_OVL T add_sat(T x, T y) { T r; return __builtin_add_overflow(x, y, &r) ? (y > (T)0 ? SMAX : SMIN) : r; } \
  XCL_OVL T sub_sat(T x, T y) { T r; return __builtin_sub_overflow(x, y, &r) ? (y < (T)0 ? SMAX : SMIN) : r; } \
  XCL_OVL T mad_sat(T x, T y, T z)                                                              \
  {                                                                                             \
    T p, r;                                                                                     \
    if (__builtin_mul_overflow(x, y, &p))                                                       \
      return ((x < (T)0) != (y < (T)0)) ? SMIN : SMAX;                                          \
    return __builtin_add_overflow(p, z, &r) ? (z > (T)0 ? SMAX : SMIN) : r;                     \
  }                                                                                             \
  XCL_OVL T mad_hi(T x, T y, T z) { return mul_hi(x, y) + z; }                                  \
  XCL_INT_N(T, U, 2) XCL_INT_N(T, U, 3) XCL_INT_N(T, U, 4) XCL_INT_N(T, U, 8) XCL_INT_N(T, U, 16)

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
#define XCL_24(T, N)                                                                            \
  XCL_OVL T##N mul24(T##N x, T##N y) { return x * y; }                                          \
  XCL_OVL T##N mad24(T##N x, T##N y, T##N z) { return x * y + z; }
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
#define XCL_REL_N(T, I, N)                                                                      \
  XCL_OVL I##N isequal(T##N x, T##N y) { return x == y; }                                       \
  XCL_OVL I##N isnotequal(T##N x, T##N y) { return x != y; }                                    \
  XCL_OVL I##N isgreater(T##N x, T##N y) { return x > y; }                                      \
  XCL_OVL I##N isgreaterequal(T##N x, T##N y) { return x >= y; }                                \
  XCL_OVL I##N isless(T##N x, T##N y) { return x < y; }                                         \
  XCL_OVL I##N islessequal(T##N x, T##N y) { return x <= y; }                                   \
  XCL_OVL I##N islessgreater(T##N x, T##N y) { return x < y || x > y; }                         \
  XCL_OVL I##N isnan(T##N x) { return x != x; }                                                 \
  XCL_OVL I##N isordered(T##N x, T##N y) { return x == x && y == y; }                           \
  XCL_OVL I##N isunordered(T##N x, T##N y) { return x != x || y != y; }                         \
  XCL_OVL I##N isinf(T##N x) { return fabs(x) == (T##N)(INFINITY); }                           \
  XCL_OVL I##N isfinite(T##N x) { return fabs(x) < (T##N)(INFINITY); }                          \
  XCL_OVL I##N signbit(T##N x) { return __builtin_astype(x, I##N) < (I##N)(0); }               \
  XCL_OVL T##N select(T##N a, T##N b, I##N c) { return c < (I##N)(0) ? b : a; }                 \
  XCL_OVL T##N select(T##N a, T##N b, u##I##N c) { return __builtin_astype(c, I##N) < (I##N)(0) ? b : a; } \
  XCL_OVL T##N bitselect(T##N a, T##N b, T##N c)                                                \
  {                                                                                             \
    return __builtin_astype((__builtin_astype(a, I##N) & ~__builtin_astype(c, I##N)) |          \
                            (__builtin_astype(b, I##N) & __builtin_astype(c, I##N)), T##N);     \
  }
#define XCL_REL_1(T, I)                                                                         \
  XCL_OVL int isequal(T x, T y) { return x == y; }                                              \
  XCL_OVL int isnotequal(T x, T y) { return x != y; }                                           \
  XCL_OVL int isgreater(T x, T y) { return x > y; }                                             \
  XCL_OVL int isgreaterequal(T x, T y) { return x >= y; }                                       \
  XCL_OVL int isless(T x, T y) { return x < y; }                                                \
  XCL_OVL int islessequal(T x, T y) { return x <= y; }                                          \
  XCL_OVL int islessgreater(T x, T y) { return x < y || x > y; }                                \
  XCL_OVL int isnan(T x) { return x != x; }                                                     \
  XCL_OVL int isordered(T x, T y) { return x == x && y == y; }                                  \
  XCL_OVL int isunordered(T x, T y) { return x != x || y != y; }                                \
  XCL_OVL int isinf(T x) { return __builtin_isinf(x); }                                         \
  XCL_OVL int isfinite(T x) { return __builtin_isfinite(x); }                                   \
  XCL_OVL int isnormal(T x) { return __builtin_isnormal(x); }                                   \
  XCL_OVL int signbit(T x) { return __builtin_signbit(x) != 0; }                                \
  XCL_OVL T select(T a, T b, I c) { return c ? b : a; }                                        \
  XCL_OVL T select(T a, T b, u##I c) { return c ? b : a; }                                      \
  XCL_OVL T bitselect(T a, T b, T c)                                                            \
  {                                                                                             \
    return __builtin_astype((__builtin_astype(a, I) & ~__builtin_astype(c, I)) |                \
                            (__builtin_astype(b, I) & __builtin_astype(c, I)), T);              \
  }                                                                                             \
  XCL_REL_N(T, I, 2) XCL_REL_N(T, I, 3) XCL_REL_N(T, I, 4) XCL_REL_N(T, I, 8) XCL_REL_N(T, I, 16)
XCL_REL_1(float, int)
XCL_REL_1(double, long)

/* select and bitselect of integer types; any/all of signed vectors. */
#define XCL_ISEL_N(T, S, N)                                                                     \
  XCL_OVL T##N select(T##N a, T##N b, S##N c) { return c < (S##N)(0) ? b : a; }                 \
  XCL_OVL T##N select(T##N a, T##N b, u##S##N c) { return __builtin_astype(c, S##N) < (S##N)(0) ? b : a; } \
  XCL_OVL T##N bitselect(T##N a, T##N b, T##N c) { return (a & ~c) | (b & c); }
#define XCL_ISEL(T, S)                                                                          \
  XCL_OVL T select(T a, T b, S c) { return c ? b : a; }                                         \
  XCL_OVL T select(T a, T b, u##S c) { return c ? b : a; }                                      \
  XCL_OVL T bitselect(T a, T b, T c) { return (a & ~c) | (b & c); }                             \
  XCL_ISEL_N(T, S, 2) XCL_ISEL_N(T, S, 3) XCL_ISEL_N(T, S, 4) XCL_ISEL_N(T, S, 8) XCL_ISEL_N(T, S, 16)
XCL_ISEL(char, char) XCL_ISEL(uchar, char) XCL_ISEL(short, short) XCL_ISEL(ushort, short)
XCL_ISEL(int, int) XCL_ISEL(uint, int) XCL_ISEL(long, long) XCL_ISEL(ulong, long)

#define XCL_ANYALL_N(T, N)                                                                      \
  XCL_OVL int any(T##N x) { for (int i = 0; i < N; ++i) if (x[i] < 0) return 1; return 0; }     \
  XCL_OVL int all(T##N x) { for (int i = 0; i < N; ++i) if (x[i] >= 0) return 0; return 1; }
#define XCL_ANYALL(T)                                                                           \
  XCL_OVL int any(T x) { return x < 0; }                                                        \
  XCL_OVL int all(T x) { return x < 0; }                                                        \
  XCL_ANYALL_N(T, 2) XCL_ANYALL_N(T, 3) XCL_ANYALL_N(T, 4) XCL_ANYALL_N(T, 8) XCL_ANYALL_N(T, 16)
XCL_ANYALL(char) XCL_ANYALL(short) XCL_ANYALL(int) XCL_ANYALL(long)

#endif
