// `xrtemu package_xo`: RTL sources + kernel.xml -> .xo.
//  1. verilator --cc (generate only): syntax and elaboration errors surface
//     here, with Verilator's file:line messages; the generated class header
//     lists the top module's ports.
//  2. The ports are checked against kernel.xml and the wrapper generated.
//  3. verilator --cc --exe --build with the wrapper: Verilator's own make
//     flow compiles the model, its runtime and the wrapper (-fPIC) and links
//     them as a shared object, which proves they link.  Its object files
//     go into one archive in the .xo; `xrtemu link` links that archive into
//     the xclbin's model library (an archive, so two RTL kernels sharing
//     Verilator's runtime objects do not clash).
#include "xrtemu/vpp/rtl_kernel.h"
#include "xrtemu/vpp/run_tool.h"
#include "xrtemu/vpp/xo_file.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>

extern char** environ;

namespace fs = std::filesystem;

namespace xrtemu::vpp {

namespace {

std::string read_text(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
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

// Verilator's %Error/%Warning lines (and what follows each), at most `max` lines.
std::string diagnostics(const std::string& out, bool errors_only, size_t max = 40)
{
  std::istringstream in(out);
  std::string line, kept;
  size_t n = 0;
  bool in_msg = false;
  while (std::getline(in, line) && n < max) {
    if (line.rfind("%Error", 0) == 0 || (!errors_only && line.rfind("%Warning", 0) == 0))
      in_msg = line.find("Exiting due to") == std::string::npos;
    else if (line.rfind("%", 0) == 0)
      in_msg = false;
    if (in_msg) {
      kept += line + "\n";
      ++n;
    }
  }
  return kept;
}

// `module <name>` declarations in the sources, for "which modules are there".
std::vector<std::pair<std::string, std::string>> declared_modules(const std::vector<std::string>& sources)
{
  static const std::regex comment(R"(//[^\n]*|/\*[\s\S]*?\*/)");
  static const std::regex mod(R"(\b(?:module|macromodule)\s+(?:automatic\s+|static\s+)?([A-Za-z_][A-Za-z0-9_$]*))");
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& src : sources) {
    auto text = std::regex_replace(read_text(src), comment, " ");
    for (std::sregex_iterator it(text.begin(), text.end(), mod), end; it != end; ++it)
      out.emplace_back((*it)[1], src);
  }
  return out;
}

} // namespace

void package_rtl_kernel(const rtl_package_request& req, std::ostream& log)
{
  if (req.kernel.empty())
    throw error("no kernel named: pass --kernel_name <kernel>");
  if (req.kernel_xml.empty())
    throw error("no kernel.xml: pass --kernel_xml <file>");
  if (req.sources.empty())
    throw error("no RTL sources: pass --sources a.v [b.sv ...]");
  if (req.output.empty())
    throw error("no output: pass -o <kernel>.xo");
  if (!fs::exists(req.kernel_xml))
    throw error(req.kernel_xml + ": no such file");
  for (auto& s : req.sources)
    if (!fs::exists(s))
      throw error(s + ": no such file");
  auto k = read_kernel_xml(req.kernel_xml, req.kernel);
  auto top = req.top.empty() ? req.kernel : req.top;

  work_dir tmp(req.temps_dir);
  auto mdir = (fs::path(tmp.path()) / "verilated").string();
  auto cls = "Vxrtemu_" + req.kernel;
  std::vector<std::string> vargs = {"verilator", "--cc", "--Mdir", mdir, "--prefix", cls, "--top-module", top,
                                    "-Wno-fatal", "-O3",
                                    // Vitis names the interrupt output `interrupt`, a C++ word to Verilator.
                                    "-Wno-SYMRSVDWORD"};
  if (req.trace)
    vargs.push_back("--trace-fst");
  for (auto& i : req.includes)
    vargs.push_back("-I" + fs::absolute(i).string());
  for (auto& d : req.defines)
    vargs.push_back("-D" + d);
  for (auto& s : req.sources)
    vargs.push_back(fs::absolute(s).string());

  // 1. Generate.
  auto log1 = (fs::path(tmp.path()) / "verilator.log").string();
  int rc = run_logged(vargs, log1, req.verbose);
  auto out1 = read_text(log1);
  if (rc != 0) {
    if (out1.find("was not found in design") != std::string::npos ||
        out1.find("not found in design") != std::string::npos) {
      std::string mods, files;
      for (auto& [m, f] : declared_modules(req.sources))
        mods += (mods.empty() ? "" : ", ") + m + " (" + f + ")";
      for (auto& s : req.sources)
        files += (files.empty() ? "" : ", ") + s;
      throw error("no module '" + top + "' in " + files + " (modules: " + (mods.empty() ? "none" : mods) +
                  "); the top module is named like the kernel unless --top names it");
    }
    auto d = diagnostics(out1, true);
    throw error("Verilator rejected the sources of kernel '" + req.kernel + "':\n" + (d.empty() ? out1 : d) +
                "(verilator exited with " + std::to_string(rc) + ")");
  }
  if (auto w = diagnostics(out1, false); !w.empty()) {
    if (req.verbose)
      log << w;
    else
      log << "xrtemu package_xo: Verilator warned about the sources (--verbose shows it)\n";
  }

  // 2. Ports against kernel.xml, wrapper.
  auto ports = parse_verilated_ports(read_text((fs::path(mdir) / (cls + ".h")).string()));
  std::string top_file;
  for (auto& [m, f] : declared_modules(req.sources))
    if (m == top)
      top_file = f;
  auto where = "module " + top + (top_file.empty() ? "" : " (" + top_file + ")");
  auto binding = bind_rtl_ports(k, ports, where, log);
  auto wrapper = (fs::path(tmp.path()) / (req.kernel + "_xrtemu_rtl.cpp")).string();
  write_text(wrapper, rtl_wrapper_source(k, binding, cls, req.trace));

  // 3. Build with Verilator's make flow.
  auto bargs = vargs;
  // Hidden symbols: calls inside the model library go direct, not through
  // the PLT (the model entry is marked visible in the wrapper).
  std::string cflags = "-fPIC -std=c++17 -fvisibility=hidden -fvisibility-inlines-hidden -fno-semantic-interposition";
  if (!req.kernel_include_dir.empty())
    cflags += " -I" + fs::absolute(req.kernel_include_dir).string();
  auto check_so = req.kernel + "_check.so";
  for (std::string a : {"--exe", "--build", "-j", "2", "-o", check_so.c_str(), "-CFLAGS", cflags.c_str(), "-LDFLAGS",
                        "-shared", "-MAKEFLAGS", "OPT_FAST=-O2 OPT_GLOBAL=-O2 OPT_SLOW=-O1"})
    bargs.push_back(a);
  bargs.push_back(wrapper);
  auto log2 = (fs::path(tmp.path()) / "build.log").string();
  rc = run_logged(bargs, log2, req.verbose);
  if (rc != 0) {
    auto out2 = read_text(log2);
    // The compiler's own messages: the last lines say what went wrong.
    std::istringstream in(out2);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
      lines.push_back(l);
    std::string tail;
    for (size_t i = lines.size() > 30 ? lines.size() - 30 : 0; i < lines.size(); ++i)
      tail += lines[i] + "\n";
    throw error("building the verilated model of kernel '" + req.kernel + "' failed (log: " + log2 + "):\n" + tail);
  }
  if (req.verbose)
    log << read_text(log2);

  std::vector<std::string> objects;
  for (auto& e : fs::directory_iterator(mdir))
    if (e.path().extension() == ".o")
      objects.push_back(e.path().string());
  std::sort(objects.begin(), objects.end());
  auto archive = (fs::path(tmp.path()) / (req.kernel + "_rtl.a")).string();
  fs::remove(archive);
  std::vector<std::string> ar = {"ar", "rcs", archive};
  ar.insert(ar.end(), objects.begin(), objects.end());
  run_tool(ar, "archiving the verilated model", req.verbose);

  xo_file xo;
  xo.target = "hw";
  xo.platform = req.platform;
  xo.kernels.push_back(k.kernel);
  auto bytes = read_text(archive);
  xo.objects.push_back({fs::path(archive).filename().string(), {bytes.begin(), bytes.end()}});
  if (req.trace)
    xo.link_flags.push_back("-lz");   // Verilator's FST writer
  write_xo(xo, req.output);
  unsigned n_m = 0, n_s = 0;
  for (auto& a : k.kernel.args)
    n_m += a.kind == arg_kind::global, n_s += a.kind == arg_kind::stream;
  log << "xrtemu: wrote " << req.output << " (RTL kernel " << k.kernel.name << ", top module " << top << ", "
      << k.kernel.control << ", " << k.kernel.args.size() << " argument" << (k.kernel.args.size() == 1 ? "" : "s")
      << ": " << n_m << " m_axi, " << n_s << " stream)\n";
  if (!req.temps_dir.empty())
    log << "xrtemu: intermediate files kept in " << tmp.path() << "\n";
}

} // namespace xrtemu::vpp
