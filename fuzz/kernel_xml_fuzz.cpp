// Fuzz target: kernel XML, both readers: a Vitis RTL kernel.xml as
// `xrtemu package_xo` reads it, and the EMBEDDED_METADATA kernel XML of an
// xclbin (xclbin/src/kernel_xml.cpp).
#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/rtl_kernel.h"
#include "xrtemu/xclbin/axlf.h"

#include "../xclbin/src/detail.h"
#include "fuzz_input.h"

using namespace xrtemu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  auto& path = fuzz::as_file(data, size, "kernel.xml");
  try {
    (void)vpp::read_kernel_xml(path, "");
  }
  catch (const vpp::error&) {
  }
  try {
    (void)xclbin::detail::parse_kernel_xml(fuzz::as_text(data, size), "fuzz.xclbin");
  }
  catch (const xclbin::format_error&) {
  }
  return 0;
}
