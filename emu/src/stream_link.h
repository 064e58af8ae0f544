// An AXI4-Stream link between two CUs (one `stream_connect` of the link
// config): a bounded FIFO of beats carrying TDATA with TKEEP/TSTRB/TLAST/
// TUSER/TID/TDEST.  Kernel bodies run on host worker threads, so a full or
// empty FIFO parks the calling worker; the card's activity counter learns
// of it, which is how a deadlock (every active CU parked) is recognised.
// cancel() wakes every parked end with XRTEMU_STREAM_CANCELLED.
#pragma once

#include "activity.h"
#include "xrtemu/kernel_model.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace xrtemu::emu {

class stream_link
{
public:
  // name: "producer_1.out -> consumer_1.in"; depth in beats (>= 1).
  stream_link(std::string name, uint32_t depth, activity* act);
  stream_link(const stream_link&) = delete;
  stream_link& operator=(const stream_link&) = delete;

  const std::string& name() const { return m_name; }
  uint32_t depth() const { return m_depth; }

  // The two ends as the kernel model interface sees them.  Reading the
  // producer end, or writing the consumer end, is a kernel bug: CANCELLED.
  const xrtemu_stream_port* producer() const { return &m_producer; }
  const xrtemu_stream_port* consumer() const { return &m_consumer; }

  int write(const xrtemu_beat& b, bool blocking);
  int read(xrtemu_beat& b, bool blocking);
  uint32_t size() const;

  // Drops queued beats and wakes every parked end with CANCELLED.  Ends
  // that were not parked carry on with the now empty link.
  void cancel();
  // Bumps on every cancel(): a body that failed while this moved was
  // cancelled, not broken.
  uint64_t epoch() const { return m_epoch.load(); }

  // For deadlock reports: what is parked on this link right now.
  bool reader_waiting() const { return m_readers_waiting.load() > 0; }
  bool writer_waiting() const { return m_writers_waiting.load() > 0; }
  uint64_t beats() const { return m_beats.load(); }
  uint64_t stalls() const { return m_read_stalls.load() + m_write_stalls.load(); }
  // Which end waited: the reader on an empty FIFO, the writer on a full one
  // (for inspection: which CU a link slows down).
  uint64_t read_stalls() const { return m_read_stalls.load(); }
  uint64_t write_stalls() const { return m_write_stalls.load(); }

private:
  struct slot
  {
    std::vector<uint8_t> data, keep, strb;
    uint64_t user = 0, id = 0, dest = 0;
    uint32_t last = 0;
  };

  std::string m_name;
  uint32_t m_depth;
  activity* m_act;
  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  std::vector<slot> m_ring;
  uint32_t m_head = 0, m_count = 0;
  std::atomic<uint64_t> m_epoch{0};
  std::atomic<int> m_readers_waiting{0}, m_writers_waiting{0};
  std::atomic<uint64_t> m_beats{0}, m_read_stalls{0}, m_write_stalls{0};
  xrtemu_stream_port m_producer{}, m_consumer{};
};

// One kernel invocation's handle on one end of a link.  Once *revoked is
// set (the run was reset or abandoned) every operation fails at once, so a
// body left behind can never take beats meant for the CU's next run.
struct link_end
{
  link_end(stream_link* l, bool producer, const std::atomic<bool>* revoked);
  link_end(const link_end&) = delete;
  link_end& operator=(const link_end&) = delete;

  xrtemu_stream_port port;
  stream_link* link;
  const std::atomic<bool>* revoked;
};

// The end handed to a stream argument that no stream_connect wired up: every
// operation fails the run with a message naming the port.
const xrtemu_stream_port* unconnected_port(const std::string& name);

} // namespace xrtemu::emu
