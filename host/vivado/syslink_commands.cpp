// The block-design commands a v++ link runs before system linking: the
// script named by `compiler.userPreSysLinkOverlayTcl` (v++ --advanced.param,
// [advanced] param=, --xp param:) sees the platform's block design, in which
// `/memory_subsystem` holds the PLRAM instances.  The only command with an
// effect here is sdx_memory_subsystem::update_plram_specification: its SIZE
// becomes the bank's size in the xclbin's MEM_TOPOLOGY (v++ reads the result
// file written at the end, docs/swap.md).  The other keys of a PLRAM
// specification shape the hardware only; they are checked and logged.
#include "vivado_session.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>

namespace xrtemu::vivado {

namespace {

const std::string memory_subsystem = "/memory_subsystem";

std::string human(uint64_t bytes)
{
  if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0)
    return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// "2M", "128K", "131072" (bytes); K, M, G are powers of 1024, as Vivado reads them.
uint64_t parse_size(const std::string& text)
{
  std::smatch m;
  static const std::regex re(R"(^\s*(\d{1,10})\s*([kKmMgG]?)[bB]?\s*$)");
  if (!std::regex_match(text, m, re))
    throw tcl_error("SIZE '" + text + "' is not a size (a number of bytes, or with K, M or G: 128K, 2M)");
  uint64_t n = std::stoull(m[1].str());
  switch (m[2].str().empty() ? 0 : std::toupper(static_cast<unsigned char>(m[2].str()[0]))) {
  case 'K': n <<= 10; break;
  case 'M': n <<= 20; break;
  case 'G': n <<= 30; break;
  default: break;
  }
  return n;
}

unsigned parse_uint(const std::string& key, const std::string& text)
{
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
    throw tcl_error(key + " '" + text + "' is not a number");
  return static_cast<unsigned>(std::stoul(text));
}

std::string update_plram_specification(session& s, const std::vector<std::string>& args)
{
  if (args.size() != 3)
    throw tcl_error("expected <memory subsystem cell> <PLRAM resource> <specification>, got " +
                    std::to_string(args.size()) + " argument" + (args.size() == 1 ? "" : "s"));
  auto cell = args[0].empty() || args[0][0] == '/' ? args[0] : "/" + args[0];
  if (cell != memory_subsystem)
    throw tcl_error("cell '" + args[0] + "' is not the memory subsystem (" + memory_subsystem +
                    ", as [get_bd_cells /memory_subsystem] returns)");
  auto& p = *s.platform;
  std::smatch m;
  static const std::regex re(R"(^PLRAM_MEM(\d{2})$)");
  const cards::bank_desc* bank = nullptr;
  if (std::regex_match(args[1], m, re))
    bank = p.find_bank("PLRAM[" + std::to_string(std::stoul(m[1].str())) + "]");
  if (!bank || bank->kind != cards::bank_kind::plram) {
    std::string known;
    unsigned n = 0;
    for (auto& b : p.banks)
      if (b.kind == cards::bank_kind::plram) {
        char name[16];
        std::snprintf(name, sizeof name, "PLRAM_MEM%02u", n++);
        known += (known.empty() ? "" : ", ") + std::string(name);
      }
    throw tcl_error("platform " + p.name + " has no PLRAM resource '" + args[1] + "' (it has: " +
                    (known.empty() ? "none" : known) + ")");
  }
  auto spec = split_list(s.interp, args[2]);
  if (spec.size() % 2)
    throw tcl_error("the specification must be a dictionary of KEY value pairs, got '" + args[2] + "'");
  uint64_t size = 0;
  std::string others;
  for (size_t i = 0; i < spec.size(); i += 2) {
    auto& k = spec[i];
    auto& v = spec[i + 1];
    if (k == "SIZE") {
      size = parse_size(v);
      uint64_t max = bank->window();
      if (size < 4096 || size > max || (size & (size - 1)))
        throw tcl_error(bank->tag + " (" + args[1] + "): SIZE " + v + " must be a power of two from 4K to " +
                        human(max) + (bank->max_size ? " (the platform's max_size for this PLRAM)"
                                                     : " (the platform gives this PLRAM no max_size)"));
    } else if (k == "AXI_DATA_WIDTH") {
      auto w = parse_uint(k, v);
      if (w < 32 || w > 512 || (w & (w - 1)))
        throw tcl_error("AXI_DATA_WIDTH " + v + " must be 32, 64, 128, 256 or 512");
    } else if (k == "SLR_ASSIGNMENT") {
      if (!std::regex_match(v, std::regex(R"(^SLR\d$)")))
        throw tcl_error("SLR_ASSIGNMENT '" + v + "' is not an SLR (SLR0, SLR1, SLR2)");
    } else if (k == "READ_LATENCY") {
      if (parse_uint(k, v) == 0)
        throw tcl_error("READ_LATENCY must be at least 1");
    } else if (k == "MEMORY_PRIMITIVE") {
      if (v != "BRAM" && v != "URAM")
        throw tcl_error("MEMORY_PRIMITIVE '" + v + "' must be BRAM or URAM");
    } else if (k != "SRAM_DATA_WIDTH") {
      throw tcl_error("unknown PLRAM specification key '" + k +
                      "' (SIZE, AXI_DATA_WIDTH, SRAM_DATA_WIDTH, SLR_ASSIGNMENT, READ_LATENCY, MEMORY_PRIMITIVE)");
    }
    if (k != "SIZE")
      others += (others.empty() ? "" : ", ") + k + " " + v;
  }
  auto where = script_where(s.interp);
  auto& r = s.plram[bank->tag];
  r.size = size ? size : (r.size ? r.size : bank->size);
  r.where = where;
  note((where.empty() ? "" : where + ": ") + bank->tag + " (" + args[1] + "): " + human(r.size) +
       (others.empty() ? "" : "; " + others + " (no effect in emulation)"));
  return "";
}

} // namespace

void add_syslink_commands(session& s)
{
  add_command(s, "get_bd_cells", [](session&, const std::vector<std::string>& args) {
    auto o = parse_options("get_bd_cells", args, {"-filter", "-of_objects"}, {"-quiet", "-hierarchical", "-regexp"});
    if (o.positional.empty())
      return memory_subsystem;
    std::vector<std::string> out;
    for (auto& name : o.positional)
      out.push_back(name.empty() || name[0] == '/' ? name : "/" + name);
    return make_list(out);
  });
  add_command(s, "sdx_memory_subsystem::update_plram_specification", update_plram_specification);
  for (auto name : {"validate_bd_design", "save_bd_design", "assign_bd_address", "regenerate_bd_layout"})
    add_ignored_command(s, name, "block design bookkeeping only");
}

void write_syslink_result(const session& s, const std::string& path)
{
  nlohmann::json j;
  j["banks"] = nlohmann::json::array();
  for (auto& [tag, r] : s.plram)
    j["banks"].push_back({{"tag", tag}, {"size", r.size}, {"at", r.where}});
  std::ofstream out(path);
  out << j.dump(2) << "\n";
  if (!out)
    throw std::runtime_error(path + ": cannot write the system link result");
}

} // namespace xrtemu::vivado
