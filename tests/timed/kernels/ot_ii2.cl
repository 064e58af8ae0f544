// Timed-mode kernel time test (e2e_timed_ocl): a loop pipelined at II=2,
// and a short loop in its body that Vitis unrolls fully into each iteration.
__kernel void ot_ii2(__global const int* in, __global int* out, int n)
{
    __attribute__((xcl_pipeline_loop(2)))
    for (int i = 0; i < n; ++i) {
        int v = in[i];
        for (int k = 0; k < 7; ++k)   // folded: inside a pipelined loop
            v += 1;
        out[i] = v;
    }
}
