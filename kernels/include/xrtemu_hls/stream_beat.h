// Conversion between hls::stream elements and AXI4-Stream beats (struct xrtemu_beat in
// xrtemu/kernel_model.h), used when a stream is attached to a port between compute units.
//
// xrtemu_hls::beat_codec<T> picks, in this order:
//  - AXI side-channel structs (ap_axiu, ap_axis, hls::axis, qdma_axis or any struct with
//    data, keep and last members): TDATA from data, TKEEP/TSTRB from keep/strb (strb = keep
//    when absent), TLAST from last, TUSER/TID/TDEST from user/id/dest when present;
//  - ap_int/ap_uint/ap_fixed/ap_ufixed of width W: (W+7)/8 bytes of the value's bits;
//  - any other trivially copyable type: its object bytes.
// Everything else has supported == false. Specialise beat_codec<T> for a type of your own.
//
// Only forward declarations of the ap types are needed here, so kernels that stream plain
// types do not pay for ap_int.h.
#ifndef XRTEMU_HLS_STREAM_BEAT_H
#define XRTEMU_HLS_STREAM_BEAT_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>

#include "ap_common.h"
#include "../xrtemu/kernel_model.h"

// TDATA is defined little-endian; beats are built by copying host words.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "xrtemu stream beats assume a little-endian host");

template <int _AP_W, bool _AP_S> struct ap_int_base;
template <int _AP_W, int _AP_I, bool _AP_S, ap_q_mode _AP_Q, ap_o_mode _AP_O, int _AP_N> struct ap_fixed_base;
template <int _AP_D, int _AP_U, int _AP_TI, int _AP_TD> struct ap_axis;
template <int _AP_D, int _AP_U, int _AP_TI, int _AP_TD> struct ap_axiu;
namespace hls {
template <typename _AP_T, std::size_t _AP_U, std::size_t _AP_TI, std::size_t _AP_TD> struct axis;
}

