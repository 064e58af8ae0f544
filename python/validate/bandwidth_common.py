# The bandwidth test shared by 23_bandwidth.py (buffers in the card's banks)
# and host_mem_23_bandwidth.py (host-only buffers): loads bandwidth.xclbin,
# has bandwidth1 and bandwidth2 copy an input buffer into an output buffer
# for growing block counts, checks every copied byte and prints one
# "Throughput" line per size and "Maximum throughput: N MB/s", which xbutil
# validate shows.  The emulated card moves data at host memory speed; the
# figures are what this machine does, not a card's, so no minimum is set.
import time

BUFFER_BYTES = 16 * 1024 * 1024
WORD_BYTES = 64                       # one 512-bit beat
BLOCK_COUNTS = (16, 64, 256, 1024)    # beats per pass, as XRT's test steps them
BYTES_PER_RUN = 32 * 1024 * 1024      # each size copies about this much per kernel


def make_buffer(pyxrt, device, kernel, arg, flags, pattern):
    bo = pyxrt.bo(device, BUFFER_BYTES, flags, kernel.group_id(arg))
    view = bo.map()
    if pattern:
        view[:] = bytes(i % 256 for i in range(256)) * (BUFFER_BYTES // 256)
    else:
        view[:] = bytes(BUFFER_BYTES)
    bo.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_TO_DEVICE, BUFFER_BYTES, 0)
    return bo, view


def run(pyxrt, opt, flags, label):
    device = pyxrt.device(opt.device)
    xclbin = pyxrt.xclbin(opt.xclbin)
    uuid = device.load_xclbin(xclbin)
    pairs = []
    for name in ("bandwidth1", "bandwidth2"):
        kernel = pyxrt.kernel(device, uuid, name, pyxrt.kernel.shared)
        out_bo, out_view = make_buffer(pyxrt, device, kernel, 0, flags, False)
        in_bo, in_view = make_buffer(pyxrt, device, kernel, 1, flags, True)
        pairs.append((name, kernel, out_bo, out_view, in_view, in_bo))

    best = 0.0
    for test, blocks in enumerate(BLOCK_COUNTS):
        reps = max(1, BYTES_PER_RUN // (blocks * WORD_BYTES))
        start = time.perf_counter()
        runs = [(name, kernel(out_bo, in_bo, blocks, reps)) for name, kernel, out_bo, _, _, in_bo in pairs]
        for name, r in runs:
            state = r.wait()
            if state != pyxrt.ert_cmd_state.ERT_CMD_STATE_COMPLETED:
                raise RuntimeError("%s run ended in state %s" % (name, state))
        seconds = time.perf_counter() - start
        limit = blocks * WORD_BYTES
        for name, _, out_bo, out_view, in_view, _ in pairs:
            out_bo.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_FROM_DEVICE, limit, 0)
            if out_view[:limit] != in_view[:limit]:
                raise RuntimeError("%s copied %d bytes wrongly (%s)" % (name, limit, label))
        # read + write by both kernels
        moved = 2 * len(pairs) * limit * reps
        mbps = moved / seconds / (1024 * 1024)
        best = max(best, mbps)
        print("Test %d, %d beats x %d reps, Throughput: %d MB/s" % (test, blocks, reps, mbps))
    print("Maximum throughput: %d MB/s" % best)
