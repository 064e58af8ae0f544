#!/usr/bin/env python3
"""P11's Python side: GB/s of a NumPy write into pyxrt's bo.map() followed by
bo.sync(TO_DEVICE), the same work as `bench_host map_write_sync`.

    XILINX_XRT=build/platform PYTHONPATH=build/platform/python \
        python3 bench/pyxrt_map_write_sync.py <bytes> <iterations>
"""
import sys
import time

import numpy as np
import pyxrt


def main():
    size, iters = int(sys.argv[1]), int(sys.argv[2])
    device = pyxrt.device(0)
    bo = pyxrt.bo(device, size, pyxrt.bo.normal, 0)
    dst = np.frombuffer(bo.map(), dtype=np.uint8)
    src = np.full(size, 3, dtype=np.uint8)
    to_device = pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_TO_DEVICE
    np.copyto(dst, src)  # first touch of the host and card pages
    bo.sync(to_device, size, 0)
    start = time.perf_counter()
    for _ in range(iters):
        np.copyto(dst, src)
        bo.sync(to_device, size, 0)
    print(size * iters / (time.perf_counter() - start) / 1e9)


if __name__ == "__main__":
    main()
