// What `xrtemu examine` and `xrtemu top` show, built once as JSON (the
// documented schema of docs/inspect.md) and rendered as text from that.
#pragma once

#include "xrtemu/cards/platform.h"
#include "xrtemu/status/segment.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace xrtemu::cli {

constexpr int inspect_schema_version = 1;

// BDF the shim gives emulated card `index` (pcie_bdf query): bus 0xee.
std::string emulated_bdf(unsigned index);

// One device as configured (no process): platform and memory banks.
nlohmann::ordered_json configured_device_json(const cards::platform_desc& p, unsigned index);
// One card of a live process's status.
nlohmann::ordered_json live_device_json(const status::segment& s, unsigned card);
// The process a status segment belongs to.
nlohmann::ordered_json process_json(const status::segment& s);
// Every process with a status segment: live, stale or damaged ones, with
// what went wrong for the latter.  `except`: a pid to leave out (ours).
nlohmann::ordered_json process_list_json(int except);

void print_device(std::ostream& os, const nlohmann::ordered_json& device);
void print_process_list(std::ostream& os, const nlohmann::ordered_json& processes);

// A -d argument: an index, a BDF or PID:CARD.
struct device_choice
{
  int pid = 0;          // PID:CARD form
  int index = -1;       // card index; -2: a BDF that is not an emulated card's
  std::string bdf;      // as given, when a BDF
};
device_choice parse_device(const std::string& spec);
// The index a choice names among the available devices (their platform
// names), or an error listing them.
unsigned pick_device(const device_choice& c, const std::vector<std::string>& available);

// "16 GiB", "4 KiB", "123 bytes"
std::string human_bytes(uint64_t bytes);
std::string hex(uint64_t v);

} // namespace xrtemu::cli
