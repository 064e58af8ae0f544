// Running the system C++ compiler; its diagnostics go straight to the
// user's terminal.
#pragma once

#include <string>
#include <vector>

namespace xrtemu::vpp {

// $CXX split on blanks (so "ccache g++" works), else "c++".
std::vector<std::string> cxx_command();

// Runs argv (PATH lookup), waits; throws vpp::error if it cannot start or
// exits non-zero.  `what` names the step for the message.
void run_tool(const std::vector<std::string>& argv, const std::string& what, bool echo);

// Runs argv (PATH lookup) with stdout and stderr into `log_file`; returns
// the exit code (throws vpp::error if it cannot start).
int run_logged(const std::vector<std::string>& argv, const std::string& log_file, bool echo);

// A fresh directory for intermediate files: `keep_at` when non-empty
// (--save-temps), else a new directory under $TMPDIR removed on destruction.
class work_dir
{
public:
  explicit work_dir(const std::string& keep_at);
  ~work_dir();
  work_dir(const work_dir&) = delete;
  work_dir& operator=(const work_dir&) = delete;
  const std::string& path() const { return path_; }

private:
  std::string path_;
  bool keep_;
};

void write_text(const std::string& path, const std::string& text);

// Our kernel headers (kernel_model.h, xrtemu/rtl, the XPM models): installed
// beside the running tool (<prefix>/include), else `build_tree_dir`.
std::string kernel_include_dir(const std::string& build_tree_dir);

} // namespace xrtemu::vpp
