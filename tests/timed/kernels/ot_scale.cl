// Timed-mode kernel time test (e2e_timed_ocl): an OpenCL C task (one
// work-item) with one loop pipelined at II=1 over the scalar n.
__kernel void ot_scale(__global const int* in, __global int* out, int n)
{
    __attribute__((xcl_pipeline_loop(1)))
    for (int i = 0; i < n; ++i)
        out[i] = in[i] * 3;
}
