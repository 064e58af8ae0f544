// The measurement examples (cmd_latency, layer_breakdown, double_buffer) do
// their measuring in a child process of themselves, with an environment of
// its own (an xrt.ini, a profile file), and read back the numbers it prints.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace measuring_child {

// This program's own path.
inline std::string self_path()
{
  char exe[4096] = {};
  if (::readlink(("/proc/" + std::to_string(::getpid()) + "/exe").c_str(), exe, sizeof exe - 1) <= 0)
    throw std::runtime_error("cannot find this program's path");
  return exe;
}

// Runs `env` (VAR=value ..., may be empty) this-program `args` and returns the
// first `count` numbers it prints; throws naming `what` when it fails or
// prints fewer.
inline std::vector<double> run(const std::string& env, const std::string& args, size_t count, const std::string& what)
{
  std::string cmd = env + " '" + self_path() + "' " + args;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p)
    throw std::runtime_error("cannot start " + what);
  std::vector<double> out(count);
  size_t got = 0;
  while (got < count && std::fscanf(p, "%lf", &out[got]) == 1)
    ++got;
  if (::pclose(p) != 0 || got < count)
    throw std::runtime_error(what + " failed");
  return out;
}

} // namespace measuring_child
