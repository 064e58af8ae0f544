// What the inspection tests share: the includes, temp paths, the platform
// files, running the xrtemu CLI and reading its JSON, and the live-state
// accessors.  Included by e2e_inspect_*_test.cpp (one test executable).
#pragma once

#include "child_process.h"

#include "xrtemu/status/segment.h"
#include "xrtemu/xclbin/axlf.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

extern char** environ;

using namespace xrtemu::test;
using nlohmann::json;

namespace {

// Per test process, so two runs of this test in one build tree keep apart.
std::string temp_path(const std::string& name)
{
  return std::string(XRTEMU_BUILD_DIR) + "/test-tmp-inspect-" + std::to_string(::getpid()) + "-" + name;
}

std::string slurp(const std::string& path)
{
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

json platform_file(const std::string& name)
{
  std::ifstream in(std::string(XRTEMU_SOURCE_DIR) + "/share/xrtemu/platforms/" + name + ".json");
  REQUIRE(in);
  json j;
  in >> j;
  return j;
}

// Sizes as platform files write them: numbers, "0x..", "16G", "256M", "128K".
uint64_t size_of(const json& v)
{
  if (v.is_number())
    return v.get<uint64_t>();
  auto s = v.get<std::string>();
  size_t pos = 0;
  uint64_t n = std::stoull(s, &pos, 0);
  if (pos < s.size())
    n <<= s[pos] == 'K' ? 10 : s[pos] == 'M' ? 20 : s[pos] == 'G' ? 30 : 40;
  return n;
}

std::string upper(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string hex(uint64_t v)
{
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

// `xrtemu <args>`; the JSON it printed when asked for JSON.
outcome cli(std::vector<std::string> args, std::vector<std::string> env = {})
{
  args.insert(args.begin(), bin("xrtemu"));
  return run(args, env);
}

json xrtemu_json(std::vector<std::string> args)
{
  args.push_back("--format");
  args.push_back("json");
  auto o = cli(args);
  INFO(o.output);
  REQUIRE(o.status == 0);
  return json::parse(o.output);
}

// A host program running in the background, its output in a file.
class background
{
public:
  background(const std::vector<std::string>& argv, const std::string& name) : m_out(temp_path(name + ".out"))
  {
    std::remove(m_out.c_str());
    ::setenv("XILINX_XRT", XRTEMU_PLATFORM_DIR, 1);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, m_out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    std::vector<char*> args;
    for (auto& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int rc = ::posix_spawn(&m_pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    REQUIRE(rc == 0);
  }
  ~background()
  {
    if (m_pid > 0) {
      ::kill(m_pid, SIGKILL);
      wait();
    }
    std::remove(m_out.c_str());
  }

  pid_t pid() const { return m_pid; }
  std::string output() const { return slurp(m_out); }

  // Waits (bounded) until the program printed `text`; false if it never did.
  bool wait_for(const std::string& text) const
  {
    for (int i = 0; i < 3000; ++i) {
      if (output().find(text) != std::string::npos)
        return true;
      int st = 0;
      if (::waitpid(m_pid, &st, WNOHANG) == m_pid)
        return output().find(text) != std::string::npos;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  int wait()
  {
    int st = 0;
    if (m_pid > 0 && ::waitpid(m_pid, &st, 0) == m_pid) {
      m_pid = -1;
      return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    m_pid = -1;
    return -1;
  }

private:
  std::string m_out;
  pid_t m_pid = -1;
};

// What inspect_host info printed: "@@@ phase" then "@@ key" + value.
std::map<std::string, std::map<std::string, std::string>> sections(const std::string& out)
{
  std::map<std::string, std::map<std::string, std::string>> r;
  std::istringstream in(out);
  std::string line, phase, key;
  while (std::getline(in, line)) {
    if (line.rfind("@@@ ", 0) == 0) {
      phase = line.substr(4);
      key.clear();
    }
    else if (line.rfind("@@ ", 0) == 0)
      key = line.substr(3);
    else if (!key.empty())
      r[phase][key] += line + "\n";
  }
  return r;
}

std::string trimmed(std::string s)
{
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  return s;
}

json live_device(int pid)
{
  auto j = xrtemu_json({"examine", "-p", std::to_string(pid)});
  REQUIRE(j["source"] == "live");
  REQUIRE(j["devices"].size() == 1);
  return j["devices"][0];
}

uint64_t cu_runs(const json& device, const std::string& cu)
{
  for (auto& c : device["compute_units"])
    if (c["name"] == cu)
      return c["runs"].get<uint64_t>();
  FAIL("no CU " << cu);
  return 0;
}

} // namespace
