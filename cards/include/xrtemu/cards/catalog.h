// Finding card descriptions: the platform files of a directory list, chosen
// by file stem, by the real shell name (VBNV) or an alias, by an .xpfm path
// (the shell name is the file's stem or its directory's name; the file need
// not exist) or by the path of a JSON file.
#pragma once

#include "xrtemu/cards/platform.h"

#include <string>
#include <vector>

namespace xrtemu::cards {

// Where platform files live: each directory of $XRTEMU_PLATFORM_PATH
// (colon-separated), then <home>/share/xrtemu/platforms, where <home> is the
// platform directory the shim and the tools sit in (XILINX_XRT).
std::vector<std::string> platform_dirs(const std::string& home);

class catalog
{
public:
  explicit catalog(std::vector<std::string> dirs);

  // The description `name_or_path` names.  An unknown name throws an error
  // that lists the known platforms.
  platform_desc find(const std::string& name_or_path) const;
  // Every platform file of the directories (first directory wins on a
  // repeated stem), sorted by name.
  std::vector<platform_desc> all() const;
  // "name (vbnv)" lines for messages.
  std::string known_list() const;
  const std::vector<std::string>& dirs() const { return m_dirs; }

private:
  std::vector<std::string> m_dirs;
};

} // namespace xrtemu::cards
