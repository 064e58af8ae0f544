// Mailbox and counted auto-restart (UG1399, "Auto-Restarting Designs"):
// built with config_interface -s_axilite_mailbox both and
// -s_axilite_auto_restart_counter 1 (mailbox.tcl), one ap_start makes the CU
// run as often as the restart counter says, and the host changes `step` and
// `base` or reads `value` and `runs` through xrt::mailbox while it runs.
// `runs` counts the CU's runs since the xclbin was loaded (state kept in the
// CU, as a register would be on the card).
extern "C" {

void mailbox_tally(int step, int base, int& value, int& runs)
{
#pragma HLS INTERFACE mode = ap_ctrl_chain port = return
#pragma HLS INTERFACE mode = s_axilite port = step
#pragma HLS INTERFACE mode = s_axilite port = base
#pragma HLS INTERFACE mode = s_axilite port = value
#pragma HLS INTERFACE mode = s_axilite port = runs
#pragma HLS STABLE variable = step
#pragma HLS STABLE variable = base

  static int count = 0;
  ++count;
  value = base + 3 * step;
  runs = count;
}

}
