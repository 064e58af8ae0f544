#!/usr/bin/env python3
"""Vector addition through pyxrt, written as for XRT 2.13 on a card.

    xrtemu run -- python3 pyxrt_vadd.py build/xclbin/vadd.xclbin [count]

Loads the xclbin, maps the buffers into NumPy (no copy), runs the vadd
kernel (out = in1 + in2) and checks the result.
"""
import sys

import numpy as np
import pyxrt


def main():
    if len(sys.argv) < 2:
        print("usage: pyxrt_vadd.py <vadd.xclbin> [count]")
        return 2
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 4096
    size = count * 4

    device = pyxrt.device(0)
    xclbin = pyxrt.xclbin(sys.argv[1])
    uuid = device.load_xclbin(xclbin)
    print("device %s, xclbin %s" % (device.get_info(pyxrt.xrt_info_device.name), uuid.to_string()))
    vadd = pyxrt.kernel(device, uuid, "vadd", pyxrt.kernel.shared)

    in1 = pyxrt.bo(device, size, pyxrt.bo.normal, vadd.group_id(0))
    in2 = pyxrt.bo(device, size, pyxrt.bo.normal, vadd.group_id(1))
    out = pyxrt.bo(device, size, pyxrt.bo.normal, vadd.group_id(2))

    a = np.frombuffer(in1.map(), dtype=np.uint32)
    b = np.frombuffer(in2.map(), dtype=np.uint32)
    a[:] = np.arange(count, dtype=np.uint32)
    b[:] = 3 * np.arange(count, dtype=np.uint32) + 7
    in1.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_TO_DEVICE, size, 0)
    in2.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_TO_DEVICE, size, 0)

    run = vadd(in1, in2, out, count)
    state = run.wait()
    if state != pyxrt.ert_cmd_state.ERT_CMD_STATE_COMPLETED:
        print("run ended in %s\nTEST FAILED" % state)
        return 1
    out.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_FROM_DEVICE, size, 0)
    result = np.frombuffer(out.map(), dtype=np.uint32)
    if not np.array_equal(result, a + b):
        print("mismatch at %d\nTEST FAILED" % int(np.argmax(result != a + b)))
        return 1
    print("vadd of %d elements: out[-1] = %d\nTEST PASSED" % (count, result[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
