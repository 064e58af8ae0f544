// A read-only view of an installed shared object for the ABI test: its
// dynamic symbols and dynamic relocations, enough to read a vtable slot by
// slot the way the dynamic loader will fill it.  Uses libelf.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace abi_test {

struct symbol { std::string name; uint64_t value = 0; uint64_t size = 0; bool func = false; };

struct relocation
{
  uint32_t type = 0;          // R_X86_64_*
  std::string symbol;         // for symbol relocations
  int64_t addend = 0;         // for RELATIVE: the target address
};

class elf_image
{
public:
  explicit elf_image(const std::string& path);

  std::optional<symbol> find(const std::string& mangled) const;
  // Function symbol defined at `addr`, demangled ("" when none).
  std::string function_at(uint64_t addr) const;
  const relocation* reloc_at(uint64_t offset) const;
  // Offsets of RELATIVE relocations whose target is `addr`.
  std::vector<uint64_t> references_to(uint64_t addr) const;

  // Demangled name each slot of the vtable whose first slot is at `slots`
  // resolves to: a function name, "<pure>", or "<unknown>".
  std::vector<std::string> slots(uint64_t first_slot, size_t count) const;

private:
  std::vector<symbol> m_syms;
  std::map<uint64_t, relocation> m_relocs;
};

std::string demangle(const std::string& mangled);

} // namespace abi_test
