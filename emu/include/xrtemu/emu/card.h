// Public face of one emulated card.  The shim (driver role) calls these from
// any host thread; the card forwards work to the SystemC simulation thread
// and never lets a host thread run SystemC code.  No XRT types here.
#pragma once

#include "xrtemu/emu/platform.h"
#include "xrtemu/kernel_model.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace xrtemu::emu {

class sim_kernel;

// Every failure the card reports: bus errors, bad registers, bad programs.
struct error : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

// One argument of a CU as the loaded xclbin lays it out.
struct cu_arg_desc
{
  std::string name;
  uint32_t kind = XRTEMU_ARG_SCALAR;  // enum xrtemu_arg_kind
  uint32_t offset = 0;                // register offset in the control block
  uint32_t size = 0;                  // bytes in the register file
  std::vector<uint64_t> allowed;      // for m_axi args: base addresses of the banks it
                                      // is connected to (empty = any bank)
  bool output = false;                // a scalar the kernel writes back (HLS `int&`):
                                      // data words, then a word whose bit 0 is ap_vld
};

// One compute unit to place on the card.
struct cu_desc
{
  std::string name;                   // instance, "vadd_1"
  std::string kernel;                 // kernel, "vadd"
  uint64_t base = 0;                  // control block address (from IP_LAYOUT)
  uint32_t control = XRTEMU_CTRL_HS;  // enum xrtemu_control
  const xrtemu_kernel* model = nullptr; // how to run it (must outlive the program)
  const xrtemu_live* live = nullptr;  // set: one live instance per CU instead of run() (RTL)
  std::vector<cu_arg_desc> args;      // in model argument order
  bool memcheck = false;              // built with v++ -g: every run is checked (docs/memcheck.md)
  // HLS s_axilite extras (xrtemu/control_registers.h): the auto-restart
  // counter at 0x10, the input mailbox at 0x14, the output mailbox at 0x18.
  bool counted_auto_restart = false;
  bool mailbox_in = false, mailbox_out = false;
};

// One AXI4-Stream link (a stream_connect): producer CU's output stream
// argument to consumer CU's input stream argument.
struct stream_link_desc
{
  unsigned from_cu = 0, from_arg = 0;  // CU index, argument index
  unsigned to_cu = 0, to_arg = 0;
  uint32_t depth = 0;                  // FIFO depth in beats; 0 = default_stream_depth
};

constexpr uint32_t default_stream_depth = 16;

struct program_desc
{
  std::vector<cu_desc> cus;           // CU index in the card = position here
  std::vector<stream_link_desc> links;
  std::shared_ptr<void> keepalive;    // e.g. the dlopen handle of the models
};

// Command completion states (numerically equal to ert.h's ERT_CMD_STATE_*).
enum class cmd_state : uint32_t {
  queued = 2, running = 3, completed = 4, error = 5, abort = 6, timeout = 8
};

// Per-CU counters for inspection.
struct cu_status
{
  std::string name;
  uint64_t runs = 0;       // completed runs
  bool busy = false;
  uint32_t control = XRTEMU_CTRL_HS;
  uint32_t in_flight = 0;  // runs started and not yet done (ap_ctrl_chain: up to 2)
  std::string kernel;      // kernel the CU instantiates
  uint64_t base = 0;       // control block address
};

// Per-link counters for inspection (xrtemu examine/top).
struct link_status
{
  std::string name;        // "producer_1.out -> consumer_1.in"
  unsigned from_cu = 0, to_cu = 0;
  uint32_t depth = 0;      // FIFO depth in beats
  uint32_t fill = 0;       // beats waiting now
  uint64_t beats = 0;      // beats written since the xclbin was loaded
  uint64_t read_stalls = 0;   // times the consumer waited on an empty FIFO
  uint64_t write_stalls = 0;  // times the producer waited on a full FIFO
};

// Everything status() reports plus links and the scheduler queue, taken in
// one visit to the simulation thread so the parts agree.
struct card_snapshot
{
  std::vector<cu_status> cus;
  std::vector<link_status> links;
  uint64_t queued = 0;     // commands waiting for a CU
};

