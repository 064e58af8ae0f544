// Turns a card's profile events into a Chrome/Perfetto trace JSON: one
// track per CU with its runs, one track of commands from queued to done,
// instant markers for resets and deadlocks.  otherData says how completion
// was learnt (interrupt or polling).
#pragma once

#include "xrtemu/emu/card.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace xrtemu::shim {

nlohmann::json trace_json(const std::vector<emu::profile_event>& events, const std::vector<emu::cu_status>& cus,
                          const emu::card_options& opts, const std::string& platform);

// Writes one file per card: path for card 0, path with "_card<N>" before the
// extension for the others.  Errors go to stderr: this runs at exit.
void write_traces(const std::string& path, const emu::card_options& opts);

} // namespace xrtemu::shim
