// Storage and multi-limb arithmetic behind ap_int_base: how a W-bit value is
// held in memory, the result widths of the operators, and the helpers that
// work on little-endian arrays of 64-bit limbs.  Included from ap_int_base.h.
#ifndef XRTEMU_HLS_AP_INT_LIMBS_H
#define XRTEMU_HLS_AP_INT_LIMBS_H

namespace xrtemu_hls {

template <int _AP_W, bool Small = (_AP_W <= 64)> struct ap_store {
  uint64_t v_[limbs_for(_AP_W)];
  uint64_t raw(int i) const { return v_[i]; }
  void set_raw(int i, uint64_t x) { v_[i] = x; }
};
template <int _AP_W> struct ap_store<_AP_W, true> {
  typedef typename small_word<small_bytes(_AP_W)>::type word_t;
  word_t v_;
  uint64_t raw(int) const { return v_; }
  void set_raw(int, uint64_t x) { v_ = (word_t)x; }
};

// The ap type that models a built-in integer in mixed expressions.
template <class _AP_T> struct int_traits {
  enum { width = std::is_same<_AP_T, bool>::value ? 1 : int(sizeof(_AP_T) * 8),
         sign = std::is_signed<_AP_T>::value };
  typedef ap_int_base<width, (bool)sign> type;
};
template <class _AP_T>
using enable_int = typename std::enable_if<std::is_integral<_AP_T>::value, int>::type;
template <class _AP_T>
using enable_float = typename std::enable_if<std::is_floating_point<_AP_T>::value, int>::type;
template <class _AP_T>
using enable_arith = typename std::enable_if<std::is_arithmetic<_AP_T>::value, int>::type;

// Result types of binary operators, as documented for HLS: wide enough for the exact result
// of + - * and /, the modulo is no wider than either operand.
template <int _AP_W1, bool _AP_S1, int _AP_W2, bool _AP_S2> struct rtype {
  enum {
    mult_w = _AP_W1 + _AP_W2, mult_s = _AP_S1 || _AP_S2,
    plus_w = ap_max(_AP_W1 + (_AP_S2 && !_AP_S1), _AP_W2 + (_AP_S1 && !_AP_S2)) + 1, plus_s = _AP_S1 || _AP_S2,
    minus_w = ap_max(_AP_W1 + (_AP_S2 && !_AP_S1), _AP_W2 + (_AP_S1 && !_AP_S2)) + 1, minus_s = true,
    div_w = _AP_W1 + _AP_S2, div_s = _AP_S1 || _AP_S2,
    mod_w = ap_min(_AP_W1, _AP_W2 + (!_AP_S2 && _AP_S1)), mod_s = _AP_S1,
    logic_w = ap_max(_AP_W1 + (_AP_S2 && !_AP_S1), _AP_W2 + (_AP_S1 && !_AP_S2)), logic_s = _AP_S1 || _AP_S2
  };
  typedef ap_int_base<mult_w, (bool)mult_s> mult;
  typedef ap_int_base<plus_w, (bool)plus_s> plus;
  typedef ap_int_base<minus_w, (bool)minus_s> minus;
  typedef ap_int_base<div_w, (bool)div_s> div;
  typedef ap_int_base<mod_w, (bool)mod_s> mod;
  typedef ap_int_base<logic_w, (bool)logic_s> logic;
};

// ---- helpers on plain limb arrays (n limbs, little-endian) ----
inline void limbs_shl(uint64_t* r, const uint64_t* a, int n, int sh) {
  int ws = sh / 64, bs = sh % 64;
  for (int i = n - 1; i >= 0; --i) {
    uint64_t hi = (i - ws >= 0) ? a[i - ws] : 0;
    uint64_t lo = (i - ws - 1 >= 0) ? a[i - ws - 1] : 0;
    r[i] = bs ? (hi << bs) | (lo >> (64 - bs)) : hi;
  }
}
inline void limbs_shr(uint64_t* r, const uint64_t* a, int n, int sh, uint64_t fill) {
  int ws = sh / 64, bs = sh % 64;
  for (int i = 0; i < n; ++i) {
    uint64_t lo = (i + ws < n) ? a[i + ws] : fill;
    uint64_t hi = (i + ws + 1 < n) ? a[i + ws + 1] : fill;
    r[i] = bs ? (lo >> bs) | (hi << (64 - bs)) : lo;
  }
}
inline int limbs_cmp(const uint64_t* a, const uint64_t* b, int n) {
  for (int i = n - 1; i >= 0; --i)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
inline int limbs_bits(const uint64_t* a, int n) {
  for (int i = n - 1; i >= 0; --i)
    if (a[i]) return i * 64 + 64 - clz64(a[i]);
  return 0;
}
// Unsigned q = a / b, r = a % b on n limbs; b must be non-zero.
inline void limbs_divmod(const uint64_t* a, const uint64_t* b, uint64_t* q, uint64_t* r, int n) {
  int bbits = limbs_bits(b, n);
  for (int i = 0; i < n; ++i) q[i] = r[i] = 0;
  if (bbits <= 64) {  // short division, one limb at a time
    uint64_t d = b[0], rem = 0;
    for (int i = n - 1; i >= 0; --i) {
      u128 cur = ((u128)rem << 64) | a[i];
      q[i] = (uint64_t)(cur / d);
      rem = (uint64_t)(cur % d);
    }
    r[0] = rem;
    return;
  }
  // Shift-subtract over the significant bits of the dividend (rare for kernels).
  int abits = limbs_bits(a, n);
  for (int bit = abits - 1; bit >= 0; --bit) {
    uint64_t carry = (a[bit / 64] >> (bit % 64)) & 1;
    for (int i = 0; i < n; ++i) {
      uint64_t nc = r[i] >> 63;
      r[i] = (r[i] << 1) | carry;
      carry = nc;
    }
    if (carry || limbs_cmp(r, b, n) >= 0) {
      uint64_t br = 0;
      for (int i = 0; i < n; ++i) {
        uint64_t x = r[i], y = b[i];
        uint64_t d = x - y - br;
        br = (x < y) || (x - y < br);
        r[i] = d;
      }
      q[bit / 64] |= uint64_t(1) << (bit % 64);
    }
  }
}
inline void limbs_neg(uint64_t* a, int n) {
  uint64_t c = 1;
  for (int i = 0; i < n; ++i) {
    uint64_t x = ~a[i] + c;
    c = (c && x == 0) ? 1 : 0;
    a[i] = x;
  }
}

template <class _AP_T> constexpr bool is_neg_impl(_AP_T v, std::true_type) { return v < 0; }
template <class _AP_T> constexpr bool is_neg_impl(_AP_T, std::false_type) { return false; }
template <class _AP_T> constexpr bool is_neg(_AP_T v) { return is_neg_impl(v, std::is_signed<_AP_T>()); }
// Shift amounts are clamped to +-2^31 so that huge amounts simply clear the value.
template <class _AP_T> inline long long clamp_shift_impl(_AP_T n, std::true_type) {
  long long v = (long long)n;
  return v > (1LL << 31) ? (1LL << 31) : v < -(1LL << 31) ? -(1LL << 31) : v;
}
template <class _AP_T> inline long long clamp_shift_impl(_AP_T n, std::false_type) {
  unsigned long long v = (unsigned long long)n;
  return v > (1ULL << 31) ? (1LL << 31) : (long long)v;
}
template <class _AP_T> inline long long clamp_shift(_AP_T n) { return clamp_shift_impl(n, std::is_signed<_AP_T>()); }

inline int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}
// Reads an optional sign and radix prefix ("0x", "0b", "0o"); returns the radix to use.
inline const char* parse_prefix(const char* s, int& radix, bool& neg) {
  neg = false;
  while (*s == ' ' || *s == '\t') ++s;
  if (*s == '-' || *s == '+') { neg = (*s == '-'); ++s; }
  if (s[0] == '0' && s[1]) {
    char p = s[1];
    int r = (p == 'x' || p == 'X') ? 16 : (p == 'b' || p == 'B') ? 2
          : (p == 'o' || p == 'O') ? 8 : (p == 'd' || p == 'D') ? 10 : 0;
    // "0b1" in hex is a digit, not a prefix: only honour prefixes that agree or when unspecified.
    if (r && (radix == 0 || radix == r) && !(radix == 16 && (p == 'b' || p == 'B' || p == 'd' || p == 'D'))) {
      radix = r;
      s += 2;
    }
  }
  if (radix == 0) radix = 10;
  return s;
}

}  // namespace xrtemu_hls

#endif