// Timed mode: per-kernel calibration of the HLS kernel time estimate
// (docs/timing.md): the run's cycles are its loops' estimate * scale +
// extra_cycles (+ the fixed run overhead).
struct kernel_time_calibration
{
  double scale = 1.0;
  uint64_t extra_cycles = 0;
};

// How the card runs; set by the driver from xrt.ini and our config.
struct card_options
{
  bool polling = false;          // learn of completion by reading AP_CTRL instead of interrupts
  bool profile = false;          // record profile_events
  uint32_t cu_timeout_ms = 0;    // a run taking longer is failed with TIMEOUT and its CU reset; 0 = never
  uint32_t deadlock_ms = 1000;   // every running CU parked on a stream this long, with nothing
                                 // moving and nothing submitted, is a deadlock; 0 = never check
  uint32_t inline_body_us = 10;  // a CU of a kernel without streams whose last 8 bodies each took
                                 // less than this runs the next on the simulation thread itself,
                                 // without the hand-off to its worker; 0 = always on the worker
  bool memcheck = false;         // check every HLS/OpenCL run's m_axi accesses (docs/memcheck.md)
  bool memcheck_strict = false;  // checked runs also fail on accesses past a buffer's end inside
                                 // its last 4 KiB page (which a card allocates with the buffer)
  bool timed = false;            // approximately-timed mode: card time from the platform's DMA,
                                 // bank and clock figures, wall clock paced to it (docs/timing.md)
  std::map<std::string, kernel_time_calibration> kernel_time;   // by kernel name (timed mode)
};

// Card time of one host DMA in timed mode, ns since profile_epoch(); all
// zero in untimed mode.
struct dma_window
{
  uint64_t start_ns = 0, end_ns = 0;
  uint64_t bytes = 0;
};

// The timed mode's DMA counters (docs/timing.md).
struct dma_stats
{
  uint64_t transfers = 0;
  uint64_t paced_ns = 0;     // wall time syncs were held back to card time
  uint64_t late = 0;         // transfers this host copied slower than the card would move them
  uint64_t lag_ns = 0;       // by how much, in all
};

// One entry of the card's profile.  seq orders events exactly; host_ns is
// the host's steady clock since the card started.
struct profile_event
{
  enum kind : uint8_t {
    cmd_queued,   // the scheduler took a command (cu = -1)
    cmd_started,  // the scheduler wrote ap_start on cu for cmd
    cu_start,     // the CU took its inputs (ap_start cleared)
    cu_done,      // the CU finished a run (ap_done raised)
    cmd_done,     // the command reached its final state (state), learnt via `via`
    cu_reset,     // the CU was reset (abort, timeout, ap_sw_reset, deadlock)
    deadlock      // no CU could make progress; parked runs failed
  };
  kind what;
  int cu;             // CU index, -1 when not about one CU
  uint64_t cmd;       // command number (per card, from 1), 0 when none
  uint32_t state;     // cmd_done: final cmd_state
  const char* via;    // cmd_done: "interrupt" or "polling"; "" otherwise
  uint64_t seq;
  uint64_t host_ns;
  // cu_done of an RTL CU's run: its ap_clk cycles and ap_clk's frequency
  // (the run's card time is cycles / clock_mhz µs); 0 when not known.
  uint64_t cycles = 0;
  double clock_mhz = 0;
  // Timed mode, an HLS C++ run's estimate (docs/timing.md): its card time
  // in ns (cycles / clock_mhz or longer when a bank's bandwidth bounds it);
  // estimate: the cycles are an estimate, not counted ap_clk edges.
  double card_ns = 0;
  bool estimate = false;
};

// Threading: every member may be called from any host thread.
//  - dma_*, direct_pointer, map/unmap_host_window, num_cus run on the
//    caller's thread (memcpy into the bank's backing store, no hop).
//  - program, read/write_register, status, set_log hop to the simulation
//    thread and wait (a few microseconds); called from a completion
//    callback they run inline.
//  - submit only queues; done(state) later runs on the simulation thread
//    inside the scheduler.  Keep it short; it may submit again, read
//    registers or touch memory, but must not call program() or block on
//    another command.  Wait for completion by spinning briefly on the
//    packet's state (release-stored before done runs), then sleeping.
class card
{
public:
  card(const card&) = delete;
  card& operator=(const card&) = delete;
  ~card();

