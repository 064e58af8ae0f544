// `xrtemu install-validate`: puts what stock `xbutil validate` (XRT 2.13)
// looks for on a machine, for every PCIe card with built test xclbins
// (docs/validate.md):
//   /opt/xilinx/firmware/xrtemu/<card>/<vbnv>/partition.xsabin   the shell's
//       logic UUID in PARTITION_METADATA (xbutil finds the directory by it)
//   /opt/xilinx/firmware/xrtemu/<card>/<vbnv>/test/{verify,bandwidth}.xclbin
//   /opt/xilinx/xrt/test/  the test programs xbutil runs by fixed name
// It records what it wrote in a manifest, refuses to overwrite files it did
// not write (unless --force) and removes exactly those with --remove.
#include "commands.h"

#include "xrtemu/xclbin/partition.h"

#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <stdexcept>

namespace fs = std::filesystem;
namespace po = boost::program_options;

namespace xrtemu::cli {
namespace {

const char* const firmware_dir = "opt/xilinx/firmware/xrtemu";
const char* const test_program_dir = "opt/xilinx/xrt/test";
const char* const manifest_name = "install-validate.manifest";

struct planned_file
{
  fs::path target;            // absolute, under the root
  fs::path source;            // copy from here, or
  std::vector<uint8_t> bytes; // write these
  bool executable = false;
};

// Paths in the manifest are relative to the root, one a line.
std::set<std::string> read_manifest(const fs::path& path)
{
  std::set<std::string> files;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty())
      files.insert(line);
  return files;
}

void write_manifest(const fs::path& path, const std::set<std::string>& files)
{
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::trunc);
  for (auto& f : files)
    out << f << "\n";
  if (!out)
    throw std::runtime_error(path.string() + ": cannot write");
}

std::vector<planned_file> plan(const fs::path& root, const fs::path& data,
                               const std::vector<std::string>& only)
{
  std::vector<planned_file> files;
  auto cat = platform_catalog();
  const std::set<std::string> wanted(only.begin(), only.end());
  std::set<std::string> unmatched = wanted;
  for (auto& p : cat.all()) {
    if (!wanted.empty() && !wanted.count(p.name) && !wanted.count(p.vbnv))
      continue;
    unmatched.erase(p.name);
    unmatched.erase(p.vbnv);
    auto built = data / p.name;
    if (p.shell != "pcie" || !fs::exists(built / "verify.xclbin"))
      continue;   // edge boards, and cards whose xclbins were not built
    auto shell_dir = root / firmware_dir / p.name / p.vbnv;
    files.push_back({shell_dir / "partition.xsabin", {},
                     xclbin::write_partition_xsabin(p.vbnv, {p.logic_uuid, p.interface_uuid})});
    for (auto x : {"verify.xclbin", "bandwidth.xclbin"})
      if (fs::exists(built / x))
        files.push_back({shell_dir / "test" / x, built / x, {}});
  }
  if (!unmatched.empty())
    throw std::runtime_error("--platform " + *unmatched.begin() + ": no such card; known:\n" + cat.known_list());
  if (files.empty())
    throw std::runtime_error("no card has test xclbins under " + data.string() + " (build the project first)");
  auto programs = data / "test";
  if (!fs::is_directory(programs))
    throw std::runtime_error(programs.string() + ": missing (build the project first)");
  for (auto& e : fs::directory_iterator(programs)) {
    if (!e.is_regular_file())
      continue;
    auto name = e.path().filename().string();
    bool exe = name.size() > 3 && (name.substr(name.size() - 3) == ".py" || name.substr(name.size() - 4) == ".exe");
    files.push_back({root / test_program_dir / name, e.path(), {}, exe});
  }
  return files;
}

std::string relative_to_root(const fs::path& p, const fs::path& root)
{
  return fs::relative(p, root).generic_string();
}

int remove_installed(const fs::path& root, const fs::path& manifest)
{
  if (!fs::exists(manifest)) {
    std::cout << "nothing to remove: " << manifest.string() << " does not exist\n";
    return 0;
  }
  std::set<fs::path> dirs;
  for (auto& rel : read_manifest(manifest)) {
    auto p = root / rel;
    std::error_code ec;
    if (fs::remove(p, ec))
      std::cout << "removed " << p.string() << "\n";
    // Only <root>/opt/xilinx and directories below it, which install may have made.
    for (auto d = p.parent_path(); d != root / "opt" && d.has_relative_path() && d != root;
         d = d.parent_path())
      dirs.insert(d);
  }
  fs::remove(manifest);
  // Directories left empty, deepest first (what install created; never the
  // root itself, nor directories that still hold other files).
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
    std::error_code ec;
    if (fs::is_directory(*it) && fs::is_empty(*it, ec))
      fs::remove(*it, ec);
  }
  return 0;
}

} // namespace

int install_validate_command(const std::vector<std::string>& args)
{
  po::options_description opts("xrtemu install-validate options");
  opts.add_options()
    ("help,h", "show this help")
    ("root", po::value<std::string>()->default_value("/"), "install under DIR instead of / (for tests and packaging)")
    ("platform", po::value<std::vector<std::string>>(), "only this card (name or VBNV; repeatable); default: every PCIe card")
    ("force", "overwrite files that install-validate did not install")
    ("remove", "remove what install-validate installed");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(opts).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << "usage: xrtemu install-validate [--root DIR] [--platform NAME]... [--force] [--remove]\n"
                 "Installs each card's xbutil validate test xclbins and partition.xsabin under\n"
                 "/opt/xilinx/firmware/xrtemu/ and the test programs under /opt/xilinx/xrt/test/.\n"
              << opts;
    return 0;
  }
  fs::path root = fs::absolute(vm["root"].as<std::string>()).lexically_normal();
  if (root.has_relative_path() && root.filename().empty())
    root = root.parent_path();   // "/tmp/x/" -> "/tmp/x"
  fs::path manifest = root / firmware_dir / manifest_name;
  if (vm.count("remove"))
    return remove_installed(root, manifest);

  auto data = fs::path(platform_root()) / "share" / "xrtemu" / "validate";
  auto files = plan(root, data, vm.count("platform") ? vm["platform"].as<std::vector<std::string>>()
                                                     : std::vector<std::string>{});
  auto owned = read_manifest(manifest);
  if (!vm.count("force"))
    for (auto& f : files)
      if (fs::exists(f.target) && !owned.count(relative_to_root(f.target, root)))
        throw std::runtime_error(f.target.string() + " exists and was not installed by xrtemu install-validate "
                                 "(--force overwrites it)");
  for (auto& f : files) {
    fs::create_directories(f.target.parent_path());
    if (f.source.empty()) {
      std::ofstream out(f.target, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(f.bytes.data()), static_cast<std::streamsize>(f.bytes.size()));
      if (!out)
        throw std::runtime_error(f.target.string() + ": cannot write");
    }
    else {
      fs::copy_file(f.source, f.target, fs::copy_options::overwrite_existing);
    }
    auto perms = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;
    if (f.executable)
      perms |= fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
    fs::permissions(f.target, perms);
    owned.insert(relative_to_root(f.target, root));
    // Recorded as it goes, so --remove undoes a partial install too.
    write_manifest(manifest, owned);
    std::cout << "installed " << f.target.string() << "\n";
  }
  return 0;
}

} // namespace xrtemu::cli
