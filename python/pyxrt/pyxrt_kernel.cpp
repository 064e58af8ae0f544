// pyxrt.kernel and pyxrt.run: compute units of one kernel, and one
// execution of it, as XRT 2.13's module binds xrt::kernel and xrt::run.
//
// kernel(*args) sets each argument in order (a pyxrt.bo for a global, a
// Python int for a scalar) and starts the run.  XRT 2.13's module silently
// skips an argument it cannot set; this one raises instead (TypeError for
// an argument that is neither, XRT's own error for one XRT refuses), before
// anything is started.
//
// A pyxrt.run remembers its kernel: stock coreutil 2.13 indexes its
// connectivity table without a bounds check when a buffer is set on an
// argument that is not a global (a scalar, or past the last argument) and
// crashes, so buffers are checked against kernel.group_id() first.
#include "pyxrt_bindings.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include <stdexcept>
#include <string>

namespace py = pybind11;

namespace pyxrt {

namespace {

struct run_handle
{
  xrt::run run;
  xrt::kernel kernel;
  bool has_kernel = false;  // xrt::kernel 2.13 has no operator bool
};

void set_buffer_arg(run_handle& r, int index, const xrt::bo& bo)
{
  if (!r.has_kernel)
    throw std::invalid_argument("pyxrt.run: set_arg on a run made without a kernel");
  int group = -1;
  try {
    group = r.kernel.group_id(index);
  }
  catch (const std::out_of_range&) {
  }
  if (group < 0)
    throw std::invalid_argument("pyxrt.run: kernel argument " + std::to_string(index) +
                                " is not a global (buffer) argument of the kernel");
  r.run.set_arg(index, bo);
}

void set_python_arg(run_handle& r, int index, const py::handle& value)
{
  if (py::isinstance<xrt::bo>(value)) {
    set_buffer_arg(r, index, value.cast<xrt::bo&>());
    return;
  }
  if (py::isinstance<py::int_>(value) || py::hasattr(value, "__index__")) {
    r.run.set_arg(index, value.cast<int>());
    return;
  }
  throw py::type_error("kernel argument " + std::to_string(index) + ": expected pyxrt.bo or int, got " +
                       std::string(py::str(py::type::of(value).attr("__name__"))));
}

} // namespace

void bind_kernel_and_run(py::module_& m)
{
  py::class_<run_handle>(m, "run", "One execution of a kernel")
      .def(py::init<>())
      .def(py::init([](const xrt::kernel& k) { return run_handle{xrt::run(k), k, true}; }))
      .def(
          "start", [](run_handle& r) { r.run.start(); }, "Start the run with the arguments set so far")
      .def("set_arg", &set_buffer_arg, "Set a global (buffer) argument of the run")
      .def(
          "set_arg", [](run_handle& r, int index, int value) { r.run.set_arg(index, value); },
          "Set a scalar argument of the run")
      .def(
          "wait",
          [](run_handle& r) {
            py::gil_scoped_release unlocked;
            return r.run.wait(0);
          },
          "Wait for the run to complete; returns its state")
      .def(
          "wait",
          [](run_handle& r, unsigned int timeout_ms) {
            py::gil_scoped_release unlocked;
            return r.run.wait(timeout_ms);
          },
          "Wait at most timeout_ms milliseconds; returns the state (ERT_CMD_STATE_TIMEOUT if still running)")
      .def(
          "state", [](run_handle& r) { return r.run.state(); }, "Current state of the run")
      .def(
          "abort",
          [](run_handle& r) {
            py::gil_scoped_release unlocked;
            return r.run.abort();
          },
          "Abort a started run; returns its final state");

  py::class_<xrt::kernel> kernel(m, "kernel", "The compute units of one kernel in a loaded xclbin");
  py::enum_<xrt::kernel::cu_access_mode>(kernel, "cu_access_mode", "How this process shares the compute units")
      .value("exclusive", xrt::kernel::cu_access_mode::exclusive)
      .value("shared", xrt::kernel::cu_access_mode::shared)
      .value("none", xrt::kernel::cu_access_mode::none)
      .export_values();

  kernel
      .def(py::init([](const xrt::device& d, const xrt::uuid& u, const std::string& name,
                       xrt::kernel::cu_access_mode mode) { return xrt::kernel(d, u, name, mode); }))
      .def(py::init([](const xrt::device& d, const xrt::uuid& u, const std::string& name) {
        return xrt::kernel(d, u, name);
      }))
      .def(
          "__call__",
          [](xrt::kernel& k, const py::args& args) {
            run_handle r{xrt::run(k), k, true};
            int index = 0;
            for (auto value : args)
              set_python_arg(r, index++, value);
            r.run.start();
            return r;
          },
          "Set the arguments in order (pyxrt.bo or int) and start a run; returns the run")
      .def("group_id", &xrt::kernel::group_id, "Memory bank group of a kernel argument, for pyxrt.bo");
}

} // namespace pyxrt
