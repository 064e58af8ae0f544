// The emulated card's description: data, not code.  A platform JSON file
// (share/xrtemu/platforms/*.json) names the board, its memory banks, clocks
// and limits.  The card model is built from this and nothing else.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace xrtemu::cards {

// Bad card descriptions: the message names the file and the key.
struct error : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

enum class bank_kind { ddr, hbm, plram, host, bram, streaming };

struct bank_desc
{
  std::string tag;        // "DDR[0]", "HBM[3]", "PLRAM[1]", "HOST[0]"
  bank_kind kind = bank_kind::ddr;
  uint64_t base = 0;      // device physical address of the first byte
  uint64_t size = 0;      // bytes
  // "max_size": how large an xclbin may make this bank (PLRAM resized at
  // link time, docs/swap.md); 0 when it cannot grow.  The card reserves
  // window() bytes of address space from `base`.
  uint64_t max_size = 0;
  uint64_t window() const { return max_size > size ? max_size : size; }
};

// Host<->card DMA as the timed mode models it (docs/timing.md).  1 GB/s is
// 10^9 bytes per second.
struct dma_desc
{
  double h2c_gbps = 12.0;      // host -> card bandwidth of the link
  double c2h_gbps = 12.0;      // card -> host
  double latency_us = 1.0;     // per transfer, before the first byte moves
  unsigned channels = 1;       // transfers of one direction that may run at once
};

// Command completion latency as the timed mode models it: from a CU's
// ap_done to the command's COMPLETED state seen by the host.
struct command_latency_desc
{
  double interrupt_us = 0;     // MSI-X interrupt, driver, waiting thread woken
  double polling_us = 0;       // [Runtime] ert_polling=true
};

struct platform_desc
{
  std::string file;            // where it was read from (for messages)
  std::string name;            // short name, e.g. "xrtemu_u250"
  std::string vbnv;            // xilinx_u250_gen3x16_xdma_4_1_202210_1 style
  std::vector<std::string> aliases;  // other shell names this card answers to
  std::string shell;           // "pcie" or "edge"
  std::string family;          // FPGA family as platforminfo prints it ("virtexuplus")
  std::string part;            // FPGA part ("xcu250-figd2104-2L-e"), empty if not given
  std::vector<bank_desc> banks;
  std::map<std::string, double> clocks_mhz;  // "ap_clk" -> 300, "ap_clk_2" -> 500
  uint32_t max_cus = 64;       // CU slots the card elaborates
  uint64_t cu_base = 0x1800000;   // first CU control block address
  uint64_t cu_stride = 0x10000;   // control block spacing
  dma_desc dma;                // host<->card DMA (timed mode)
  command_latency_desc command_latency;   // (timed mode)
  std::map<bank_kind, double> bank_gbps;   // bandwidth of one bank of each memory type
                                           // (timed mode); a type not listed is not a limit
  // The shell's identity as xocl reports it (logic_uuids / interface_uuids
  // queries): 32 lowercase hex digits.  From "shell_ids" in the file, else
  // derived from the VBNV (stable, distinct per VBNV).  xbutil validate finds
  // the shell's test directory by the logic UUID (docs/validate.md).
  std::string logic_uuid;
  std::string interface_uuid;

  const bank_desc* find_bank(const std::string& tag) const;
  // The bank whose address range holds `addr` (the one lookup every layer
  // uses); nullptr / -1 when the address is in no bank.
  const bank_desc* bank_at(uint64_t addr) const;
  int bank_index_at(uint64_t addr) const;
  // bank_gbps of banks[i]'s memory type, 0 when the file gives none.
  double bank_gbps_of(unsigned i) const;
  // True if `n` is this card's name, its VBNV or one of its aliases.
  bool answers_to(const std::string& n) const;
};

// Reads and checks a platform JSON file.  Errors name the file and the key.
platform_desc load_platform(const std::string& path);

// A stable 32-hex-digit identifier derived from `vbnv` and a salt ("logic",
// "interface"): what a platform file without "shell_ids" answers.
std::string derived_shell_id(const std::string& salt, const std::string& vbnv);

// Parses "DDR", "HBM", ... (case-insensitive); throws on unknown kinds.
bank_kind parse_bank_kind(const std::string& s);
const char* to_string(bank_kind k);

} // namespace xrtemu::cards
