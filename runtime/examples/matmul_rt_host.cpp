// The matmul runtime from C++: a few matrix products on the card through
// matmul_rt, checked against the CPU, with each job's profile.
//   usage: matmul_rt_host <matmul_rt.xclbin> [m n k] [jobs]
#include "matmul_rt/runtime.h"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <vector>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <matmul_rt.xclbin> [m n k] [jobs]\n";
    return 2;
  }
  const int m = argc > 4 ? std::atoi(argv[2]) : 96, n = argc > 4 ? std::atoi(argv[3]) : 80,
            k = argc > 4 ? std::atoi(argv[4]) : 72;
  const int jobs = argc > 5 ? std::atoi(argv[5]) : 4;
  try {
    auto rt = matmul_rt::init({argv[1]});
    std::cout << "matmul_rt: " << rt->compute_units() << " compute unit(s)\n";

    // Host operands: each job copies them through pooled device buffers.
    std::vector<std::vector<float>> a(jobs), b(jobs), c(jobs);
    std::vector<std::future<matmul_rt::job_profile>> done;
    std::atomic<int> callbacks{0};
    for (int j = 0; j < jobs; ++j) {
      a[j].resize(size_t(m) * k);
      b[j].resize(size_t(k) * n);
      c[j].assign(size_t(m) * n, 0.0f);
      for (size_t i = 0; i < a[j].size(); ++i)
        a[j][i] = float((i * 7 + j) % 13) / 13.0f - 0.5f;
      for (size_t i = 0; i < b[j].size(); ++i)
        b[j][i] = float((i * 5 + 3 * j) % 11) / 11.0f - 0.5f;
      done.push_back(rt->submit_matmul(a[j].data(), b[j].data(), c[j].data(), m, n, k,
                                       [&](const matmul_rt::job_profile&, std::exception_ptr) { ++callbacks; }));
    }
    rt->sync();

    double worst = 0;
    for (int j = 0; j < jobs; ++j) {
      auto p = done[j].get();
      std::printf("job %d on CU %d: queue %.3f ms, DMA in %.3f ms, compute %.3f ms, DMA out %.3f ms\n", j, p.cu,
                  p.queue_ms(), p.dma_in_ms(), p.compute_ms(), p.dma_out_ms());
      for (int r = 0; r < m; ++r)
        for (int col = 0; col < n; ++col) {
          double sum = 0;
          for (int i = 0; i < k; ++i)
            sum += double(a[j][size_t(r) * k + i]) * b[j][size_t(i) * n + col];
          worst = std::max(worst, std::fabs(sum - c[j][size_t(r) * n + col]));
        }
    }

    // Device operands: filled in place through the mapping, no host copy.
    auto da = rt->malloc_device(sizeof(float) * m * k), db = rt->malloc_device(sizeof(float) * k * n),
         dc = rt->malloc_device(sizeof(float) * m * n);
    std::copy(a[0].begin(), a[0].end(), da.as<float>());
    std::copy(b[0].begin(), b[0].end(), db.as<float>());
    da.to_device();
    db.to_device();
    rt->submit_matmul(da, db, dc, m, n, k).get();
    dc.from_device();
    for (size_t i = 0; i < c[0].size(); ++i)
      worst = std::max(worst, double(std::fabs(dc.as<float>()[i] - c[0][i])));

    auto s = rt->stats();
    std::printf("%d jobs of %dx%d * %dx%d, %d callbacks, max error %.3g; pool: %zu allocations, %zu reuses\n", jobs,
                m, k, k, n, callbacks.load(), worst, s.allocations, s.reuses);
    bool ok = worst < 1e-3 && callbacks == jobs;
    std::cout << (ok ? "TEST PASSED" : "TEST FAILED") << std::endl;
    return ok ? 0 : 1;
  }
  catch (const std::exception& e) {
    std::cout << "Error: " << e.what() << "\nTEST FAILED" << std::endl;
    return 1;
  }
}
