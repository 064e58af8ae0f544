// vivado: xrtemu's stand-in for Vivado's batch Tcl mode, for RTL kernel
// packaging.  `vivado -mode batch -source gen_xo.tcl -tclargs a b c` runs
// the scripts in Debian's Tcl 8.6 with the project, ipx:: and package_xo
// commands (docs/vivado.md).  A Tcl error prints the message and the Tcl
// stack with each file:line and exits 1; an unknown command names the
// script's file:line and the command.
#include "vivado_session.h"
#include "xrtemu/vpp/run_tool.h"

#include <tcl.h>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace {

using namespace xrtemu::vivado;

// Installed: <prefix>/include; in a build tree: the source's kernels/include.
std::string kernel_include_dir()
{
  return xrtemu::vpp::kernel_include_dir(XRTEMU_KERNEL_INCLUDE_DIR);
}

// Vivado's `source` takes -notrace, -quiet and -verbose besides Tcl's
// -encoding; the file runs in the caller's frame, so errors keep its lines.
int source_command(ClientData, Tcl_Interp* interp, int objc, Tcl_Obj* const objv[])
{
  const char* file = nullptr;
  for (int i = 1; i < objc; ++i) {
    const char* a = Tcl_GetString(objv[i]);
    if (!std::strcmp(a, "-notrace") || !std::strcmp(a, "-quiet") || !std::strcmp(a, "-verbose"))
      continue;
    if (!std::strcmp(a, "-encoding")) {
      ++i;
      continue;
    }
    file = a;
  }
  if (!file) {
    Tcl_SetObjResult(interp, Tcl_NewStringObj("usage: source [-notrace] [-quiet] [-encoding name] file", -1));
    return TCL_ERROR;
  }
  return Tcl_EvalFile(interp, file);
}

const char* unknown_proc = R"TCL(
if {[llength [info commands ::unknown]]} { rename ::unknown ::xrtemu_tcl_unknown }
proc ::unknown {args} {
  set name [lindex $args 0]
  # As Vivado: an unbraced bus index (`get_ports d[0]`, `devices[0]`, `[7:0]`,
  # `[*]`) is no command but stays in the word as written; a command word
  # that substitutes to nothing (`[exec ... > file]` on a line of its own)
  # does nothing.
  if {[llength $args] == 1 && [regexp {^(\d+(:\d+)?|\*)$} $name]} {
    return "\[$name\]"
  }
  if {[llength $args] == 1 && $name eq ""} {
    return ""
  }
  if {[llength [info commands ::xrtemu_tcl_unknown]] && ![catch {auto_load $name [uplevel 1 {namespace current}]} ok] && $ok} {
    return [uplevel 1 $args]
  }
  set where ""
  for {set l [expr {[info frame] - 1}]} {$l > 0} {incr l -1} {
    set f [info frame $l]
    if {[dict exists $f file] && [dict exists $f line]} {
      set where "[dict get $f file]:[dict get $f line]: "
      break
    }
  }
  return -code error "${where}unknown command '$name' (xrtemu's vivado implements the project, file, ipx:: and package_xo commands of RTL kernel packaging; see docs/vivado.md)"
}
)TCL";

int usage(std::ostream& o, int rc)
{
  o << "usage: vivado -mode batch -source script.tcl [-source more.tcl ...] [-tclargs args...]\n"
       "       [-nojournal] [-nolog] [-notrace] [-log file] [-journal file]\n"
       "xrtemu's vivado: Vivado's batch Tcl mode for packaging RTL kernels (ipx::*, package_xo).\n";
  return rc;
}

} // namespace

