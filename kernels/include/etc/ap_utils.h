// ap_utils.h (installed by Vitis HLS as etc/ap_utils.h): protocol helpers for interface
// modelling. In software they have no timing to model: ap_wait() and ap_wait_n() return at
// once, and the region markers are no-ops.
#ifndef XRTEMU_AP_UTILS_H
#define XRTEMU_AP_UTILS_H

inline void ap_wait() {}
inline void ap_wait_n(int) {}
template <class _AP_T> inline void ap_wait_until(const _AP_T&) {}

#endif
