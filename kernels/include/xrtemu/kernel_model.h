/* xrtemu kernel model interface, ABI versions 1 and 2.
 *
 * A compiled kernel ("model") is a shared object that exports one C entry
 * point, xrtemu_model_v1(), describing the kernels it contains and how to
 * call them.  The emulated card (emu/) only ever talks to kernels through
 * this header, so models built by any version of our tools stay loadable as
 * long as the ABI number matches.  Plain C so it survives compiler changes.
 */
#ifndef XRTEMU_KERNEL_MODEL_H
#define XRTEMU_KERNEL_MODEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define XRTEMU_MODEL_ABI 1
#define XRTEMU_MODEL_SYMBOL "xrtemu_model_v1"

/* ABI 2 is ABI 1 plus two things a card passes to every body, whatever the
 * model's ABI (so cards need no per-kernel switch):
 *  - a GLOBAL argument's argv entry points at a struct xrtemu_global whose
 *    first member is the host pointer ABI 1 documents (an ABI 1 body reads a
 *    void* there and sees exactly that);
 *  - argv[num_args] points at a struct xrtemu_run_info (ABI 1 bodies never
 *    look past their last argument).
 * A model whose bodies read either declares abi = XRTEMU_MODEL_ABI_2 (RTL
 * models do, they need device addresses), so a card that knows only ABI 1
 * refuses it instead of handing it 8-byte pointers.  Cards accept 1..MAX. */
#define XRTEMU_MODEL_ABI_2 2
#define XRTEMU_MODEL_ABI_MAX 2

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

/* One AXI4-Stream transfer (a "beat") as it crosses a stream link.
 * The sender owns the buffers; the receiver copies out what it needs.
 * data holds data_bytes bytes of TDATA, little-endian; keep and strb hold one
 * bit per data byte (bit i of byte i/8 = byte i), (data_bytes + 7) / 8 bytes.
 * user/id/dest carry up to 64 bits each. */
struct xrtemu_beat {
  uint8_t* data;
  uint8_t* keep;
  uint8_t* strb;
  uint64_t user;
  uint64_t id;
  uint64_t dest;
  uint32_t data_bytes;
  uint32_t last;      /* TLAST */
};

/* Result of a stream operation. */
enum xrtemu_stream_result {
  XRTEMU_STREAM_OK = 0,
  XRTEMU_STREAM_WOULD_BLOCK = 1, /* non-blocking op: empty (read) or full (write) */
  XRTEMU_STREAM_CANCELLED = 2    /* the run was aborted, reset or deadlocked: unwind now */
};

/* One end of a stream link, handed to a kernel for an argument of kind
 * STREAM.  Blocking calls wait until the other end moves (or the card
 * cancels the run).  read fills beat->data/keep/strb, which the caller
 * provides with room for beat->data_bytes bytes (the receiver's width); a
 * narrower transfer is zero-extended, a wider one truncated. */
struct xrtemu_stream_port {
  void* ctx;
  const char* name;          /* "producer_1.out -> consumer_1.in", for messages */
  int (*read)(void* ctx, struct xrtemu_beat* beat, int blocking);
  int (*write)(void* ctx, const struct xrtemu_beat* beat, int blocking);
  uint32_t (*size)(void* ctx);     /* beats waiting in the FIFO */
  uint32_t (*depth)(void* ctx);    /* FIFO capacity in beats */
};

/* One invocation.  argv[i] points at the value of argument i:
 *  - SCALAR: the raw little-endian bytes of the value (size bytes);
 *  - GLOBAL: a void* holding the host address the device address maps to
 *    (the first member of a struct xrtemu_global, ABI 2);
 *  - STREAM: a struct xrtemu_stream_port (the kernel's end of the link).
 * A kernel that unwinds because a stream op was cancelled does so by a C++
 * exception thrown inside its own code; the card catches it. */
typedef void (*xrtemu_run_fn)(void* const* argv);

/* ABI 2: what argv[i] points at for a GLOBAL argument.  The window is the
 * card memory the address lies in, as the CU's AXI master reaches it by DMI
 * (the whole bank, or the host-only buffer's mapping): device address
 * window_base + x is host address window_host + x for x < window_size. */