namespace xrtemu_hls {

// ---- classification ----
template <int _AP_W, bool _AP_S> struct ap_int_info { enum { width = _AP_W, sign = _AP_S }; };
template <int _AP_W, bool _AP_S> ap_int_info<_AP_W, _AP_S> ap_int_probe(const ap_int_base<_AP_W, _AP_S>*);
void ap_int_probe(const void*);
template <int _AP_W, int _AP_I, bool _AP_S, ap_q_mode _AP_Q, ap_o_mode _AP_O, int _AP_N>
ap_int_info<_AP_W, _AP_S> ap_fixed_probe(const ap_fixed_base<_AP_W, _AP_I, _AP_S, _AP_Q, _AP_O, _AP_N>*);
void ap_fixed_probe(const void*);

// Derived classes (ap_uint<W>, ap_fixed<...>) match their base through the pointer conversion.
// Written as C++11 (kernels and testbenches may pin -std=c++11/14).
template <class _AP_T> using ap_int_of = decltype(ap_int_probe(static_cast<const _AP_T*>(nullptr)));
template <class _AP_T> using ap_fixed_of = decltype(ap_fixed_probe(static_cast<const _AP_T*>(nullptr)));
template <class _AP_T> struct is_ap_int : std::integral_constant<bool, !std::is_void<ap_int_of<_AP_T>>::value> {};
template <class _AP_T> struct is_ap_fixed : std::integral_constant<bool, !std::is_void<ap_fixed_of<_AP_T>>::value> {};
template <class _AP_T> using remove_cv_t = typename std::remove_cv<_AP_T>::type;

// std::void_t is C++17; the struct form also works around CWG 1558 on older compilers.
template <class... _AP_T> struct make_void { typedef void type; };
template <class... _AP_T> using void_t = typename make_void<_AP_T...>::type;

#define XRTEMU_HLS_HAS_MEMBER(m)                                                                  \
  template <class _AP_T, class = void> struct has_##m : std::false_type {};                           \
  template <class _AP_T> struct has_##m<_AP_T, void_t<decltype(std::declval<const _AP_T&>().m)>> : std::true_type {};
XRTEMU_HLS_HAS_MEMBER(data)
XRTEMU_HLS_HAS_MEMBER(keep)
XRTEMU_HLS_HAS_MEMBER(strb)
XRTEMU_HLS_HAS_MEMBER(last)
XRTEMU_HLS_HAS_MEMBER(user)
XRTEMU_HLS_HAS_MEMBER(id)
XRTEMU_HLS_HAS_MEMBER(dest)
#undef XRTEMU_HLS_HAS_MEMBER

template <class _AP_T>
struct is_axi : std::integral_constant<bool, std::is_class<_AP_T>::value && has_data<_AP_T>::value && has_keep<_AP_T>::value &&
                                                 has_last<_AP_T>::value> {};

// Which side channels a struct carries. The ap_axi_sdata.h types keep a 1-bit member for
// a zero-width channel (often left uninitialised), so their template widths decide.
template <class _AP_T> struct axi_sides {
  enum { user = has_user<_AP_T>::value, id = has_id<_AP_T>::value, dest = has_dest<_AP_T>::value };
};
template <int _AP_D, int _AP_U, int _AP_TI, int _AP_TD> struct axi_sides<ap_axis<_AP_D, _AP_U, _AP_TI, _AP_TD>> {
  enum { user = _AP_U > 0, id = _AP_TI > 0, dest = _AP_TD > 0 };
};
template <int _AP_D, int _AP_U, int _AP_TI, int _AP_TD> struct axi_sides<ap_axiu<_AP_D, _AP_U, _AP_TI, _AP_TD>> {
  enum { user = _AP_U > 0, id = _AP_TI > 0, dest = _AP_TD > 0 };
};
template <typename _AP_T, std::size_t _AP_U, std::size_t _AP_TI, std::size_t _AP_TD> struct axi_sides<hls::axis<_AP_T, _AP_U, _AP_TI, _AP_TD>> {
  enum { user = _AP_U > 0, id = _AP_TI > 0, dest = _AP_TD > 0 };
};

enum class codec_kind { none, plain, ap_int, ap_fixed, axi };
template <class _AP_T>
constexpr codec_kind codec_kind_of() {
  return is_axi<_AP_T>::value ? codec_kind::axi
       : is_ap_fixed<_AP_T>::value ? codec_kind::ap_fixed
       : is_ap_int<_AP_T>::value ? codec_kind::ap_int
       : std::is_trivially_copyable<_AP_T>::value ? codec_kind::plain : codec_kind::none;
}

constexpr std::uint32_t mask_bytes(std::uint32_t data_bytes) { return (data_bytes + 7) / 8; }

// n bytes of all-ones keep/strb bits covering data_bytes bytes.
inline void fill_mask(std::uint8_t* m, std::uint32_t data_bytes) {
  std::uint32_t full = data_bytes / 8, rest = data_bytes % 8;
  std::memset(m, 0xff, full);
  if (rest) m[full] = static_cast<std::uint8_t>((1u << rest) - 1);
}

// ---- codecs ----
// Each codec has:
//   supported, data_bytes       whether T can cross a port; its TDATA width in bytes
//   put(v, out, n) / get(v, in, n)  T's TDATA bits to/from n bytes (zero-extend, truncate)
//   encode(v, beat) / decode(beat, v)  the whole beat; buffers sized for data_bytes
template <class _AP_T, codec_kind Kind = codec_kind_of<_AP_T>()> struct codec_impl {
  static constexpr bool supported = false;
  static constexpr std::uint32_t data_bytes = 0;
};

// Shared encode/decode for codecs without side channels.
template <class _AP_T, class _AP_C> struct plain_beat {
  static void encode(const _AP_T& v, xrtemu_beat& b) {
    _AP_C::put(v, b.data, b.data_bytes);
    fill_mask(b.keep, b.data_bytes);
    fill_mask(b.strb, b.data_bytes);
    b.user = b.id = b.dest = 0;
    b.last = 0;
  }
  static void decode(const xrtemu_beat& b, _AP_T& v) { _AP_C::get(v, b.data, b.data_bytes); }
};

template <class _AP_T> struct codec_impl<_AP_T, codec_kind::plain> : plain_beat<_AP_T, codec_impl<_AP_T, codec_kind::plain>> {
  static constexpr bool supported = true;
  static constexpr std::uint32_t data_bytes = sizeof(_AP_T);
  static void put(const _AP_T& v, std::uint8_t* out, std::uint32_t n) {
    std::uint32_t k = n < sizeof(_AP_T) ? n : static_cast<std::uint32_t>(sizeof(_AP_T));
    std::memcpy(out, static_cast<const void*>(&v), k);
    if (n > k) std::memset(out + k, 0, n - k);
  }
  static void get(_AP_T& v, const std::uint8_t* in, std::uint32_t n) {
    if (n >= sizeof(_AP_T)) {
      std::memcpy(static_cast<void*>(&v), in, sizeof(_AP_T));
    } else {
      unsigned char tmp[sizeof(_AP_T)] = {};
      std::memcpy(tmp, in, n);
      std::memcpy(static_cast<void*>(&v), tmp, sizeof(_AP_T));
    }
  }
};

// ap_int_base: the value's limbs (limb() is normalised to W bits, load() re-normalises).
template <class _AP_T> struct codec_impl<_AP_T, codec_kind::ap_int> : plain_beat<_AP_T, codec_impl<_AP_T, codec_kind::ap_int>> {
  enum { _AP_W = ap_int_of<_AP_T>::width, _AP_S = ap_int_of<_AP_T>::sign, _AP_N = (_AP_W + 63) / 64 };
  static constexpr bool supported = true;
  static constexpr std::uint32_t data_bytes = (_AP_W + 7) / 8;
  static void put(const _AP_T& v, std::uint8_t* out, std::uint32_t n) {
    std::uint64_t t[_AP_N];
    for (int i = 0; i < _AP_N; ++i) t[i] = v.limb(i);
    // Sign fill above W is not part of the value's bits.
    if (_AP_W % 64) t[_AP_N - 1] &= (std::uint64_t(1) << (_AP_W % 64)) - 1;
    std::uint32_t k = n < data_bytes ? n : data_bytes;
    std::memcpy(out, t, k);
    if (n > k) std::memset(out + k, 0, n - k);
  }
  static void get(_AP_T& v, const std::uint8_t* in, std::uint32_t n) {
    std::uint64_t t[_AP_N] = {};
    std::memcpy(t, in, n < data_bytes ? n : data_bytes);
    if (_AP_W % 64) t[_AP_N - 1] &= (std::uint64_t(1) << (_AP_W % 64)) - 1;
    v.load(t);
  }
};

// ap_fixed_base: the raw bits in V.
template <class _AP_T> struct codec_impl<_AP_T, codec_kind::ap_fixed> : plain_beat<_AP_T, codec_impl<_AP_T, codec_kind::ap_fixed>> {
  typedef decltype(std::declval<_AP_T&>().V) raw_t;
  typedef codec_impl<raw_t, codec_kind::ap_int> raw;
  static constexpr bool supported = true;
  static constexpr std::uint32_t data_bytes = raw::data_bytes;
  static void put(const _AP_T& v, std::uint8_t* out, std::uint32_t n) { raw::put(v.V, out, n); }
  static void get(_AP_T& v, const std::uint8_t* in, std::uint32_t n) { raw::get(v.V, in, n); }
};

template <class _AP_F> using field_codec = codec_impl<remove_cv_t<_AP_F>>;

// A side-channel field as up to 64 bits (zero above its width).
template <class _AP_F> std::uint64_t side_get(const _AP_F& f) {
  std::uint64_t x = 0;
  field_codec<_AP_F>::put(f, reinterpret_cast<std::uint8_t*>(&x), 8);
  return x;
}
template <class _AP_F> void side_set(_AP_F& f, std::uint64_t x) {
  field_codec<_AP_F>::get(f, reinterpret_cast<const std::uint8_t*>(&x), 8);
}

// Optional AXI fields, chosen by specialisation (C++11 has no if constexpr).
template <class _AP_T, bool = has_strb<_AP_T>::value> struct strb_field {
  static void put(const _AP_T& v, std::uint8_t* out, std::uint32_t mb, const std::uint8_t*) {
    field_codec<decltype(v.strb)>::put(v.strb, out, mb);
  }
  static void get(_AP_T& v, const std::uint8_t* in, std::uint32_t mb) { field_codec<decltype(v.strb)>::get(v.strb, in, mb); }
};
template <class _AP_T> struct strb_field<_AP_T, false> {
  // AXI: TSTRB defaults to TKEEP
  static void put(const _AP_T&, std::uint8_t* out, std::uint32_t mb, const std::uint8_t* keep) { std::memcpy(out, keep, mb); }
  static void get(_AP_T&, const std::uint8_t*, std::uint32_t) {}
};
#define XRTEMU_HLS_SIDE_FIELD(m)                                                                          \
  template <class _AP_T, bool = has_##m<_AP_T>::value> struct m##_field {                                          \
    static std::uint64_t get(const _AP_T& v, bool on) { return on ? side_get(v.m) : 0; }                      \
    static void set(_AP_T& v, std::uint64_t x, bool on) { side_set(v.m, on ? x : 0); }                        \
  };                                                                                                       \
  template <class _AP_T> struct m##_field<_AP_T, false> {                                                          \
    static std::uint64_t get(const _AP_T&, bool) { return 0; }                                                 \
    static void set(_AP_T&, std::uint64_t, bool) {}                                                            \
  };
