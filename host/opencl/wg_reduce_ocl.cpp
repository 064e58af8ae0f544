// An OpenCL C kernel with local memory and barriers (kernels/examples/
// ocl_local/wg_reduce.cl) driven the way Vitis hosts drive NDRange kernels:
// clEnqueueNDRangeKernel with a local size equal to the kernel's
// reqd_work_group_size.  Xilinx's runtime starts the CU once per work-group
// and writes the group id into its registers.
//   usage: wg_reduce_ocl <wg_reduce.xclbin> [groups]
#define CL_HPP_CL_1_2_DEFAULT_BUILD
#define CL_HPP_TARGET_OPENCL_VERSION 120
#define CL_HPP_MINIMUM_OPENCL_VERSION 120
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#include <CL/opencl.hpp>

#include "page_allocator.hpp"
#include "xilinx_device.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

using aligned_vector = std::vector<int, page_allocator<int>>;
constexpr int wg = 64;   // reqd_work_group_size of the kernel

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <wg_reduce.xclbin> [groups]\n";
    return 2;
  }
  const int groups = argc > 2 ? std::atoi(argv[2]) : 16;
  const int n = groups * wg;
  const int scale = 3;
  cl_int err = CL_SUCCESS;

  auto device = first_xilinx_device();
  cl::Context context(device, nullptr, nullptr, nullptr, &err);
  check(err, "clCreateContext");
  cl::CommandQueue queue(context, device, 0, &err);
  check(err, "clCreateCommandQueue");
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::cout << "cannot read " << argv[1] << "\nTEST FAILED" << std::endl;
    return 1;
  }
  std::vector<unsigned char> image{std::istreambuf_iterator<char>(file), {}};
  cl::Program program(context, {device}, cl::Program::Binaries{image}, nullptr, &err);
  check(err, "clCreateProgramWithBinary");
  cl::Kernel krnl(program, "wg_reduce", &err);
  check(err, "clCreateKernel");

  auto reqd = krnl.getWorkGroupInfo<CL_KERNEL_COMPILE_WORK_GROUP_SIZE>(device, &err);
  check(err, "clGetKernelWorkGroupInfo");
  std::cout << "compile work-group size " << reqd[0] << "x" << reqd[1] << "x" << reqd[2] << std::endl;

  aligned_vector in(n), rev(n, 0), sums(groups + 1, 0);
  for (int i = 0; i < n; ++i)
    in[i] = (i * 7919) % 1000 - 500;
  cl::Buffer b_in(context, CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY, n * sizeof(int), in.data(), &err);
  check(err, "clCreateBuffer in");
  cl::Buffer b_rev(context, CL_MEM_USE_HOST_PTR | CL_MEM_WRITE_ONLY, n * sizeof(int), rev.data(), &err);
  check(err, "clCreateBuffer rev");
  cl::Buffer b_sums(context, CL_MEM_USE_HOST_PTR | CL_MEM_WRITE_ONLY, sums.size() * sizeof(int), sums.data(), &err);
  check(err, "clCreateBuffer sums");
  check(krnl.setArg(0, b_in), "clSetKernelArg 0");
  check(krnl.setArg(1, b_rev), "clSetKernelArg 1");
  check(krnl.setArg(2, b_sums), "clSetKernelArg 2");
  check(krnl.setArg(3, scale), "clSetKernelArg 3");

  check(queue.enqueueMigrateMemObjects({b_in}, 0), "clEnqueueMigrateMemObjects to device");
  check(queue.enqueueNDRangeKernel(krnl, cl::NullRange, cl::NDRange(n), cl::NDRange(wg)), "clEnqueueNDRangeKernel");
  check(queue.enqueueMigrateMemObjects({b_rev, b_sums}, CL_MIGRATE_MEM_OBJECT_HOST), "clEnqueueMigrateMemObjects to host");
  check(queue.finish(), "clFinish");

  int bad = 0;
  for (int g = 0; g < groups; ++g) {
    long sum = 0;
    for (int l = 0; l < wg; ++l) {
      sum += in[g * wg + l] * scale;
      int want = in[g * wg + wg - 1 - l] * scale;
      if (rev[g * wg + l] != want && bad++ < 5)
        std::cout << "rev[" << g * wg + l << "] = " << rev[g * wg + l] << ", expected " << want << std::endl;
    }
    if (sums[g] != sum && bad++ < 5)
      std::cout << "sums[" << g << "] = " << sums[g] << ", expected " << sum << std::endl;
  }
  if (sums[groups] != groups && bad++ < 5)
    std::cout << "get_num_groups(0) gave " << sums[groups] << ", expected " << groups << std::endl;
  if (bad) {
    std::cout << bad << " mismatches\nTEST FAILED" << std::endl;
    return 1;
  }
  std::cout << groups << " work-groups of " << wg << ": sums[0] = " << sums[0] << ", num_groups = " << sums[groups]
            << std::endl;
  std::cout << "TEST PASSED" << std::endl;
  return 0;
}
