#include "elf_image.h"

#include <cxxabi.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace abi_test {

std::string demangle(const std::string& mangled)
{
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> p(abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status), std::free);
  return status == 0 && p ? std::string(p.get()) : mangled;
}

elf_image::elf_image(const std::string& path)
{
  if (elf_version(EV_CURRENT) == EV_NONE)
    throw std::runtime_error("libelf init failed");
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0)
    throw std::runtime_error("cannot open " + path);
  Elf* elf = elf_begin(fd, ELF_C_READ, nullptr);
  if (!elf) {
    ::close(fd);
    throw std::runtime_error(path + ": not an ELF file");
  }
  std::vector<std::string> dynnames;
  Elf_Scn* scn = nullptr;
  // First the dynamic symbol table (relocations index into it).
  while ((scn = elf_nextscn(elf, scn))) {
    GElf_Shdr sh;
    gelf_getshdr(scn, &sh);
    if (sh.sh_type != SHT_DYNSYM)
      continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    size_t n = sh.sh_size / sh.sh_entsize;
    for (size_t i = 0; i < n; ++i) {
      GElf_Sym s;
      gelf_getsym(data, static_cast<int>(i), &s);
      std::string name = elf_strptr(elf, sh.sh_link, s.st_name);
      dynnames.push_back(name);
      if (s.st_shndx != SHN_UNDEF)
        m_syms.push_back({name, s.st_value, s.st_size, GELF_ST_TYPE(s.st_info) == STT_FUNC});
    }
  }
  scn = nullptr;
  while ((scn = elf_nextscn(elf, scn))) {
    GElf_Shdr sh;
    gelf_getshdr(scn, &sh);
    if (sh.sh_type != SHT_RELA)
      continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    size_t n = sh.sh_size / sh.sh_entsize;
    for (size_t i = 0; i < n; ++i) {
      GElf_Rela r;
      gelf_getrela(data, static_cast<int>(i), &r);
      relocation rel;
      rel.type = static_cast<uint32_t>(GELF_R_TYPE(r.r_info));
      auto si = GELF_R_SYM(r.r_info);
      if (si && si < dynnames.size())
        rel.symbol = dynnames[si];
      rel.addend = r.r_addend;
      m_relocs[r.r_offset] = rel;
    }
  }
  elf_end(elf);
  ::close(fd);
}

std::optional<symbol> elf_image::find(const std::string& mangled) const
{
  for (auto& s : m_syms)
    if (s.name == mangled)
      return s;
  return std::nullopt;
}

std::string elf_image::function_at(uint64_t addr) const
{
  for (auto& s : m_syms)
    if (s.func && s.value == addr)
      return demangle(s.name);
  return "";
}

const relocation* elf_image::reloc_at(uint64_t offset) const
{
  auto it = m_relocs.find(offset);
  return it == m_relocs.end() ? nullptr : &it->second;
}

std::vector<uint64_t> elf_image::references_to(uint64_t addr) const
{
  std::vector<uint64_t> out;
  for (auto& [off, r] : m_relocs)
    if (r.type == R_X86_64_RELATIVE && static_cast<uint64_t>(r.addend) == addr)
      out.push_back(off);
  return out;
}

std::vector<std::string> elf_image::slots(uint64_t first_slot, size_t count) const
{
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    auto r = reloc_at(first_slot + 8 * i);
    if (!r)
      out.push_back("<unknown>");
    else if (r->symbol == "__cxa_pure_virtual")
      out.push_back("<pure>");
    else if (!r->symbol.empty())
      out.push_back(demangle(r->symbol));
    else {
      auto f = function_at(static_cast<uint64_t>(r->addend));
      out.push_back(f.empty() ? "<unknown>" : f);
    }
  }
  return out;
}

} // namespace abi_test
