// Platform lookup by name, shell name, .xpfm path or JSON path.
#include "xrtemu/cards/catalog.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace xrtemu::cards {

std::vector<std::string> platform_dirs(const std::string& home)
{
  std::vector<std::string> out;
  if (const char* env = std::getenv("XRTEMU_PLATFORM_PATH"); env && *env) {
    std::stringstream ss(env);
    for (std::string d; std::getline(ss, d, ':');)
      if (!d.empty())
        out.push_back(d);
  }
  if (!home.empty())
    out.push_back((fs::path(home) / "share" / "xrtemu" / "platforms").string());
  return out;
}

catalog::catalog(std::vector<std::string> dirs) : m_dirs(std::move(dirs)) {}

std::vector<platform_desc> catalog::all() const
{
  std::vector<platform_desc> out;
  std::set<std::string> stems;
  for (auto& d : m_dirs) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (auto& e : fs::directory_iterator(d, ec))
      if (e.path().extension() == ".json")
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (auto& f : files)
      if (stems.insert(f.stem().string()).second)
        out.push_back(load_platform(f.string()));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.name < b.name; });
  return out;
}

std::string catalog::known_list() const
{
  std::string s;
  for (auto& p : all())
    s += "\n  " + p.name + (p.vbnv != p.name ? "  (" + p.vbnv + ")" : std::string());
  if (s.empty())
    s = " none found";
  return s;
}

platform_desc catalog::find(const std::string& spec) const
{
  fs::path p(spec);
  if (p.extension() == ".json")
    return load_platform(spec);
  // Names to try: the name itself; for an .xpfm, its stem and its directory.
  std::vector<std::string> names;
  if (p.extension() == ".xpfm") {
    names.push_back(p.stem().string());
    if (p.has_parent_path())
      names.push_back(p.parent_path().filename().string());
  }
  else if (spec.find('/') != std::string::npos) {
    // A platform directory given by path (…/xilinx_u250_…_202210_1/).
    names.push_back(fs::path(spec).lexically_normal().parent_path().filename().string());
    names.push_back(p.filename().string());
  }
  else {
    names.push_back(spec);
  }
  for (auto& n : names) {
    if (n.empty())
      continue;
    for (auto& d : m_dirs)
      if (auto f = fs::path(d) / (n + ".json"); fs::exists(f))
        return load_platform(f.string());
  }
  auto every = all();
  for (auto& n : names)
    for (auto& c : every)
      if (c.answers_to(n))
        return c;
  std::string where;
  for (auto& d : m_dirs)
    where += (where.empty() ? "" : ", ") + d;
  throw error("unknown platform '" + spec + "' (looked in " + where + "); known platforms:" + known_list());
}

} // namespace xrtemu::cards
