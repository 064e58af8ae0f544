// stream_pipeline host: three CUs joined by AXI4-Stream links
// (kernels/examples/stream_pipeline/link.cfg):
//   producer_1 (m_axi in -> out) -> filter_1 (x3, ap_ctrl_none) -> consumer_1 (in -> m_axi out)
// Stream arguments are not set from the host, and the free-running filter
// has no xrt::kernel at all.  The consumer is started first so it is
// waiting when data arrives; then the producer; both are waited for.
// Two rounds, so the filter has to keep running between them.
//   usage: stream_pipeline_host <stream_pipeline.xclbin> [elements]
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " <stream_pipeline.xclbin> [elements]\n";
    return 2;
  }
  const int n = argc > 2 ? std::atoi(argv[2]) : 4096;
  if (n <= 0) {
    std::cerr << "elements must be positive\n";
    return 2;
  }
  try {
    xrt::device device(0);
    auto uuid = device.load_xclbin(argv[1]);
    auto producer = xrt::kernel(device, uuid, "producer");
    auto consumer = xrt::kernel(device, uuid, "consumer");

    // producer(in, out stream, n), consumer(in stream, out, n)
    xrt::bo in(device, n * sizeof(int), producer.group_id(0));
    xrt::bo out(device, n * sizeof(int), consumer.group_id(1));
    auto pi = in.map<int*>();
    auto po = out.map<int*>();

    int errors = 0;
    for (int round = 0; round < 2; ++round) {
      for (int i = 0; i < n; ++i) {
        pi[i] = i - n / 2 + round * 1000;
        po[i] = 0;
      }
      in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      out.sync(XCL_BO_SYNC_BO_TO_DEVICE);

      xrt::run crun(consumer);
      crun.set_arg(1, out);
      crun.set_arg(2, n);
      crun.start();
      xrt::run prun(producer);
      prun.set_arg(0, in);
      prun.set_arg(2, n);
      prun.start();

      auto ps = prun.wait();
      auto cs = crun.wait();
      if (ps != ERT_CMD_STATE_COMPLETED || cs != ERT_CMD_STATE_COMPLETED) {
        std::cout << "round " << round << ": producer state " << ps << ", consumer state " << cs << std::endl;
        ++errors;
        continue;
      }
      out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      for (int i = 0; i < n; ++i)
        if (po[i] != 3 * pi[i]) {
          if (errors < 10)
            std::cout << "round " << round << ": out[" << i << "] = " << po[i] << ", expected " << 3 * pi[i]
                      << std::endl;
          ++errors;
        }
      std::cout << "round " << round << ": " << n << " values through producer_1 -> filter_1 -> consumer_1"
                << std::endl;
    }
    if (errors) {
      std::cout << errors << " errors\nTEST FAILED" << std::endl;
      return 1;
    }
  }
  catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\nTEST FAILED" << std::endl;
    return 1;
  }
  std::cout << "TEST PASSED" << std::endl;
  return 0;
}
