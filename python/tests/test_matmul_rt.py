"""The matmul runtime from Python: results, zero-copy, callbacks, profiles,
the pool, thread-safe submission and its errors."""
import threading

import numpy as np
import pytest

matmul_rt = pytest.importorskip("matmul_rt")


@pytest.fixture(scope="module")
def rt(matmul_xclbin):
    return matmul_rt.init(matmul_xclbin)


def operands(m, k, n, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((m, k), dtype=np.float32), rng.standard_normal((k, n), dtype=np.float32)


def test_results_match_numpy_for_ragged_shapes(rt):
    assert rt.compute_units == 2
    for m, k, n in [(1, 1, 1), (33, 65, 17), (64, 32, 96), (5, 200, 3)]:
        a, b = operands(m, k, n)
        c, prof = rt.submit_matmul(a, b).result()
        assert c.shape == (m, n) and c.dtype == np.float32
        np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)
        assert prof.cu in (0, 1)


def test_other_dtypes_and_layouts_are_converted(rt):
    a, b = operands(40, 24, 16)
    c, _ = rt.submit_matmul(a.astype(np.float64), np.asfortranarray(b)).result()
    np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)
    c, _ = rt.submit_matmul(b.T, a.T).result()  # non-contiguous views
    np.testing.assert_allclose(c, (a @ b).T, rtol=1e-4, atol=1e-4)


def test_out_array_is_filled_in_place(rt):
    a, b = operands(16, 8, 12)
    out = np.zeros((16, 12), dtype=np.float32)
    c, _ = rt.submit_matmul(a, b, out=out).result()
    assert c is out or np.shares_memory(c, out)
    np.testing.assert_allclose(out, a @ b, rtol=1e-4, atol=1e-4)


def test_device_buffers_are_zero_copy_numpy_views(rt):
    m, k, n = 24, 40, 8
    da, db, dc = (rt.malloc_device(4 * s) for s in (m * k, k * n, m * n))
    a, b = da.array((m, k)), db.array((k, n))
    assert np.shares_memory(a, da.array()) and np.shares_memory(a, np.asarray(da))
    a[:], b[:] = operands(m, k, n)
    da.to_device()
    db.to_device()
    none, prof = rt.submit_matmul_device(da, db, dc, m, n, k).result()
    assert none is None and prof.dma_in_ms == 0.0
    dc.from_device()
    np.testing.assert_allclose(dc.array((m, n)), a @ b, rtol=1e-4, atol=1e-4)
    assert da.address != db.address and da.size == 4 * m * k
    view = dc.array((m, n))
    del dc  # the view keeps the buffer
    assert view.shape == (m, n)


def test_callbacks_and_profile_order(rt):
    seen = []
    done = threading.Event()

    def on_done(profile, error):
        seen.append((profile, error))
        if len(seen) == 3:
            done.set()

    futures = [rt.submit_matmul(*operands(32, 32, 32, s), callback=on_done) for s in range(3)]
    rt.sync()
    assert done.wait(10) and all(f.done() for f in futures)
    for prof, error in seen:
        assert error is None
        stamps = [prof.submitted, prof.dma_in_start, prof.dma_in_end, prof.compute_start, prof.compute_end,
                  prof.dma_out_start, prof.dma_out_end]
        assert stamps == sorted(stamps)
        assert prof.compute_ms > 0 and prof.total_ms >= prof.compute_ms
        assert "compute=" in repr(prof)


def test_thread_safe_submission(rt):
    results = {}

    def worker(t):
        futures = [(s, rt.submit_matmul(*operands(20, 30, 10, 100 * t + s))) for s in range(5)]
        results[t] = [(s, f.result()[0]) for s, f in futures]

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for t, outs in results.items():
        for s, c in outs:
            a, b = operands(20, 30, 10, 100 * t + s)
            np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)
    assert len(results) == 4


def test_pool_reuses_buffers(rt, matmul_xclbin):
    a, b = operands(64, 64, 64)
    for _ in range(3):
        rt.submit_matmul(a, b).result()
    before = rt.stats()
    for _ in range(4):
        rt.submit_matmul(a, b).result()
    after = rt.stats()
    assert after["allocations"] == before["allocations"] and after["reuses"] >= before["reuses"] + 12
    unpooled = matmul_rt.init(matmul_xclbin, use_pool=False)
    for _ in range(2):
        unpooled.submit_matmul(a, b).result()
    assert unpooled.stats() == {"allocations": 6, "reuses": 0}


def test_shape_errors(rt):
    a, b = operands(4, 5, 6)
    with pytest.raises(ValueError, match="shapes do not multiply"):
        rt.submit_matmul(a, a)
    with pytest.raises(ValueError, match="out must be"):
        rt.submit_matmul(a, b, out=np.zeros((4, 6), dtype=np.float64))
    with pytest.raises(TypeError):
        rt.submit_matmul("a", b)
    small = rt.malloc_device(16)
    with pytest.raises(ValueError, match="buffer a holds 16 bytes"):
        rt.submit_matmul_device(small, small, small, 4, 4, 4)
    with pytest.raises(ValueError, match="must be positive"):
        rt.submit_matmul_device(small, small, small, 0, 1, 1)


def test_dma_errors_and_freed_buffers(rt):
    buf = rt.malloc_device(4096)
    with pytest.raises(matmul_rt.DmaError, match="past the end"):
        buf.to_device(4096, 16)
    assert issubclass(matmul_rt.DmaError, matmul_rt.Error) and issubclass(matmul_rt.Error, RuntimeError)
    rt.free(buf)
    assert not buf
    with pytest.raises(matmul_rt.Error, match="freed"):
        buf.array()
    with pytest.raises(ValueError, match="is freed"):
        rt.submit_matmul_device(buf, buf, buf, 1, 1, 1)


def test_timeout_aborts_the_run_and_the_card_stays_usable(rt, matmul_xclbin):
    # 1 ms for a 512^3 product (134 M multiply-adds) times out on any host.
    hasty = matmul_rt.init(matmul_xclbin, timeout_ms=1)
    a, b = operands(512, 512, 512)
    errors = []
    future = hasty.submit_matmul(a, b, callback=lambda prof, err: errors.append(err))
    with pytest.raises(matmul_rt.TimeoutError, match="did not complete within 1 ms"):
        future.result()
    assert errors and "aborted" in errors[0]
    a, b = operands(16, 16, 16)
    c, _ = rt.submit_matmul(a, b).result()
    np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)
