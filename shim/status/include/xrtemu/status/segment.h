// The status mirror: a running emulated device publishes what `xrtemu
// examine -p PID` and `xrtemu top` show through one POSIX shared-memory
// segment per process, "/xrtemu.<pid>" (/dev/shm/xrtemu.<pid> on Linux).
//
// Layout: a fixed-size, versioned header followed by max_cards card
// entries, every field at a fixed offset, no pointers.  The writer (the
// shim's status thread, one per process) guards each update with a
// sequence counter (a seqlock): odd while it writes, bumped to the next even
// value when done.  A reader copies the segment and keeps the copy only if
// the counter was even and unchanged around the copy, so it never sees half
// an update and never blocks the writer.
//
// Readers check everything they rely on (magic, version, sizes, counts,
// NUL-terminated strings) and report a damaged segment instead of trusting
// it; a segment whose process is gone (or whose pid now belongs to another
// program) is stale and can be removed.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace xrtemu::status {

constexpr char magic[8] = {'X', 'R', 'T', 'E', 'M', 'U', 'S', '1'};
constexpr uint32_t layout_version = 1;

// Capacities.  Larger programs are cut off (the header's `truncated` bit
// says so) rather than making every segment large.
constexpr unsigned max_cards = 8;
constexpr unsigned max_cus = 128;
constexpr unsigned max_banks = 128;
constexpr unsigned max_links = 64;
constexpr unsigned max_clocks = 8;

struct clock_entry
{
  char name[32];
  double mhz;
};

struct cu_entry
{
  char name[64];           // instance, "vadd_1"
  char kernel[64];         // kernel, "vadd"
  uint64_t base;           // control block address
  uint64_t runs;           // completed runs since the xclbin was loaded
  uint32_t protocol;       // enum xrtemu_control: 0 ap_ctrl_hs, 1 chain, 2 none
  uint32_t in_flight;      // runs started and not yet done
  uint32_t busy;           // 1 while a run is in flight
  uint32_t reserved;
};

struct bank_entry
{
  char tag[32];            // "DDR[0]"
  char type[16];           // "DDR", "HBM", "PLRAM", "HOST", "BRAM"
  uint64_t base;
  uint64_t size;           // bytes
  uint64_t allocated;      // bytes held by live buffers
  uint64_t bo_count;       // live buffers
  uint64_t to_device;      // bytes the host moved to the card (sync, write)
  uint64_t from_device;    // bytes moved back
  uint32_t in_xclbin;      // 1 when the loaded xclbin's MEM_TOPOLOGY uses this bank
  uint32_t reserved;
};

struct link_entry
{
  char name[128];          // "producer_1.out -> consumer_1.in"
  uint32_t from_cu, to_cu; // CU indices (into cards[].cus)
  uint32_t depth, fill;    // FIFO depth and beats waiting now
  uint64_t beats;
  uint64_t read_stalls;    // the consumer waited on an empty FIFO
  uint64_t write_stalls;   // the producer waited on a full FIFO
};

struct card_entry
{
  char platform[64];       // "xrtemu_u250"
  char vbnv[128];
  char shell[16];          // "pcie" / "edge"
  uint8_t xclbin_uuid[16];
  uint32_t xclbin_loaded;  // 0: no xclbin
  uint32_t num_clocks, num_cus, num_banks, num_links;
  uint32_t cu_slots;       // CU slots of the platform
  uint64_t xclbin_loads;   // xclbins loaded so far
  uint64_t submitted;      // commands the host handed to the card
  uint64_t completed;      // of those, finished (any final state)
  uint64_t queued;         // waiting for a CU in the scheduler
  clock_entry clocks[max_clocks];
  cu_entry cus[max_cus];
  bank_entry banks[max_banks];
  link_entry links[max_links];
};

struct header
{
  char magic[8];
  uint32_t version;
  uint32_t header_bytes;   // sizeof(header)
  uint64_t total_bytes;    // sizeof(segment)
  uint32_t card_bytes;     // sizeof(card_entry)
  uint32_t max_cards, max_cus, max_banks, max_links, max_clocks;
  int32_t pid;
  uint32_t num_cards;
  uint64_t start_ticks;    // the process's start time (/proc/<pid>/stat field 22), against pid reuse
  uint64_t sequence;       // seqlock: odd while an update is being written (accessed atomically)
  uint64_t updates;        // completed updates
  uint64_t updated_unix_ms;// wall clock of the last update
  uint32_t truncated;      // 1: some CUs, banks or links did not fit
  uint32_t reserved;
  char program[64];        // the process's name
  char command_line[256];  // its arguments, space-separated, cut to fit
};

struct segment
{
  header head;
  card_entry cards[max_cards];
};

// Plain data, so a reader may copy it byte for byte; the sequence counter is
// read and written with atomic builtins (address-free on every target we run).
static_assert(std::is_trivially_copyable_v<segment>, "the segment must be plain data");

// "/xrtemu.<pid>", the shm_open name, and where Linux shows it.
std::string segment_name(int pid);
std::string segment_path(int pid);

// The process's start time in clock ticks since boot, or 0 if unknown.
uint64_t process_start_ticks(int pid);

// `pid` is alive (a zombie is not) and is the process that started at
// `start_ticks` (not a later one given the same pid); 0 ticks: any.
bool same_process_alive(int pid, uint64_t start_ticks);

// Owned by the process that publishes: creates the segment (replacing one a
// dead process with the same pid left behind), maps it, removes it in
// destroy() or the destructor.
class writer
{
public:
  writer();                         // throws std::runtime_error with the reason
  ~writer();
  writer(const writer&) = delete;
  writer& operator=(const writer&) = delete;

  segment& data() { return *m_seg; }
  // Between begin() and end() readers retry; keep it short.
  void begin();
  void end();
  void destroy();

private:
  segment* m_seg = nullptr;
  int m_pid = 0;
};

// Why a segment cannot be read.
struct read_error : std::runtime_error
{
  enum kind { missing, stale, corrupt, busy, denied };
  kind reason;
  int pid;
  std::string program;   // the process's name, when the segment says
  read_error(kind k, int p, const std::string& msg, std::string prog = "")
    : std::runtime_error(msg), reason(k), pid(p), program(std::move(prog)) {}
};

// A consistent copy of one process's segment.  Throws read_error.
std::unique_ptr<segment> read(int pid);

// Pids that have a segment, live or not, in ascending order.
std::vector<int> list();

// Removes a segment.  Refuses (returns false, with the reason) when its
// process is still running and not `force`.
bool remove(int pid, std::string& why, bool force = false);

// A bounded copy of a fixed-size char field.
std::string text(const char* field, size_t size);
template <size_t N> std::string text(const char (&field)[N]) { return text(field, N); }

} // namespace xrtemu::status
