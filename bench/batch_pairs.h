// P2c's measurement, shared by bench_host (native API) and bench_ocl
// (OpenCL): batches of a small and of a large number of commands alternate
// in one process, so that load from neighbours that comes and goes hits
// both sides alike.
#pragma once

#include <algorithm>
#include <array>
#include <vector>

namespace bench {

inline double median_of(std::vector<double> v)
{
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// `pairs` times: 7 batches of `small` (their median rate), then one batch of
// `large`.  `batch(n)` runs one batch of n commands and returns its rate.
// Returns {median ratio large/small, median large rate, median small rate}.
template <class Batch>
std::array<double, 3> batch_pairs(Batch&& batch, int small, int large, int pairs)
{
  std::vector<double> ratio, small_rate, large_rate;
  for (int p = 0; p < pairs; ++p) {
    std::vector<double> v;
    for (int i = 0; i < 7; ++i)
      v.push_back(batch(small));
    small_rate.push_back(median_of(v));
    large_rate.push_back(batch(large));
    ratio.push_back(large_rate.back() / small_rate.back());
  }
  return {median_of(ratio), median_of(large_rate), median_of(small_rate)};
}

} // namespace bench
