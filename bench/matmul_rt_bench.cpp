// P12's measured side: matmul jobs per second through the matmul runtime,
// with or without its device-buffer pool.  An ordinary XRT host program.
//   matmul_rt_bench <matmul_rt.xclbin> <pool 0|1> <m> <n> <k> <jobs>  -> jobs/s
#include "matmul_rt/runtime.h"

#include <cstdlib>
#include <iostream>
#include <vector>

int main(int argc, char** argv)
{
  if (argc < 7) {
    std::cerr << "usage: " << argv[0] << " <matmul_rt.xclbin> <pool 0|1> <m> <n> <k> <jobs>\n";
    return 2;
  }
  matmul_rt::options o;
  o.xclbin = argv[1];
  o.use_pool = std::atoi(argv[2]) != 0;
  const int m = std::atoi(argv[3]), n = std::atoi(argv[4]), k = std::atoi(argv[5]), jobs = std::atoi(argv[6]);
  try {
    auto rt = matmul_rt::init(o);
    std::vector<float> a(size_t(m) * k, 0.5f), b(size_t(k) * n, 0.25f);
    std::vector<std::vector<float>> c(jobs, std::vector<float>(size_t(m) * n));
    rt->submit_matmul(a.data(), b.data(), c[0].data(), m, n, k).get();  // warm: the pool's first buffers
    auto t0 = matmul_rt::clock::now();
    for (int j = 0; j < jobs; ++j)
      rt->submit_matmul(a.data(), b.data(), c[j].data(), m, n, k);
    rt->sync();
    double s = std::chrono::duration<double>(matmul_rt::clock::now() - t0).count();
    if (c[jobs - 1][0] != 0.125f * k)
      return 1;
    std::cout << jobs / s << "\n";
    return 0;
  }
  catch (const std::exception& e) {
    std::cerr << "matmul_rt_bench: " << e.what() << "\n";
    return 1;
  }
}
