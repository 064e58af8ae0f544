// OpenCL scenarios for the end-to-end tests, written as Vitis host programs
// are (C++ bindings, cl_ext_xilinx.h).  Built twice: linked with -lOpenCL
// (ocl-icd finds libxilinxopencl through our ICD file) and linked directly
// with -lxilinxopencl.  Either way Xilinx's runtime drives stock coreutil,
// which loads our shim from XILINX_XRT.
//   ocl_scenarios <name> <xclbin dir>      (one scenario per process)
#define CL_HPP_CL_1_2_DEFAULT_BUILD
#define CL_HPP_TARGET_OPENCL_VERSION 120
#define CL_HPP_MINIMUM_OPENCL_VERSION 120
#define CL_TARGET_OPENCL_VERSION 120
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#include <CL/opencl.hpp>
#include <CL/cl_ext_xilinx.h>

#include "../hosts/scenario.h"
#include <xclbin.h>

#include <dlfcn.h>
#include <link.h>

#include <cstdint>
#include "../../host/opencl/page_allocator.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <new>
#include <string>
#include <vector>

namespace {

std::string dir;
constexpr uint64_t GiB = 1ULL << 30;

using ivec = std::vector<int, page_allocator<int>>;
using uvec = std::vector<unsigned, page_allocator<unsigned>>;

// A failing OpenCL call becomes an exception naming the call and the code.
void ok(cl_int err, const std::string& what)
{
  if (err != CL_SUCCESS)
    throw std::runtime_error(what + " failed with error " + std::to_string(err));
}

// Runs f, which must fail with `expected`; prints the code either way.
template <typename F>
void expect_code(const std::string& label, cl_int expected, F f)
{
  cl_int got = f();
  std::cout << label << ": error " << got << "\n";
  EXPECT(got == expected);
}

std::vector<unsigned char> slurp(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), {}};
}

cl::Platform xilinx_platform()
{
  std::vector<cl::Platform> platforms;
  ok(cl::Platform::get(&platforms), "clGetPlatformIDs");
  for (auto& p : platforms)
    if (p.getInfo<CL_PLATFORM_NAME>() == "Xilinx")
      return p;
  throw std::runtime_error("no platform named Xilinx among " + std::to_string(platforms.size()));
}

std::vector<cl::Device> xilinx_devices()
{
  std::vector<cl::Device> devices;
  ok(xilinx_platform().getDevices(CL_DEVICE_TYPE_ACCELERATOR, &devices), "clGetDeviceIDs");
  return devices;
}

// One device, its context and a program built from an xclbin in `dir`.
struct session
{
  cl::Device device;
  cl::Context context;
  cl::Program program;

  explicit session(const std::string& xclbin)
  {
    cl_int err;
    device = xilinx_devices().at(0);
    context = cl::Context(device, nullptr, nullptr, nullptr, &err);
    ok(err, "clCreateContext");
    cl::Program::Binaries bins{slurp(dir + "/" + xclbin)};
    std::vector<cl_int> status;
    program = cl::Program(context, {device}, bins, &status, &err);
    ok(err, "clCreateProgramWithBinary(" + xclbin + ")");
  }

  cl::CommandQueue queue(cl_command_queue_properties props = 0)
  {
    cl_int err;
    cl::CommandQueue q(context, device, props, &err);
    ok(err, "clCreateCommandQueue");
    return q;
  }

  cl::Kernel kernel(const std::string& name)
  {
    cl_int err;
    cl::Kernel k(program, name.c_str(), &err);
    ok(err, "clCreateKernel(" + name + ")");
    return k;
  }

  cl::Buffer buffer(cl_mem_flags flags, size_t size, void* host = nullptr)
  {
    cl_int err;
    cl::Buffer b(context, flags, size, host, &err);
    ok(err, "clCreateBuffer");
    return b;
  }
};

// The device address Xilinx's runtime gave a buffer (a vendor extension,
// reached through the platform as an ICD application must).
uint64_t device_address(const cl::Buffer& b, const cl::Device& d)
{
  using fn_t = cl_int (*)(cl_mem, cl_device_id, size_t, void*);
  auto fn = reinterpret_cast<fn_t>(
      clGetExtensionFunctionAddressForPlatform(xilinx_platform()(), "xclGetMemObjDeviceAddress"));
  if (!fn)
    throw std::runtime_error("xclGetMemObjDeviceAddress is not offered by the Xilinx platform");
  uint64_t addr = 0;
  ok(fn(b(), d(), sizeof addr, &addr), "xclGetMemObjDeviceAddress");
  return addr;
}

void set_vadd_args(cl::Kernel& k, const cl::Buffer& a, const cl::Buffer& b, const cl::Buffer& c, int n)
{
  ok(k.setArg(0, a), "setArg 0");
  ok(k.setArg(1, b), "setArg 1");
  ok(k.setArg(2, c), "setArg 2");
  ok(k.setArg(3, n), "setArg 3");
}

