// The kernel's source is compiled through a generated wrapper that
// #includes it and adds the call thunk, so the thunk sees the real
// parameter types (ap_uint<N>, typedefs, hls::stream<T>&) without us
// re-spelling them.  Other sources compile as they are.
#include "xrtemu/vpp/compile_kernel.h"
#include "xrtemu/vpp/glue_source.h"
#include "xrtemu/vpp/hls_pre_tcl.h"
#include "xrtemu/vpp/kernel_interface.h"
#include "xrtemu/vpp/loop_estimate.h"
#include "xrtemu/vpp/opencl_kernel.h"
#include "xrtemu/vpp/run_tool.h"
#include "xrtemu/vpp/xo_file.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace fs = std::filesystem;

namespace xrtemu::vpp {

namespace {

hls_settings read_settings(const compile_request& req)
{
  hls_settings hls;
  std::vector<std::string> notes;
  for (auto& script : req.hls_pre_tcl)
    read_hls_pre_tcl(script, hls, notes);
  for (auto& n : notes)
    std::cerr << "v++: note: " << n << "\n";
  return hls;
}

} // namespace

compiled_kernel compile_kernel_objects(const compile_request& req, const std::string& dir)
{
  if (req.kernel.empty())
    throw error("no kernel named: pass -k <kernel>");
  if (req.sources.empty())
    throw error("no source files given");
  if (std::any_of(req.sources.begin(), req.sources.end(), is_opencl_source))
    throw error("OpenCL C sources (" + req.sources[0] + ") cannot serve as a C++ kernel model");
  std::vector<std::string> flags;
  if (!req.kernel_include_dir.empty())
    flags.push_back("-I" + req.kernel_include_dir);
  for (auto& i : req.includes)
    flags.push_back("-I" + i);
  for (auto& d : req.defines)
    flags.push_back("-D" + d);

  auto hls = read_settings(req);
  // Which source holds the kernel: the first that defines it.
  compiled_kernel out;
  auto& k = out.desc;
  std::string kernel_source;
  std::string everything;
  for (auto& src : req.sources) {
    auto names = list_kernels(src, flags);
    if (std::find(names.begin(), names.end(), req.kernel) != names.end()) {
      k = extract_kernel(src, req.kernel, flags, hls);
      k.model_abi = 2;   // the thunk reports its estimate through xrtemu_run_info
      kernel_source = src;
      break;
    }
    for (auto& n : names)
      everything += (everything.empty() ? "" : ", ") + n;
  }
  if (kernel_source.empty()) {
    if (req.sources.size() == 1)
      extract_kernel(req.sources[0], req.kernel, flags);  // throws with the functions it found
    throw error("no source defines extern \"C\" kernel '" + req.kernel + "' (extern \"C\" functions found: " +
                (everything.empty() ? "none" : everything) + ")");
  }

  auto cxx = cxx_command();
  for (size_t i = 0; i < req.sources.size(); ++i) {
    auto src = fs::absolute(req.sources[i]).string();
    auto obj = (fs::path(dir) / (std::to_string(i) + "_" + fs::path(src).stem().string() + ".o")).string();
    std::string input = src;
    auto argv = cxx;
    if (req.sources[i] == kernel_source) {
      // The kernel's source with a counter in each loop body (the kernel
      // time estimate, loop_estimate.h), included by the thunk.  Quoted
      // #includes still find the source's neighbours through -iquote.
      auto counted = instrument_loops(src, k, flags);
      auto copy = (fs::path(dir) / (req.kernel + "_xrtemu_loops.cpp")).string();
      write_text(copy, counted.text);
      input = (fs::path(dir) / (req.kernel + "_xrtemu_thunk.cpp")).string();
      write_text(input, thunk_source(k, copy, estimate_tables(counted, k)));
      argv.push_back("-iquote");
      argv.push_back(fs::path(src).parent_path().string());
      if (req.verbose)
        std::cerr << "v++: " << counted.loops.size() << " loop" << (counted.loops.size() == 1 ? "" : "s")
                  << " counted for the kernel time estimate (" << copy << ")\n";
    }
    for (auto f : {"-std=c++17", "-fPIC", "-O3", "-Wno-unknown-pragmas", "-c"})
      argv.push_back(f);
    // DWARF 4: binutils 2.40's addr2line names the wrong file for DWARF 5
    // line tables of an #included source (the kernel's, through its thunk).
    if (req.debug)
      for (auto f : {"-g", "-gdwarf-4"})
        argv.push_back(f);
    argv.insert(argv.end(), flags.begin(), flags.end());
    argv.insert(argv.end(), {input, "-o", obj});
    run_tool(argv, "compiling " + req.sources[i], req.verbose);
    std::ifstream in(obj, std::ios::binary);
    out.objects.push_back({fs::path(obj).filename().string(), {std::istreambuf_iterator<char>(in), {}}});
  }
  return out;
}

void compile_kernel(const compile_request& req, std::ostream& log)
{
  if (std::any_of(req.sources.begin(), req.sources.end(), is_opencl_source))
    return compile_opencl_kernel(req, log);   // OpenCL C: clang's front end
  work_dir tmp(req.temps_dir);
  auto compiled = compile_kernel_objects(req, tmp.path());
  auto& k = compiled.desc;
  k.debug = req.debug;
  xo_file xo;
  xo.target = req.target;
  xo.platform = req.platform;
  xo.objects = std::move(compiled.objects);
  xo.kernels.push_back(k);
  write_xo(xo, req.output);
  log << "xrtemu: wrote " << req.output << " (kernel " << k.name << ", " << k.control << ", "
      << k.args.size() << " argument" << (k.args.size() == 1 ? "" : "s") << ")\n";
  if (!req.temps_dir.empty())
    log << "xrtemu: intermediate files kept in " << tmp.path() << "\n";
}

} // namespace xrtemu::vpp
