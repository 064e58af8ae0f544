// CU contexts across host processes: the driver's CU reference table for one
// emulated card, shared by every process that opens that card.
//
// On a board, xocl's KDS keeps one table per card (kds_core.c, cu_refs): a
// CU held exclusively by one client refuses every other client's context
// (shared or exclusive), and a CU held shared refuses an exclusive one; the
// refusal reaches the host as EINVAL from xclOpenContext, with the reason in
// the kernel log.  Loading another xclbin while any client has a context
// fails with EBUSY.  Here every process has its own card model, so the table
// lives in a small file in /dev/shm ("xrtemu-contexts.<platform>.<card>"),
// locked with flock while it is read and changed, one row per process,
// removed when the last context on the card is closed.  A
// row whose process has died (SIGKILL) is dropped by the next process that
// takes the lock, as the driver drops a dead client's contexts.
//
// How far processes share a card ([Emulation] card_sharing, or
// XRTEMU_CARD_SHARING):
//   contexts (default)  processes that loaded the same xclbin share its CUs'
//                       contexts as on a board; processes with different
//                       xclbins do not see each other (a board would refuse
//                       the second load; hw_emu gives each process its own)
//   strict              as a board: also refuse (EBUSY) to load an xclbin
//                       while another process holds contexts on another one
//   isolated            no table: every process has a card of its own
#pragma once

#include "xrtemu/xclbin/design.h"

#include <string>

namespace xrtemu::shim {

enum class card_sharing { isolated, contexts, strict };

// Parses "isolated" / "contexts" / "strict"; throws std::runtime_error
// naming `where` otherwise.
card_sharing parse_card_sharing(const std::string& text, const std::string& where);

class context_registry
{
public:
  context_registry(const std::string& platform, unsigned card_index, card_sharing mode);
  ~context_registry();
  context_registry(const context_registry&) = delete;
  context_registry& operator=(const context_registry&) = delete;

  // This process takes a context on CU `cu` (named `cu_name` in messages) of
  // xclbin `id`.  Throws xrt_core::system_error(EINVAL) naming the CU and the
  // process that holds it when another process's context forbids it.
  void acquire(const xclbin::uuid& id, unsigned cu, const std::string& cu_name, bool exclusive);
  // This process's last context on `cu` is gone.
  void release(unsigned cu);
  // Before this process loads xclbin `id`: in strict mode, throws
  // xrt_core::system_error(EBUSY) naming the process that holds contexts on
  // another xclbin.
  void check_load(const xclbin::uuid& id);

private:
  struct table;
  class locked;
  // The table is opened on first use and closed (and removed) when no
  // process holds a context any more.
  void open_table();
  void close_table();

  card_sharing m_mode;
  std::string m_name;   // shm_open name
  std::string m_path;
  int m_fd = -1;
  int m_opened_by = 0;   // pid that opened m_fd
  table* m_table = nullptr;
};

} // namespace xrtemu::shim
