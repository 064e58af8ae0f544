"""Bad use of pyxrt raises a Python exception carrying XRT's message, and the
device stays usable afterwards."""
import numpy as np
import pytest


def vadd_works(pyxrt, device, vadd, count=512):
    size = 4 * count
    bos = [pyxrt.bo(device, size, pyxrt.bo.normal, vadd.group_id(i)) for i in range(3)]
    np.frombuffer(bos[0].map(), dtype=np.uint32)[:] = 2
    np.frombuffer(bos[1].map(), dtype=np.uint32)[:] = 3
    for bo in bos[:2]:
        bo.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_TO_DEVICE, size, 0)
    assert vadd(*bos, count).wait() == pyxrt.ert_cmd_state.ERT_CMD_STATE_COMPLETED
    bos[2].sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_FROM_DEVICE, size, 0)
    return bool(np.all(np.frombuffer(bos[2].map(), dtype=np.uint32) == 5))


def test_unknown_kernel(pyxrt, device, vadd_uuid, vadd):
    with pytest.raises(RuntimeError, match="nope"):
        pyxrt.kernel(device, vadd_uuid, "nope")
    assert vadd_works(pyxrt, device, vadd)


def test_sync_past_the_end(pyxrt, device, vadd):
    bo = pyxrt.bo(device, 4096, pyxrt.bo.normal, vadd.group_id(0))
    with pytest.raises(RuntimeError) as e:
        bo.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_TO_DEVICE, 4096, 8)
    assert str(e.value)
    with pytest.raises(RuntimeError):
        bo.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_FROM_DEVICE, 8192, 0)
    with pytest.raises(RuntimeError):
        bo.write(np.zeros(16, dtype=np.int32), 4090)
    with pytest.raises(RuntimeError):
        bo.read(16, 4090)
    bo.sync(pyxrt.xclBOSyncDirection.XCL_BO_SYNC_BO_TO_DEVICE, 4096, 0)  # the BO itself still works
    assert vadd_works(pyxrt, device, vadd)


def test_wrong_argument_types(pyxrt, device, vadd):
    bo = pyxrt.bo(device, 4096, pyxrt.bo.normal, vadd.group_id(0))
    run = pyxrt.run(vadd)
    with pytest.raises(TypeError):
        run.set_arg(0, "a string")
    with pytest.raises(TypeError):
        run.set_arg(3, 1.5)
    with pytest.raises(TypeError, match="kernel argument 1: expected pyxrt.bo or int, got str"):
        vadd(bo, "x", bo, 16)
    with pytest.raises(TypeError):
        pyxrt.bo(device, "big", pyxrt.bo.normal, 0)
    with pytest.raises(TypeError):
        bo.sync("to device", 16, 0)
    with pytest.raises(TypeError):
        device.load_xclbin(42)
    with pytest.raises(TypeError):
        device.get_info("name")
    assert vadd_works(pyxrt, device, vadd)


def test_arguments_xrt_refuses(pyxrt, device, vadd):
    bo = pyxrt.bo(device, 4096, pyxrt.bo.normal, vadd.group_id(0))
    run = pyxrt.run(vadd)
    # Stock coreutil 2.13 would crash on these two (no bounds check on its
    # connectivity table): pyxrt refuses them first.
    with pytest.raises(ValueError, match="argument 7 is not a global"):
        run.set_arg(7, bo)  # vadd has 4 arguments
    with pytest.raises(ValueError, match="argument 3 is not a global"):
        run.set_arg(3, bo)  # a scalar argument given a buffer
    with pytest.raises(IndexError):
        run.set_arg(4, 1)  # XRT's own range check
    with pytest.raises(IndexError):
        vadd(bo, bo, bo, 16, 17)  # one argument too many: nothing is started
    assert vadd_works(pyxrt, device, vadd)


def test_bad_device_and_files(pyxrt, device, vadd, tmp_path):
    with pytest.raises(RuntimeError):
        pyxrt.device(99)
    with pytest.raises(RuntimeError):
        pyxrt.xclbin(str(tmp_path / "missing.xclbin"))
    with pytest.raises(RuntimeError):
        device.load_xclbin(str(tmp_path / "missing.xclbin"))
    with pytest.raises(RuntimeError):
        pyxrt.bo(device, 4096, pyxrt.bo.normal, 1000)  # no such memory bank
    assert vadd_works(pyxrt, device, vadd)
