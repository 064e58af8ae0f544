"""pyxrt as XRT 2.13 scripts use it: every class and enum on the emulated card."""
import numpy as np
import pytest

TO_DEVICE = "XCL_BO_SYNC_BO_TO_DEVICE"
FROM_DEVICE = "XCL_BO_SYNC_BO_FROM_DEVICE"


def sync(pyxrt, bo, direction, size=None, offset=0):
    bo.sync(getattr(pyxrt.xclBOSyncDirection, direction), bo.size() if size is None else size, offset)


def test_enums_and_constants(pyxrt):
    assert pyxrt.XCL_BO_FLAGS_NONE == 0
    d = pyxrt.xclBOSyncDirection
    assert [int(d.XCL_BO_SYNC_BO_TO_DEVICE), int(d.XCL_BO_SYNC_BO_FROM_DEVICE), int(d.XCL_BO_SYNC_BO_GMIO_TO_AIE),
            int(d.XCL_BO_SYNC_BO_AIE_TO_GMIO)] == [0, 1, 2, 3]
    s = pyxrt.ert_cmd_state
    assert {name: int(v) for name, v in s.__members__.items()} == {
        "ERT_CMD_STATE_NEW": 1, "ERT_CMD_STATE_QUEUED": 2, "ERT_CMD_STATE_RUNNING": 3,
        "ERT_CMD_STATE_COMPLETED": 4, "ERT_CMD_STATE_ERROR": 5, "ERT_CMD_STATE_ABORT": 6,
        "ERT_CMD_STATE_SUBMITTED": 7, "ERT_CMD_STATE_TIMEOUT": 8, "ERT_CMD_STATE_NORESPONSE": 9,
        "ERT_CMD_STATE_SKERROR": 10, "ERT_CMD_STATE_SKCRASHED": 11}
    assert list(pyxrt.xrt_info_device.__members__) == [
        "bdf", "interface_uuid", "kdma", "max_clock_frequency_mhz", "m2m", "name", "nodma", "offline",
        "electrical", "thermal", "mechanical", "memory", "platform", "pcie_info", "host", "dynamic_regions", "vmr"]
    f = pyxrt.bo.flags
    assert {n: int(v) for n, v in f.__members__.items()} == {
        "normal": 0, "cacheable": 1 << 24, "device_only": 1 << 28, "host_only": 1 << 29, "p2p": 1 << 30,
        "svm": 1 << 27}
    assert pyxrt.bo.normal == f.normal  # exported into the class, as in XRT 2.13
    m = pyxrt.kernel.cu_access_mode
    assert list(m.__members__) == ["exclusive", "shared", "none"]
    assert pyxrt.kernel.shared == m.shared


def test_device_by_index_and_bdf(pyxrt, device):
    bdf = device.get_info(pyxrt.xrt_info_device.bdf)
    assert bdf.count(":") == 2 and "." in bdf
    same = pyxrt.device(bdf)
    assert same.get_info(pyxrt.xrt_info_device.bdf) == bdf
    assert pyxrt.device("0").get_info(pyxrt.xrt_info_device.bdf) == bdf  # a string index, as XRT takes it
    with pytest.raises(RuntimeError, match="no emulated device at BDF"):
        pyxrt.device("0000:ee:1f.1")
    assert isinstance(pyxrt.device(), pyxrt.device)  # an empty handle, as in XRT


def test_get_info_answers_as_strings(pyxrt, device, vadd_uuid):
    info = pyxrt.xrt_info_device
    assert "u250" in device.get_info(info.name)  # the platform's VBNV
    assert int(device.get_info(info.max_clock_frequency_mhz)) > 0
    assert device.get_info(info.offline) in ("0", "1")
    assert device.get_info(info.nodma) in ("0", "1")
    assert device.get_info(info.m2m) in ("0", "1")
    int(device.get_info(info.kdma))
    assert len(device.get_info(info.interface_uuid)) >= 32
    for key in (info.memory, info.platform, info.host, info.dynamic_regions, info.pcie_info,
                info.electrical, info.thermal, info.mechanical, info.vmr):
        try:
            assert isinstance(device.get_info(key), str)
        except RuntimeError as e:  # a report the card does not have: XRT's own error
            assert str(e)
    assert vadd_uuid.to_string().upper() in device.get_info(info.dynamic_regions).upper()


