// Running a host program in a child process, the way a user would, with
// XILINX_XRT pointing at our platform directory; and the scratch
// directories and files such a test reads back.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace xrtemu::test {

struct outcome
{
  int status = -1;      // exit code, or -1 when killed by a signal
  std::string output;   // stdout and stderr together
};

inline std::string quote(const std::string& s)
{
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// env: "NAME=value" entries added to the child's environment.  Children
// see only their own card (XRTEMU_PEER_VIEW=0) unless env says otherwise.
inline outcome run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {})
{
  std::string cmd = "env XRTEMU_PEER_VIEW=0 XILINX_XRT=" + quote(XRTEMU_PLATFORM_DIR);
  for (auto& e : env) cmd += " " + quote(e);
  for (auto& a : argv) cmd += " " + quote(a);
  cmd += " 2>&1";
  outcome o;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p)
    return o;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0)
    o.output.append(buf.data(), n);
  int st = ::pclose(p);
  o.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return o;
}

inline std::string bin(const std::string& name) { return std::string(XRTEMU_BUILD_DIR) + "/bin/" + name; }
inline std::string xclbin_dir() { return std::string(XRTEMU_BUILD_DIR) + "/xclbin"; }

// <build>/<area>/<name>, emptied and created afresh.
inline std::string fresh_dir(const std::string& area, const std::string& name)
{
  auto dir = std::string(XRTEMU_BUILD_DIR) + "/" + area + "/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A file's whole text ("" when it cannot be read).
inline std::string read_text(const std::string& path)
{
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace xrtemu::test
