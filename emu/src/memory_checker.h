// The kernel memory checker (docs/memcheck.md).  A checked run of an
// in-process kernel body (HLS C++, OpenCL C) gets, for each m_axi argument,
// a pointer into a *view* of the buffer the argument is bound to instead of
// a pointer into the bank: a stretch of address space that is PROT_NONE
// except for the buffer's own pages.  The driver allocates whole pages, as
// XRT's does on a card, so an access past a buffer's end into the rest of
// its last page reaches nothing else: it is allowed, and a write there is
// reported as a warning; in strict mode the buffer's end meets the guard
// instead, so such an access fails too.  Any other access faults; the
// SIGSEGV handler recognises the fault as one inside the running thread's
// views, records the address, the program counter and whether it wrote, and
// jumps out of the body.  The run then fails with an AXI error and a message
// naming kernel, CU, argument, buffer, offset and source line.
//
// Views share the bank's pages (the bank's backing is made a memory file,
// share()) when the buffer is whole pages; other buffers are copied into a
// private view before the body and back after it.
#pragma once

#include "xrtemu/emu/card.h"

#include <csetjmp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace xrtemu::emu {

class memory_checker
{
public:
  explicit memory_checker(const platform_desc& platform);
  ~memory_checker();
  memory_checker(const memory_checker&) = delete;
  memory_checker& operator=(const memory_checker&) = delete;

  // The driver's buffers: device ranges (any host thread).
  void add_buffer(uint64_t addr, uint64_t size);
  void remove_buffer(uint64_t addr);

  // Makes a lazily backed reservation shareable by views: its resident
  // pages move into a memory file mapped at the same address.  Simulation
  // thread, with no body running on that memory.  Idempotent.
  void share(uint8_t* host, uint64_t size);

  struct view;
  struct run;

  // Builds the views of one run of `cu`: store[i] of each GLOBAL argument
  // holds its struct xrtemu_global, whose host pointers are redirected into
  // the views.  Simulation thread.
  // `strict`: accesses past the buffer's end inside its last page fail too.
  std::shared_ptr<run> prepare(const cu_desc& cu, std::vector<std::vector<uint8_t>>& store, bool strict = false);

  // Runs fn(argv) on the calling thread under the checker.  Returns "" when
  // the body stayed inside its buffers, else the message; C++ exceptions of
  // the body pass through.  A write into a buffer's page slack (not strict)
  // puts a message in *warning and the run goes on.
  std::string execute(run& r, xrtemu_run_fn fn, void* const* argv, std::string* warning = nullptr);

  // For messages about RTL kernels' misses: which buffer [addr, addr+len)
  // is in or near ("in buffer [a, b) of DDR[0]", "not in any buffer; the
  // nearest is ...").
  std::string describe_address(uint64_t addr, uint64_t len) const;

private:
  struct buffer { uint64_t size; };
  struct shared_mem { uint8_t* host; uint64_t size; int fd; };

  std::shared_ptr<view> make_view(uint64_t addr, const void* global, bool strict);
  std::string bank_of(uint64_t addr) const;
  std::string range_text(uint64_t start, uint64_t size) const;
  std::string explain(const run& r) const;
  std::string slack_written(run& r) const;

  platform_desc m_platform;
  mutable std::mutex m_mutex;
  std::map<uint64_t, buffer> m_buffers;                      // start -> size
  std::vector<shared_mem> m_shared;
  std::map<std::pair<uint64_t, uint64_t>, std::shared_ptr<view>> m_views;   // whole-page shared views
  mutable std::set<std::string> m_warned;                    // "cu\narg" told about a slack write
};

} // namespace xrtemu::emu
