// Timed-mode kernel time test (e2e_timed_ocl): n 512-bit vectors (int16)
// read and written on one DDR bank, one a cycle: the bank's bandwidth
// bounds the run.
__kernel void ot_wide(__global const int16* in, __global int16* out, int n)
{
    __attribute__((xcl_pipeline_loop(1)))
    for (int i = 0; i < n; ++i)
        out[i] = in[i] + 1;
}
