// Lists the devices stock XRT finds, by name: what emconfig.json or the
// xrtemu configuration gave this process.  `swap_probe p2p`: a p2p buffer's
// map is the card's memory (no sync), as on a card's PCIe BAR.
// `swap_probe export` (two devices): a buffer of device 1 exported and
// imported into device 0, copied into and out of on device 0 (the public
// p2p_fpga2fpga example's clEnqueueCopyBuffer between the cards).
#include <experimental/xrt_system.h>
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>

#include <cstring>

#include <exception>
#include <iostream>

int p2p()
{
  xrt::device d(0);
  xrt::bo p(d, 4096, xrt::bo::flags::p2p, 0), n(d, 4096, 0);
  std::memset(p.map<char*>(), 42, 4096);       // straight into the bank
  n.copy(p);                                   // card-side copy
  n.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  std::cout << "p2p via card copy " << int(n.map<char*>()[4095]) << "\n";
  std::memset(n.map<char*>(), 7, 4096);
  n.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  p.copy(n);                                   // the card writes; the host's map sees it
  std::cout << "p2p map sees " << int(p.map<char*>()[100]) << "\n";
  return 0;
}

int export_import()
{
  xrt::device d0(0), d1(1);
  xrt::bo peer(d1, 4096, xrt::bo::flags::p2p, 0);
  std::memset(peer.map<char*>(), 0, 4096);
  auto handle = peer.export_buffer();
  xrt::bo imported(static_cast<xclDeviceHandle>(d0), handle);
  xrt::bo local(d0, 4096, 0);
  std::memset(local.map<char*>(), 42, 4096);
  local.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  imported.copy(local);                        // card 0 writes card 1's memory
  std::cout << "peer sees " << int(peer.map<char*>()[4095]) << "\n";
  peer.map<char*>()[8] = 9;
  xrt::bo back(d0, 4096, 0);
  back.copy(imported);                         // card 0 reads card 1's memory
  back.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  std::cout << "back reads " << int(back.map<char*>()[8]) << " " << int(back.map<char*>()[9]) << "\n";
  try {
    xrt::bo bogus(static_cast<xclDeviceHandle>(d0), 1234567);
  }
  catch (const std::exception& e) {
    std::cout << "bogus import: " << e.what() << "\n";
  }
  return 0;
}

int main(int argc, char** argv)
{
  try {
    if (argc > 1 && std::strcmp(argv[1], "p2p") == 0)
      return p2p();
    if (argc > 1 && std::strcmp(argv[1], "export") == 0)
      return export_import();
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
