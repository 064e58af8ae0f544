// `v++ -c` for OpenCL C kernels (.cl): clang's OpenCL front end compiles
// the kernel to native code; the kernel's argument metadata comes from the
// OpenCL argument info clang records in its LLVM IR (address space, access
// and type qualifiers, type names: what clGetKernelArgInfo reports).
#pragma once

#include "xrtemu/vpp/compile_kernel.h"

#include <array>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace xrtemu::vpp {

// True for the sources v++ treats as OpenCL C (".cl").
bool is_opencl_source(const std::string& path);

void compile_opencl_kernel(const compile_request& req, std::ostream& log);

// What clang's IR says about one __kernel function.
struct opencl_arg_info
{
  std::string name;
  uint32_t address_space = 0;   // SPIR numbering: 0 private (by value), 1 global, 2 constant, 3 local
  std::string access;           // "none", "read_only", ...
  std::string type;             // as written: "float4*", "data_t"
  std::string base_type;        // typedefs resolved
  std::string type_qual;        // "const", "restrict const", ""
};

struct opencl_kernel_info
{
  std::string name;
  std::vector<opencl_arg_info> args;
  std::array<uint32_t, 3> reqd_work_group_size{};   // 0, 0, 0 when not given
};

// Reading (and adjusting) the LLVM IR text clang emits for an OpenCL C file.
struct opencl_ir
{
  std::map<std::string, opencl_kernel_info> kernels;   // by name
  bool calls_barrier = false;          // barrier(), wait_group_events()
  bool calls_work_dim = false;
  std::vector<uint32_t> queries;       // __xrtemu_wi_query codes used (clc_workitem.h)
};

// Throws vpp::error naming `file` when the IR lacks the argument info.
opencl_ir read_opencl_ir(const std::string& ll_text, const std::string& file);

// Each __local variable declared in a kernel becomes a thread-local
// variable, so CUs of one kernel running at once each have their own local
// memory, shared by the work-items of their group.  Returns the count.
unsigned localize_local_memory(std::string& ll_text);

// The numbers of a constant i32 array global `name` in the IR (sizes the
// trampoline recorded with sizeof); empty when absent.
std::vector<uint32_t> ir_i32_array(const std::string& ll_text, const std::string& name);

} // namespace xrtemu::vpp
