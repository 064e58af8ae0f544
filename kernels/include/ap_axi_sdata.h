// AXI4-Stream side-channel types (ap_axiu, ap_axis, hls::axis, qdma_axis) as in UG1399.
// A zero-width side channel still has its member, as a 1-bit field, so code that assigns
// it compiles; keep/strb have D/8 bits (at least one).
#ifndef XRTEMU_AP_AXI_SDATA_H
#define XRTEMU_AP_AXI_SDATA_H

#include "ap_int.h"

namespace xrtemu_hls {
template <int _AP_W> struct axi_side { typedef ap_uint<_AP_W> type; };
template <> struct axi_side<0> { typedef ap_uint<1> type; };
constexpr int axi_bytes(int d) { return (d + 7) / 8 > 0 ? (d + 7) / 8 : 1; }
}  // namespace xrtemu_hls

template <int _AP_D, int _AP_U = 0, int _AP_TI = 0, int _AP_TD = 0> struct ap_axis {
  ap_int<_AP_D> data;
  ap_uint<xrtemu_hls::axi_bytes(_AP_D)> keep;
  ap_uint<xrtemu_hls::axi_bytes(_AP_D)> strb;
  typename xrtemu_hls::axi_side<_AP_U>::type user;
  ap_uint<1> last;
  typename xrtemu_hls::axi_side<_AP_TI>::type id;
  typename xrtemu_hls::axi_side<_AP_TD>::type dest;
};

template <int _AP_D, int _AP_U = 0, int _AP_TI = 0, int _AP_TD = 0> struct ap_axiu {
  ap_uint<_AP_D> data;
  ap_uint<xrtemu_hls::axi_bytes(_AP_D)> keep;
  ap_uint<xrtemu_hls::axi_bytes(_AP_D)> strb;
  typename xrtemu_hls::axi_side<_AP_U>::type user;
  ap_uint<1> last;
  typename xrtemu_hls::axi_side<_AP_TI>::type id;
  typename xrtemu_hls::axi_side<_AP_TD>::type dest;
};

// QDMA streams carry data, keep and last only (plus helpers to access them).
template <int _AP_D, int _AP_U = 0, int _AP_TI = 0, int _AP_TD = 0> struct qdma_axis {
  ap_uint<_AP_D> data;
  ap_uint<xrtemu_hls::axi_bytes(_AP_D)> keep;
  ap_uint<1> last;
  ap_uint<_AP_D> get_data() const { return data; }
  ap_uint<xrtemu_hls::axi_bytes(_AP_D)> get_keep() const { return keep; }
  ap_uint<1> get_last() const { return last; }
  void set_data(const ap_uint<_AP_D>& d) { data = d; }
  void set_keep(const ap_uint<xrtemu_hls::axi_bytes(_AP_D)>& k) { keep = k; }
  void set_last(const ap_uint<1>& l) { last = l; }
  void keep_all() { keep = ~ap_uint<xrtemu_hls::axi_bytes(_AP_D)>(0); }
};

namespace hls {
// Generic form with a data member of any type T.
template <typename _AP_T, std::size_t _AP_U = 0, std::size_t _AP_TI = 0, std::size_t _AP_TD = 0> struct axis {
  enum { _AP_DW = int(sizeof(_AP_T) * 8) };
  _AP_T data;
  ap_uint<xrtemu_hls::axi_bytes(_AP_DW)> keep;
  ap_uint<xrtemu_hls::axi_bytes(_AP_DW)> strb;
  typename xrtemu_hls::axi_side<(int)_AP_U>::type user;
  ap_uint<1> last;
  typename xrtemu_hls::axi_side<(int)_AP_TI>::type id;
  typename xrtemu_hls::axi_side<(int)_AP_TD>::type dest;
};
}  // namespace hls

#endif
