"""Shared fixtures for the Python tests: one device, the example xclbins.

ctest runs these under `xrtemu run` (XILINX_XRT, PYTHONPATH as a user gets
them) with XRTEMU_XCLBIN_DIR naming <build>/xclbin.
"""
import os

import pytest

XCLBIN_DIR = os.environ.get("XRTEMU_XCLBIN_DIR", "")


def xclbin_path(name):
    path = os.path.join(XCLBIN_DIR, name)
    if not os.path.exists(path):
        pytest.fail("%s not found (set XRTEMU_XCLBIN_DIR to <build>/xclbin)" % path)
    return path


@pytest.fixture(scope="session")
def pyxrt():
    import pyxrt as module
    return module


@pytest.fixture(scope="session")
def device(pyxrt):
    return pyxrt.device(0)


@pytest.fixture(scope="session")
def vadd_xclbin():
    return xclbin_path("vadd.xclbin")


@pytest.fixture(scope="session")
def vadd_uuid(device, vadd_xclbin):
    return device.load_xclbin(vadd_xclbin)


@pytest.fixture(scope="session")
def vadd(pyxrt, device, vadd_uuid):
    return pyxrt.kernel(device, vadd_uuid, "vadd")


@pytest.fixture(scope="session")
def matmul_xclbin():
    return xclbin_path("matmul_rt.xclbin")
