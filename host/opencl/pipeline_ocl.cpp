// A two-kernel pipeline through OpenCL on an out-of-order queue, in the
// style of Vitis host programs.  multi_cu.xclbin has vscale and vinc, two
// CUs each, every CU on its own DDR bank:
//   lane 0: vscale_1 (DDR[0]) -> vinc_1 (DDR[2])
//   lane 1: vscale_2 (DDR[1]) -> vinc_2 (DDR[3])
// Each block of data goes migrate-in -> vscale -> copy into vinc's bank ->
// vinc -> migrate-out.  The queue runs commands in any order, so every
// step names the event it depends on; blocks alternate between the lanes
// and the two lanes proceed side by side.
//   usage: pipeline_ocl <multi_cu.xclbin> [elements per block] [blocks]
#define CL_HPP_CL_1_2_DEFAULT_BUILD
#define CL_HPP_TARGET_OPENCL_VERSION 120
#define CL_HPP_MINIMUM_OPENCL_VERSION 120
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#include <CL/opencl.hpp>

#include "page_allocator.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <new>
#include <string>
#include <vector>

namespace {

using aligned_vector = std::vector<int, page_allocator<int>>;

void check(cl_int err, const std::string& what)
{
  if (err != CL_SUCCESS) {
    std::cout << what << " failed with error " << err << "\nTEST FAILED" << std::endl;
    std::exit(1);
  }
}

constexpr int factor = 3;
constexpr int increment = 17;

// One block's buffers, kernels and the events chaining its steps.
struct block
{
  int lane;
  aligned_vector in, out;
  cl::Kernel scale, inc;
  cl::Buffer b_in, b_scaled, b_moved, b_out;
  cl::Event loaded, scaled, moved, incremented, stored;
};

cl_ulong duration(const cl::Event& e)
{
  return e.getProfilingInfo<CL_PROFILING_COMMAND_END>() - e.getProfilingInfo<CL_PROFILING_COMMAND_START>();
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <multi_cu.xclbin> [elements per block] [blocks]\n";
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 1 << 16;
  const int blocks = argc > 3 ? std::atoi(argv[3]) : 6;
  const size_t bytes = n * sizeof(int);
  cl_int err = CL_SUCCESS;

  std::vector<cl::Platform> platforms;
  check(cl::Platform::get(&platforms), "clGetPlatformIDs");
  cl::Device device;
  for (auto& p : platforms) {
    std::vector<cl::Device> devices;
    if (p.getInfo<CL_PLATFORM_NAME>() == "Xilinx" && p.getDevices(CL_DEVICE_TYPE_ACCELERATOR, &devices) == CL_SUCCESS &&
        !devices.empty()) {
      device = devices.front();
      break;
    }
  }
  if (!device()) {
    std::cout << "no Xilinx device\nTEST FAILED" << std::endl;
    return 1;
  }
  cl::Context context(device, nullptr, nullptr, nullptr, &err);
  check(err, "clCreateContext");
  cl::CommandQueue queue(context, device, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE | CL_QUEUE_PROFILING_ENABLE, &err);
  check(err, "clCreateCommandQueue");

  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::cout << "cannot read " << argv[1] << "\nTEST FAILED" << std::endl;
    return 1;
  }
  cl::Program::Binaries binaries{std::vector<unsigned char>(std::istreambuf_iterator<char>(file), {})};
  cl::Program program(context, {device}, binaries, nullptr, &err);
  check(err, "clCreateProgramWithBinary");

  std::vector<block> work(blocks);
  for (int b = 0; b < blocks; ++b) {
    auto& w = work[b];
    w.lane = b % 2;
    const std::string lane = std::to_string(w.lane + 1);
    // One kernel object per CU and block: each enqueue keeps its own arguments.
    w.scale = cl::Kernel(program, ("vscale:{vscale_" + lane + "}").c_str(), &err);
    check(err, "clCreateKernel vscale_" + lane);
    w.inc = cl::Kernel(program, ("vinc:{vinc_" + lane + "}").c_str(), &err);
    check(err, "clCreateKernel vinc_" + lane);

    w.in.resize(n);
    w.out.assign(n, 0);
    for (int i = 0; i < n; ++i)
      w.in[i] = b * 1000 + i;
    w.b_in = cl::Buffer(context, CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY, bytes, w.in.data(), &err);
    check(err, "clCreateBuffer in");
    w.b_scaled = cl::Buffer(context, CL_MEM_READ_WRITE | CL_MEM_HOST_NO_ACCESS, bytes, nullptr, &err);
    check(err, "clCreateBuffer scaled");
    w.b_moved = cl::Buffer(context, CL_MEM_READ_WRITE | CL_MEM_HOST_NO_ACCESS, bytes, nullptr, &err);
    check(err, "clCreateBuffer moved");
    w.b_out = cl::Buffer(context, CL_MEM_USE_HOST_PTR | CL_MEM_WRITE_ONLY, bytes, w.out.data(), &err);
    check(err, "clCreateBuffer out");

    // Arguments first: Xilinx's runtime then places each buffer in the bank
    // of the CU it is given to.
    check(w.scale.setArg(0, w.b_in), "vscale arg 0");
    check(w.scale.setArg(1, w.b_scaled), "vscale arg 1");
    check(w.scale.setArg(2, factor), "vscale arg 2");
    check(w.scale.setArg(3, n), "vscale arg 3");
    check(w.inc.setArg(0, w.b_moved), "vinc arg 0");
    check(w.inc.setArg(1, w.b_out), "vinc arg 1");
    check(w.inc.setArg(2, increment), "vinc arg 2");
    check(w.inc.setArg(3, n), "vinc arg 3");
  }

  // Everything is enqueued up front; only the events order it.
  for (auto& w : work) {
    check(queue.enqueueMigrateMemObjects({w.b_in}, 0, nullptr, &w.loaded), "migrate in");
    std::vector<cl::Event> after_load{w.loaded};
    check(queue.enqueueTask(w.scale, &after_load, &w.scaled), "enqueueTask vscale");
    // vscale's output bank is not connected to vinc: copy across banks on the card.
    std::vector<cl::Event> after_scale{w.scaled};
    check(queue.enqueueCopyBuffer(w.b_scaled, w.b_moved, 0, 0, bytes, &after_scale, &w.moved), "enqueueCopyBuffer");
    std::vector<cl::Event> after_move{w.moved};
    check(queue.enqueueTask(w.inc, &after_move, &w.incremented), "enqueueTask vinc");
    std::vector<cl::Event> after_inc{w.incremented};
    check(queue.enqueueMigrateMemObjects({w.b_out}, CL_MIGRATE_MEM_OBJECT_HOST, &after_inc, &w.stored),
          "migrate out");
  }
  check(queue.finish(), "clFinish");

  for (int b = 0; b < blocks; ++b) {
    auto& w = work[b];
    for (int i = 0; i < n; ++i) {
      int want = w.in[i] * factor + increment;
      if (w.out[i] != want) {
        std::cout << "block " << b << ": out[" << i << "] = " << w.out[i] << ", expected " << want
                  << "\nTEST FAILED" << std::endl;
        return 1;
      }
    }
    std::cout << "block " << b << " (lane " << w.lane << "): vscale " << duration(w.scaled) << " ns, copy "
              << duration(w.moved) << " ns, vinc " << duration(w.incremented) << " ns" << std::endl;
  }
  std::cout << blocks << " blocks of " << n << " elements through vscale -> vinc" << std::endl;
  std::cout << "TEST PASSED" << std::endl;
  return 0;
}
