// Timed-mode kernel time test (e2e_timed_ocl): the same work-group of 16
// items, its body pipelined over the work-items with xcl_pipeline_workitems.
__kernel __attribute__((reqd_work_group_size(16, 1, 1)))
void ot_block(__global const int* in, __global int* out)
{
    __attribute__((xcl_pipeline_workitems)) {
        size_t i = get_global_id(0);
        out[i] = in[i] + 1;
    }
}
