// vadd through OpenCL, written the way Vitis host programs are: the
// "Xilinx" platform by name, the xclbin handed to clCreateProgramWithBinary,
// buffers over page-aligned host memory (CL_MEM_USE_HOST_PTR), migrations
// both ways around one clEnqueueTask.  Nothing in it knows about xrtemu:
// under `xrtemu run` the ICD loader finds Xilinx's libxilinxopencl, which
// drives the emulated card through stock XRT.
//   usage: vadd_ocl <vadd.xclbin> [elements]
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
#include <new>
#include <string>
#include <vector>

namespace {


using aligned_vector = std::vector<unsigned, page_allocator<unsigned>>;

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <vadd.xclbin> [elements]\n";
    return 2;
  }
  const int size = argc > 2 ? std::atoi(argv[2]) : 4096;
  const size_t bytes = size * sizeof(unsigned);
  cl_int err = CL_SUCCESS;

  auto device = first_xilinx_device();
  std::cout << "Device: " << device.getInfo<CL_DEVICE_NAME>() << std::endl;
  cl::Context context(device, nullptr, nullptr, nullptr, &err);
  check(err, "clCreateContext");
  cl::CommandQueue queue(context, device, CL_QUEUE_PROFILING_ENABLE, &err);
  check(err, "clCreateCommandQueue");

  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::cout << "cannot read " << argv[1] << "\nTEST FAILED" << std::endl;
    return 1;
  }
  std::vector<unsigned char> image{std::istreambuf_iterator<char>(file), {}};
  cl::Program::Binaries binaries{image};
  cl::Program program(context, {device}, binaries, nullptr, &err);
  check(err, "clCreateProgramWithBinary");
  cl::Kernel krnl(program, "vadd", &err);
  check(err, "clCreateKernel");

  aligned_vector in1(size), in2(size), out(size, 0);
  for (int i = 0; i < size; ++i) {
    in1[i] = i;
    in2[i] = 2 * i + 7;
  }
  cl::Buffer b_in1(context, CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY, bytes, in1.data(), &err);
  check(err, "clCreateBuffer in1");
  cl::Buffer b_in2(context, CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY, bytes, in2.data(), &err);
  check(err, "clCreateBuffer in2");
  cl::Buffer b_out(context, CL_MEM_USE_HOST_PTR | CL_MEM_WRITE_ONLY, bytes, out.data(), &err);
  check(err, "clCreateBuffer out");

  check(krnl.setArg(0, b_in1), "clSetKernelArg 0");
  check(krnl.setArg(1, b_in2), "clSetKernelArg 1");
  check(krnl.setArg(2, b_out), "clSetKernelArg 2");
  check(krnl.setArg(3, size), "clSetKernelArg 3");

  check(queue.enqueueMigrateMemObjects({b_in1, b_in2}, 0), "clEnqueueMigrateMemObjects to device");
  cl::Event run;
  check(queue.enqueueTask(krnl, nullptr, &run), "clEnqueueTask");
  check(queue.enqueueMigrateMemObjects({b_out}, CL_MIGRATE_MEM_OBJECT_HOST), "clEnqueueMigrateMemObjects to host");
  check(queue.finish(), "clFinish");

  auto start = run.getProfilingInfo<CL_PROFILING_COMMAND_START>();
  auto end = run.getProfilingInfo<CL_PROFILING_COMMAND_END>();
  std::cout << "kernel ran " << (end - start) << " ns" << std::endl;

  for (int i = 0; i < size; ++i) {
    if (out[i] != in1[i] + in2[i]) {
      std::cout << "Mismatch at " << i << ": got " << out[i] << ", expected " << in1[i] + in2[i] << std::endl;
      std::cout << "TEST FAILED" << std::endl;
      return 1;
    }
  }
  std::cout << "vadd of " << size << " elements: out[" << size - 1 << "] = " << out[size - 1] << std::endl;
  std::cout << "TEST PASSED" << std::endl;
  return 0;
}
