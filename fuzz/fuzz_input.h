// Helpers shared by the fuzz targets: the parsers under test take file paths
// (as the tools and the shim do), so each input is written to one scratch
// file per process first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace xrtemu::fuzz {

// Writes data to this process's scratch file (in /dev/shm when present, so no
// disk I/O) and returns its path; `suffix` gives the file its usual name.
inline const std::string& as_file(const uint8_t* data, size_t size, const char* suffix)
{
  static const std::string path = [&] {
    const char* dir = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    return std::string(dir) + "/xrtemu-fuzz-" + std::to_string(::getpid()) + "-" + suffix;
  }();
  static struct cleanup
  {
    const std::string& p;
    ~cleanup() { std::remove(p.c_str()); }
  } remove_at_exit{path};
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f)
    __builtin_trap();
  if (size)
    std::fwrite(data, 1, size, f);
  std::fclose(f);
  return path;
}

inline std::string as_text(const uint8_t* data, size_t size)
{
  return std::string(reinterpret_cast<const char*>(data), size);
}

} // namespace xrtemu::fuzz
