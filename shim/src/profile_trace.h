// Turns a card's profile into a Chrome/Perfetto trace JSON: a host track of
// driver calls (BO alloc/free, DMA syncs with bytes, bank and direction,
// command submission), one track of commands from queued to done, one
// track per CU with its runs (args name the kernel), counters of stream
// stalls per CU, instant markers for resets and deadlocks.  Events are in
// time order; otherData says how completion was learnt.
#pragma once

#include "host_profile.h"

#include "xrtemu/emu/card.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace xrtemu::shim {

class card_state;

struct trace_input
{
  std::vector<emu::profile_event> events;   // the card's
  std::vector<emu::cu_status> cus;          // names and kernels by CU index
  std::vector<host_event> host;             // the driver's
  std::vector<stall_sample> stalls;
  std::vector<std::string> bank_tags;       // by platform bank
  emu::dma_stats dma;                       // timed mode: paced and late transfers
};

nlohmann::json trace_json(const trace_input& in, const emu::card_options& opts, const std::string& platform);

// Writes one file per card: path for card 0, path with "_card<N>" before the
// extension for the others.  Errors go to stderr: this runs at exit.
void write_traces(const std::string& path, const emu::card_options& opts,
                  const std::vector<std::unique_ptr<card_state>>& cards);

} // namespace xrtemu::shim
