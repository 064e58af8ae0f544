// AXI4-Stream side-channel types (ap_axiu, ap_axis, hls::axis, qdma_axis) as in UG1399.
// A zero-width side channel still has its member, as a 1-bit field, so code that assigns
// it compiles; keep/strb have D/8 bits (at least one).
#ifndef XRTEMU_AP_AXI_SDATA_H
#define XRTEMU_AP_AXI_SDATA_H

#include "ap_int.h"

namespace xrtemu_hls {
template <int W> struct axi_side { typedef ap_uint<W> type; };
template <> struct axi_side<0> { typedef ap_uint<1> type; };
constexpr int axi_bytes(int d) { return (d + 7) / 8 > 0 ? (d + 7) / 8 : 1; }
}  // namespace xrtemu_hls

template <int D, int U = 0, int TI = 0, int TD = 0> struct ap_axis {
  ap_int<D> data;
  ap_uint<xrtemu_hls::axi_bytes(D)> keep;
  ap_uint<xrtemu_hls::axi_bytes(D)> strb;
  typename xrtemu_hls::axi_side<U>::type user;
  ap_uint<1> last;
  typename xrtemu_hls::axi_side<TI>::type id;
  typename xrtemu_hls::axi_side<TD>::type dest;
};

template <int D, int U = 0, int TI = 0, int TD = 0> struct ap_axiu {
  ap_uint<D> data;
  ap_uint<xrtemu_hls::axi_bytes(D)> keep;
  ap_uint<xrtemu_hls::axi_bytes(D)> strb;
  typename xrtemu_hls::axi_side<U>::type user;
  ap_uint<1> last;
  typename xrtemu_hls::axi_side<TI>::type id;
  typename xrtemu_hls::axi_side<TD>::type dest;
};

// QDMA streams carry data, keep and last only (plus helpers to access them).
template <int D, int U = 0, int TI = 0, int TD = 0> struct qdma_axis {
  ap_uint<D> data;
  ap_uint<xrtemu_hls::axi_bytes(D)> keep;
  ap_uint<1> last;
  ap_uint<D> get_data() const { return data; }
  ap_uint<xrtemu_hls::axi_bytes(D)> get_keep() const { return keep; }
  ap_uint<1> get_last() const { return last; }
  void set_data(const ap_uint<D>& d) { data = d; }
  void set_keep(const ap_uint<xrtemu_hls::axi_bytes(D)>& k) { keep = k; }
  void set_last(const ap_uint<1>& l) { last = l; }
  void keep_all() { keep = ~ap_uint<xrtemu_hls::axi_bytes(D)>(0); }
};

namespace hls {
// Generic form with a data member of any type T.
template <typename T, std::size_t U = 0, std::size_t TI = 0, std::size_t TD = 0> struct axis {
  enum { DW = int(sizeof(T) * 8) };
  T data;
  ap_uint<xrtemu_hls::axi_bytes(DW)> keep;
  ap_uint<xrtemu_hls::axi_bytes(DW)> strb;
  typename xrtemu_hls::axi_side<(int)U>::type user;
  ap_uint<1> last;
  typename xrtemu_hls::axi_side<(int)TI>::type id;
  typename xrtemu_hls::axi_side<(int)TD>::type dest;
};
}  // namespace hls

#endif
