// Kernel swap through Xilinx's OpenCL runtime, as Vitis "kernel swap" hosts
// do it: one context, a program per xclbin created in turn, buffers of the
// first program migrated back to the host and released before the second
// program is created, its result fed to the second kernel.  (A third
// program right after the second is left out: Xilinx's runtime closes the
// previous program's CU contexts lazily, and the load can race with that.)
//   reload_ocl <scenario> <xclbin dir>      (one scenario per process)
#define CL_HPP_CL_1_2_DEFAULT_BUILD
#define CL_HPP_TARGET_OPENCL_VERSION 120
#define CL_HPP_MINIMUM_OPENCL_VERSION 120
#define CL_TARGET_OPENCL_VERSION 120
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#include <CL/opencl.hpp>

#include "../hosts/scenario.h"
#include "../../host/opencl/page_allocator.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string dir;
constexpr int n = 4096;
using ivec = std::vector<int, page_allocator<int>>;

void ok(cl_int err, const std::string& what)
{
  if (err != CL_SUCCESS)
    throw std::runtime_error(what + " failed with error " + std::to_string(err));
}

std::vector<unsigned char> slurp(const std::string& name)
{
  std::ifstream in(dir + "/examples/" + name + ".xclbin", std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + name);
  return {std::istreambuf_iterator<char>(in), {}};
}

// out = kernel(a, b) with a program made from `xclbin` in `context`.
void run_binary(cl::Context& context, cl::Device& device, cl::CommandQueue& q, const std::string& xclbin,
                const std::string& kernel, ivec& a, ivec& b, ivec& out)
{
  cl_int err;
  cl::Program::Binaries bins{slurp(xclbin)};
  cl::Program program(context, {device}, bins, nullptr, &err);
  ok(err, "clCreateProgramWithBinary(" + xclbin + ")");
  cl::Kernel k(program, kernel.c_str(), &err);
  ok(err, "clCreateKernel(" + kernel + ")");
  cl::Buffer da(context, CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY, n * sizeof(int), a.data(), &err);
  cl::Buffer db(context, CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY, n * sizeof(int), b.data(), &err);
  cl::Buffer dout(context, CL_MEM_USE_HOST_PTR | CL_MEM_WRITE_ONLY, n * sizeof(int), out.data(), &err);
  ok(err, "clCreateBuffer");
  ok(k.setArg(0, da), "setArg");
  ok(k.setArg(1, db), "setArg");
  ok(k.setArg(2, dout), "setArg");
  ok(k.setArg(3, n), "setArg");
  ok(q.enqueueMigrateMemObjects({da, db}, 0), "migrate to device");
  ok(q.enqueueTask(k), "enqueueTask");
  ok(q.enqueueMigrateMemObjects({dout}, CL_MIGRATE_MEM_OBJECT_HOST), "migrate to host");
  ok(q.finish(), "finish");
  // Stock XRT drops a finished command's event from the queue (so finish()
  // returns) a moment before it destroys the event, whose command holds the
  // kernel and so the program; a program made from another xclbin before
  // then is refused ("device ... programmed with different xclbin"), on a
  // card as here.  Wait (2 s at most) until our handle is the kernel's last.
  for (int i = 0; i < 2000 && k.getInfo<CL_KERNEL_REFERENCE_COUNT>() > 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

int count_wrong(const ivec& got, const ivec& want)
{
  int wrong = 0;
  for (int i = 0; i < n; ++i)
    wrong += got[i] != want[i];
  return wrong;
}

void swap()
{
  std::vector<cl::Platform> platforms;
  ok(cl::Platform::get(&platforms), "clGetPlatformIDs");
  std::vector<cl::Device> devices;
  for (auto& p : platforms)
    if (p.getInfo<CL_PLATFORM_NAME>() == "Xilinx")
      ok(p.getDevices(CL_DEVICE_TYPE_ACCELERATOR, &devices), "clGetDeviceIDs");
  EXPECT(!devices.empty());
  cl_int err;
  cl::Context context(devices[0], nullptr, nullptr, nullptr, &err);
  ok(err, "clCreateContext");
  cl::CommandQueue q(context, devices[0], 0, &err);
  ok(err, "clCreateCommandQueue");

  ivec a(n), b(n), prod(n), sum(n), diff(n), want(n);
  for (int i = 0; i < n; ++i) { a[i] = i % 97 - 40; b[i] = 3 * i + 1; }
  {
    run_binary(context, devices[0], q, "reload_vmul", "krnl_vmul", a, b, prod);
    for (int i = 0; i < n; ++i) want[i] = a[i] * b[i];
    std::cout << "krnl_vmul: " << count_wrong(prod, want) << " wrong\n";
    EXPECT(count_wrong(prod, want) == 0);

    run_binary(context, devices[0], q, "reload_vadd", "krnl_vadd", prod, b, sum);
    for (int i = 0; i < n; ++i) want[i] = a[i] * b[i] + b[i];
    std::cout << "krnl_vadd on the product: " << count_wrong(sum, want) << " wrong\n";
    EXPECT(count_wrong(sum, want) == 0);

  }
}

} // namespace

int main(int argc, char** argv)
{
  return scenario::main(argc, argv, {{"swap", swap}}, dir);
}
