// pyxrt: Python bindings of the XRT native API, compatible with the module
// XRT 2.13 ships as $XILINX_XRT/python/pyxrt (same module name, classes,
// methods, enums and argument conventions), built over stock
// libxrt_coreutil so the very same module also drives a real card.
//
// This file defines the module, its constants and enums, and the device,
// uuid and xclbin classes; kernel/run and bo live in their own files.
// Errors thrown by XRT reach Python with XRT's message (pybind11 maps
// std::exception to RuntimeError, std::invalid_argument to ValueError,
// std::out_of_range to IndexError); a failed call leaves the device usable.
#include "pyxrt_bindings.h"

#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>  // ert_cmd_state (ert.h)
#include <experimental/xrt_xclbin.h>

#include <pybind11/stl.h>

#include <string>

namespace py = pybind11;

namespace pyxrt {

namespace {

void bind_enums(py::module_& m)
{
  m.attr("XCL_BO_FLAGS_NONE") = py::int_(XCL_BO_FLAGS_NONE);

  py::enum_<xclBOSyncDirection>(m, "xclBOSyncDirection", "Direction of a buffer synchronisation (DMA)")
      .value("XCL_BO_SYNC_BO_TO_DEVICE", XCL_BO_SYNC_BO_TO_DEVICE)
      .value("XCL_BO_SYNC_BO_FROM_DEVICE", XCL_BO_SYNC_BO_FROM_DEVICE)
      .value("XCL_BO_SYNC_BO_GMIO_TO_AIE", XCL_BO_SYNC_BO_GMIO_TO_AIE)
      .value("XCL_BO_SYNC_BO_AIE_TO_GMIO", XCL_BO_SYNC_BO_AIE_TO_GMIO);

  // XRT 2.13's module leaves out RUNNING; a run polled with state() while
  // the CU works reports it, so it is named here too.
  py::enum_<ert_cmd_state>(m, "ert_cmd_state", "State of a kernel execution")
      .value("ERT_CMD_STATE_NEW", ERT_CMD_STATE_NEW)
      .value("ERT_CMD_STATE_QUEUED", ERT_CMD_STATE_QUEUED)
      .value("ERT_CMD_STATE_RUNNING", ERT_CMD_STATE_RUNNING)
      .value("ERT_CMD_STATE_COMPLETED", ERT_CMD_STATE_COMPLETED)
      .value("ERT_CMD_STATE_ERROR", ERT_CMD_STATE_ERROR)
      .value("ERT_CMD_STATE_ABORT", ERT_CMD_STATE_ABORT)
      .value("ERT_CMD_STATE_SUBMITTED", ERT_CMD_STATE_SUBMITTED)
      .value("ERT_CMD_STATE_TIMEOUT", ERT_CMD_STATE_TIMEOUT)
      .value("ERT_CMD_STATE_NORESPONSE", ERT_CMD_STATE_NORESPONSE)
      .value("ERT_CMD_STATE_SKERROR", ERT_CMD_STATE_SKERROR)
      .value("ERT_CMD_STATE_SKCRASHED", ERT_CMD_STATE_SKCRASHED);

  using info = xrt::info::device;
  py::enum_<info>(m, "xrt_info_device", "Device properties and sensor information")
      .value("bdf", info::bdf)
      .value("interface_uuid", info::interface_uuid)
      .value("kdma", info::kdma)
      .value("max_clock_frequency_mhz", info::max_clock_frequency_mhz)
      .value("m2m", info::m2m)
      .value("name", info::name)
      .value("nodma", info::nodma)
      .value("offline", info::offline)
      .value("electrical", info::electrical)
      .value("thermal", info::thermal)
      .value("mechanical", info::mechanical)
      .value("memory", info::memory)
      .value("platform", info::platform)
      .value("pcie_info", info::pcie_info)
      .value("host", info::host)
      .value("dynamic_regions", info::dynamic_regions)
      .value("vmr", info::vmr);
}

// device.get_info(key) answers every key as a string, as XRT 2.13's module
// does: numbers and booleans through std::to_string, the UUID as text,
// JSON reports as they come.
std::string device_info(const xrt::device& d, xrt::info::device key)
{
  using info = xrt::info::device;
  switch (key) {
  case info::bdf: return d.get_info<info::bdf>();
  case info::interface_uuid: return d.get_info<info::interface_uuid>().to_string();
  case info::kdma: return std::to_string(d.get_info<info::kdma>());
  case info::max_clock_frequency_mhz: return std::to_string(d.get_info<info::max_clock_frequency_mhz>());
  case info::m2m: return std::to_string(d.get_info<info::m2m>());
  case info::name: return d.get_info<info::name>();
  case info::nodma: return std::to_string(d.get_info<info::nodma>());
  case info::offline: return std::to_string(d.get_info<info::offline>());
  case info::electrical: return d.get_info<info::electrical>();
  case info::thermal: return d.get_info<info::thermal>();
  case info::mechanical: return d.get_info<info::mechanical>();
  case info::memory: return d.get_info<info::memory>();
  case info::platform: return d.get_info<info::platform>();
  case info::pcie_info: return d.get_info<info::pcie_info>();
  case info::host: return d.get_info<info::host>();
  case info::dynamic_regions: return d.get_info<info::dynamic_regions>();
  case info::vmr: return d.get_info<info::vmr>();
  default: return "NA";
  }
}

void bind_uuid_and_device(py::module_& m)
{
  py::class_<xrt::uuid>(m, "uuid", "UUID identifying a compiled xclbin")
      .def(py::init([](const std::string& text) { return xrt::uuid(text); }))
      .def("to_string", &xrt::uuid::to_string, "The UUID as text")
      .def("__str__", &xrt::uuid::to_string)
      .def("__eq__", [](const xrt::uuid& a, const xrt::uuid& b) { return a == b; });

  py::class_<xrt::device>(m, "device", "An acceleration device")
      .def(py::init<>())
      .def(py::init([](unsigned int index) {
             py::gil_scoped_release unlocked;
             return xrt::device(index);
           }),
           py::arg("index"))
      .def(py::init([](const std::string& bdf) {
             py::gil_scoped_release unlocked;
             return xrt::device(bdf);
           }),
           py::arg("bdf"))
      .def(
          "load_xclbin",
          [](xrt::device& d, const std::string& path) {
            py::gil_scoped_release unlocked;
            return d.load_xclbin(path);
          },
          "Load the xclbin file at this path onto the device; returns its uuid")
      .def(
          "load_xclbin",
          [](xrt::device& d, const xrt::xclbin& x) {
            py::gil_scoped_release unlocked;
            return d.load_xclbin(x);
          },
          "Load an xclbin object onto the device; returns its uuid")
      .def("get_xclbin_uuid", &xrt::device::get_xclbin_uuid, "UUID of the xclbin loaded on the device")
      .def("get_info", &device_info, "Device property or sensor report (as a string)");
}

void bind_xclbin(py::module_& m)
{
  py::class_<xrt::xclbin> xclbin(m, "xclbin", "An xclbin and its metadata");
  py::class_<xrt::xclbin::ip>(xclbin, "xclbinip", "An IP (compute unit) in an xclbin")
      .def(py::init<>())
      .def("get_name", &xrt::xclbin::ip::get_name, "Instance name, kernel:cu");
  py::class_<xrt::xclbin::kernel>(xclbin, "xclbinkernel", "A kernel in an xclbin")
      .def(py::init<>())
      .def("get_name", &xrt::xclbin::kernel::get_name, "Kernel name")
      .def("get_num_args", &xrt::xclbin::kernel::get_num_args, "Number of arguments");
  py::class_<xrt::xclbin::mem>(xclbin, "xclbinmem", "A memory bank of the xclbin's memory topology")
      .def(py::init<>())
      .def("get_tag", &xrt::xclbin::mem::get_tag, "Tag, e.g. DDR[0]")
      .def("get_base_address", &xrt::xclbin::mem::get_base_address, "Base address of the bank")
      .def("get_size_kb", &xrt::xclbin::mem::get_size_kb, "Size of the bank in KiB")
      .def("get_used", &xrt::xclbin::mem::get_used, "Whether a kernel is connected to the bank")
      .def("get_index", &xrt::xclbin::mem::get_index, "Index in the memory topology");

  xclbin.def(py::init<>())
      .def(py::init([](const std::string& path) { return xrt::xclbin(path); }), py::arg("filename"))
      .def("get_ips", &xrt::xclbin::get_ips, "IPs (compute units) in the xclbin")
      .def("get_kernels", &xrt::xclbin::get_kernels, "Kernels in the xclbin")
      .def("get_xsa_name", &xrt::xclbin::get_xsa_name, "Name of the platform (XSA) the xclbin is built for")
      .def("get_uuid", &xrt::xclbin::get_uuid, "UUID of the xclbin")
      .def("get_mems", &xrt::xclbin::get_mems, "Memory banks of the xclbin");
}

} // namespace

} // namespace pyxrt

PYBIND11_MODULE(pyxrt, m)
{
  m.doc() = "Python bindings of the XRT native API (compatible with XRT 2.13's pyxrt)";
  pyxrt::bind_enums(m);
  pyxrt::bind_uuid_and_device(m);
  pyxrt::bind_xclbin(m);
  pyxrt::bind_kernel_and_run(m);
  pyxrt::bind_bo(m);
}