struct xrtemu_global {
  void* host;              /* host address of `address` (first: ABI 1 reads it) */
  uint64_t address;        /* device address the host wrote into the registers */
  uint8_t* window_host;
  uint64_t window_base;
  uint64_t window_size;
};

/* ABI 2: argv[num_args] of every invocation. */
struct xrtemu_run_info {
  uint32_t size;                 /* sizeof(struct xrtemu_run_info) the card filled */
  const char* cu_name;           /* the CU instance, "vadd_1" */
  uint64_t run;                  /* runs this CU finished before this one */
  void* ctx;
  /* Non-zero once the card gave up on this run (reset, abort, timeout,
   * xclbin replaced): a body that loops on its own (an RTL clock loop) polls
   * it and unwinds by throwing, like a cancelled stream operation. */
  int (*cancelled)(void* ctx);
  /* Since the card filled size >= XRTEMU_RUN_INFO_REGS_SIZE: the CU's
   * argument registers as they were when the run started (ap_start), word i
   * at offset 0x10 + 4 * i, num_regs words: what a body reads that is not an
   * argument of its own (an OpenCL kernel's group id and global offset). */
  const uint32_t* regs;
  uint32_t num_regs;
  /* Since the card filled size >= XRTEMU_RUN_INFO_ESTIMATE_SIZE: the run's
   * time estimate, which an HLS C++ model built by v++ -c writes before its
   * body returns (its loop counts, xrtemu/hls_estimate.hpp): est_cycles, the
   * ap_clk cycles of its loops, and est_bytes[i], the bytes its loops moved
   * through m_axi argument i (est_num_args entries, an array the card
   * provides, zeroed), then est_known = 1.  In timed mode the card turns them
   * into the run's card time (docs/timing.md).  A model checks size before
   * writing; an older model never writes them and its runs stay untimed. */
  uint32_t est_known;
  uint32_t est_num_args;
  uint64_t est_cycles;
  uint64_t* est_bytes;
};
#define XRTEMU_RUN_INFO_REGS_SIZE (offsetof(struct xrtemu_run_info, num_regs) + sizeof(uint32_t))
#define XRTEMU_RUN_INFO_ESTIMATE_SIZE (offsetof(struct xrtemu_run_info, est_bytes) + sizeof(uint64_t*))

struct xrtemu_kernel {
  const char* name;           /* kernel (top function) name */
  uint32_t control;           /* enum xrtemu_control */
  uint32_t num_args;
  const struct xrtemu_arg* args;
  xrtemu_run_fn run;
};

struct xrtemu_model {
  uint32_t abi;               /* XRTEMU_MODEL_ABI, or XRTEMU_MODEL_ABI_2 (see above) */
  uint32_t num_kernels;
  const struct xrtemu_kernel* kernels;
};

typedef const struct xrtemu_model* (*xrtemu_model_fn)(void);

/* Live kernels (RTL).  A model may also export, per kernel K, the symbol
 * "xrtemu_live_" K returning a const struct xrtemu_live*.  The card then
 * keeps one instance of the kernel per CU from xclbin load to unload, as the
 * FPGA does: the instance runs on its own (a verilated module clocked on its
 * own thread), every access to the CU's control range is handed to it as a
 * bus transaction, and the card learns of completion from its registers and
 * its interrupt line, like XRT's driver.  run() is then never called. */
#define XRTEMU_LIVE_PREFIX "xrtemu_live_"

/* A piece of card memory as a host mapping: device address base + x is host
 * address host + x for x < size. */
struct xrtemu_window {
  uint64_t base;
  uint64_t size;
  uint8_t* host;
  uint32_t keep;  /* non-zero: valid until the xclbin is unloaded (a bank) */
};

enum xrtemu_live_state {
  XRTEMU_LIVE_IDLE = 0,     /* nothing to do: waiting for the host */
  XRTEMU_LIVE_BUSY = 1,     /* computing, or moving data */
  XRTEMU_LIVE_WAITING = 2   /* stalled on a stream link for a while */
};

