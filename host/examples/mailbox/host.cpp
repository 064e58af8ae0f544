// mailbox host: counted auto-restart and the HLS mailbox through stock XRT
// (xrt::autostart, xrt::mailbox) on mailbox_tally, a kernel synthesized with
// config_interface -s_axilite_mailbox both -s_axilite_auto_restart_counter 1.
//  1. autostart{5}: one command, five runs of the CU, then done; the restart
//     counter (0x10) reads 0 again and the output mailbox shows run 5.
//  2. a plain run of the same kernel runs once.
//  3. autostart{} (forever): while the CU keeps restarting, the host writes
//     new inputs through the mailbox and reads the outputs back, 20 times;
//     each read must show the inputs written before it.  run.stop() ends it.
//   usage: mailbox_host <mailbox.xclbin>
#include <experimental/xrt_mailbox.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdint>
#include <iostream>

namespace {

int failures = 0;

void expect(bool ok, const std::string& what)
{
  std::cout << (ok ? "  ok: " : "  FAILED: ") << what << std::endl;
  failures += ok ? 0 : 1;
}

int out_arg(xrt::mailbox& mb, int index)
{
  auto [data, bytes] = mb.get_arg(index);
  return bytes >= sizeof(int) ? *static_cast<const int*>(data) : -1;
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <mailbox.xclbin>\n";
    return 2;
  }
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    xrt::kernel krnl(device, uuid, "mailbox_tally");   // XRT opens a mailbox kernel exclusively
    constexpr uint32_t counter_reg = 0x10;

    std::cout << "counted: autostart{5}" << std::endl;
    auto counted = krnl(xrt::autostart{5}, 2, 10);
    auto state = counted.wait();
    expect(state == ERT_CMD_STATE_COMPLETED, "the command completes (state " + std::to_string(state) + ")");
    expect(krnl.read_register(counter_reg) == 0, "the restart counter reads 0 after the last run");
    xrt::mailbox mb1(counted);
    mb1.read();
    int value = out_arg(mb1, 2), runs = out_arg(mb1, 3);
    std::cout << "  value " << value << ", runs " << runs << std::endl;
    expect(value == 10 + 3 * 2 && runs == 5, "five runs of one command, outputs of the last");

    std::cout << "plain run" << std::endl;
    auto once = krnl(7, 1);
    once.wait();
    xrt::mailbox mb2(once);
    mb2.read();
    value = out_arg(mb2, 2);
    runs = out_arg(mb2, 3);
    std::cout << "  value " << value << ", runs " << runs << std::endl;
    expect(value == 1 + 3 * 7 && runs == 6, "a run without autostart runs once");

    std::cout << "forever: autostart{} with the mailbox" << std::endl;
    auto forever = krnl(xrt::autostart{}, 0, 0);
    xrt::mailbox mb(forever);
    expect(krnl.read_register(counter_reg) == 0xffffffffu, "the restart counter holds all ones");
    int last_runs = runs, stale = 0;
    for (int i = 1; i <= 20; ++i) {
      mb.set_arg(0, i);
      mb.set_arg(1, 1000 * i);
      mb.write();   // taken at the CU's next run start
      mb.read();    // the outputs of the last finished run
      value = out_arg(mb, 2);
      runs = out_arg(mb, 3);
      if (value != 1000 * i + 3 * i || runs <= last_runs) {
        std::cout << "  step " << i << ": value " << value << " (expected " << 1000 * i + 3 * i << "), runs "
                  << runs << " (before " << last_runs << ")" << std::endl;
        ++stale;
      }
      last_runs = runs;
    }
    expect(stale == 0, "20 mailbox writes, each seen by the next read; runs kept counting");
    auto running = forever.state();
    expect(running == ERT_CMD_STATE_RUNNING || running == ERT_CMD_STATE_QUEUED || running == ERT_CMD_STATE_NEW,
           "the command still runs before stop() (state " + std::to_string(running) + ")");
    forever.stop();
    expect(forever.state() == ERT_CMD_STATE_COMPLETED, "stop() ends the runs and completes the command");
    expect(krnl.read_register(counter_reg) == 0, "the restart counter reads 0 after stop()");
    mb.read();
    std::cout << "  runs after stop: " << out_arg(mb, 3) << std::endl;
    expect(out_arg(mb, 3) >= last_runs, "the run count is final");

    std::cout << (failures ? "TEST FAILED" : "TEST PASSED") << std::endl;
    return failures ? 1 : 0;
  } catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\nTEST FAILED" << std::endl;
    return 1;
  }
}
