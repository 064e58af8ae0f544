# Shared by xrtemu's `xbutil validate` test scripts (22_verify.py,
# 23_bandwidth.py, host_mem_23_bandwidth.py): the command line xbutil passes
# (-k <xclbin> -d <device index or BDF>), the interpreter check, and the
# result lines xbutil reads (it passes a test when the script exits with 0).
import os
import sys

DEBIAN_PYTHON = "/usr/bin/python3"


def import_pyxrt():
    """pyxrt, from $XILINX_XRT/python (xbutil puts it on PYTHONPATH).

    xbutil starts the first `python3` on PATH; when that interpreter cannot
    load pyxrt (e.g. a pyenv build without NumPy), run the script again with
    Debian's, which pyxrt is built for."""
    try:
        import pyxrt
        return pyxrt
    except ImportError as e:
        if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) and os.path.exists(DEBIAN_PYTHON):
            os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
        print("cannot import pyxrt (%s); is $XILINX_XRT/python on PYTHONPATH?" % e)
        print("FAILED TEST")
        sys.exit(1)


class Options:
    def __init__(self, argv):
        self.xclbin = None
        self.device = 0
        args = list(argv[1:])
        while args:
            flag = args.pop(0)
            if flag in ("-h", "--help"):
                print("usage: %s -k <xclbin> [-d <device index or BDF>]" % os.path.basename(argv[0]))
                sys.exit(0)
            if not args:
                fail_usage(argv, "option %s needs a value" % flag)
            value = args.pop(0)
            if flag in ("-k", "--bitstream"):
                self.xclbin = value
            elif flag in ("-d", "--device"):
                self.device = int(value) if value.isdigit() else value
            else:
                fail_usage(argv, "unknown option %s" % flag)
        if self.xclbin is None:
            fail_usage(argv, "no xclbin given (-k <xclbin>)")
        if not os.path.isfile(self.xclbin):
            fail_usage(argv, "xclbin %s: no such file" % self.xclbin)


def fail_usage(argv, why):
    print("%s: %s" % (os.path.basename(argv[0]), why))
    print("FAILED TEST")
    sys.exit(1)


def run_test(body):
    """Runs body(); prints the result line and exits as xbutil expects."""
    try:
        body()
    except Exception as e:   # any failure is the test's failure, with its reason
        print("Error: %s" % e)
        print("FAILED TEST")
        sys.exit(1)
    print("PASSED TEST")
    sys.exit(0)