int main(int argc, char** argv)
{
  std::vector<std::string> sources, tclargs;
  std::string mode = "batch";
  // v++ -l runs a userPreSysLinkOverlayTcl script with these (docs/swap.md).
  std::string syslink_platform, syslink_out;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.size() > 2 && a[0] == '-' && a[1] == '-')
      a = a.substr(1);
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "vivado: " << a << " needs a value\n";
        std::exit(usage(std::cerr, 2));
      }
      return argv[++i];
    };
    if (a == "-mode")
      mode = value();
    else if (a == "-source")
      sources.push_back(value());
    else if (a == "-xrtemu_syslink_platform")
      syslink_platform = value();
    else if (a == "-xrtemu_syslink_out")
      syslink_out = value();
    else if (a == "-tclargs") {
      for (++i; i < argc; ++i)
        tclargs.push_back(argv[i]);
    } else if (a == "-log" || a == "-journal" || a == "-tempDir" || a == "-stack" || a == "-appjournal" ||
               a == "-applog" || a == "-messageDb")
      value();
    else if (a == "-nojournal" || a == "-nolog" || a == "-notrace" || a == "-verbose")
      ;
    else if (a == "-version") {
      std::cout << "Vivado v2022.1 (xrtemu: IP packaging for RTL kernels in emulation)\n";
      return 0;
    } else if (a == "-help" || a == "-h")
      return usage(std::cout, 0);
    else {
      std::cerr << "vivado: unknown option " << argv[i] << "\n";
      return usage(std::cerr, 2);
    }
  }
  if (mode == "gui") {
    std::cerr << "vivado: -mode gui is not available (xrtemu's vivado runs Tcl scripts in batch mode)\n";
    return 2;
  }
  if (sources.empty()) {
    std::cerr << "vivado: nothing to run (give -source script.tcl)\n";
    return usage(std::cerr, 2);
  }

  Tcl_FindExecutable(argv[0]);
  Tcl_Interp* interp = Tcl_CreateInterp();
  if (Tcl_Init(interp) != TCL_OK)
    std::cerr << "vivado: warning: Tcl library not initialised: " << Tcl_GetStringResult(interp) << "\n";
  session s;
  s.interp = interp;
  s.kernel_include_dir = kernel_include_dir();

  Tcl_Obj* av = Tcl_NewListObj(0, nullptr);
  for (auto& t : tclargs)
    Tcl_ListObjAppendElement(interp, av, Tcl_NewStringObj(t.c_str(), -1));
  Tcl_SetVar2Ex(interp, "argv", nullptr, av, TCL_GLOBAL_ONLY);
  Tcl_SetVar2Ex(interp, "argc", nullptr, Tcl_NewIntObj(static_cast<int>(tclargs.size())), TCL_GLOBAL_ONLY);
  Tcl_SetVar2Ex(interp, "argv0", nullptr, Tcl_NewStringObj(sources.front().c_str(), -1), TCL_GLOBAL_ONLY);
  Tcl_SetVar2Ex(interp, "tcl_interactive", nullptr, Tcl_NewIntObj(0), TCL_GLOBAL_ONLY);

  Tcl_CreateObjCommand(interp, "::source", source_command, nullptr, nullptr);
  if (Tcl_Eval(interp, unknown_proc) != TCL_OK) {
    std::cerr << "vivado: internal: " << Tcl_GetStringResult(interp) << "\n";
    return 3;
  }
  add_project_commands(s);
  add_property_commands(s);
  add_ipx_commands(s);
  add_package_xo_command(s);
  if (!syslink_platform.empty()) {
    try {
      s.platform = xrtemu::cards::load_platform(syslink_platform);
    }
    catch (const std::exception& e) {
      std::cerr << "vivado: " << e.what() << "\n";
      return 2;
    }
    add_syslink_commands(s);
  }

  for (auto& file : sources) {
    if (Tcl_EvalFile(interp, file.c_str()) != TCL_OK) {
      std::string message = Tcl_GetStringResult(interp);
      const char* info = Tcl_GetVar(interp, "errorInfo", TCL_GLOBAL_ONLY);
      std::string stack = info ? info : "";
      // errorInfo starts with the message; the stack follows.
      if (stack.compare(0, message.size(), message) == 0)
        stack = stack.substr(message.size());
      while (!stack.empty() && stack.front() == '\n')
        stack.erase(0, 1);
      std::cout << std::flush;
      std::cerr << "ERROR: " << message << "\n";
      if (!stack.empty())
        std::cerr << "Tcl stack:\n" << stack << "\n";
      Tcl_DeleteInterp(interp);
      return 1;
    }
  }
  std::cout << std::flush;
  if (!syslink_out.empty()) {
    try {
      write_syslink_result(s, syslink_out);
    }
    catch (const std::exception& e) {
      std::cerr << "vivado: " << e.what() << "\n";
      return 1;
    }
  }
  Tcl_DeleteInterp(interp);
  return 0;
}
