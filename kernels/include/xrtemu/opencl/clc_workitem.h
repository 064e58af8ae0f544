/* OpenCL C 1.2 builtins for xrtemu kernel models: work-item functions,
 * barriers and fences, async work-group copies, printf.
 *
 * xrtemu compiles an OpenCL C kernel with clang to native code.  The types,
 * macros and constants come from clang's opencl-c-base.h; the functions
 * come from these headers (clc.h includes them all), each a small inline
 * definition, so a builtin a kernel does not use costs nothing and one we
 * do not provide is a compile error at the line that calls it.
 *
 * A work-group runs on one thread: its work-items run one after another,
 * each on its own fiber once the kernel calls barrier() (work_group.hpp).
 * The functions below ask that runtime through a few C hooks. */
#ifndef XRTEMU_CLC_WORKITEM_H
#define XRTEMU_CLC_WORKITEM_H

#define XCL_OVL static inline __attribute__((overloadable, always_inline))
#define XCL_FN static inline __attribute__((always_inline))

/* Hooks into the work-group runtime (kernels/include/xrtemu/opencl/work_group.hpp).
 * query: 0 global id, 1 local id, 2 group id, 3 global size, 4 local size,
 * 5 number of groups, 6 global offset. */
size_t __xrtemu_wi_query(uint query, uint dim) __attribute__((pure));
uint __xrtemu_wi_work_dim(void);
void __xrtemu_wi_barrier(uint flags);
int __xrtemu_wi_leader(void);

XCL_FN uint get_work_dim(void) { return __xrtemu_wi_work_dim(); }
XCL_FN size_t get_global_id(uint d) { return __xrtemu_wi_query(0, d); }
XCL_FN size_t get_local_id(uint d) { return __xrtemu_wi_query(1, d); }
XCL_FN size_t get_group_id(uint d) { return __xrtemu_wi_query(2, d); }
XCL_FN size_t get_global_size(uint d) { return __xrtemu_wi_query(3, d); }
XCL_FN size_t get_local_size(uint d) { return __xrtemu_wi_query(4, d); }
XCL_FN size_t get_num_groups(uint d) { return __xrtemu_wi_query(5, d); }
XCL_FN size_t get_global_offset(uint d) { return __xrtemu_wi_query(6, d); }

/* All work-items of a group share one thread and switch only inside
 * barrier(), so fences order nothing that is not already ordered. */
XCL_FN void barrier(cl_mem_fence_flags flags) { __xrtemu_wi_barrier(flags); }
XCL_FN void work_group_barrier(cl_mem_fence_flags flags) { __xrtemu_wi_barrier(flags); }
XCL_FN void mem_fence(cl_mem_fence_flags flags) { (void)flags; }
XCL_FN void read_mem_fence(cl_mem_fence_flags flags) { (void)flags; }
XCL_FN void write_mem_fence(cl_mem_fence_flags flags) { (void)flags; }

/* Async copies: the first work-item of the group moves the data when it
 * reaches the call (every item calls it with the same arguments, as the
 * specification requires); wait_group_events is a barrier, so after it the
 * whole group sees the data. */
#define XCL_ASYNC_ONE(_AP_T)                                                                              \
  XCL_OVL event_t async_work_group_copy(__local _AP_T* dst, const __global _AP_T* src, size_t n, event_t e)  \
  {                                                                                                  \
    if (__xrtemu_wi_leader())                                                                        \
      for (size_t i = 0; i < n; ++i)                                                                 \
        dst[i] = src[i];                                                                             \
    return e;                                                                                        \
  }                                                                                                  \
  XCL_OVL event_t async_work_group_copy(__global _AP_T* dst, const __local _AP_T* src, size_t n, event_t e)  \
  {                                                                                                  \
    if (__xrtemu_wi_leader())                                                                        \
      for (size_t i = 0; i < n; ++i)                                                                 \
        dst[i] = src[i];                                                                             \
    return e;                                                                                        \
  }                                                                                                  \
  XCL_OVL event_t async_work_group_strided_copy(__local _AP_T* dst, const __global _AP_T* src, size_t n,    \
                                                size_t stride, event_t e)                            \
  {                                                                                                  \
    if (__xrtemu_wi_leader())                                                                        \
      for (size_t i = 0; i < n; ++i)                                                                 \
        dst[i] = src[i * stride];                                                                    \
    return e;                                                                                        \
  }                                                                                                  \
  XCL_OVL event_t async_work_group_strided_copy(__global _AP_T* dst, const __local _AP_T* src, size_t n,    \
                                                size_t stride, event_t e)                            \
  {                                                                                                  \
    if (__xrtemu_wi_leader())                                                                        \
      for (size_t i = 0; i < n; ++i)                                                                 \
        dst[i * stride] = src[i];                                                                    \
    return e;                                                                                        \
  }                                                                                                  \
  XCL_OVL void prefetch(const __global _AP_T* p, size_t n) { (void)p; (void)n; }

#define XCL_ASYNC(_AP_T) \
  XCL_ASYNC_ONE(_AP_T) XCL_ASYNC_ONE(_AP_T##2) XCL_ASYNC_ONE(_AP_T##3) XCL_ASYNC_ONE(_AP_T##4) XCL_ASYNC_ONE(_AP_T##8) XCL_ASYNC_ONE(_AP_T##16)

XCL_ASYNC(char) XCL_ASYNC(uchar) XCL_ASYNC(short) XCL_ASYNC(ushort) XCL_ASYNC(int) XCL_ASYNC(uint)
XCL_ASYNC(long) XCL_ASYNC(ulong) XCL_ASYNC(float) XCL_ASYNC(double)

#undef XCL_ASYNC
#undef XCL_ASYNC_ONE

XCL_FN void wait_group_events(int n, event_t* events)
{
  (void)n;
  (void)events;
  __xrtemu_wi_barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
}

/* printf goes to the C library's (the model runs in the host process);
 * OpenCL's vector conversions (%v4f) are not supported. */
int printf(__constant const char* restrict format, ...);

#endif