void fill_inputs(unsigned* a, unsigned* b, int n, unsigned seed)
{
  for (int i = 0; i < n; ++i) {
    a[i] = seed + i * 3;
    b[i] = 1000 + seed - i;
  }
}

bool vadd_correct(const unsigned* a, const unsigned* b, const unsigned* c, int n)
{
  for (int i = 0; i < n; ++i)
    if (c[i] != a[i] + b[i]) {
      std::cout << "c[" << i << "] = " << c[i] << ", expected " << a[i] + b[i] << "\n";
      return false;
    }
  return true;
}

// vadd on a fresh set of USE_HOST_PTR buffers: the "device still works"
// check after each bad input.
void vadd_use_host_ptr(session& s, int n)
{
  auto q = s.queue();
  auto k = s.kernel("vadd");
  uvec a(n), b(n), c(n, 0);
  fill_inputs(a.data(), b.data(), n, 7);
  auto ba = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY, n * 4, a.data());
  auto bb = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY, n * 4, b.data());
  auto bc = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_WRITE_ONLY, n * 4, c.data());
  set_vadd_args(k, ba, bb, bc, n);
  ok(q.enqueueMigrateMemObjects({ba, bb}, 0), "migrate to device");
  ok(q.enqueueTask(k), "enqueueTask");
  ok(q.enqueueMigrateMemObjects({bc}, CL_MIGRATE_MEM_OBJECT_HOST), "migrate to host");
  ok(q.finish(), "finish");
  EXPECT(vadd_correct(a.data(), b.data(), c.data(), n));
}

// Profiling times of one event: all four set and in order.
struct times
{
  cl_ulong queued, submit, start, end;
};
times profile(const cl::Event& e)
{
  times t{};
  ok(e.getProfilingInfo(CL_PROFILING_COMMAND_QUEUED, &t.queued), "CL_PROFILING_COMMAND_QUEUED");
  ok(e.getProfilingInfo(CL_PROFILING_COMMAND_SUBMIT, &t.submit), "CL_PROFILING_COMMAND_SUBMIT");
  ok(e.getProfilingInfo(CL_PROFILING_COMMAND_START, &t.start), "CL_PROFILING_COMMAND_START");
  ok(e.getProfilingInfo(CL_PROFILING_COMMAND_END, &t.end), "CL_PROFILING_COMMAND_END");
  EXPECT(t.queued != 0 && t.submit != 0 && t.start != 0 && t.end != 0);
  EXPECT(t.queued <= t.submit && t.submit <= t.start && t.start <= t.end);
  return t;
}

cl_int status_of(const cl::Event& e)
{
  cl_int st = 0;
  ok(e.getInfo(CL_EVENT_COMMAND_EXECUTION_STATUS, &st), "CL_EVENT_COMMAND_EXECUTION_STATUS");
  return st;
}

// The shared object a symbol lives in.
std::string library_of(const void* address)
{
  Dl_info info{};
  return ::dladdr(address, &info) && info.dli_fname ? info.dli_fname : "?";
}

