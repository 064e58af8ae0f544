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
template <typename T> struct scalar_of { typedef T type; };
}  // namespace detail

template <typename T, std::size_t N> class alignas(detail::pow2_divisor(N * sizeof(T))) vector {
  static_assert(N > 0, "hls::vector needs at least one element");

 public:
  T data[N];

  vector() = default;
  vector(const T& v) { for (std::size_t i = 0; i < N; ++i) data[i] = v; }
  vector(std::initializer_list<T> l) {
    std::size_t i = 0;
    for (const T& v : l) { if (i < N) data[i++] = v; }
    for (; i < N; ++i) data[i] = T();
  }
  vector(const std::array<T, N>& a) { for (std::size_t i = 0; i < N; ++i) data[i] = a[i]; }

  T& operator[](std::size_t i) { return data[i]; }
  const T& operator[](std::size_t i) const { return data[i]; }
  static constexpr std::size_t size() { return N; }
  T* begin() { return data; }
  T* end() { return data + N; }
  const T* begin() const { return data; }
  const T* end() const { return data + N; }

#define XRTEMU_VEC_CASSIGN(op)                                                              \
  vector& operator op##=(const vector& o) { for (std::size_t i = 0; i < N; ++i) data[i] op##= o.data[i]; return *this; } \
  vector& operator op##=(const T& o) { for (std::size_t i = 0; i < N; ++i) data[i] op##= o; return *this; }
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
  vector operator-() const { vector r; for (std::size_t i = 0; i < N; ++i) r.data[i] = -data[i]; return r; }
  vector operator+() const { return *this; }
  vector operator~() const { vector r; for (std::size_t i = 0; i < N; ++i) r.data[i] = ~data[i]; return r; }

  // Whole-vector equality; ordering is lexicographic, as for std::array.
  bool operator==(const vector& o) const { for (std::size_t i = 0; i < N; ++i) if (!(data[i] == o.data[i])) return false; return true; }
  bool operator!=(const vector& o) const { return !(*this == o); }
  bool operator<(const vector& o) const {
    for (std::size_t i = 0; i < N; ++i) {
      if (data[i] < o.data[i]) return true;
      if (o.data[i] < data[i]) return false;
    }
    return false;
  }
  bool operator>(const vector& o) const { return o < *this; }
  bool operator<=(const vector& o) const { return !(o < *this); }
  bool operator>=(const vector& o) const { return !(*this < o); }

  T reduce_add() const { T r = data[0]; for (std::size_t i = 1; i < N; ++i) r += data[i]; return r; }
  T reduce_mult() const { T r = data[0]; for (std::size_t i = 1; i < N; ++i) r *= data[i]; return r; }
  T reduce_and() const { T r = data[0]; for (std::size_t i = 1; i < N; ++i) r &= data[i]; return r; }
  T reduce_or() const { T r = data[0]; for (std::size_t i = 1; i < N; ++i) r |= data[i]; return r; }
  T reduce_xor() const { T r = data[0]; for (std::size_t i = 1; i < N; ++i) r ^= data[i]; return r; }
  T reduce_min() const { T r = data[0]; for (std::size_t i = 1; i < N; ++i) if (data[i] < r) r = data[i]; return r; }
  T reduce_max() const { T r = data[0]; for (std::size_t i = 1; i < N; ++i) if (r < data[i]) r = data[i]; return r; }
};

#define XRTEMU_VEC_BINOP(op)                                                                          \
  template <typename T, std::size_t N> inline vector<T, N> operator op(vector<T, N> a, const vector<T, N>& b) { return a op##= b; } \
  template <typename T, std::size_t N> inline vector<T, N> operator op(vector<T, N> a, const typename detail::scalar_of<T>::type& b) { return a op##= b; }            \
  template <typename T, std::size_t N> inline vector<T, N> operator op(const typename detail::scalar_of<T>::type& a, const vector<T, N>& b) { return vector<T, N>(a) op##= b; }
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

template <typename T, std::size_t N> inline std::ostream& operator<<(std::ostream& os, const vector<T, N>& v) {
  os << '{';
  for (std::size_t i = 0; i < N; ++i) os << (i ? ", " : "") << v[i];
  return os << '}';
}

}  // namespace hls

#endif
