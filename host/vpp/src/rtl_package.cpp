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
#include "xrtemu/vpp/compile_kernel.h"
#include "xrtemu/vpp/ip_core.h"
#include "xrtemu/vpp/run_tool.h"
#include "xrtemu/vpp/xo_file.h"


#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace xrtemu::vpp {

namespace {

std::string read_text(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
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

const char* kind_name(arg_kind k)
{
  return k == arg_kind::global ? "an m_axi pointer" : k == arg_kind::stream ? "a stream" : "a scalar";
}

// The kernel's C/C++ model for sw_emu: compiled like a v++ -c kernel, its
// arguments checked against the RTL kernel's one by one; its call thunk
// takes the RTL kernel's entry name, so the link picks one or the other.
std::vector<xo_object> build_c_model(const rtl_package_request& req, const kernel_desc& rtl, const std::string& tmp)
{
  compile_request c;
  c.kernel = req.kernel;
  c.sources = req.sw_model_sources;
  c.kernel_include_dir = req.kernel_include_dir;
  c.verbose = req.verbose;
  auto dir = (fs::path(tmp) / "c_model").string();
  fs::create_directories(dir);
  auto model = compile_kernel_objects(c, dir);
  auto& m = model.desc;
  auto where = "C model of kernel '" + req.kernel + "' (" + m.source + ")";
  if (m.args.size() != rtl.args.size())
    throw error(where + ": " + std::to_string(m.args.size()) + " arguments, but the RTL kernel has " +
                std::to_string(rtl.args.size()) + "; they must match one for one");
  for (size_t i = 0; i < m.args.size(); ++i) {
    auto& a = m.args[i];
    auto& r = rtl.args[i];
    if (a.kind != r.kind)
      throw error(where + ": argument " + std::to_string(i) + " '" + a.name + "' is " + kind_name(a.kind) +
                  " but the RTL kernel's argument " + std::to_string(i) + " '" + r.name + "' is " + kind_name(r.kind));
    if (a.kind == arg_kind::scalar && a.host_size > r.size)
      throw error(where + ": argument " + std::to_string(i) + " '" + a.name + "' is " + std::to_string(a.host_size) +
                  " bytes but the RTL register '" + r.name + "' holds " + std::to_string(r.size));
  }
  if (m.entry != rtl.entry)
    throw error(where + ": internal: entry " + m.entry + " differs from " + rtl.entry);
  return std::move(model.objects);
}

} // namespace

void use_ip_directory(rtl_package_request& req, const std::string& dir, const std::string& ctrl_protocol,
                      std::ostream& log)
{
  if (!fs::is_directory(dir))
    throw error("-ip_directory " + dir + ": not a directory");
  auto component = fs::path(dir) / "component.xml";
  if (!fs::exists(component)) {
    std::vector<std::string> found;
    for (auto& e : fs::recursive_directory_iterator(dir)) {
      auto ext = e.path().extension();
      if (ext == ".v" || ext == ".sv")
        found.push_back(e.path().string());
      else if (ext == ".vh" || ext == ".svh")
        req.includes.push_back(e.path().parent_path().string());
    }
    std::sort(found.begin(), found.end());
    if (found.empty())
      throw error("-ip_directory " + dir + ": no component.xml and no .v or .sv files below it");
    req.sources.insert(req.sources.end(), found.begin(), found.end());
    return;
  }
  auto core = read_component_xml(component.string());
  auto sources = core.hdl_sources();
  if (sources.empty())
    throw error(component.string() + ": the synthesis file set names no Verilog/SystemVerilog sources");
  req.sources.insert(req.sources.end(), sources.begin(), sources.end());
  for (auto& d : core.include_dirs())
    req.includes.push_back(d);
  if (req.top.empty())
    req.top = core.top;
  if (req.kernel.empty())
    req.kernel = core.name;
  if (req.kernel_xml.empty())
    req.kernel_xml_text = kernel_xml_from_ip(core, req.kernel, ctrl_protocol, log);
}

void package_rtl_kernel(const rtl_package_request& req, std::ostream& log)
{
  if (req.kernel.empty())
    throw error("no kernel named: pass --kernel_name <kernel>");
  if (req.kernel_xml.empty() && req.kernel_xml_text.empty())
    throw error("no kernel.xml: pass --kernel_xml <file> (or -ip_directory with a component.xml)");
  if (req.sources.empty())
    throw error("no RTL sources: pass --sources a.v [b.sv ...]");
  if (req.output.empty())
    throw error("no output: pass -o <kernel>.xo");
  if (!req.kernel_xml.empty() && !fs::exists(req.kernel_xml))
    throw error(req.kernel_xml + ": no such file");
  for (auto& s : req.sources)
    if (!fs::exists(s))
      throw error(s + ": no such file");
  work_dir tmp(req.temps_dir);
  auto xml_path = req.kernel_xml;
  if (xml_path.empty()) {
    xml_path = (fs::path(tmp.path()) / "kernel.xml").string();
    write_text(xml_path, req.kernel_xml_text);
  }
  auto k = read_kernel_xml(xml_path, req.kernel);
  if (!req.output_kernel_xml.empty()) {
    std::error_code ec;
    fs::copy_file(xml_path, req.output_kernel_xml, fs::copy_options::overwrite_existing, ec);
    if (ec)
      throw error(req.output_kernel_xml + ": cannot write: " + ec.message());
  }
  auto top = req.top.empty() ? req.kernel : req.top;

  auto mdir = (fs::path(tmp.path()) / "verilated").string();
  auto cls = "Vxrtemu_" + req.kernel;
  std::vector<std::string> vargs = {"verilator", "--cc", "--Mdir", mdir, "--prefix", cls, "--top-module", top,
                                    "-Wno-fatal", "-O3",
                                    // Vitis names the interrupt output `interrupt`, a C++ word to Verilator.
                                    "-Wno-SYMRSVDWORD"};
  if (req.trace)
    vargs.push_back("--trace-fst");
  // Xilinx parameterized macros (xpm_fifo_sync...) the RTL may instantiate:
  // our behavioural models, found by module name.
  auto xpm = fs::path(req.kernel_include_dir) / "xrtemu" / "rtl" / "xpm";
  if (!req.kernel_include_dir.empty() && fs::is_directory(xpm))
    vargs.insert(vargs.end(), {"-y", xpm.string()});
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
  if (!req.sw_model_sources.empty())
    xo.sw_emu_objects = build_c_model(req, k.kernel, tmp.path());
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