const scenario::table scenarios = {
  {"loader_path", [] {
    // Who answers: the ICD loader or Xilinx's runtime for the API, Xilinx's
    // runtime for its extensions, and the driver library XRT loaded.
    std::cout << "clGetPlatformIDs from " << library_of(reinterpret_cast<const void*>(&clGetPlatformIDs)) << "\n";
    auto ext = clGetExtensionFunctionAddressForPlatform(xilinx_platform()(), "xclGetMemObjDeviceAddress");
    EXPECT(ext != nullptr);
    std::cout << "xclGetMemObjDeviceAddress from " << library_of(ext) << "\n";
    session s("vadd.xclbin");   // opens the device: XRT has loaded its driver by now
    std::string driver;
    ::dl_iterate_phdr([](dl_phdr_info* info, size_t, void* out) {
      std::string name = info->dlpi_name ? info->dlpi_name : "";
      if (name.find("libxrt_core.so") != std::string::npos)
        *static_cast<std::string*>(out) = name;
      return 0;
    }, &driver);
    std::cout << "driver " << driver << "\n";
    EXPECT(!driver.empty());
  }},

  {"platform", [] {
    auto p = xilinx_platform();
    std::cout << "platform " << p.getInfo<CL_PLATFORM_NAME>() << " vendor " << p.getInfo<CL_PLATFORM_VENDOR>()
              << " version " << p.getInfo<CL_PLATFORM_VERSION>() << "\n";
    auto devices = xilinx_devices();
    std::cout << "devices " << devices.size() << "\n";
    EXPECT(!devices.empty());
    for (auto& d : devices) {
      std::cout << "device " << d.getInfo<CL_DEVICE_NAME>() << " global memory "
                << (d.getInfo<CL_DEVICE_GLOBAL_MEM_SIZE>() >> 30) << " GiB\n";
      EXPECT(d.getInfo<CL_DEVICE_TYPE>() == CL_DEVICE_TYPE_ACCELERATOR);
    }
    // Xilinx's runtime reports a device available once a context holds it
    // (that is when it opens the device through XRT).
    cl_int err;
    cl::Context ctx(devices, nullptr, nullptr, nullptr, &err);
    ok(err, "clCreateContext");
    for (auto& d : devices)
      EXPECT(d.getInfo<CL_DEVICE_AVAILABLE>() == CL_TRUE);
  }},

  {"buffer_kinds", [] {
    // vadd once per way of giving a buffer its host memory.
    session s("vadd.xclbin");
    auto q = s.queue();
    auto k = s.kernel("vadd");
    const int n = 4096;
    const size_t bytes = n * 4;

    vadd_use_host_ptr(s, n);
    std::cout << "USE_HOST_PTR ok\n";

    {
      // ALLOC_HOST_PTR: the runtime owns the host side; the host reaches it by mapping.
      auto ba = s.buffer(CL_MEM_ALLOC_HOST_PTR | CL_MEM_READ_ONLY, bytes);
      auto bb = s.buffer(CL_MEM_ALLOC_HOST_PTR | CL_MEM_READ_ONLY, bytes);
      auto bc = s.buffer(CL_MEM_ALLOC_HOST_PTR | CL_MEM_WRITE_ONLY, bytes);
      set_vadd_args(k, ba, bb, bc, n);
      cl_int err;
      auto pa = static_cast<unsigned*>(q.enqueueMapBuffer(ba, CL_TRUE, CL_MAP_WRITE, 0, bytes, nullptr, nullptr, &err));
      ok(err, "map a");
      auto pb = static_cast<unsigned*>(q.enqueueMapBuffer(bb, CL_TRUE, CL_MAP_WRITE, 0, bytes, nullptr, nullptr, &err));
      ok(err, "map b");
      fill_inputs(pa, pb, n, 11);
      uvec a(pa, pa + n), b(pb, pb + n);
      ok(q.enqueueUnmapMemObject(ba, pa), "unmap a");
      ok(q.enqueueUnmapMemObject(bb, pb), "unmap b");
      ok(q.enqueueMigrateMemObjects({ba, bb}, 0), "migrate to device");
      ok(q.enqueueTask(k), "enqueueTask");
      ok(q.enqueueMigrateMemObjects({bc}, CL_MIGRATE_MEM_OBJECT_HOST), "migrate to host");
      auto pc = static_cast<unsigned*>(q.enqueueMapBuffer(bc, CL_TRUE, CL_MAP_READ, 0, bytes, nullptr, nullptr, &err));
      ok(err, "map c");
      EXPECT(vadd_correct(a.data(), b.data(), pc, n));
      ok(q.enqueueUnmapMemObject(bc, pc), "unmap c");
      ok(q.finish(), "finish");
      std::cout << "ALLOC_HOST_PTR ok\n";
    }
    {
      // COPY_HOST_PTR: contents taken at creation; later changes to the source don't matter.
      uvec a(n), b(n), c(n, 0);
      fill_inputs(a.data(), b.data(), n, 23);
      auto ba = s.buffer(CL_MEM_COPY_HOST_PTR | CL_MEM_READ_ONLY, bytes, a.data());
      auto bb = s.buffer(CL_MEM_COPY_HOST_PTR | CL_MEM_READ_ONLY, bytes, b.data());
      uvec a0 = a;
      std::fill(a.begin(), a.end(), 0xdead);
      auto bc = s.buffer(CL_MEM_WRITE_ONLY, bytes);
      set_vadd_args(k, ba, bb, bc, n);
      ok(q.enqueueTask(k), "enqueueTask");
      ok(q.enqueueReadBuffer(bc, CL_TRUE, 0, bytes, c.data()), "enqueueReadBuffer");
      EXPECT(vadd_correct(a0.data(), b.data(), c.data(), n));
      std::cout << "COPY_HOST_PTR ok\n";
    }
    {
      // No host pointer at all: data moves only by read/write commands.
      std::vector<unsigned> a(n), b(n), c(n, 0);
      fill_inputs(a.data(), b.data(), n, 31);
      auto ba = s.buffer(CL_MEM_READ_ONLY, bytes);
      auto bb = s.buffer(CL_MEM_READ_ONLY, bytes);
      auto bc = s.buffer(CL_MEM_WRITE_ONLY, bytes);
      ok(q.enqueueWriteBuffer(ba, CL_FALSE, 0, bytes, a.data()), "write a");
      ok(q.enqueueWriteBuffer(bb, CL_FALSE, 0, bytes, b.data()), "write b");
      set_vadd_args(k, ba, bb, bc, n);
      ok(q.enqueueTask(k), "enqueueTask");
      // Only the second half, at an offset.
      ok(q.enqueueReadBuffer(bc, CL_TRUE, bytes / 2, bytes / 2, c.data() + n / 2), "read c");
      for (int i = n / 2; i < n; ++i)
        EXPECT(c[i] == a[i] + b[i]);
      EXPECT(c[0] == 0);
      std::cout << "read/write buffer ok\n";
    }
  }},

  {"ext_ptr_banks", [] {
    // Bank selection the Xilinx way, on an xclbin whose CUs each sit on their own bank.
    session s("examples/multi_cu.xclbin");
    auto q = s.queue();
    const int n = 2048;
    const size_t bytes = n * 4;
    {
      // XCL_MEM_TOPOLOGY | index: DDR[1], where only vscale_2 is connected.
      auto k = s.kernel("vscale");
      ivec in(n), out(n, 0);
      for (int i = 0; i < n; ++i) in[i] = i - 100;
      cl_mem_ext_ptr_t ein{}, eout{};
      ein.flags = XCL_MEM_TOPOLOGY | 1;
      ein.obj = in.data();
      eout.flags = XCL_MEM_TOPOLOGY | 1;
      eout.obj = out.data();
      auto bi = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_EXT_PTR_XILINX | CL_MEM_READ_ONLY, bytes, &ein);
      auto bo = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_EXT_PTR_XILINX | CL_MEM_WRITE_ONLY, bytes, &eout);
      ok(k.setArg(0, bi), "setArg 0");
      ok(k.setArg(1, bo), "setArg 1");
      ok(k.setArg(2, 5), "setArg 2");
      ok(k.setArg(3, n), "setArg 3");
      ok(q.enqueueMigrateMemObjects({bi, bo}, 0), "migrate to device");
      auto ai = device_address(bi, s.device), ao = device_address(bo, s.device);
      std::cout << "DDR[1] buffers at 0x" << std::hex << ai << " 0x" << ao << std::dec << "\n";
      EXPECT(ai >= 16 * GiB && ai < 32 * GiB && ao >= 16 * GiB && ao < 32 * GiB);
      ok(q.enqueueTask(k), "enqueueTask");
      ok(q.enqueueMigrateMemObjects({bo}, CL_MIGRATE_MEM_OBJECT_HOST), "migrate to host");
      ok(q.finish(), "finish");
      for (int i = 0; i < n; ++i)
        EXPECT(out[i] == 5 * in[i]);
      std::cout << "XCL_MEM_TOPOLOGY bank ok\n";
    }
    {
      // The kernel-argument form: the bank is whatever vinc_2's argument 0/1 is connected to (DDR[3]).
      auto k = s.kernel("vinc:{vinc_2}");
      ivec in(n), out(n, 0);
      for (int i = 0; i < n; ++i) in[i] = 3 * i;
      cl_mem_ext_ptr_t ein{}, eout{};
      ein.argidx = 0;
      ein.host_ptr_ = in.data();
      ein.kernel = k();
      eout.argidx = 1;
      eout.host_ptr_ = out.data();
      eout.kernel = k();
      auto bi = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_EXT_PTR_XILINX | CL_MEM_READ_ONLY, bytes, &ein);
      auto bo = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_EXT_PTR_XILINX | CL_MEM_WRITE_ONLY, bytes, &eout);
      ok(k.setArg(0, bi), "setArg 0");
      ok(k.setArg(1, bo), "setArg 1");
      ok(k.setArg(2, -9), "setArg 2");
      ok(k.setArg(3, n), "setArg 3");
      ok(q.enqueueMigrateMemObjects({bi, bo}, 0), "migrate to device");
      auto ai = device_address(bi, s.device), ao = device_address(bo, s.device);
      std::cout << "vinc_2 buffers at 0x" << std::hex << ai << " 0x" << ao << std::dec << "\n";
      EXPECT(ai >= 48 * GiB && ai < 64 * GiB && ao >= 48 * GiB && ao < 64 * GiB);
      ok(q.enqueueTask(k), "enqueueTask");
      ok(q.enqueueMigrateMemObjects({bo}, CL_MIGRATE_MEM_OBJECT_HOST), "migrate to host");
      ok(q.finish(), "finish");
      for (int i = 0; i < n; ++i)
        EXPECT(out[i] == in[i] - 9);
      std::cout << "kernel argument bank ok\n";
    }
  }},

  {"map_and_subbuffers", [] {
    // One buffer of three regions; vadd reads two sub-buffers and writes the third.
    session s("vadd.xclbin");
    auto q = s.queue();
    auto k = s.kernel("vadd");
    const int n = 1024;
    const size_t region = n * 4;   // 4 KiB: a multiple of CL_DEVICE_MEM_BASE_ADDR_ALIGN
    auto align_bits = s.device.getInfo<CL_DEVICE_MEM_BASE_ADDR_ALIGN>();
    std::cout << "base address alignment " << align_bits << " bits\n";
    EXPECT(region % (align_bits / 8) == 0);
    auto whole = s.buffer(CL_MEM_READ_WRITE, 3 * region);
    cl_int err;
    auto p = static_cast<unsigned*>(
        q.enqueueMapBuffer(whole, CL_TRUE, CL_MAP_WRITE_INVALIDATE_REGION, 0, 3 * region, nullptr, nullptr, &err));
    ok(err, "map whole");
    fill_inputs(p, p + n, n, 5);
    std::fill(p + 2 * n, p + 3 * n, 0u);
    std::vector<unsigned> a(p, p + n), b(p + n, p + 2 * n);
    ok(q.enqueueUnmapMemObject(whole, p), "unmap whole");

    std::vector<cl::Buffer> sub;
    for (int r = 0; r < 3; ++r) {
      cl_buffer_region reg{r * region, region};
      sub.push_back(whole.createSubBuffer(CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &reg, &err));
      ok(err, "createSubBuffer " + std::to_string(r));
    }
    set_vadd_args(k, sub[0], sub[1], sub[2], n);
    ok(q.enqueueMigrateMemObjects({whole}, 0), "migrate whole to device");
    ok(q.enqueueTask(k), "enqueueTask");
    // Read the result through the sub-buffer, then through the parent.
    std::vector<unsigned> c(n);
    ok(q.enqueueReadBuffer(sub[2], CL_TRUE, 0, region, c.data()), "read sub-buffer");
    EXPECT(vadd_correct(a.data(), b.data(), c.data(), n));
    auto base = device_address(whole, s.device);
    auto third = device_address(sub[2], s.device);
    std::cout << "sub-buffer 2 at parent + 0x" << std::hex << third - base << std::dec << "\n";
    EXPECT(third - base == 2 * region);
    auto m = static_cast<unsigned*>(
        q.enqueueMapBuffer(whole, CL_TRUE, CL_MAP_READ, 2 * region, region, nullptr, nullptr, &err));
    ok(err, "map result region");
    EXPECT(vadd_correct(a.data(), b.data(), m, n));
    ok(q.enqueueUnmapMemObject(whole, m), "unmap result");
    ok(q.finish(), "finish");
    std::cout << "sub-buffers ok\n";
  }},

  {"copy_buffer", [] {
    // clEnqueueCopyBuffer between two banks: Xilinx's runtime sends a KDMA
    // copy packet (ERT_START_COPYBO) naming both buffers, which the card runs.
    session s("examples/multi_cu.xclbin");
    auto q = s.queue();
    const int n = 4096;
    const size_t bytes = n * 4;
    cl_mem_ext_ptr_t e0{}, e1{};
    e0.flags = XCL_MEM_TOPOLOGY | 0;
    e1.flags = XCL_MEM_TOPOLOGY | 1;
    auto src = s.buffer(CL_MEM_EXT_PTR_XILINX | CL_MEM_READ_WRITE, bytes, &e0);
    auto dst = s.buffer(CL_MEM_EXT_PTR_XILINX | CL_MEM_READ_WRITE, bytes, &e1);
    std::vector<int> in(n), zero(n, 0), out(n);
    for (int i = 0; i < n; ++i) in[i] = 7 * i + 3;
    ok(q.enqueueWriteBuffer(src, CL_TRUE, 0, bytes, in.data()), "write src");
    ok(q.enqueueWriteBuffer(dst, CL_TRUE, 0, bytes, zero.data()), "write dst");
    // Written buffers are not resident yet: the copy reads the card's copy.
    ok(q.enqueueMigrateMemObjects({src, dst}, 0), "migrate to device");
    // The middle half of src to the start of dst.
    ok(q.enqueueCopyBuffer(src, dst, bytes / 4, 0, bytes / 2), "enqueueCopyBuffer");
    ok(q.enqueueReadBuffer(dst, CL_TRUE, 0, bytes, out.data()), "read dst");
    int wrong = 0;
    for (int i = 0; i < n; ++i)
      wrong += out[i] != (i < n / 2 ? in[i + n / 4] : 0);
    std::cout << "copied across banks: " << wrong << " wrong of " << n << "\n";
    EXPECT(wrong == 0);
  }},

  {"events_in_order", [] {
    // Profiling queue, non-blocking commands chained by events and wait lists.
    session s("vadd.xclbin");
    auto q = s.queue(CL_QUEUE_PROFILING_ENABLE);
    auto k = s.kernel("vadd");
    const int n = 8192;
    const size_t bytes = n * 4;
    std::vector<unsigned> a(n), b(n), c(n, 0);
    fill_inputs(a.data(), b.data(), n, 3);
    auto ba = s.buffer(CL_MEM_READ_ONLY, bytes), bb = s.buffer(CL_MEM_READ_ONLY, bytes),
         bc = s.buffer(CL_MEM_WRITE_ONLY, bytes);
    set_vadd_args(k, ba, bb, bc, n);
    // Xilinx's runtime counts profiling time from the first timestamp it
    // takes in the process, which is therefore about 0: a command before the
    // checked ones takes it.
    ok(q.enqueueWriteBuffer(bc, CL_TRUE, 0, bytes, c.data()), "clear c");
    cl::Event wa, wb, run, rd;
    ok(q.enqueueWriteBuffer(ba, CL_FALSE, 0, bytes, a.data(), nullptr, &wa), "write a");
    ok(q.enqueueWriteBuffer(bb, CL_FALSE, 0, bytes, b.data(), nullptr, &wb), "write b");
    std::vector<cl::Event> inputs{wa, wb};
    ok(q.enqueueTask(k, &inputs, &run), "enqueueTask");
    std::vector<cl::Event> after_run{run};
    ok(q.enqueueReadBuffer(bc, CL_FALSE, 0, bytes, c.data(), &after_run, &rd), "read c");
    ok(rd.wait(), "wait read");
    EXPECT(status_of(run) == CL_COMPLETE && status_of(rd) == CL_COMPLETE);
    EXPECT(vadd_correct(a.data(), b.data(), c.data(), n));
    auto ta = profile(wa), tb = profile(wb), tr = profile(run), td = profile(rd);
    std::cout << "task start " << tr.start << " end " << tr.end << "\n";
    // A command starts only after the commands it waits for have ended.
    EXPECT(ta.end <= tr.start && tb.end <= tr.start && tr.end <= td.start);
    // Xilinx's clEnqueueTask is an NDRange of one work-item, and says so.
    cl_command_type type = 0;
    ok(run.getInfo(CL_EVENT_COMMAND_TYPE, &type), "CL_EVENT_COMMAND_TYPE");
    std::cout << "task event command type 0x" << std::hex << type << std::dec << "\n";
    EXPECT(type == CL_COMMAND_TASK || type == CL_COMMAND_NDRANGE_KERNEL);
    std::cout << "in-order events ok\n";
  }},

  {"out_of_order", [] {
    // An out-of-order queue: order comes only from wait lists.  A user event
    // holds back a kernel; it must not run until the event is set.
    session s("vadd.xclbin");
    auto q = s.queue(CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE | CL_QUEUE_PROFILING_ENABLE);
    const int n = 4096, jobs = 4;
    const size_t bytes = n * 4;
    cl_int err;
    cl::UserEvent gate(s.context, &err);
    ok(err, "clCreateUserEvent");
    struct job
    {
      cl::Kernel k;
      uvec a, b, c;
      cl::Buffer ba, bb, bc;
      cl::Event in, run, out;
    };
    std::vector<job> js(jobs);
    for (int j = 0; j < jobs; ++j) {
      auto& x = js[j];
      x.k = s.kernel("vadd");
      x.a.resize(n), x.b.resize(n), x.c.assign(n, 0);
      fill_inputs(x.a.data(), x.b.data(), n, 100 * j);
      x.ba = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY, bytes, x.a.data());
      x.bb = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY, bytes, x.b.data());
      x.bc = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_WRITE_ONLY, bytes, x.c.data());
      set_vadd_args(x.k, x.ba, x.bb, x.bc, n);
      // Job 0's inputs wait for the gate; the others go at once.
      std::vector<cl::Event> gated{gate};
      ok(q.enqueueMigrateMemObjects({x.ba, x.bb}, 0, j == 0 ? &gated : nullptr, &x.in), "migrate in");
      std::vector<cl::Event> w1{x.in};
      ok(q.enqueueTask(x.k, &w1, &x.run), "enqueueTask");
      std::vector<cl::Event> w2{x.run};
      ok(q.enqueueMigrateMemObjects({x.bc}, CL_MIGRATE_MEM_OBJECT_HOST, &w2, &x.out), "migrate out");
    }
    // Jobs 1..3 finish while job 0 is still held back by the gate.
    for (int j = 1; j < jobs; ++j) {
      ok(js[j].out.wait(), "wait job");
      EXPECT(vadd_correct(js[j].a.data(), js[j].b.data(), js[j].c.data(), n));
    }
    auto held = status_of(js[0].run);
    std::cout << "gated kernel status before the gate opens: " << held << "\n";
    EXPECT(held != CL_COMPLETE && held != CL_RUNNING);
    EXPECT(js[0].c[n - 1] == 0);
    ok(gate.setStatus(CL_COMPLETE), "clSetUserEventStatus");
    ok(q.finish(), "finish");
    EXPECT(vadd_correct(js[0].a.data(), js[0].b.data(), js[0].c.data(), n));
    // The gated job's kernel started after the others had ended.
    auto t0 = profile(js[0].run);
    for (int j = 1; j < jobs; ++j)
      EXPECT(profile(js[j].out).end <= t0.start);
    std::cout << "out-of-order events ok\n";
  }},

  {"register_map", [] {
    // CU registers through a CL_MEM_REGISTER_MAP buffer: offsets are addresses
    // in the kernel control space, the CU's base from xclGetComputeUnitInfo.
    // (Xilinx's runtime refuses such a buffer in a context whose CUs all
    // share one bank, so this uses the four-bank multi_cu.xclbin.)
    session s("examples/multi_cu.xclbin");
    auto q = s.queue();
    auto k = s.kernel("vinc:{vinc_2}");
    using info_fn = cl_int (*)(cl_kernel, cl_uint, xcl_compute_unit_info, size_t, void*, size_t*);
    auto cu_info = reinterpret_cast<info_fn>(
        clGetExtensionFunctionAddressForPlatform(xilinx_platform()(), "xclGetComputeUnitInfo"));
    EXPECT(cu_info != nullptr);
    size_t base = 0;
    char name[64] = {};
    ok(cu_info(k(), 0, XCL_COMPUTE_UNIT_BASE_ADDRESS, sizeof base, &base, nullptr), "XCL_COMPUTE_UNIT_BASE_ADDRESS");
    ok(cu_info(k(), 0, XCL_COMPUTE_UNIT_NAME, sizeof name, name, nullptr), "XCL_COMPUTE_UNIT_NAME");
    std::cout << "CU " << name << " at 0x" << std::hex << base << std::dec << "\n";
    auto regs = s.buffer(CL_MEM_REGISTER_MAP, 0x10000);
    uint32_t ctrl = 0, size = 77, back = 0;
    ok(q.enqueueReadBuffer(regs, CL_TRUE, base, 4, &ctrl), "read AP_CTRL");
    std::cout << "AP_CTRL 0x" << std::hex << ctrl << std::dec << "\n";
    EXPECT(ctrl == 0x4);   // idle
    ok(q.enqueueWriteBuffer(regs, CL_TRUE, base + 0x30, 4, &size), "write the size register");
    ok(q.enqueueReadBuffer(regs, CL_TRUE, base + 0x30, 4, &back), "read the size register");
    EXPECT(back == 77);
    std::cout << "register map ok\n";
  }},

  {"bad_binary", [] {
    // Binaries that are not loadable xclbins: each is refused, nothing
    // crashes, and the real xclbin loads and runs afterwards.  Xilinx's
    // runtime reports load failures raised below it (by coreutil or the
    // driver) as CL_OUT_OF_HOST_MEMORY; only its own checks give
    // CL_INVALID_* codes.  The message on stderr names the problem.
    auto device = xilinx_devices().at(0);
    cl_int err;
    cl::Context ctx(device, nullptr, nullptr, nullptr, &err);
    ok(err, "clCreateContext");
    auto create = [&](const std::vector<unsigned char>& image) {
      cl::Program::Binaries bins{image};
      std::vector<cl_int> status;
      cl::Program p(ctx, {device}, bins, &status, &err);
      return err;
    };
    auto refused = [&](const std::string& label, const std::vector<unsigned char>& image) {
      cl_int got = create(image);
      std::cout << label << ": error " << got << "\n";
      EXPECT(got != CL_SUCCESS);
    };
    // Arbitrary bytes are not tried: stock XRT reads the section table and
    // the length field of whatever it is given before checking the magic,
    // and crashes on most garbage before our driver sees it (docs/opencl.md).
    auto image = slurp(dir + "/vadd.xclbin");
    // A sound header with the wrong magic: coreutil's parser refuses it.
    auto wrong_magic = image;
    wrong_magic[6] = 'X';   // "xclbin2" -> "xclbinX"
    refused("wrong magic", wrong_magic);
    // The right magic and length but nothing else: our driver rejects it.
    std::vector<unsigned char> hollow(4096, 0);
    std::memcpy(hollow.data(), "xclbin2", 8);
    reinterpret_cast<axlf*>(hollow.data())->m_header.m_length = hollow.size();
    refused("magic only", hollow);
    // A real xclbin whose BITSTREAM holds no kernel model (and no model path).
    auto hw = image;
    auto top = reinterpret_cast<axlf*>(hw.data());
    for (uint32_t i = 0; i < top->m_header.m_numSections; ++i)
      if (top->m_sections[i].m_sectionKind == BITSTREAM)
        std::memset(hw.data() + top->m_sections[i].m_sectionOffset, 0xff,
                    std::min<uint64_t>(top->m_sections[i].m_sectionSize, 64));
    refused("no kernel model", hw);
    // The context is still good for the real one.
    EXPECT(create(image) == CL_SUCCESS);
    std::cout << "device usable after bad binaries\n";
  }},

  {"bad_kernel_name", [] {
    session s("vadd.xclbin");
    cl_int err;
    expect_code("kernel nosuch", CL_INVALID_KERNEL_NAME, [&] {
      cl::Kernel k(s.program, "nosuch", &err);
      return err;
    });
    // A CU list naming no CU of the kernel fails too (Xilinx's runtime says
    // CL_OUT_OF_HOST_MEMORY, its code for exceptions it does not classify).
    {
      cl::Kernel k(s.program, "vadd:{vadd_9}", &err);
      std::cout << "kernel vadd:{vadd_9}: error " << err << "\n";
      EXPECT(err != CL_SUCCESS);
    }
    vadd_use_host_ptr(s, 256);
    std::cout << "device usable after bad kernel names\n";
  }},

  {"wrong_bank", [] {
    // A buffer in DDR[3] for vscale, whose CUs are on DDR[0] and DDR[1]:
    // Xilinx's runtime refuses the argument (it checks connectivity itself).
    session s("examples/multi_cu.xclbin");
    auto k = s.kernel("vscale");
    const int n = 256;
    ivec in(n, 1), out(n, 0);
    cl_mem_ext_ptr_t e{};
    e.flags = XCL_MEM_TOPOLOGY | 3;
    e.obj = in.data();
    auto bad = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_EXT_PTR_XILINX | CL_MEM_READ_ONLY, n * 4, &e);
    expect_code("vscale arg 0 in DDR[3]", CL_MEM_OBJECT_ALLOCATION_FAILURE, [&] { return k.setArg(0, bad); });
    // The kernel object is still usable with buffers where its CUs are.
    auto q = s.queue();
    auto k2 = s.kernel("vscale");
    cl_mem_ext_ptr_t ei{}, eo{};
    ei.flags = eo.flags = XCL_MEM_TOPOLOGY | 0;
    ei.obj = in.data();
    eo.obj = out.data();
    auto bi = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_EXT_PTR_XILINX | CL_MEM_READ_ONLY, n * 4, &ei);
    auto bo = s.buffer(CL_MEM_USE_HOST_PTR | CL_MEM_EXT_PTR_XILINX | CL_MEM_WRITE_ONLY, n * 4, &eo);
    ok(k2.setArg(0, bi), "setArg 0");
    ok(k2.setArg(1, bo), "setArg 1");
    ok(k2.setArg(2, 4), "setArg 2");
    ok(k2.setArg(3, n), "setArg 3");
    ok(q.enqueueMigrateMemObjects({bi, bo}, 0), "migrate in");
    ok(q.enqueueTask(k2), "enqueueTask");
    ok(q.enqueueMigrateMemObjects({bo}, CL_MIGRATE_MEM_OBJECT_HOST), "migrate out");
    ok(q.finish(), "finish");
    EXPECT(out[n - 1] == 4);
    std::cout << "device usable after the wrong bank\n";
  }},

  {"read_past_end", [] {
    session s("vadd.xclbin");
    auto q = s.queue();
    const size_t bytes = 4096;
    auto b = s.buffer(CL_MEM_READ_WRITE, bytes);
    std::vector<char> host(2 * bytes);
    expect_code("read 4 KiB at offset 2 KiB of a 4 KiB buffer", CL_INVALID_VALUE,
                [&] { return q.enqueueReadBuffer(b, CL_TRUE, bytes / 2, bytes, host.data()); });
    expect_code("write 8 KiB into a 4 KiB buffer", CL_INVALID_VALUE,
                [&] { return q.enqueueWriteBuffer(b, CL_TRUE, 0, 2 * bytes, host.data()); });
    cl_int err = CL_SUCCESS;
    expect_code("map past the end", CL_INVALID_VALUE, [&] {
      q.enqueueMapBuffer(b, CL_TRUE, CL_MAP_READ, bytes, 1, nullptr, nullptr, &err);
      return err;
    });
    // The exact end is fine.
    ok(q.enqueueReadBuffer(b, CL_TRUE, bytes / 2, bytes / 2, host.data()), "read up to the end");
    vadd_use_host_ptr(s, 256);
    std::cout << "device usable after out-of-range reads\n";
  }},
};

} // namespace

int main(int argc, char** argv)
{
  return scenario::main(argc, argv, scenarios, dir);
}
