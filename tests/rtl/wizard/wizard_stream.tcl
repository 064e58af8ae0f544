# e2e_wizard: an RTL Kernel Wizard kernel with one AXI4-Stream input and one
# output (NUM_AXIS 2: AXIS00 sends, AXIS01 receives by default), as the
# Vitis streaming examples make theirs.  Written for xrtemu's tests.
#   vivado -mode batch -source wizard_stream.tcl -tclargs <out.xo> <work dir> <kernel> <protocol> <use kernel.xml: 0|1>
lassign $::argv xo_file work_dir kernel protocol with_xml
file mkdir $work_dir
cd $work_dir

create_project -force project_1 project_1 -part xcu250-figd2104-2L-e
create_ip -name rtl_kernel_wizard -vendor xilinx.com -library ip -version 1.0 -module_name $kernel
set_property -dict [list CONFIG.Component_Name $kernel CONFIG.KERNEL_NAME $kernel CONFIG.KERNEL_CTRL $protocol \
  CONFIG.NUM_INPUT_ARGS {0} CONFIG.NUM_M_AXI {0} CONFIG.NUM_AXIS {2} CONFIG.AXIS00_NAME {out} \
  CONFIG.AXIS01_NAME {in} CONFIG.AXIS00_NUM_BYTES {4} CONFIG.AXIS01_NUM_BYTES {4}] [get_ips $kernel]
open_example_project -force -in_process -dir [pwd] [get_ips $kernel]

source -notrace ${kernel}_ex/imports/package_kernel.tcl
package_project ${kernel}_ex/$kernel xrtemu.test wizard $kernel
set xml [expr {$with_xml ? [list -kernel_xml ${kernel}_ex/imports/kernel.xml] : {}}]
package_xo -xo_path $xo_file -kernel_name $kernel -ip_directory ${kernel}_ex/$kernel {*}$xml \
  -kernel_files ${kernel}_ex/imports/${kernel}_cmodel.cpp
