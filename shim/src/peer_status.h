// The peer view: what another process is doing with "the same" emulated
// card.  Every process has its own card model, so a second program (stock
// xbutil examine, say) would find an empty card while a host program runs.
// On a board both see one card; here the second process reads the live
// status mirror (shim/status) the card's owner publishes and answers the
// xclbin, CU and memory queries from it, as long as it has not loaded an
// xclbin itself.
//   XRTEMU_PEER_VIEW=0   off: every process sees only its own card
//   XRTEMU_PEER_PID=<n>  only process n's card (else the most recently
//                        updated of those that have loaded an xclbin)
#pragma once

#include "xrtemu/status/segment.h"

#include "query.h"

#include <memory>
#include <string>
#include <vector>

namespace xrtemu::shim {

struct peer_card
{
  int pid = 0;
  std::string program;
  xrtemu::status::card_entry card;   // a consistent copy
};

// The card `index` of the live process (not this one) that has loaded an
// xclbin onto a card of platform `platform`, the most recently updated one
// when several have; null when none (or the view is off).
std::shared_ptr<const peer_card> find_peer(unsigned index, const std::string& platform);

bool peer_view_enabled();

// Query answers from a peer's card, in the driver's formats (queries.cpp).
// The mirror holds no xclbin sections, so the memory topology is rebuilt
// from its banks: one entry per platform bank, in platform order, marked
// used when the peer's xclbin uses it; memstat follows the same order.
std::string peer_xclbin_uuid(const peer_card& p);
std::vector<char> peer_mem_topology(const peer_card& p);
std::vector<std::string> peer_memstat_raw(const peer_card& p);
std::vector<char> peer_memstat(const peer_card& p);
xrt_core::query::kds_cu_info::result_type peer_cu_info(const peer_card& p);
std::vector<std::string> peer_dma_threads(const peer_card& p);

} // namespace xrtemu::shim
