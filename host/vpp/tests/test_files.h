// Scratch directory and file writing for the front-end tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace xrtemu::vpp::test {

// A directory of this test process's own, removed when the process exits.
inline std::string scratch(const std::string& name)
{
  struct process_dir
  {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("xrtemu-vpp-test-" + std::to_string(::getpid()));
    ~process_dir()
    {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static process_dir root;
  auto d = root.path / name;
  std::filesystem::create_directories(d);
  return d.string();
}

inline std::string write(const std::string& dir, const std::string& file, const std::string& text)
{
  auto p = dir + "/" + file;
  std::ofstream(p) << text;
  return p;
}

} // namespace xrtemu::vpp::test
