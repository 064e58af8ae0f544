// The body the kernel-time test hosts share (timed_hls_host, timed_ocl_host):
// an input buffer of `words` 32-bit words holding i % 1000 and an output
// buffer, then three runs, each with the output poisoned first and every
// word checked after.  `start(in, out)` starts one run; `want(i, v)` is word
// i's expected result for input v.  Prints TEST PASSED and returns 0, or
// says which run and word went wrong and returns 1.
#pragma once

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdint>
#include <cstring>
#include <iostream>

template <typename Start, typename Want>
int three_checked_runs(xrt::device& device, const xrt::kernel& k, size_t words, Start start, Want want)
{
  xrt::bo in(device, words * 4, k.group_id(0)), out(device, words * 4, k.group_id(1));
  auto* pin = in.map<uint32_t*>();
  auto* pout = out.map<uint32_t*>();
  for (size_t i = 0; i < words; ++i)
    pin[i] = static_cast<uint32_t>(i % 1000);
  in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  for (int run = 0; run < 3; ++run) {
    std::memset(pout, 0xff, words * 4);
    out.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    auto r = start(in, out);
    if (r.wait() != ERT_CMD_STATE_COMPLETED) {
      std::cout << "run " << run << " did not complete\n";
      return 1;
    }
    out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
    for (size_t i = 0; i < words; ++i) {
      uint32_t w = want(i, pin[i]);
      if (pout[i] != w) {
        std::cout << "run " << run << ": word " << i << " is " << pout[i] << ", expected " << w << "\n";
        return 1;
      }
    }
  }
  std::cout << "TEST PASSED\n";
  return 0;
}
