// Shared definitions for the xrtemu HLS compatibility headers.
// Written from the behaviour documented in UG1399; not derived from vendor headers.
#ifndef XRTEMU_HLS_AP_COMMON_H
#define XRTEMU_HLS_AP_COMMON_H

#include <cassert>  // Vitis' ap headers bring assert() in; kernels rely on it
#include <cstdint>
#include <type_traits>

// Quantization and overflow modes for ap_fixed (UG1399 names and meanings).
enum ap_q_mode {
  AP_RND,          // round half towards +inf
  AP_RND_ZERO,     // round half towards zero
  AP_RND_MIN_INF,  // round half towards -inf
  AP_RND_INF,      // round half away from zero
  AP_RND_CONV,     // round half to even
  AP_TRN,          // truncate towards -inf (default)
  AP_TRN_ZERO      // truncate towards zero
};
enum ap_o_mode {
  AP_SAT,       // clamp to min/max
  AP_SAT_ZERO,  // overflow gives zero
  AP_SAT_SYM,   // clamp to +-max (signed range made symmetric)
  AP_WRAP,      // keep the low bits (default)
  AP_WRAP_SM    // sign-magnitude wrap
};

// Radix constants accepted by to_string() and the string constructors.
enum BaseMode { AP_BIN = 2, AP_OCT = 8, AP_DEC = 10, AP_HEX = 16 };

#ifndef AP_INT_MAX_W
#define AP_INT_MAX_W 4096
#endif

namespace xrtemu_hls {

__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

constexpr int ap_max(int a, int b) { return a > b ? a : b; }
constexpr int ap_min(int a, int b) { return a < b ? a : b; }
constexpr int limbs_for(int w) { return (w + 63) / 64; }

// Host storage size for W <= 64: the smallest of 1, 2, 4, 8 bytes.
constexpr int small_bytes(int w) { return w <= 8 ? 1 : w <= 16 ? 2 : w <= 32 ? 4 : 8; }
template <int _AP_B> struct small_word;
template <> struct small_word<1> { typedef uint8_t type; };
template <> struct small_word<2> { typedef uint16_t type; };
template <> struct small_word<4> { typedef uint32_t type; };
template <> struct small_word<8> { typedef uint64_t type; };

// Bring a 64-bit word to w bits (1..64): sign-extend or zero the bits above w.
inline uint64_t norm_word(uint64_t x, int w, bool s) {
  if (w >= 64) return x;
  if (s) return (uint64_t)((int64_t)(x << (64 - w)) >> (64 - w));
  return x & ((uint64_t(1) << w) - 1);
}

inline int clz64(uint64_t x) { return x ? __builtin_clzll(x) : 64; }

}  // namespace xrtemu_hls

#endif
