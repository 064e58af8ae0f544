// The two steps every example OpenCL host starts with, as Vitis hosts do
// them (xcl2's role): stop on a failed call, and find the first accelerator
// of the platform named "Xilinx".
#pragma once

#include <CL/opencl.hpp>

#include <cstdlib>
#include <iostream>
#include <vector>

// Stops with the failing call's name and OpenCL error code.
inline void check(cl_int err, const char* what)
{
  if (err != CL_SUCCESS) {
    std::cout << what << " failed with error " << err << "\nTEST FAILED" << std::endl;
    std::exit(1);
  }
}

inline cl::Device first_xilinx_device()
{
  std::vector<cl::Platform> platforms;
  check(cl::Platform::get(&platforms), "clGetPlatformIDs");
  for (auto& p : platforms) {
    if (p.getInfo<CL_PLATFORM_NAME>() != "Xilinx")
      continue;
    std::vector<cl::Device> devices;
    check(p.getDevices(CL_DEVICE_TYPE_ACCELERATOR, &devices), "clGetDeviceIDs");
    if (!devices.empty())
      return devices.front();
  }
  std::cout << "no Xilinx platform with an accelerator device\nTEST FAILED" << std::endl;
  std::exit(1);
}
