# e2e_wizard: an RTL Kernel Wizard kernel with scalars and two AXI4 masters,
# made the way the Vitis RTL Kernel Wizard scripts make theirs (create_ip,
# CONFIG.*, open_example_project, the generated package_kernel.tcl,
# package_xo with the generated C model).  Written for xrtemu's tests.
#   vivado -mode batch -source wizard_mm.tcl -tclargs <out.xo> <work dir>
lassign $::argv xo_file work_dir
file mkdir $work_dir
cd $work_dir

create_project -force project_1 project_1 -part xcu250-figd2104-2L-e
create_ip -name rtl_kernel_wizard -vendor xilinx.com -library ip -version 1.0 -module_name wiz_mm
# Two scalars (a 32-bit one and a 64-bit one); m00_axi (512 bits) with two
# pointers, gmem1 (32 bits) with one.
set_property -dict [list CONFIG.Component_Name {wiz_mm} CONFIG.KERNEL_NAME {wiz_mm} CONFIG.KERNEL_CTRL {ap_ctrl_hs} \
  CONFIG.NUM_INPUT_ARGS {2} CONFIG.ARG00_NAME {s0} CONFIG.ARG01_NAME {s1} CONFIG.ARG01_TYPE {ulong} \
  CONFIG.NUM_M_AXI {2} CONFIG.M00_AXI_NUM_ARGS {2} CONFIG.M00_AXI_ARG00_NAME {a} CONFIG.M00_AXI_ARG01_NAME {b} \
  CONFIG.M01_AXI_NAME {gmem1} CONFIG.M01_AXI_DATA_WIDTH {4} CONFIG.M01_AXI_ARG00_NAME {c} \
  CONFIG.M01_AXI_ARG00_INTF {gmem1}] [get_ips wiz_mm]
generate_target {instantiation_template} [get_files wiz_mm.xci]
open_example_project -force -in_process -dir [pwd] [get_ips wiz_mm]

source -notrace wiz_mm_ex/imports/package_kernel.tcl
package_project wiz_mm_ex/wiz_mm xrtemu.test wizard wiz_mm
package_xo -xo_path $xo_file -kernel_name wiz_mm -ip_directory wiz_mm_ex/wiz_mm \
  -kernel_files wiz_mm_ex/imports/wiz_mm_cmodel.cpp
