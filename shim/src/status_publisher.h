// Publishes the emulated cards' live status to the shared-memory mirror
// (shim/status: /xrtemu.<pid>) that `xrtemu examine -p` and `xrtemu top`
// read.  A background thread refreshes it every 20 ms and when an xclbin is
// loaded; the data path (exec_buf, sync) only bumps relaxed counters.
//   XRTEMU_STATUS=0        no mirror
//   XRTEMU_STATUS_MS=<n>   refresh period in milliseconds
#pragma once

#include <memory>
#include <vector>

namespace xrtemu::shim {

class card_state;

namespace status_publisher {

// Creates the segment and starts the thread.  Failures (no /dev/shm, ...)
// are reported once on stderr and leave the program running without a mirror.
void start(const std::vector<std::unique_ptr<card_state>>& cards);
// Publish soon rather than at the next tick.
void refresh();
// Takes a last sample, stops the thread and removes the segment (at exit).
void stop();

} // namespace status_publisher
} // namespace xrtemu::shim
