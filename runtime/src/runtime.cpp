// The matmul runtime (see matmul_rt/runtime.h): device and xclbin setup,
// the job queue and its workers, one per compute unit of matmul_tiled.
#include "buffer_pool.h"

#include <xrt/xrt_kernel.h>
#include <experimental/xrt_xclbin.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <iostream>
#include <thread>
#include <vector>

namespace matmul_rt {

namespace {

struct job
{
  // Host operands (copied through pooled buffers) or device operands.
  const float* a = nullptr;
  const float* b = nullptr;
  float* c = nullptr;
  device_buffer da, db, dc;
  int m = 0, n = 0, k = 0;
  completion done;
  std::promise<job_profile> promise;
  job_profile profile;
};

std::string shape(const job& j)
{
  return std::to_string(j.m) + "x" + std::to_string(j.k) + " * " + std::to_string(j.k) + "x" + std::to_string(j.n);
}

void check_shape(int m, int n, int k)
{
  if (m <= 0 || n <= 0 || k <= 0)
    throw std::invalid_argument("matmul_rt: submit_matmul: m, n and k must be positive (got m=" + std::to_string(m) +
                                " n=" + std::to_string(n) + " k=" + std::to_string(k) + ")");
}

} // namespace

struct runtime::impl
{
  options opts;
  xrt::device device;
  xrt::uuid uuid;
  xrt::kernel kernel;
  int group[3] = {};  // memory group of A, B and C
  std::shared_ptr<buffer_pool> pool;
  std::vector<std::thread> workers;

  std::mutex mutex;
  std::condition_variable work_ready, all_done;
  std::deque<std::unique_ptr<job>> queue;
  size_t outstanding = 0;
  bool stopping = false;
  // Buffers of aborted runs: the CU may still write them, so they are
  // neither reused nor freed while the runtime lives.
  std::vector<device_buffer> quarantine;

  void worker(int index);
  void run_job(job& j, int index);
  std::future<job_profile> enqueue(std::unique_ptr<job> j, int m, int n, int k, completion done);
};

std::future<job_profile> runtime::impl::enqueue(std::unique_ptr<job> j, int m, int n, int k, completion done)
{
  j->m = m;
  j->n = n;
  j->k = k;
  j->done = std::move(done);
  auto f = j->promise.get_future();
  std::lock_guard lock(mutex);
  if (stopping)
    throw error("matmul_rt: submit_matmul on a runtime being destroyed");
  j->profile.submitted = clock::now();
  queue.push_back(std::move(j));
  ++outstanding;
  work_ready.notify_one();
  return f;
}

void runtime::impl::worker(int index)
{
  for (;;) {
    std::unique_ptr<job> j;
    {
      std::unique_lock lock(mutex);
      work_ready.wait(lock, [&] { return stopping || !queue.empty(); });
      if (queue.empty())
        return;
      j = std::move(queue.front());
      queue.pop_front();
    }
    run_job(*j, index);
    std::lock_guard lock(mutex);
    if (--outstanding == 0)
      all_done.notify_all();
  }
}

void runtime::impl::run_job(job& j, int index)
{
  auto& p = j.profile;
  p.cu = index;
  std::exception_ptr failure;
  try {
    const size_t bytes_a = sizeof(float) * size_t(j.m) * j.k, bytes_b = sizeof(float) * size_t(j.k) * j.n,
                 bytes_c = sizeof(float) * size_t(j.m) * j.n;
    p.dma_in_start = clock::now();
    if (j.a) {
      j.da = device_buffer(pool->acquire(bytes_a, group[0]));
      j.db = device_buffer(pool->acquire(bytes_b, group[1]));
      j.dc = device_buffer(pool->acquire(bytes_c, group[2]));
      std::memcpy(j.da.data(), j.a, bytes_a);
      std::memcpy(j.db.data(), j.b, bytes_b);
      j.da.to_device(bytes_a);
      j.db.to_device(bytes_b);
    }
    p.dma_in_end = j.a ? clock::now() : p.dma_in_start;  // device operands: no DMA

    xrt::run run(kernel);
    run.set_arg(0, j.da.get()->bo);
    run.set_arg(1, j.db.get()->bo);
    run.set_arg(2, j.dc.get()->bo);
    run.set_arg(3, j.m);
    run.set_arg(4, j.n);
    run.set_arg(5, j.k);
    p.compute_start = clock::now();
    run.start();
    auto state = run.wait(opts.timeout);
    p.compute_end = clock::now();
    if (state == ERT_CMD_STATE_TIMEOUT) {
      run.abort();
      std::lock_guard lock(mutex);
      for (auto* b : {&j.da, &j.db, &j.dc}) {
        b->get()->quarantined = true;
        quarantine.push_back(std::move(*b));
      }
      throw timeout_error("matmul_rt: matmul " + shape(j) + " did not complete within " +
                          std::to_string(opts.timeout.count()) + " ms on CU " + std::to_string(index) +
                          " (run aborted)");
    }
    if (state != ERT_CMD_STATE_COMPLETED)
      throw error("matmul_rt: matmul " + shape(j) + " ended in ERT state " + std::to_string(int(state)));

    p.dma_out_start = p.dma_out_end = clock::now();
    if (j.c) {
      j.dc.from_device(bytes_c);
      std::memcpy(j.c, j.dc.data(), bytes_c);
      j.da = {};
      j.db = {};
      j.dc = {};
      p.dma_out_end = clock::now();
    }
  }
  catch (const error&) {
    failure = std::current_exception();
  }
  catch (const std::exception& e) {
    failure = std::make_exception_ptr(error(std::string("matmul_rt: matmul ") + shape(j) + ": " + e.what()));
  }
  if (failure) {
    p.dma_out_start = p.dma_out_end = clock::now();
    j.da = {};
    j.db = {};
    j.dc = {};
  }
  if (j.done) {
    try {
      j.done(p, failure);
    }
    catch (const std::exception& e) {
      std::cerr << "matmul_rt: completion callback threw: " << e.what() << "\n";
    }
  }
  if (failure)
    j.promise.set_exception(failure);
  else
    j.promise.set_value(p);
}

runtime::runtime(const options& opts) : impl_(std::make_unique<impl>())
{
  auto& s = *impl_;
  s.opts = opts;
  if (opts.xclbin.empty())
    throw std::invalid_argument("matmul_rt: options.xclbin is empty (path of the xclbin with " + opts.kernel + ")");
  int cus = 0;
  try {
    s.device = xrt::device(opts.device_index);
    xrt::xclbin xclbin(opts.xclbin);
    s.uuid = s.device.load_xclbin(xclbin);
    s.kernel = xrt::kernel(s.device, s.uuid, opts.kernel);
    for (int i = 0; i < 3; ++i)
      s.group[i] = s.kernel.group_id(i);
    for (auto& ip : xclbin.get_ips())
      if (ip.get_name().rfind(opts.kernel + ":", 0) == 0)
        ++cus;
  }
  catch (const std::exception& e) {
    throw error("matmul_rt: init with " + opts.xclbin + " on device " + std::to_string(opts.device_index) + ": " +
                e.what());
  }
  s.pool = std::make_shared<buffer_pool>(s.device, opts.use_pool);
  for (int i = 0; i < std::max(cus, 1); ++i)
    s.workers.emplace_back([this, i] { impl_->worker(i); });
}

runtime::~runtime()
{
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    impl_->work_ready.notify_all();
  }
  for (auto& t : impl_->workers)
    t.join();
}

