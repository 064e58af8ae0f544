// The card's error log, as xocl keeps it (userpf/xocl_errors.c): the last
// 32 errors, oldest dropped first, each an XRT error code (xrt_error_code.h:
// number, driver, severity, module, class), a timestamp in nanoseconds and
// the pid that caused it.  Read whole through the xocl_errors query
// (xbutil examine -r error, xrt::error).
#pragma once

#include <xrt_error_code.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <unistd.h>
#include <vector>

namespace xrtemu::shim {

class error_log
{
public:
  static constexpr int capacity = 32;   // XCL_ERROR_CAPACITY

  void record(xrtErrorCode code)
  {
    entry e{};
    e.code = code;
    e.ts = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::system_clock::now().time_since_epoch()).count());
    e.pid = static_cast<uint32_t>(::getpid());
    std::lock_guard<std::mutex> lk(m_mutex);
    if (m_count == capacity) {
      std::memmove(&m_entries[0], &m_entries[1], (capacity - 1) * sizeof(entry));
      m_entries[capacity - 1] = e;
    } else {
      m_entries[m_count++] = e;
    }
  }

  // struct xcl_errors: int num_err, then the records (xclerr_int.h layout).
  std::vector<char> bytes() const
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    std::vector<char> out(sizeof(layout), 0);
    layout l{};
    l.num_err = m_count;
    std::memcpy(l.errors, m_entries, sizeof m_entries);
    std::memcpy(out.data(), &l, sizeof l);
    return out;
  }

private:
  struct entry
  {
    uint64_t code;   // xrtErrorCode
    uint64_t ts;     // xrtErrorTime, ns since the epoch
    uint32_t pid;
  };
  struct layout
  {
    int num_err;
    entry errors[capacity];
  };
  static_assert(sizeof(entry) == 24 && sizeof(layout) == 8 + 32 * 24, "xcl_errors layout of XRT 2.13");

  mutable std::mutex m_mutex;
  entry m_entries[capacity]{};
  int m_count = 0;
};

} // namespace xrtemu::shim
