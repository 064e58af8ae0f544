// The parts of the pyxrt module, each binding one XRT class family; the
// module itself (pyxrt_module.cpp) calls them in order.
#pragma once

#include <pybind11/pybind11.h>

namespace pyxrt {

// pyxrt.kernel (with kernel.cu_access_mode) and pyxrt.run.
void bind_kernel_and_run(pybind11::module_& m);

// pyxrt.bo (with bo.flags).
void bind_bo(pybind11::module_& m);

} // namespace pyxrt