device_buffer runtime::malloc_device(size_t bytes)
{
  return device_buffer(impl_->pool->acquire(bytes, impl_->group[0]));
}

void runtime::free(device_buffer& buffer) { buffer = device_buffer(); }

std::future<job_profile> runtime::submit_matmul(const float* a, const float* b, float* c, int m, int n, int k,
                                                completion done)
{
  check_shape(m, n, k);
  if (!a || !b || !c)
    throw std::invalid_argument("matmul_rt: submit_matmul: null host pointer");
  auto j = std::make_unique<job>();
  j->a = a;
  j->b = b;
  j->c = c;
  return impl_->enqueue(std::move(j), m, n, k, std::move(done));
}

std::future<job_profile> runtime::submit_matmul(device_buffer& a, device_buffer& b, device_buffer& c, int m, int n,
                                                int k, completion done)
{
  check_shape(m, n, k);
  auto need = [](const char* name, device_buffer& buf, size_t bytes) {
    if (!buf)
      throw std::invalid_argument(std::string("matmul_rt: submit_matmul: buffer ") + name + " is freed");
    if (buf.size() < bytes)
      throw std::invalid_argument(std::string("matmul_rt: submit_matmul: buffer ") + name + " holds " +
                                  std::to_string(buf.size()) + " bytes, the shape needs " + std::to_string(bytes));
  };
  need("a", a, sizeof(float) * size_t(m) * k);
  need("b", b, sizeof(float) * size_t(k) * n);
  need("c", c, sizeof(float) * size_t(m) * n);
  auto j = std::make_unique<job>();
  // The job shares the buffers (the caller keeps its handles).
  j->da = device_buffer(std::shared_ptr<device_buffer::impl>(a.impl_));
  j->db = device_buffer(std::shared_ptr<device_buffer::impl>(b.impl_));
  j->dc = device_buffer(std::shared_ptr<device_buffer::impl>(c.impl_));
  return impl_->enqueue(std::move(j), m, n, k, std::move(done));
}

void runtime::sync()
{
  std::unique_lock lock(impl_->mutex);
  impl_->all_done.wait(lock, [&] { return impl_->outstanding == 0; });
}

int runtime::compute_units() const { return int(impl_->workers.size()); }

runtime::pool_stats runtime::stats() const { return impl_->pool->stats(); }

std::shared_ptr<runtime> init(const options& opts) { return std::make_shared<runtime>(opts); }

} // namespace matmul_rt
