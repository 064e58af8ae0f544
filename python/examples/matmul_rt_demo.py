#!/usr/bin/env python3
"""The matmul runtime from Python: NumPy in, NumPy out, with job profiles.

    xrtemu run -- python3 matmul_rt_demo.py build/xclbin/matmul_rt.xclbin

Submits a few products of host arrays (used in place: C-contiguous float32)
with a completion callback, then one on device buffers filled through their
zero-copy NumPy views, and checks everything against NumPy.
"""
import sys

import numpy as np
import matmul_rt


def main():
    if len(sys.argv) < 2:
        print("usage: matmul_rt_demo.py <matmul_rt.xclbin>")
        return 2
    rt = matmul_rt.init(sys.argv[1])
    rng = np.random.default_rng(0)
    m, k, n = 128, 96, 64
    done = []
    jobs = []
    for _ in range(4):
        a = rng.standard_normal((m, k), dtype=np.float32)
        b = rng.standard_normal((k, n), dtype=np.float32)
        jobs.append((a, b, rt.submit_matmul(a, b, callback=lambda prof, err: done.append(err))))
    rt.sync()
    worst = 0.0
    for i, (a, b, future) in enumerate(jobs):
        c, prof = future.result()
        worst = max(worst, float(np.abs(c - a @ b).max()))
        print("job %d on CU %d: DMA in %.3f ms, compute %.3f ms, DMA out %.3f ms"
              % (i, prof.cu, prof.dma_in_ms, prof.compute_ms, prof.dma_out_ms))

    # Device buffers: NumPy views of the mappings, no host copies at all.
    da, db, dc = (rt.malloc_device(4 * s) for s in (m * k, k * n, m * n))
    a, b = da.array((m, k)), db.array((k, n))
    a[:] = rng.standard_normal((m, k))
    b[:] = rng.standard_normal((k, n))
    da.to_device()
    db.to_device()
    rt.submit_matmul_device(da, db, dc, m, n, k).result()
    dc.from_device()
    worst = max(worst, float(np.abs(dc.array((m, n)) - a @ b).max()))

    print("max |numpy - card| = %.3g, callbacks %d, pool %s" % (worst, len(done), rt.stats()))
    ok = worst < 1e-3 and done == [None] * 4
    print("TEST PASSED" if ok else "TEST FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
