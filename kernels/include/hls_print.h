// hls::print: Vitis HLS's printf for kernels (a format and at most one int,
// unsigned or double value).  In C simulation and here it prints on stdout.
#ifndef XRTEMU_HLS_PRINT_H
#define XRTEMU_HLS_PRINT_H

#include <cstdio>

namespace hls {

inline void print(const char* format) { std::fputs(format, stdout); }
inline void print(const char* format, int value) { std::printf(format, value); }
inline void print(const char* format, unsigned int value) { std::printf(format, value); }
inline void print(const char* format, double value) { std::printf(format, value); }

} // namespace hls

#endif
