/* The OpenCL C builtins xrtemu provides to kernels, included by `xrtemu
 * compile` (v++ -c) before a .cl file, after clang's opencl-c-base.h (types,
 * macros, constants).  docs/opencl_kernels.md lists what is supported. */
#ifndef XRTEMU_CLC_H
#define XRTEMU_CLC_H

#include "xrtemu/opencl/clc_workitem.h"
#include "xrtemu/opencl/clc_math.h"
#include "xrtemu/opencl/clc_integer.h"
#include "xrtemu/opencl/clc_vector.h"

#endif