def test_uuid_and_xclbin_load(pyxrt, device, vadd_xclbin, vadd_uuid):
    x = pyxrt.xclbin(vadd_xclbin)
    assert x.get_uuid().to_string() == vadd_uuid.to_string()
    assert device.get_xclbin_uuid().to_string() == vadd_uuid.to_string()
    again = device.load_xclbin(x)  # the same xclbin as an object: same uuid
    assert again.to_string() == vadd_uuid.to_string()
    u = pyxrt.uuid(vadd_uuid.to_string())
    assert u.to_string() == vadd_uuid.to_string()


def test_xclbin_views(pyxrt, vadd_xclbin):
    x = pyxrt.xclbin(vadd_xclbin)
    assert x.get_xsa_name()
    kernels = x.get_kernels()
    assert [k.get_name() for k in kernels] == ["vadd"]
    assert kernels[0].get_num_args() == 4
    assert isinstance(kernels[0], pyxrt.xclbin.xclbinkernel)
    ips = x.get_ips()
    assert ips and all(ip.get_name().startswith("vadd:") for ip in ips)
    assert isinstance(ips[0], pyxrt.xclbin.xclbinip)
    mems = x.get_mems()
    assert mems and isinstance(mems[0], pyxrt.xclbin.xclbinmem)
    assert [m.get_index() for m in mems] == list(range(len(mems)))
    used = [m for m in mems if m.get_used()]
    assert used and used[0].get_tag() and used[0].get_size_kb() > 0
    assert all(m.get_base_address() >= 0 for m in mems)
    assert isinstance(pyxrt.xclbin(), pyxrt.xclbin)  # an empty handle, as in XRT


def make_inputs(pyxrt, device, vadd, count):
    size = 4 * count
    bos = [pyxrt.bo(device, size, pyxrt.bo.normal, vadd.group_id(i)) for i in range(3)]
    a = np.frombuffer(bos[0].map(), dtype=np.uint32)
    b = np.frombuffer(bos[1].map(), dtype=np.uint32)
    a[:] = np.arange(count, dtype=np.uint32)
    b[:] = 1000
    np.frombuffer(bos[2].map(), dtype=np.uint32)[:] = 0
    for bo in bos:
        sync(pyxrt, bo, TO_DEVICE)
    return bos, a + b


def test_kernel_call_runs_vadd(pyxrt, device, vadd):
    bos, want = make_inputs(pyxrt, device, vadd, 1024)
    run = vadd(bos[0], bos[1], bos[2], 1024)
    assert isinstance(run, pyxrt.run)
    assert run.wait() == pyxrt.ert_cmd_state.ERT_CMD_STATE_COMPLETED
    sync(pyxrt, bos[2], FROM_DEVICE)
    assert np.array_equal(np.frombuffer(bos[2].map(), dtype=np.uint32), want)


def test_run_set_arg_start_wait_state(pyxrt, device, vadd):
    bos, want = make_inputs(pyxrt, device, vadd, 256)
    run = pyxrt.run(vadd)
    assert run.state() == pyxrt.ert_cmd_state.ERT_CMD_STATE_NEW
    for i, bo in enumerate(bos):
        run.set_arg(i, bo)
    run.set_arg(3, 256)
    run.start()
    assert run.wait(5000) == pyxrt.ert_cmd_state.ERT_CMD_STATE_COMPLETED
    assert run.state() == pyxrt.ert_cmd_state.ERT_CMD_STATE_COMPLETED
    sync(pyxrt, bos[2], FROM_DEVICE)
    assert np.array_equal(np.frombuffer(bos[2].map(), dtype=np.uint32), want)
    run.start()  # the same run again, same arguments
    assert run.wait() == pyxrt.ert_cmd_state.ERT_CMD_STATE_COMPLETED
    assert isinstance(pyxrt.run(), pyxrt.run)


