#!/usr/bin/env python3
# xbutil validate's "verify" test (xrtemu's own): loads verify.xclbin, runs
# its `hello` kernel on two buffers and checks both read "Hello World".
# Usage: 22_verify.py -k verify.xclbin -d <device index>
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import validate_common as vc

pyxrt = vc.import_pyxrt()
SIZE = 1024
EXPECTED = b"Hello World"


def verify(opt):
    device = pyxrt.device(opt.device)
    xclbin = pyxrt.xclbin(opt.xclbin)
    uuid = device.load_xclbin(xclbin)
    names = [k.get_name() for k in xclbin.get_kernels() if k.get_name().startswith("hello")]
    if not names:
        raise RuntimeError("%s has no kernel named hello*" % opt.xclbin)
    kernel = pyxrt.kernel(device, uuid, names[0], pyxrt.kernel.shared)

    buffers = []
    for _ in range(2):
        bo = pyxrt.bo(device, SIZE, pyxrt.bo.normal, kernel.group_id(0))
        bo.write(bytes(SIZE), 0)
        bo.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_TO_DEVICE, SIZE, 0)
        buffers.append(bo)
    print("Running %s twice" % names[0])
    runs = [kernel(bo) for bo in buffers]
    for run in runs:
        state = run.wait()
        if state != pyxrt.ert_cmd_state.ERT_CMD_STATE_COMPLETED:
            raise RuntimeError("kernel run ended in state %s" % state)
    for i, bo in enumerate(buffers):
        bo.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_FROM_DEVICE, SIZE, 0)
        got = bytes(bo.map()[:len(EXPECTED)])
        print("Buffer %d: %r" % (i, got))
        if got != EXPECTED:
            raise RuntimeError("buffer %d reads %r, expected %r" % (i, got, EXPECTED))


if __name__ == "__main__":
    options = vc.Options(sys.argv)
    vc.run_test(lambda: verify(options))