XRTEMU_HLS_SIDE_FIELD(user)
XRTEMU_HLS_SIDE_FIELD(id)
XRTEMU_HLS_SIDE_FIELD(dest)
#undef XRTEMU_HLS_SIDE_FIELD

template <class _AP_T> struct codec_impl<_AP_T, codec_kind::axi> {
  typedef decltype(std::declval<_AP_T&>().data) data_t;
  typedef decltype(std::declval<_AP_T&>().keep) keep_t;
  typedef field_codec<data_t> data_c;
  typedef axi_sides<_AP_T> sides;
  static constexpr bool supported = data_c::supported && field_codec<keep_t>::supported;
  static constexpr std::uint32_t data_bytes = data_c::data_bytes;
  static void put(const _AP_T& v, std::uint8_t* out, std::uint32_t n) { data_c::put(v.data, out, n); }
  static void get(_AP_T& v, const std::uint8_t* in, std::uint32_t n) { data_c::get(v.data, in, n); }

  static void encode(const _AP_T& v, xrtemu_beat& b) {
    std::uint32_t mb = mask_bytes(b.data_bytes);
    data_c::put(v.data, b.data, b.data_bytes);
    field_codec<keep_t>::put(v.keep, b.keep, mb);
    strb_field<_AP_T>::put(v, b.strb, mb, b.keep);
    b.last = static_cast<std::uint32_t>(side_get(v.last) & 1);
    b.user = user_field<_AP_T>::get(v, sides::user);
    b.id = id_field<_AP_T>::get(v, sides::id);
    b.dest = dest_field<_AP_T>::get(v, sides::dest);
  }
  static void decode(const xrtemu_beat& b, _AP_T& v) {
    std::uint32_t mb = mask_bytes(b.data_bytes);
    data_c::get(v.data, b.data, b.data_bytes);
    field_codec<keep_t>::get(v.keep, b.keep, mb);
    strb_field<_AP_T>::get(v, b.strb, mb);
    side_set(v.last, b.last ? 1 : 0);
    // Zero-width channels are still zeroed so the element is fully defined.
    user_field<_AP_T>::set(v, b.user, sides::user);
    id_field<_AP_T>::set(v, b.id, sides::id);
    dest_field<_AP_T>::set(v, b.dest, sides::dest);
  }
};

template <class _AP_T> struct beat_codec : codec_impl<_AP_T> {};

// Stack storage for one beat of T: no allocation per transfer.
template <class _AP_T> struct beat_buffer {
  static constexpr std::uint32_t data_bytes = beat_codec<_AP_T>::data_bytes;
  static constexpr std::uint32_t mbytes = mask_bytes(data_bytes);
  std::uint8_t data[data_bytes > 0 ? data_bytes : 1];
  std::uint8_t keep[mbytes > 0 ? mbytes : 1];
  std::uint8_t strb[mbytes > 0 ? mbytes : 1];
  xrtemu_beat beat;

  beat_buffer() : beat{data, keep, strb, 0, 0, 0, data_bytes, 0} {}
  beat_buffer(const beat_buffer&) = delete;
  beat_buffer& operator=(const beat_buffer&) = delete;
  // Before a read: a port that zero-extends needs no help, but a sloppy one leaves no garbage.
  void clear() {
    std::memset(data, 0, sizeof data);
    std::memset(keep, 0, sizeof keep);
    std::memset(strb, 0, sizeof strb);
  }
};

}  // namespace xrtemu_hls

#endif