def test_kernel_access_modes(pyxrt, device, vadd_uuid):
    shared = pyxrt.kernel(device, vadd_uuid, "vadd", pyxrt.kernel.cu_access_mode.shared)
    assert shared.group_id(0) >= 0
    # The session's vadd already holds the CUs shared: XRT refuses exclusive.
    with pytest.raises(RuntimeError, match="Conflicting access mode"):
        pyxrt.kernel(device, vadd_uuid, "vadd", pyxrt.kernel.exclusive)
    assert pyxrt.kernel.none != pyxrt.kernel.exclusive


def test_bo_map_is_zero_copy_and_keeps_bo_alive(pyxrt, device, vadd):
    bo = pyxrt.bo(device, 4096, pyxrt.bo.normal, vadd.group_id(0))
    view = bo.map()
    assert isinstance(view, memoryview) and not view.readonly and view.nbytes == 4096
    arr = np.frombuffer(view, dtype=np.int32)
    assert arr.flags.writeable
    arr[:] = np.arange(1024)
    assert np.array_equal(np.frombuffer(bo.map(), dtype=np.int32), np.arange(1024))  # same memory
    assert np.shares_memory(arr, np.frombuffer(bo.map(), dtype=np.int32))
    back = bo.read(8, 4)  # a copy, as NumPy int8
    assert back.dtype == np.int8 and list(back.view(np.int32)) == [1, 2]
    del bo, view  # the array still holds the mapping
    assert arr[1023] == 1023


def test_bo_write_read_sync_with_offsets(pyxrt, device, vadd):
    bo = pyxrt.bo(device, 4096, pyxrt.bo.normal, vadd.group_id(0))
    bo.write(np.arange(16, dtype=np.int32), 64)
    sync(pyxrt, bo, TO_DEVICE, 64, 64)
    np.frombuffer(bo.map(), dtype=np.int32)[16:32] = -1  # host copy only
    sync(pyxrt, bo, FROM_DEVICE, 64, 64)  # device copy back over it
    assert list(bo.read(64, 64).view(np.int32)) == list(range(16))
    assert bo.size() == 4096


def test_bo_flags(pyxrt, device, vadd):
    group = vadd.group_id(0)
    for flag in (pyxrt.bo.normal, pyxrt.bo.cacheable, pyxrt.bo.host_only):
        bo = pyxrt.bo(device, 4096, flag, group)
        np.frombuffer(bo.map(), dtype=np.uint8)[:] = 7
        sync(pyxrt, bo, TO_DEVICE)
        sync(pyxrt, bo, FROM_DEVICE)
        assert bo.read(4, 0).tolist() == [7, 7, 7, 7]
    dev_only = pyxrt.bo(device, 4096, pyxrt.bo.device_only, group)
    assert dev_only.address() >= 0
    with pytest.raises(RuntimeError):
        dev_only.map()  # no host store, as on a card
    for flag in (pyxrt.bo.p2p, pyxrt.bo.svm):  # whatever the card says, it says it in Python
        try:
            pyxrt.bo(device, 4096, flag, group)
        except RuntimeError as e:
            assert str(e)


def test_sub_buffer(pyxrt, device, vadd):
    parent = pyxrt.bo(device, 8192, pyxrt.bo.normal, vadd.group_id(0))
    sub = pyxrt.bo(parent, 4096, 4096)
    assert sub.size() == 4096
    assert sub.address() == parent.address() + 4096
    np.frombuffer(sub.map(), dtype=np.int32)[:] = 5
    assert np.all(np.frombuffer(parent.map(), dtype=np.int32)[1024:] == 5)  # one memory
    sync(pyxrt, sub, TO_DEVICE)
    np.frombuffer(parent.map(), dtype=np.int32)[:] = 0
    sync(pyxrt, parent, FROM_DEVICE)
    assert np.all(np.frombuffer(parent.map(), dtype=np.int32)[1024:] == 5)


def test_addresses_are_distinct(pyxrt, device, vadd):
    bos = [pyxrt.bo(device, 4096, pyxrt.bo.normal, vadd.group_id(0)) for _ in range(3)]
    assert len({bo.address() for bo in bos}) == 3
