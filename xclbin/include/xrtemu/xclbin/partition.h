// The shell partition file (.xsabin) xbutil validate reads to find a shell's
// test directory: an axlf whose PARTITION_METADATA section is a flattened
// device tree carrying the shell's logic UUID (and interface UUID).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace xrtemu::xclbin {

struct partition_ids
{
  std::string logic_uuid;       // 32 lowercase hex digits, as xocl reports it
  std::string interface_uuid;   // the same form; may be empty
};

// A flattened device tree (version 17) with the properties "logic_uuid" and
// interfaces/@0/"interface_uuid", each a NUL-terminated string.
std::vector<uint8_t> make_partition_metadata(const partition_ids& ids);

// An axlf image of the shell partition: header (VBNV, mode flat) and one
// PARTITION_METADATA section.
std::vector<uint8_t> write_partition_xsabin(const std::string& vbnv, const partition_ids& ids);

// Reads the UUIDs back from a .xsabin (or any axlf with PARTITION_METADATA).
// Errors (format_error) name the file and the section.
partition_ids read_partition_ids(const std::string& path);
// The same from bytes in memory; `origin` names them in messages.
partition_ids parse_partition_ids(const void* data, size_t size, const std::string& origin);

} // namespace xrtemu::xclbin
