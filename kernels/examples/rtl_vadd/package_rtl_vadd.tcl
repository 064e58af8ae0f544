# Packages the rtl_vadd RTL kernel into an .xo the way Vitis RTL kernel
# projects do: a throw-away project with the Verilog, ipx::package_project,
# the control register map by hand, then package_xo.  Run it with
#   vivado -mode batch -source package_rtl_vadd.tcl -tclargs <out.xo> <work dir>
# (xrtemu's vivado, or AMD's).  The C model serves software emulation.

if {$::argc != 2} {
  puts "usage: vivado -mode batch -source [info script] -tclargs <out.xo> <work dir>"
  exit 1
}
lassign $::argv xo_file work_dir
set here [file dirname [file normalize [info script]]]
set ip_dir [file join $work_dir ip]

create_project -force rtl_vadd_pack [file join $work_dir project]
add_files -norecurse [list $here/rtl_vadd.v $here/rtl_vadd_control.v]
update_compile_order -fileset sources_1
ipx::package_project -root_dir $ip_dir -vendor xrtemu.example -library kernel -taxonomy /KernelIP -import_files

set core [ipx::current_core]
set_property core_revision 1 $core
ipx::associate_bus_interfaces -busif m_axi_gmem -clock ap_clk $core
ipx::associate_bus_interfaces -busif s_axi_control -clock ap_clk $core

# The HLS control registers, then one register per kernel argument.
set regs [ipx::add_address_block control_regs [ipx::add_memory_map s_axi_control $core]]
set_property range 0x1000 $regs
foreach {name offset} {CTRL 0x00 GIER 0x04 IP_IER 0x08 IP_ISR 0x0C} {
  set r [ipx::add_register $name $regs]
  set_property address_offset $offset $r
  set_property size 32 $r
}
foreach {name offset} {a 0x10 b 0x1C c 0x28} {
  set r [ipx::add_register $name $regs]
  set_property address_offset $offset $r
  set_property size 64 $r
  set_property value m_axi_gmem [ipx::add_register_parameter ASSOCIATED_BUSIF $r]
}
set r [ipx::add_register n $regs]
set_property address_offset 0x34 $r
set_property size 32 $r
set_property slave_memory_map_ref s_axi_control [ipx::get_bus_interfaces s_axi_control -of_objects $core]

set_property sdx_kernel true $core
set_property sdx_kernel_type rtl $core
ipx::create_xgui_files $core
ipx::update_checksums $core
ipx::check_integrity -kernel $core
ipx::save_core $core
close_project -delete

package_xo -force -xo_path $xo_file -kernel_name rtl_vadd -ip_directory $ip_dir \
  -kernel_files $here/rtl_vadd_cmodel.cpp -output_kernel_xml [file join $work_dir kernel.xml]
