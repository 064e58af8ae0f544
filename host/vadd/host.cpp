// vadd host program, written against the native XRT API exactly as it would
// be for a real card: nothing in it knows about xrtemu.
//   usage: vadd_host <vadd.xclbin> [elements] [device index]
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>
#include <experimental/xrt_xclbin.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <vadd.xclbin> [elements] [device index]\n";
    return 2;
  }
  const std::string xclbin_file = argv[1];
  const int size = argc > 2 ? std::atoi(argv[2]) : 4096;
  const unsigned index = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 0;
  const size_t bytes = sizeof(unsigned int) * size;

  try {
    std::cout << "Open the device " << index << std::endl;
    xrt::device device(index);
    std::cout << "Device: " << device.get_info<xrt::info::device::name>() << std::endl;
    std::cout << "Load the xclbin " << xclbin_file << std::endl;
    auto uuid = device.load_xclbin(xclbin_file);

    auto krnl = xrt::kernel(device, uuid, "vadd");

    std::cout << "Allocate buffers in global memory" << std::endl;
    auto bo0 = xrt::bo(device, bytes, krnl.group_id(0));
    auto bo1 = xrt::bo(device, bytes, krnl.group_id(1));
    auto bo_out = xrt::bo(device, bytes, krnl.group_id(2));

    auto bo0_map = bo0.map<unsigned int*>();
    auto bo1_map = bo1.map<unsigned int*>();
    auto bo_out_map = bo_out.map<unsigned int*>();
    std::vector<unsigned int> expected(size);
    for (int i = 0; i < size; ++i) {
      bo0_map[i] = i;
      bo1_map[i] = 2 * i + 7;
      bo_out_map[i] = 0;
      expected[i] = bo0_map[i] + bo1_map[i];
    }

    std::cout << "Synchronize input buffer data to device global memory" << std::endl;
    bo0.sync(XCL_BO_SYNC_BO_TO_DEVICE);
    bo1.sync(XCL_BO_SYNC_BO_TO_DEVICE);

    std::cout << "Execution of the kernel" << std::endl;
    auto run = krnl(bo0, bo1, bo_out, size);
    auto state = run.wait();
    std::cout << "Run finished with state " << state << std::endl;

    std::cout << "Get the output data from the device" << std::endl;
    bo_out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);

    for (int i = 0; i < size; ++i) {
      if (bo_out_map[i] != expected[i]) {
        std::cout << "Mismatch at " << i << ": got " << bo_out_map[i] << ", expected " << expected[i] << std::endl;
        std::cout << "TEST FAILED" << std::endl;
        return 1;
      }
    }
    std::cout << "vadd of " << size << " elements: out[" << size - 1 << "] = " << bo_out_map[size - 1] << std::endl;
    std::cout << "TEST PASSED" << std::endl;
    return 0;
  }
  catch (const std::exception& e) {
    std::cout << "Error: " << e.what() << std::endl;
    std::cout << "TEST FAILED" << std::endl;
    return 1;
  }
}