/* What the card gives an instance.  Callbacks may be called from the
 * instance's own thread at any time until destroy() returns. */
struct xrtemu_live_env {
  uint32_t size;                    /* sizeof(struct xrtemu_live_env) the card filled */
  const char* cu_name;              /* "rtl_vadd_1" */
  void* ctx;
  /* Device address -> memory, for an AXI master the argument arg is on:
   * 0 when [addr, addr+len) is in no memory that argument's port reaches
   * (the bridge answers DECERR). */
  int (*resolve)(void* ctx, uint32_t arg, uint64_t addr, uint64_t len, struct xrtemu_window* out);
  void (*interrupt)(void* ctx, int level);     /* the interrupt output changed */
  void (*state)(void* ctx, int state);         /* enum xrtemu_live_state changed */
  void (*poll)(void* ctx);                     /* busy for a while: a poller may look now */
  void (*report)(void* ctx, const char* msg);  /* an AXI error, a protocol violation */
  /* Per argument, the kernel's end of its stream link (STREAM arguments),
   * else NULL.  num_args entries. */
  struct xrtemu_stream_port* const* streams;
  /* Frequencies of ap_clk and ap_clk_2 in MHz (the platform's clocks). */
  double clock_mhz[2];
  /* A run finished (the card read ap_done; ap_ctrl_chain: wrote
   * ap_continue): its ap_clk cycles from the ap_start write to that access.
   * Called on the instance's thread; may be NULL.  Added after clock_mhz: a
   * model checks size before calling it, a card before older models. */
  void (*run_done)(void* ctx, uint64_t cycles);
};

struct xrtemu_live {
  void* (*create)(const struct xrtemu_live_env* env);   /* out of reset, running; NULL + report on failure */
  void (*destroy)(void* instance);
  /* One AXI4-Lite transaction on the control slave.  write is posted
   * (returns once queued; transactions complete in order), read returns the
   * data once the response came back.  resp gets the AXI response (0 OKAY). */
  void (*write)(void* instance, uint32_t offset, uint32_t value);
  uint32_t (*read)(void* instance, uint32_t offset, uint32_t* resp);
  int has_interrupt;                 /* the module drives an interrupt line */
};

typedef const struct xrtemu_live* (*xrtemu_live_fn)(void);

/* OpenCL C kernels.  A model may also export, per kernel K, the symbol
 * "xrtemu_opencl_" K returning a const struct xrtemu_opencl*: the facts the
 * kernel XML of an OpenCL kernel carries beyond an HLS kernel's.  The card
 * runs the kernel like any other (one run() per CU start: one work-group);
 * the linker writes the XML from this. */
#define XRTEMU_OPENCL_PREFIX "xrtemu_opencl_"

/* One 32-bit runtime-info register XRT's OpenCL layer writes before each
 * work-group: name is one of XRT's rtinfo names (group_id, global_offset,
 * work_dim, global_size, local_size, num_groups); a 3-component one is
 * listed three times, x, y, z, at rising offsets. */
struct xrtemu_opencl_rtinfo {
  const char* name;
  uint32_t offset;
};

struct xrtemu_opencl {
  uint32_t size;                        /* sizeof(struct xrtemu_opencl) */
  uint32_t work_group_size[3];          /* reqd_work_group_size, else 1, 1, 1 */
  const uint32_t* address_qualifiers;   /* per argument: 0 scalar, 1 __global, 2 __constant */
  uint32_t num_rtinfo;
  const struct xrtemu_opencl_rtinfo* rtinfo;
};

typedef const struct xrtemu_opencl* (*xrtemu_opencl_fn)(void);

/* Memory checker.  A model whose kernel K was built with v++ -g exports
 * the symbol "xrtemu_memcheck_" K (any object): the card then checks every
 * run of K's CUs, each m_axi access against the buffers bound to the run
 * (docs/memcheck.md).  Models without it are checked only when the user
 * asks at run time (XRTEMU_MEMCHECK=1, xrt.ini [Emulation] memcheck=true). */
#define XRTEMU_MEMCHECK_PREFIX "xrtemu_memcheck_"

#ifdef __cplusplus
}
#endif

#endif
