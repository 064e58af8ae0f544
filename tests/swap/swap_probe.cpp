// Lists the devices stock XRT finds, by name: what emconfig.json or the
// xrtemu configuration gave this process.
#include <experimental/xrt_system.h>
#include <xrt/xrt_device.h>

#include <exception>
#include <iostream>

int main()
{
  try {
    auto n = xrt::system::enumerate_devices();
    std::cout << "devices " << n << "\n";
    for (unsigned i = 0; i < n; ++i)
      std::cout << "device " << i << " " << xrt::device(i).get_info<xrt::info::device::name>() << "\n";
  }
  catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
