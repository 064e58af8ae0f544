// vadd through the legacy XRT HAL (xclhal2.h), written as host programs
// were before the native XRT API: the host opens the device by index,
// downloads the xclbin, allocates and syncs buffer objects, builds the
// ERT_START_CU packet itself and waits with xclExecWait.  It links
// -lxrt_core; `xrtemu run` puts xrtemu's libxrt_core.so.2 first on the
// library path so these calls land on the emulated card.
//   usage: vadd_hal <vadd.xclbin> [elements] [device index]
#include <xrt/xclhal2.h>
#include <ert.h>

#include "xclbin_sections.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

// vadd's register map, as Vitis HLS lays it out and as old hosts hard-coded
// it: control at 0x00, then each argument in its own slot.
constexpr uint32_t reg_in1 = 0x10;
constexpr uint32_t reg_in2 = 0x1c;
constexpr uint32_t reg_out = 0x28;
constexpr uint32_t reg_size = 0x34;
constexpr uint32_t regmap_words = reg_size / 4 + 1;

int fail(const std::string& what)
{
  std::cout << what << "\nTEST FAILED" << std::endl;
  return 1;
}

bool finished(uint32_t state)
{
  return state == ERT_CMD_STATE_COMPLETED || state == ERT_CMD_STATE_ERROR || state == ERT_CMD_STATE_ABORT ||
         state == ERT_CMD_STATE_TIMEOUT || state == ERT_CMD_STATE_NORESPONSE;
}

// One buffer object: allocated in a bank, mapped for the host.
struct buffer
{
  xclDeviceHandle dev;
  xclBufferHandle bo = NULLBO;
  unsigned* host = nullptr;
  uint64_t address = 0;
  size_t bytes;

  buffer(xclDeviceHandle d, size_t size, unsigned bank) : dev(d), bytes(size)
  {
    bo = xclAllocBO(dev, size, 0, bank);   // flags: the memory index
    if (bo == NULLBO)
      return;
    host = static_cast<unsigned*>(xclMapBO(dev, bo, true));
    xclBOProperties props{};
    if (xclGetBOProperties(dev, bo, &props) == 0)
      address = props.paddr;
  }
  ~buffer()
  {
    if (host)
      xclUnmapBO(dev, bo, host);
    if (bo != NULLBO)
      xclFreeBO(dev, bo);
  }
  bool ok() const { return bo != NULLBO && host; }
};

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <vadd.xclbin> [elements] [device index]\n";
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 4096;
  const unsigned index = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 0;
  const size_t bytes = n * sizeof(unsigned);

  unsigned count = xclProbe();
  std::cout << "xclProbe found " << count << " device(s)" << std::endl;
  if (index >= count)
    return fail("no device " + std::to_string(index));
  xclDeviceHandle dev = xclOpen(index, nullptr, XCL_QUIET);
  if (!dev)
    return fail("xclOpen failed");
  xclDeviceInfo2 info{};
  if (xclGetDeviceInfo2(dev, &info))
    return fail("xclGetDeviceInfo2 failed");
  std::cout << "Device: " << info.mName << ", " << info.mDDRBankCount << " DDR banks" << std::endl;

  std::ifstream file(argv[1], std::ios::binary);
  std::vector<char> image{std::istreambuf_iterator<char>(file), {}};
  if (image.size() < sizeof(axlf))
    return fail("cannot read an xclbin from " + std::string(argv[1]));
  auto top = reinterpret_cast<const axlf*>(image.data());
  if (int rc = xclLoadXclBin(dev, top))
    return fail("xclLoadXclBin failed: " + std::to_string(rc));

  // Which CU and which banks, from the xclbin itself.
  const std::string cu = "vadd:vadd_1";
  unsigned cu_idx, bank[3];
  try {
    cu_idx = hal_example::cu_index(top, cu);
    for (int a = 0; a < 3; ++a)
      bank[a] = hal_example::arg_bank(top, cu, a);
  }
  catch (const std::exception& e) {
    return fail(e.what());
  }
  std::cout << cu << " is CU " << cu_idx << ", arguments in banks " << bank[0] << "/" << bank[1] << "/" << bank[2]
            << std::endl;
  if (xclOpenContext(dev, top->m_header.uuid, cu_idx, true))
    return fail("xclOpenContext failed");

  int result = 0;
  {
    buffer in1(dev, bytes, bank[0]), in2(dev, bytes, bank[1]), out(dev, bytes, bank[2]);
    if (!in1.ok() || !in2.ok() || !out.ok())
      return fail("buffer allocation failed");
    for (int i = 0; i < n; ++i) {
      in1.host[i] = i;
      in2.host[i] = 3 * i + 1;
      out.host[i] = 0;
    }
    if (xclSyncBO(dev, in1.bo, XCL_BO_SYNC_BO_TO_DEVICE, bytes, 0) ||
        xclSyncBO(dev, in2.bo, XCL_BO_SYNC_BO_TO_DEVICE, bytes, 0))
      return fail("xclSyncBO to the device failed");

    // The command: an exec buffer holding an ERT_START_CU packet whose
    // payload is the CU's register map from offset 0.
    xclBufferHandle cmd_bo = xclAllocBO(dev, 4096, 0, XCL_BO_FLAGS_EXECBUF);
    auto cmd = static_cast<ert_start_kernel_cmd*>(xclMapBO(dev, cmd_bo, true));
    if (cmd_bo == NULLBO || !cmd)
      return fail("cannot allocate the command buffer");
    std::memset(cmd, 0, 4096);
    cmd->state = ERT_CMD_STATE_NEW;
    cmd->opcode = ERT_START_CU;
    cmd->count = 1 + regmap_words;   // CU mask + register map
    cmd->cu_mask = 1u << cu_idx;
    auto reg = cmd->data;   // reg[k] is the register at offset 4*k
    auto put64 = [&](uint32_t offset, uint64_t v) {
      reg[offset / 4] = static_cast<uint32_t>(v);
      reg[offset / 4 + 1] = static_cast<uint32_t>(v >> 32);
    };
    put64(reg_in1, in1.address);
    put64(reg_in2, in2.address);
    put64(reg_out, out.address);
    reg[reg_size / 4] = static_cast<uint32_t>(n);

    if (xclExecBuf(dev, cmd_bo))
      return fail("xclExecBuf failed");
    // xclExecWait says some command finished; ours is done when its state says so.
    while (!finished(cmd->state))
      if (xclExecWait(dev, 1000) < 0)
        return fail("xclExecWait failed");
    std::cout << "command finished in state " << cmd->state << std::endl;
    if (cmd->state != ERT_CMD_STATE_COMPLETED)
      result = fail("the command did not complete");

    if (!result && xclSyncBO(dev, out.bo, XCL_BO_SYNC_BO_FROM_DEVICE, bytes, 0))
      result = fail("xclSyncBO from the device failed");
    for (int i = 0; !result && i < n; ++i)
      if (out.host[i] != in1.host[i] + in2.host[i])
        result = fail("mismatch at " + std::to_string(i) + ": got " + std::to_string(out.host[i]) + ", expected " +
                      std::to_string(in1.host[i] + in2.host[i]));
    xclUnmapBO(dev, cmd_bo, cmd);
    xclFreeBO(dev, cmd_bo);
  }
  xclCloseContext(dev, top->m_header.uuid, cu_idx);
  xclClose(dev);
  if (result)
    return result;
  std::cout << "vadd of " << n << " elements through the HAL" << std::endl;
  std::cout << "TEST PASSED" << std::endl;
  return 0;
}
