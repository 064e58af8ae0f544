// What an xclbin says, in plain C++ types: the memory banks it uses, its
// kernels and their arguments, the CU instances, which CU port connects to
// which bank.  The reader fills it from an axlf file; the writer turns it
// into one.  Leaf library: depends on nothing of ours.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xrtemu::xclbin {

using uuid = std::array<uint8_t, 16>;
std::string to_string(const uuid& u);          // 8-4-4-4-12 lowercase hex
uuid random_uuid();

// MEM_TYPE of a kernel-to-kernel AXI4-Stream link (MEM_STREAMING_CONNECTION
// in xclbin.h; the writer checks the value against the header).
constexpr uint8_t mem_type_stream_connection = 9;

struct mem_bank                 // one MEM_TOPOLOGY entry
{
  std::string tag;              // "DDR[1]", "HBM[0]", "bank1", "strm_0" ...
  uint8_t type = 0;             // MEM_TYPE (xclbin.h): MEM_DDR4, MEM_DRAM, MEM_HBM ...
  bool used = true;
  uint64_t base = 0;
  uint64_t size = 0;            // bytes; 0 for stream connections
  // Stream connections only: the link's FIFO depth in beats, 0 = the
  // emulator's default.  Stored in m_size (xrtemu's convention, see the writer).
  uint32_t stream_depth = 0;

  bool stream_connection() const { return type == mem_type_stream_connection; }
};

struct kernel_arg
{
  std::string name;
  std::string type;             // "int*", "unsigned int", "ap_uint<512>*"
  uint32_t address_qualifier = 0; // 0 scalar, 1 global (m_axi), 4 stream
  std::string port;             // "M_AXI_GMEM", "S_AXI_CONTROL", axis port name
  uint64_t offset = 0;          // register offset
  uint64_t size = 0;            // register size in bytes
  uint64_t host_size = 0;       // host-side size
  uint64_t host_offset = 0;
  // OpenCL runtime-info register (group_id, global_offset ...): written
  // with an empty id, after the indexed arguments; XRT's OpenCL layer fills
  // it per work-group.  The reader skips these, as XRT's argument list does.
  bool rtinfo = false;
};

struct kernel_port              // <port> of the kernel XML
{
  std::string name;             // "M_AXI_GMEM", "S_AXI_CONTROL"
  std::string mode;             // "master", "slave", "read_only", "write_only"
  uint64_t range = 0;
  uint32_t data_width = 32;
  std::string port_type;        // "addressable", "stream"
};

struct kernel
{
  std::string name;
  std::string control;          // "ap_ctrl_hs", "ap_ctrl_chain", "ap_ctrl_none"
  std::vector<kernel_port> ports;
  std::vector<kernel_arg> args; // in argument index order
  std::string language = "c";   // "c" (HLS C/C++), "clc" (OpenCL C)
  // compileWorkGroupSize (reqd_work_group_size of an OpenCL kernel); all
  // zero: not written.
  std::array<uint32_t, 3> work_group_size{};
  // HLS s_axilite mailbox and counted auto-restart (the <kernel> attributes
  // mailbox= and countedAutoRestart= that XRT's xclbin_parser reads):
  // mailbox "" (none), "in", "out" or "both"; the reader takes XRT's
  // spellings (none, in, out, inout, both, true, false).
  std::string mailbox;
  uint32_t counted_auto_restart = 0;
};

struct instance                 // one CU: IP_LAYOUT entry + instance in the XML
{
  std::string kernel;           // "vadd"
  std::string name;             // "vadd_1"
  uint64_t base = 0;            // control block address
  bool interrupt = true;
  // Control protocol from the IP_LAYOUT properties ("ap_ctrl_hs", "ap_ctrl_chain",
  // "ap_ctrl_none", "ap_ctrl_me", ...).  Empty: the kernel's (writer); the
  // reader always fills it.
  std::string control;
};

// One CONNECTIVITY entry.  A stream link is a MEM_TOPOLOGY entry of type
// MEM_STREAMING_CONNECTION with exactly two entries here: the producer's
// stream argument first, then the consumer's (stream_links.h).
struct connection
{
  uint32_t arg_index = 0;
  uint32_t ip_index = 0;        // index into design::instances (IP_LAYOUT order)
  uint32_t mem_index = 0;       // index into design::banks (MEM_TOPOLOGY order)
};

struct clock
{
  std::string name;             // "DATA_CLK", "KERNEL_CLK"
  uint16_t mhz = 300;
  uint8_t type = 1;             // CLOCK_TYPE (xclbin.h)
};

struct design
{
  uuid id{};                    // xclbin UUID (m_header.uuid)
  std::string platform_vbnv;    // m_header.m_platformVBNV
  std::string mode = "hw";      // informational (target)
  std::vector<mem_bank> banks;
  std::vector<kernel> kernels;
  std::vector<instance> instances;
  std::vector<connection> connections;
  // GROUP_TOPOLOGY and GROUP_CONNECTIVITY (memory_groups.h), which XRT's
  // memory indices (BO flags, xrt::kernel::group_id) refer to.  The reader
  // fills them from the file, or copies banks/connections when it has none;
  // the writer computes them when they are empty.
  std::vector<mem_bank> group_banks;
  std::vector<connection> group_connections;
  std::vector<clock> clocks;
  std::vector<uint8_t> model;   // xrtemu kernel model (shared object bytes), may be empty
  std::string model_name;       // file name of the model, for messages
};

} // namespace xrtemu::xclbin
