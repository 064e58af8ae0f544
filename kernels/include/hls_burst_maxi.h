// hls::burst_maxi<T>: an m_axi pointer argument with explicit (manual) bursts (UG1399,
// "Using Manual Burst").
//
//   void k(hls::burst_maxi<int> in, hls::burst_maxi<int> out, int n) {
//     in.read_request(0, n);                    // n elements from element 0
//     out.write_request(0, n);
//     for (int i = 0; i < n; ++i) out.write(in.read() + 1);
//     out.write_response();                     // the write burst is complete
//   }
//
// Semantics kept here: read() returns the next element of the oldest read request that still
// has elements (requests are served in order); write(v[, byte enables]) stores the next
// element of the oldest write request with elements left, straight into memory (so reads of
// the same memory see it at once); write_response() retires the oldest write request, which
// must have received all its elements. Misuse (read() with no request outstanding, more
// writes than requested, write_response() with no finished request) throws
// std::logic_error naming the operation: in hardware it hangs or corrupts.
// The *_unaligned<U>(byte_offset, count) forms request count elements of type U at a byte
// offset, read back with read<U>() / written with write<U>(v).
//
// Constructed implicitly from T*, so testbenches pass arrays; xrtemu compile makes such an
// argument an m_axi port, like a pointer.
#ifndef XRTEMU_HLS_BURST_MAXI_H
#define XRTEMU_HLS_BURST_MAXI_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <string>

#include "ap_int.h"

namespace hls {

template <typename _AP_T> class burst_maxi {
 public:
  typedef _AP_T xrtemu_maxi_element;  // lets xrtemu's call thunk pass the device buffer

  burst_maxi(_AP_T* p) : base_(reinterpret_cast<unsigned char*>(p)) {}

  // Element-offset, element-count requests of T.
  void read_request(std::size_t offset, unsigned len) {
    if (len) reads_.push_back({offset * sizeof(_AP_T), len, sizeof(_AP_T)});
  }
  void write_request(std::size_t offset, unsigned len) {
    if (len == 0)
      ++done_;
    else
      writes_.push_back({offset * sizeof(_AP_T), len, sizeof(_AP_T)});
  }
  _AP_T read() { return read<_AP_T>(); }
  void write(const _AP_T& v) { write<_AP_T>(v); }
  void write(const _AP_T& v, ap_uint<sizeof(_AP_T)> byteenable) {
    unsigned char* at = next_write(sizeof(_AP_T), "write");
    const unsigned char* src = reinterpret_cast<const unsigned char*>(&v);
    for (std::size_t i = 0; i < sizeof(_AP_T); ++i)
      if (byteenable[i]) at[i] = src[i];
  }
  void write_response() {
    if (done_ == 0)
      throw std::logic_error(writes_.empty() ? "hls::burst_maxi::write_response() without a write_request"
                                             : "hls::burst_maxi::write_response() before all elements of the "
                                               "oldest write request were written");
    --done_;
  }

  // Byte-offset requests of another element type U (unaligned bursts).
  template <typename _AP_U> void read_request_unaligned(std::size_t byte_offset, unsigned len) {
    if (len) reads_.push_back({byte_offset, len, sizeof(_AP_U)});
  }
  template <typename _AP_U> void write_request_unaligned(std::size_t byte_offset, unsigned len) {
    if (len == 0)
      ++done_;
    else
      writes_.push_back({byte_offset, len, sizeof(_AP_U)});
  }
  template <typename _AP_U> _AP_U read() {
    if (reads_.empty())
      throw std::logic_error("hls::burst_maxi::read() without an outstanding read_request");
    request& r = reads_.front();
    check_size(r, sizeof(_AP_U), "read");
    _AP_U v;
    std::memcpy(static_cast<void*>(&v), base_ + r.pos, sizeof(_AP_U));
    advance(reads_);
    return v;
  }
  template <typename _AP_U> void write(const _AP_U& v) { std::memcpy(next_write(sizeof(_AP_U), "write"), &v, sizeof(_AP_U)); }

  // The memory behind the port, as the kernel's pointer would see it.
  _AP_T* pointer() const { return reinterpret_cast<_AP_T*>(base_); }

 private:
  struct request {
    std::size_t pos;   // byte offset of the next element
    unsigned left;     // elements still to transfer
    std::size_t size;  // bytes per element
  };
  static void check_size(const request& r, std::size_t n, const char* op) {
    if (r.size != n)
      throw std::logic_error(std::string("hls::burst_maxi::") + op + "(): element of " + std::to_string(n) +
                             " bytes on a request of " + std::to_string(r.size) + "-byte elements");
  }
  // Moves the front request on by one element; a finished request leaves the queue.
  static std::size_t advance(std::deque<request>& q, bool* finished = nullptr) {
    request& r = q.front();
    std::size_t at = r.pos;
    r.pos += r.size;
    bool end = --r.left == 0;
    if (end) q.pop_front();
    if (finished) *finished = end;
    return at;
  }
  unsigned char* next_write(std::size_t n, const char* op) {
    if (writes_.empty())
      throw std::logic_error(std::string("hls::burst_maxi::") + op + "() without an outstanding write_request");
    check_size(writes_.front(), n, op);
    bool finished = false;
    std::size_t at = advance(writes_, &finished);
    if (finished) ++done_;  // ready for its write_response()
    return base_ + at;
  }

  unsigned char* base_;
  std::deque<request> reads_, writes_;
  unsigned done_ = 0;  // write requests complete and not yet retired by write_response()
};

}  // namespace hls

#endif
