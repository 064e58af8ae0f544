// State and helpers shared by the Tcl commands of xrtemu's `vivado`: the
// open project, the IP cores in memory, object handles as Tcl sees them,
// Vivado-style option parsing, and errors that name the script's file:line.
#pragma once

#include "xrtemu/cards/platform.h"
#include "xrtemu/vpp/ip_core.h"

#include <tcl.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace xrtemu::vivado {

// A failure of one Tcl command; the message names what is wrong.  The
// command wrapper prefixes the script's file:line and the command.
struct tcl_error : std::runtime_error
{
  using std::runtime_error::runtime_error;
};

// An IP added with create_ip (ila, rtl_kernel_wizard...).
struct created_ip
{
  std::string name, vlnv, module;
  std::map<std::string, std::string> config;   // CONFIG.* properties
  std::string stub;                            // generated Verilog, if any
};

struct project
{
  std::string name, dir, part;
  std::vector<std::string> files;     // absolute
  std::string top;                    // set_property top (empty: inferred)
  std::map<std::string, std::string> props;
  std::vector<created_ip> ips;
};

struct session
{
  Tcl_Interp* interp = nullptr;
  std::string kernel_include_dir;
  std::optional<project> proj;
  std::map<int, std::unique_ptr<vpp::ip_core>> cores;   // by id
  int next_core = 1;
  int current_core = 0;
  std::string default_ctrl_protocol;   // last package_xo / check_integrity choice
  std::map<std::string, std::string> wizard_protocols;   // kernel -> open_example_project's protocol

  // System link mode (v++ -l running a userPreSysLinkOverlayTcl script): the
  // platform and the PLRAM sizes the script set, by bank tag.
  std::optional<cards::platform_desc> platform;
  struct plram_spec { uint64_t size = 0; std::string where; };
  std::map<std::string, plram_spec> plram;

  vpp::ip_core& core(int id);
  int load_core(const std::string& component_xml);      // reads, returns id
  int find_core_by_path(const std::string& component_xml) const;   // 0: none
};

// Object handles: "<kind>:<core id>:<path>", path parts joined by '/'.
//   ipx_core:1:   ipx_bus_interface:1:m_axi_gmem   ipx_bus_parameter:1:ap_clk/ASSOCIATED_BUSIF
//   ipx_memory_map:1:s_axi_control   ipx_address_block:1:s_axi_control/reg0
//   ipx_register:1:s_axi_control/reg0/a   ipx_register_parameter:1:s_axi_control/reg0/a/ASSOCIATED_BUSIF
//   ipx_field:1:s_axi_control/reg0/CTRL/AP_START   ipx_user_parameter:1:C_WIDTH   ipx_port:1:ap_clk
// and for the project: project:<name>, fileset:<name>, ip:<module name>, file:<path>.
struct handle
{
  std::string kind;
  int core = 0;
  std::vector<std::string> path;
  std::string str() const;
};
std::optional<handle> parse_handle(const std::string& text);

// Options of one command, Vivado style: -name value, flags, unambiguous
// prefixes (-of for -of_objects), and positional arguments.
struct options
{
  std::map<std::string, std::string> values;   // option -> value ("" for flags)
  std::vector<std::string> positional;
  bool has(const std::string& o) const { return values.count(o) != 0; }
  std::string get(const std::string& o, const std::string& def = "") const;
};
// `with_value`: options taking a value; `flags`: those that do not.
options parse_options(const std::string& command, const std::vector<std::string>& args,
                      const std::vector<std::string>& with_value, const std::vector<std::string>& flags);

using command_fn = std::function<std::string(session&, const std::vector<std::string>& args)>;
// Registers `name` (may be namespaced, ipx::foo); the function returns the
// Tcl result; tcl_error and vpp::error become Tcl errors naming file:line.
void add_command(session& s, const std::string& name, command_fn fn);
// A command that only matters for implementation, GUI or reports: accepted
// and logged.
void add_ignored_command(session& s, const std::string& name, const std::string& why);

// The calling script's "file:line" for messages (empty outside a script).
std::string script_where(Tcl_Interp* interp);
void note(const std::string& text);   // "vivado: <text>" on stdout

std::vector<std::string> split_list(Tcl_Interp* interp, const std::string& list);
std::string make_list(const std::vector<std::string>& items);

// What an ipx handle points at (pointers into the core; valid until the
// core changes shape).  Throws tcl_error naming the object when it is gone.
struct ipx_ref
{
  vpp::ip_core* core = nullptr;
  vpp::ip_bus_interface* busif = nullptr;
  vpp::ip_memory_map* map = nullptr;
  vpp::ip_address_block* block = nullptr;
  vpp::ip_register* reg = nullptr;
  vpp::ip_field* field = nullptr;
  vpp::ip_param* param = nullptr;     // bus, register or user parameter
  vpp::ip_port* port = nullptr;
};
ipx_ref resolve(session& s, const handle& h);
// The core a command acts on: the handle given, else the current core.
int core_of(session& s, const std::vector<std::string>& positional, const std::string& cmd);

// Writes the Verilog of a created IP (its ports follow CONFIG.*) into the
// project and adds it to the project's files.
void regenerate_ip(session& s, created_ip& ip);

void add_project_commands(session& s);
void add_property_commands(session& s);
void add_ipx_commands(session& s);
void add_package_xo_command(session& s);
// get_bd_cells, sdx_memory_subsystem::update_plram_specification ... (needs
// s.platform); the result file lists the PLRAM sizes for v++.
void add_syslink_commands(session& s);
void write_syslink_result(const session& s, const std::string& path);

} // namespace xrtemu::vivado