  const platform_desc& platform() const;
  unsigned index() const;

  // --- memory: device physical addresses inside the platform's banks ---
  // Host-side DMA (what xclSyncBO does).  Throws emu::error naming the
  // address range when it leaves every bank.  In timed mode the call
  // returns no earlier than the card would finish (docs/timing.md) and
  // tells the transfer's card time.
  dma_window dma_write(uint64_t addr, const void* src, size_t n);
  dma_window dma_read(uint64_t addr, void* dst, size_t n);
  // A copy inside the card (xclCopyBO's copy engine); in timed mode paced
  // and timed like a host DMA, at the two banks' bandwidth.
  dma_window dma_copy(uint64_t dst, uint64_t src, size_t n);
  // Direct pointer to the backing store of [addr, addr+n) if it lies in one
  // bank (TLM DMI); nullptr otherwise.
  void* direct_pointer(uint64_t addr, size_t n);
  // Host-memory windows (host-only BOs): device addresses that a kernel can
  // use and that map onto host memory the caller owns.
  void map_host_window(uint64_t addr, void* host, size_t n);
  void unmap_host_window(uint64_t addr);
  // The driver's buffers (device ranges), for the memory checker's views
  // and messages.  Any host thread; cheap.
  void note_buffer(uint64_t addr, uint64_t size);
  void forget_buffer(uint64_t addr);

  // --- programming (xclbin load): replaces every CU, resets counters ---
  void program(program_desc prog);
  size_t num_cus() const;

  // --- AXI4-Lite control blocks (xclRegRead/Write, xrt::ip) ---
  uint32_t read_register(unsigned cu, uint32_t offset);
  void write_register(unsigned cu, uint32_t offset, uint32_t value);

  // --- command intake (the ERT role) ---
  // packet: the host-visible ERT packet (ert.h layout), valid until the
  // command completes; bytes: the size of the command buffer holding it (a
  // packet whose count runs past it fails with ERROR, nothing is read there).  The scheduler reads it, runs it on a CU named in its
  // masks, writes the final state into packet's header (state bits) and then
  // calls done(state) on the simulation thread.  Never blocks for the run.
  void submit(uint32_t* packet, size_t bytes, std::function<void(cmd_state)> done);
  // ERT_ABORT: a queued command completes with abort; a running one too,
  // and its CU is reset (a body stuck in a stream is unwound, one stuck in
  // a loop is abandoned).  Unknown or finished packets are ignored.
  void abort(uint32_t* packet);

  void configure(const card_options& opts);
  card_options options() const;
  // The profile so far (empty unless options().profile).
  std::vector<profile_event> events() const;

  std::vector<cu_status> status() const;
  card_snapshot snapshot() const;
  dma_stats dma() const;
  // Where profile_event::host_ns counts from, so the driver can put its own
  // events on the same time line.
  std::chrono::steady_clock::time_point profile_epoch() const;

  // Where the card reports why a command failed (bad CU mask, AXI error,
  // kernel exception).  Called on the simulation thread.  Default: stderr,
  // prefixed "[xrtemu] ".  Pass an empty function to restore the default.
  void set_log(std::function<void(const std::string&)> log);

private:
  friend class simulation;
  friend class sim_kernel;
  struct impl;
  explicit card(std::unique_ptr<impl> p);
  std::unique_ptr<impl> m_impl;
};

// The process-wide SystemC world.  SystemC elaborates once, so every card is
// built up front from the list of platforms; afterwards cards are looked up
// by index.  The simulation runs on its own thread.
class simulation
{
public:
  static simulation& start(const std::vector<platform_desc>& cards);
  static simulation* running();   // nullptr before start()

  size_t num_cards() const;
  card& get(unsigned index);

  // Stops the simulation thread (idempotent; also runs at process exit).
  // Afterwards submit() drops commands and register access throws.  Call it
  // before tearing down anything a completion callback touches.
  void shutdown();

  ~simulation();

private:
  simulation();
  struct impl;
  std::unique_ptr<impl> m_impl;
};

} // namespace xrtemu::emu
