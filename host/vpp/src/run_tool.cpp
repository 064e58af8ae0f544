#include "xrtemu/vpp/run_tool.h"
#include "xrtemu/vpp/kernel_interface.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

extern char** environ;

namespace fs = std::filesystem;

namespace xrtemu::vpp {

std::vector<std::string> cxx_command()
{
  std::vector<std::string> out;
  if (const char* cxx = std::getenv("CXX"); cxx && *cxx) {
    std::istringstream in(cxx);
    std::string w;
    while (in >> w)
      out.push_back(w);
  }
  if (out.empty())
    out.push_back("c++");
  return out;
}

void run_tool(const std::vector<std::string>& argv, const std::string& what, bool echo)
{
  std::string line;
  for (auto& a : argv)
    line += (line.empty() ? "" : " ") + a;
  if (echo)
    std::cerr << "xrtemu: " << line << "\n";
  std::vector<char*> cargv;
  for (auto& a : argv)
    cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid;
  int rc = ::posix_spawnp(&pid, cargv[0], nullptr, nullptr, cargv.data(), environ);
  if (rc != 0)
    throw error(what + ": cannot run " + argv[0] + ": " + std::strerror(rc));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw error(what + " failed (" + line + ")");
}

work_dir::work_dir(const std::string& keep_at) : keep_(!keep_at.empty())
{
  if (keep_) {
    fs::create_directories(keep_at);
    path_ = fs::absolute(keep_at).string();
    return;
  }
  auto tmpl = (fs::temp_directory_path() / "xrtemu-vpp-XXXXXX").string();
  if (!::mkdtemp(tmpl.data()))
    throw error("cannot create a temporary directory under " + fs::temp_directory_path().string());
  path_ = tmpl;
}

work_dir::~work_dir()
{
  if (!keep_) {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
}

void write_text(const std::string& path, const std::string& text)
{
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out.flush())
    throw error(path + ": cannot write");
}

// Runs argv with stdout and stderr into `log_file`; returns the exit code.
int run_logged(const std::vector<std::string>& argv, const std::string& log_file, bool echo)
{
  if (echo) {
    std::string line;
    for (auto& a : argv)
      line += (line.empty() ? "" : " ") + a;
    std::fprintf(stderr, "xrtemu: %s\n", line.c_str());
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<char*> cargv;
  for (auto& a : argv)
    cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid;
  int rc = ::posix_spawnp(&pid, cargv[0], &fa, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0)
    throw error("cannot run " + argv[0] + ": " + std::strerror(rc) +
                (argv[0] == "verilator" ? " (install Verilator 5: apt-get install verilator)" : ""));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string kernel_include_dir(const std::string& build_tree_dir)
{
  auto exe = fs::read_symlink("/proc/self/exe");
  auto installed = exe.parent_path().parent_path() / "include";
  if (fs::exists(installed / "xrtemu" / "kernel_model.h"))
    return installed.string();
  return build_tree_dir;
}

} // namespace xrtemu::vpp
