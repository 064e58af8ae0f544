# Vitis HLS settings for mailbox_tally (v++ -c --hls.pre_tcl mailbox.tcl).
config_interface -s_axilite_mailbox both
config_interface -s_axilite_auto_restart_counter 1
