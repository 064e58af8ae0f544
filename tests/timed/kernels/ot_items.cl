// Timed-mode kernel time test (e2e_timed_ocl): work-groups of 16 work-items
// of straight-line code; without xcl_pipeline_workitems Vitis runs the
// items one after another, like an unpipelined loop.
__kernel __attribute__((reqd_work_group_size(16, 1, 1)))
void ot_items(__global const int* in, __global int* out)
{
    size_t i = get_global_id(0);
    out[i] = in[i] + 1;
}
