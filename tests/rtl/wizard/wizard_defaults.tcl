# e2e_wizard: the RTL Kernel Wizard's defaults (one scalar, scalar00; one
# AXI4 master, m00_axi, 512 bits, with one pointer, axi00_ptr0), made
# ap_ctrl_chain with two clocks and no reset; package_xo derives kernel.xml
# from the IP.  Written for xrtemu's tests.
#   vivado -mode batch -source wizard_defaults.tcl -tclargs <out.xo> <work dir>
lassign $::argv xo_file work_dir
file mkdir $work_dir
cd $work_dir

create_project -force project_1 project_1
create_ip -name rtl_kernel_wizard -vendor xilinx.com -library ip -version 1.0 -module_name wiz_chain
set_property -dict [list CONFIG.KERNEL_CTRL {ap_ctrl_chain} CONFIG.NUM_CLOCKS {2} CONFIG.NUM_RESETS {0}] \
  [get_ips wiz_chain]
open_example_project -force -in_process -dir [pwd] [get_ips wiz_chain]

source -notrace wiz_chain_ex/imports/package_kernel.tcl
package_project wiz_chain_ex/wiz_chain xrtemu.test wizard wiz_chain
package_xo -xo_path $xo_file -kernel_name wiz_chain -ip_directory wiz_chain_ex/wiz_chain \
  -kernel_files wiz_chain_ex/imports/wiz_chain_cmodel.cpp
