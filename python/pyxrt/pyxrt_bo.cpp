// pyxrt.bo: a buffer object, as XRT 2.13's module binds xrt::bo.
//
//   bo(device, size, flags, group)   bo(parent, size, offset)  (sub-buffer)
//   write(buffer, seek)  read(size, skip) -> numpy int8 copy
//   sync(direction, size, offset)   map() -> writable memoryview of bytes
//   size()  address()
//
// map() hands out the host mapping itself, so numpy.frombuffer(bo.map(), ...)
// writes straight into the buffer XRT syncs.  The memoryview's exporter
// holds a reference to the BO, so the mapping stays valid for as long as
// any view of it lives (XRT 2.13's memoryview did not keep the BO alive).
#include "pyxrt_bindings.h"

#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>

#include <pybind11/numpy.h>

namespace py = pybind11;

namespace pyxrt {

namespace {

// What map() exports through the buffer protocol: bytes of the mapping.
struct bo_mapping
{
  xrt::bo bo;
  void* data;
};

} // namespace

void bind_bo(py::module_& m)
{
  py::class_<bo_mapping>(m, "_bo_mapping", py::buffer_protocol())
      .def_buffer([](bo_mapping& map) {
        return py::buffer_info(map.data, 1, py::format_descriptor<unsigned char>::format(), 1,
                               {py::ssize_t(map.bo.size())}, {py::ssize_t(1)}, /*readonly=*/false);
      });

  py::class_<xrt::bo> bo(m, "bo", "A buffer object in device memory, with its host mapping");
  py::enum_<xrt::bo::flags>(bo, "flags", "Buffer object creation flags")
      .value("normal", xrt::bo::flags::normal)
      .value("cacheable", xrt::bo::flags::cacheable)
      .value("device_only", xrt::bo::flags::device_only)
      .value("host_only", xrt::bo::flags::host_only)
      .value("p2p", xrt::bo::flags::p2p)
      .value("svm", xrt::bo::flags::svm)
      .export_values();

  bo.def(py::init<xrt::device, size_t, xrt::bo::flags, xrt::memory_group>(),
         "Allocate size bytes with these flags in the memory group (kernel.group_id(arg))")
      .def(py::init<xrt::bo, size_t, size_t>(), "Sub-buffer of size bytes at offset in a parent buffer")
      .def(
          "write",
          [](xrt::bo& b, const py::buffer& data, size_t seek) {
            auto info = data.request();
            b.write(info.ptr, info.itemsize * info.size, seek);
          },
          "Copy the bytes of a buffer-protocol object into the buffer object at offset seek")
      .def(
          "read",
          [](xrt::bo& b, size_t size, size_t skip) {
            py::array_t<char> out(size);
            b.read(out.mutable_data(), size, skip);
            return out;
          },
          "Copy size bytes from offset skip into a new numpy int8 array")
      .def(
          "sync",
          [](xrt::bo& b, xclBOSyncDirection dir, size_t size, size_t offset) {
            py::gil_scoped_release unlocked;
            b.sync(dir, size, offset);
          },
          "Move size bytes at offset between the host mapping and device memory (DMA)")
      .def(
          "map",
          [](xrt::bo& b) {
            bo_mapping map{b, b.map()};
            return py::memoryview(py::cast(std::move(map)));
          },
          "Writable memoryview of the buffer's host mapping (no copy)")
      .def("size", &xrt::bo::size, "Size in bytes")
      .def("address", &xrt::bo::address, "Device address of the buffer");
}

} // namespace pyxrt
