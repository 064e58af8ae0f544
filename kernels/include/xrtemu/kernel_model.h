/* xrtemu kernel model interface, ABI version 1.
 *
 * A compiled kernel ("model") is a shared object that exports one C entry
 * point, xrtemu_model_v1(), describing the kernels it contains and how to
 * call them.  The emulated card (emu/) only ever talks to kernels through
 * this header, so models built by any version of our tools stay loadable as
 * long as the ABI number matches.  Plain C so it survives compiler changes.
 */
#ifndef XRTEMU_KERNEL_MODEL_H
#define XRTEMU_KERNEL_MODEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define XRTEMU_MODEL_ABI 1
#define XRTEMU_MODEL_SYMBOL "xrtemu_model_v1"

/* Control protocol of the kernel's s_axilite block (Vitis names). */
enum xrtemu_control {
  XRTEMU_CTRL_HS = 0,    /* ap_ctrl_hs */
  XRTEMU_CTRL_CHAIN = 1, /* ap_ctrl_chain */
  XRTEMU_CTRL_NONE = 2   /* ap_ctrl_none: no control registers */
};

/* How an argument reaches the kernel. */
enum xrtemu_arg_kind {
  XRTEMU_ARG_SCALAR = 0, /* value written to the control registers */
  XRTEMU_ARG_GLOBAL = 1, /* m_axi pointer: 64-bit device address in registers */
  XRTEMU_ARG_STREAM = 2  /* AXI4-Stream port, no register */
};

struct xrtemu_arg {
  const char* name;   /* argument name as written in the source */
  const char* type;   /* C type as Vitis records it, e.g. "int*", "unsigned int" */
  uint32_t kind;      /* enum xrtemu_arg_kind */
  uint32_t size;      /* bytes the argument occupies in the register file */
  uint32_t host_size; /* bytes of the host-side value (sizeof in C) */
  uint32_t offset;    /* control register offset; 0 means "lay out as Vitis HLS does" */
  const char* port;   /* interface port: "m_axi_gmem", "s_axi_control", axis name */
};

/* One invocation.  argv[i] points at the value of argument i:
 *  - SCALAR: the raw little-endian bytes of the value (size bytes);
 *  - GLOBAL: a void* holding the host address the device address maps to;
 *  - STREAM: an opaque stream endpoint (reserved for stream links). */
typedef void (*xrtemu_run_fn)(void* const* argv);

struct xrtemu_kernel {
  const char* name;           /* kernel (top function) name */
  uint32_t control;           /* enum xrtemu_control */
  uint32_t num_args;
  const struct xrtemu_arg* args;
  xrtemu_run_fn run;
};

struct xrtemu_model {
  uint32_t abi;               /* XRTEMU_MODEL_ABI */
  uint32_t num_kernels;
  const struct xrtemu_kernel* kernels;
};

typedef const struct xrtemu_model* (*xrtemu_model_fn)(void);

#ifdef __cplusplus
}
#endif

#endif
