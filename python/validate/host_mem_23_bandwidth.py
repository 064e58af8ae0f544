#!/usr/bin/env python3
# xbutil validate's "hostmem-bw" test (xrtemu's own): the bandwidth kernels
# of bandwidth.xclbin copying between host-only buffers (the card reaches
# them through its host memory window).  xbutil runs it only on cards whose
# platform has host memory (a HOST bank).
# Usage: host_mem_23_bandwidth.py -k bandwidth.xclbin -d <device index>
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import validate_common as vc
import bandwidth_common

pyxrt = vc.import_pyxrt()

if __name__ == "__main__":
    options = vc.Options(sys.argv)
    vc.run_test(lambda: bandwidth_common.run(pyxrt, options, pyxrt.bo.host_only, "host memory"))
