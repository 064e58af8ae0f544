// hls::vector<T, N>: a fixed-size SIMD-style value with element-wise operators (UG1399).
// sizeof == N * sizeof(T). Alignment: the largest power of two dividing N * sizeof(T)
// (equal to the size when that is a power of two, as HLS aligns vectors to their size),
// so arrays of vectors map directly onto device memory.
#ifndef XRTEMU_HLS_VECTOR_H
#define XRTEMU_HLS_VECTOR_H

#include <array>
#include <cstddef>
#include <initializer_list>
#include <iostream>

namespace hls {
namespace detail {
constexpr std::size_t pow2_divisor(std::size_t n) { return n & (~n + 1); }
// The scalar operand of vector-scalar operators is not deduced: v * 2 works for a vector of
// unsigned, the int converting to the element type.
template <typename _AP_T> struct scalar_of { typedef _AP_T type; };
}  // namespace detail

template <typename _AP_T, std::size_t _AP_N> class alignas(detail::pow2_divisor(_AP_N * sizeof(_AP_T))) vector {
  static_assert(_AP_N > 0, "hls::vector needs at least one element");

 public:
  _AP_T data[_AP_N];

  vector() = default;
  vector(const _AP_T& v) { for (std::size_t i = 0; i < _AP_N; ++i) data[i] = v; }
  vector(std::initializer_list<_AP_T> l) {
    std::size_t i = 0;
    for (const _AP_T& v : l) { if (i < _AP_N) data[i++] = v; }
    for (; i < _AP_N; ++i) data[i] = _AP_T();
  }
  vector(const std::array<_AP_T, _AP_N>& a) { for (std::size_t i = 0; i < _AP_N; ++i) data[i] = a[i]; }

  _AP_T& operator[](std::size_t i) { return data[i]; }
  const _AP_T& operator[](std::size_t i) const { return data[i]; }
  static constexpr std::size_t size() { return _AP_N; }
  _AP_T* begin() { return data; }
  _AP_T* end() { return data + _AP_N; }
  const _AP_T* begin() const { return data; }
  const _AP_T* end() const { return data + _AP_N; }

#define XRTEMU_VEC_CASSIGN(op)                                                              \
  vector& operator op##=(const vector& o) { for (std::size_t i = 0; i < _AP_N; ++i) data[i] op##= o.data[i]; return *this; } \
  vector& operator op##=(const _AP_T& o) { for (std::size_t i = 0; i < _AP_N; ++i) data[i] op##= o; return *this; }
  XRTEMU_VEC_CASSIGN(+)
  XRTEMU_VEC_CASSIGN(-)
  XRTEMU_VEC_CASSIGN(*)
  XRTEMU_VEC_CASSIGN(/)
  XRTEMU_VEC_CASSIGN(%)
  XRTEMU_VEC_CASSIGN(&)
  XRTEMU_VEC_CASSIGN(|)
  XRTEMU_VEC_CASSIGN(^)
  XRTEMU_VEC_CASSIGN(<<)
  XRTEMU_VEC_CASSIGN(>>)
#undef XRTEMU_VEC_CASSIGN

  vector& operator++() { for (auto& x : data) ++x; return *this; }
  vector& operator--() { for (auto& x : data) --x; return *this; }
  vector operator++(int) { vector t(*this); ++*this; return t; }
  vector operator--(int) { vector t(*this); --*this; return t; }
  vector operator-() const { vector r; for (std::size_t i = 0; i < _AP_N; ++i) r.data[i] = -data[i]; return r; }
  vector operator+() const { return *this; }
  vector operator~() const { vector r; for (std::size_t i = 0; i < _AP_N; ++i) r.data[i] = ~data[i]; return r; }

  // Whole-vector equality; ordering is lexicographic, as for std::array.
  bool operator==(const vector& o) const { for (std::size_t i = 0; i < _AP_N; ++i) if (!(data[i] == o.data[i])) return false; return true; }
  bool operator!=(const vector& o) const { return !(*this == o); }
  bool operator<(const vector& o) const {
    for (std::size_t i = 0; i < _AP_N; ++i) {
      if (data[i] < o.data[i]) return true;
      if (o.data[i] < data[i]) return false;
    }
    return false;
  }
  bool operator>(const vector& o) const { return o < *this; }
  bool operator<=(const vector& o) const { return !(o < *this); }
  bool operator>=(const vector& o) const { return !(*this < o); }

  _AP_T reduce_add() const { _AP_T r = data[0]; for (std::size_t i = 1; i < _AP_N; ++i) r += data[i]; return r; }
  _AP_T reduce_mult() const { _AP_T r = data[0]; for (std::size_t i = 1; i < _AP_N; ++i) r *= data[i]; return r; }
  _AP_T reduce_and() const { _AP_T r = data[0]; for (std::size_t i = 1; i < _AP_N; ++i) r &= data[i]; return r; }
  _AP_T reduce_or() const { _AP_T r = data[0]; for (std::size_t i = 1; i < _AP_N; ++i) r |= data[i]; return r; }
  _AP_T reduce_xor() const { _AP_T r = data[0]; for (std::size_t i = 1; i < _AP_N; ++i) r ^= data[i]; return r; }
  _AP_T reduce_min() const { _AP_T r = data[0]; for (std::size_t i = 1; i < _AP_N; ++i) if (data[i] < r) r = data[i]; return r; }
  _AP_T reduce_max() const { _AP_T r = data[0]; for (std::size_t i = 1; i < _AP_N; ++i) if (r < data[i]) r = data[i]; return r; }
};

#define XRTEMU_VEC_BINOP(op)                                                                          \
  template <typename _AP_T, std::size_t _AP_N> inline vector<_AP_T, _AP_N> operator op(vector<_AP_T, _AP_N> a, const vector<_AP_T, _AP_N>& b) { return a op##= b; } \
  template <typename _AP_T, std::size_t _AP_N> inline vector<_AP_T, _AP_N> operator op(vector<_AP_T, _AP_N> a, const typename detail::scalar_of<_AP_T>::type& b) { return a op##= b; }            \
  template <typename _AP_T, std::size_t _AP_N> inline vector<_AP_T, _AP_N> operator op(const typename detail::scalar_of<_AP_T>::type& a, const vector<_AP_T, _AP_N>& b) { return vector<_AP_T, _AP_N>(a) op##= b; }
XRTEMU_VEC_BINOP(+)
XRTEMU_VEC_BINOP(-)
XRTEMU_VEC_BINOP(*)
XRTEMU_VEC_BINOP(/)
XRTEMU_VEC_BINOP(%)
XRTEMU_VEC_BINOP(&)
XRTEMU_VEC_BINOP(|)
XRTEMU_VEC_BINOP(^)
XRTEMU_VEC_BINOP(<<)
XRTEMU_VEC_BINOP(>>)
#undef XRTEMU_VEC_BINOP

template <typename _AP_T, std::size_t _AP_N> inline std::ostream& operator<<(std::ostream& os, const vector<_AP_T, _AP_N>& v) {
  os << '{';
  for (std::size_t i = 0; i < _AP_N; ++i) os << (i ? ", " : "") << v[i];
  return os << '}';
}

}  // namespace hls

#endif
