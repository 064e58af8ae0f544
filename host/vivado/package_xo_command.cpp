// package_xo in xrtemu's `vivado`: the .xo of an RTL kernel from the IP
// packaged in -ip_directory (component.xml: sources, top module and, unless
// -kernel_xml is given, the kernel.xml derived from its interfaces and
// register map), exactly as `xrtemu package_xo` builds it.  -kernel_files
// C/C++ sources become the kernel's model under sw_emu.
#include "vivado_session.h"

#include "xrtemu/vpp/rtl_kernel.h"

#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace xrtemu::vivado {

void add_package_xo_command(session& s)
{
  add_command(s, "package_xo", [](session& s, const std::vector<std::string>& args) {
    auto o = parse_options("package_xo", args,
                           {"-xo_path", "-kernel_name", "-ip_directory", "-kernel_files", "-kernel_xml",
                            "-output_kernel_xml", "-ctrl_protocol", "-design_xml", "-debug_directory",
                            "-parent_ip_directory", "-kernel_json", "-ip_name"},
                           {"-force", "-quiet", "-verbose"});
    if (!o.positional.empty())
      throw tcl_error("unexpected argument '" + o.positional[0] + "'");
    vpp::rtl_package_request req;
    req.kernel = o.get("-kernel_name");
    req.output = o.get("-xo_path");
    req.kernel_xml = o.get("-kernel_xml");
    req.output_kernel_xml = o.get("-output_kernel_xml");
    req.kernel_include_dir = s.kernel_include_dir;
    req.platform = "xrtemu_u250";
    req.verbose = o.has("-verbose");
    if (req.kernel.empty())
      throw tcl_error("-kernel_name is required");
    if (req.output.empty())
      throw tcl_error("-xo_path is required");
    if (!o.has("-ip_directory"))
      throw tcl_error("-ip_directory is required (the directory ipx::package_project packaged the kernel into)");
    if (fs::exists(req.output) && !o.has("-force"))
      note("overwriting " + req.output);
    // -kernel_files: the C/C++ model (headers it includes come along by
    // #include); RTL files there are sources too.
    for (auto& f : split_list(s.interp, o.get("-kernel_files"))) {
      auto ext = fs::path(f).extension().string();
      if (ext == ".v" || ext == ".sv")
        req.sources.push_back(f);
      else if (ext == ".c" || ext == ".cpp" || ext == ".cc" || ext == ".cxx")
        req.sw_model_sources.push_back(f);
      else if (ext != ".h" && ext != ".hpp")
        throw tcl_error("-kernel_files " + f + ": not a C/C++ model (.c, .cpp) or an RTL source");
    }
    auto ctrl = o.get("-ctrl_protocol");
    // A kernel of the RTL Kernel Wizard keeps the protocol it was made with.
    if (ctrl.empty() && req.kernel_xml.empty() && s.wizard_protocols.count(req.kernel))
      ctrl = s.wizard_protocols.at(req.kernel);
    s.default_ctrl_protocol = ctrl;
    vpp::use_ip_directory(req, o.get("-ip_directory"), ctrl, std::cout);
    if (!ctrl.empty() && !req.kernel_xml.empty()) {
      auto k = vpp::read_kernel_xml(req.kernel_xml, req.kernel);
      if (k.kernel.control != (ctrl == "user_managed" ? "ap_ctrl_none" : ctrl))
        throw tcl_error("-ctrl_protocol " + ctrl + " but " + req.kernel_xml + " says hwControlProtocol=\"" +
                        k.kernel.control + "\"");
    }
    for (auto& d : o.values)
      if (d.first == "-design_xml" || d.first == "-debug_directory" || d.first == "-parent_ip_directory")
        note("ignored (implementation only): package_xo " + d.first + " " + d.second);
    if (auto dir = fs::path(req.output).parent_path(); !dir.empty())
      fs::create_directories(dir);
    vpp::package_rtl_kernel(req, std::cout);
    std::cout << std::flush;
    return req.output;
  });
}

} // namespace xrtemu::vivado
