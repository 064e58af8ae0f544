// P2c's OpenCL side: an OpenCL host (Xilinx's runtime, libxilinxopencl)
// that enqueues n empty tasks on an out-of-order queue, then clFinish, the
// way public IOPS examples measure a card's command path.
//   bench_ocl <empty.xclbin> <n> [reps]  -> commands per second (median of
//                                           reps batches)
//   bench_ocl <empty.xclbin> pairs <small> <large> <pairs>
//                                        -> "ratio large/s small/s": pairs of
//                                           (7 batches of small, 1 of large)
//                                           in one process; medians
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>

#include "batch_pairs.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace {

[[noreturn]] void fail(const char* what, cl_int err)
{
  std::fprintf(stderr, "bench_ocl: %s failed (%d)\n", what, err);
  std::exit(1);
}

void check(cl_int err, const char* what)
{
  if (err != CL_SUCCESS)
    fail(what, err);
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 3)
    return 2;
  const bool pairs = std::strcmp(argv[2], "pairs") == 0;
  if (pairs && argc < 6)
    return 2;
  const int n = std::atoi(argv[pairs ? 3 : 2]);
  std::ifstream f(argv[1], std::ios::binary);
  std::vector<unsigned char> bin((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (bin.empty())
    fail("reading the xclbin", 0);

  cl_platform_id platforms[8];
  cl_uint np = 0;
  check(clGetPlatformIDs(8, platforms, &np), "clGetPlatformIDs");
  cl_device_id dev = nullptr;
  for (cl_uint i = 0; i < np && !dev; ++i) {
    char name[256] = {};
    clGetPlatformInfo(platforms[i], CL_PLATFORM_NAME, sizeof name, name, nullptr);
    if (std::strstr(name, "Xilinx"))
      check(clGetDeviceIDs(platforms[i], CL_DEVICE_TYPE_ACCELERATOR, 1, &dev, nullptr), "clGetDeviceIDs");
  }
  if (!dev)
    fail("finding the Xilinx platform", 0);
  cl_int err = 0;
  cl_context ctx = clCreateContext(nullptr, 1, &dev, nullptr, nullptr, &err);
  check(err, "clCreateContext");
  cl_command_queue q = clCreateCommandQueue(ctx, dev, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, &err);
  check(err, "clCreateCommandQueue");
  const unsigned char* data = bin.data();
  size_t size = bin.size();
  cl_program prog = clCreateProgramWithBinary(ctx, 1, &dev, &size, &data, nullptr, &err);
  check(err, "clCreateProgramWithBinary");
  cl_kernel k = clCreateKernel(prog, "empty_kernel", &err);
  check(err, "clCreateKernel");
  int one = 1;
  check(clSetKernelArg(k, 0, sizeof one, &one), "clSetKernelArg");

  for (int i = 0; i < 100; ++i)   // warm up
    check(clEnqueueTask(q, k, 0, nullptr, nullptr), "clEnqueueTask");
  check(clFinish(q), "clFinish");

  // One batch: n tasks enqueued, then clFinish; its rate.
  auto batch = [&](int count) {
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i)
      check(clEnqueueTask(q, k, 0, nullptr, nullptr), "clEnqueueTask");
    check(clFinish(q), "clFinish");
    return count / std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  if (!pairs) {
    const int reps = argc > 3 ? std::atoi(argv[3]) : 1;
    std::vector<double> rate;
    for (int rep = 0; rep < reps; ++rep)
      rate.push_back(batch(n));
    std::printf("%g\n", bench::median_of(rate));
  }
  else {
    const int large = std::atoi(argv[4]), reps = std::atoi(argv[5]);
    auto r = bench::batch_pairs(batch, n, large, reps);
    std::printf("%g %g %g\n", r[0], r[1], r[2]);
  }

  clReleaseKernel(k);
  clReleaseProgram(prog);
  clReleaseCommandQueue(q);
  clReleaseContext(ctx);
  return 0;
}
