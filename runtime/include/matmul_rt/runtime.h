// matmul_rt: a small host runtime for the matmul_tiled HLS accelerator
// (runtime/kernel/matmul_tiled.cpp), written against the XRT native API
// (stock libxrt_coreutil), so it runs on the emulated card and on a real one.
//
//   auto rt = matmul_rt::init({"matmul_rt.xclbin"});     // device, xclbin, CUs
//   auto a = rt->malloc_device(bytes);                    // RAII device buffer
//   auto f = rt->submit_matmul(a, b, c, m, n, k);          // std::future<job_profile>
//   rt->sync();                                           // every job done
//
// Jobs go through a thread-safe queue to one worker per compute unit.  Jobs
// on host memory take device buffers from a pool (no allocation per call
// once warm); each job records when its DMAs and its compute started and
// ended.  Failures surface as exceptions: timeout_error when a run exceeds
// the configured timeout (the run is aborted, its buffers are quarantined),
// dma_error when a transfer fails, error for the rest.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>

namespace matmul_rt {

class error : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};
// A run did not finish within options::timeout.
class timeout_error : public error
{
public:
  using error::error;
};
// A transfer between host and device memory failed (bad range, device error).
class dma_error : public error
{
public:
  using error::error;
};

using clock = std::chrono::steady_clock;

// When each phase of one job started and ended (host clock).  Jobs on
// device buffers the caller synced have no DMA: dma_*_start == dma_*_end.
struct job_profile
{
  clock::time_point submitted;       // submit_matmul() returned the future
  clock::time_point dma_in_start;    // worker took the job; A and B copied and synced to the device
  clock::time_point dma_in_end;
  clock::time_point compute_start;   // run started on a CU
  clock::time_point compute_end;     // run completed
  clock::time_point dma_out_start;   // C synced back and copied out
  clock::time_point dma_out_end;
  int cu = 0;                        // which worker / compute unit ran it

  double dma_in_ms() const { return ms(dma_in_start, dma_in_end); }
  double compute_ms() const { return ms(compute_start, compute_end); }
  double dma_out_ms() const { return ms(dma_out_start, dma_out_end); }
  double queue_ms() const { return ms(submitted, dma_in_start); }
  double total_ms() const { return ms(submitted, dma_out_end); }

private:
  static double ms(clock::time_point a, clock::time_point b)
  {
    return std::chrono::duration<double, std::milli>(b - a).count();
  }
};

struct options
{
  std::string xclbin;                              // path of the xclbin holding matmul_tiled
  unsigned device_index = 0;
  bool use_pool = true;                            // reuse device buffers between jobs
  std::chrono::milliseconds timeout{30000};        // per run; 0 waits for ever
  std::string kernel = "matmul_tiled";
};

class runtime;
class buffer_pool;

// A device buffer (an xrt::bo in the kernel's memory bank, with its host
// mapping).  Movable, not copyable; returns to the runtime's pool (or is
// freed) when destroyed or passed to runtime::free.
class device_buffer
{
public:
  device_buffer() = default;
  device_buffer(device_buffer&&) noexcept;
  device_buffer& operator=(device_buffer&&) noexcept;
  ~device_buffer();

  explicit operator bool() const { return impl_ != nullptr; }
  size_t size() const;                 // bytes
  void* data();                        // host mapping
  template <typename T> T* as() { return static_cast<T*>(data()); }
  uint64_t address() const;            // device address
  // Host mapping -> device memory and back (DMA); throw dma_error.
  void to_device(size_t bytes = 0, size_t offset = 0);
  void from_device(size_t bytes = 0, size_t offset = 0);

  struct impl;
  explicit device_buffer(std::shared_ptr<impl> impl) : impl_(std::move(impl)) {}
  impl* get() const { return impl_.get(); }

private:
  friend class runtime;
  std::shared_ptr<impl> impl_;
};

using completion = std::function<void(const job_profile&, std::exception_ptr)>;

class runtime
{
public:
  explicit runtime(const options& opts);
  ~runtime();                                      // waits for every job, then closes
  runtime(const runtime&) = delete;
  runtime& operator=(const runtime&) = delete;

  // A device buffer of at least `bytes` bytes (from the pool when enabled).
  device_buffer malloc_device(size_t bytes);
  // Gives a buffer back early (the destructor does the same).
  void free(device_buffer& buffer);

  // C (m x n) = A (m x k) x B (k x n), float, row-major.  Host pointers must
  // stay valid until the job completes; the job copies them in and out
  // through pooled device buffers.
  std::future<job_profile> submit_matmul(const float* a, const float* b, float* c, int m, int n, int k,
                                         completion done = {});
  // The same on device buffers: the caller syncs A and B to the device
  // before and reads C after (from_device), so nothing is copied.
  std::future<job_profile> submit_matmul(device_buffer& a, device_buffer& b, device_buffer& c, int m, int n,
                                         int k, completion done = {});
  // Blocks until every job submitted so far has completed.
  void sync();

  int compute_units() const;
  struct pool_stats
  {
    size_t allocations = 0;  // xrt::bo allocated
    size_t reuses = 0;       // requests served from the pool
  };
  pool_stats stats() const;

  struct impl;

private:
  std::unique_ptr<impl> impl_;
};

// Opens the device and loads the xclbin; the runtime lives until the last
// reference goes.
std::shared_ptr<runtime> init(const options& opts);

} // namespace matmul_rt
