// Example OpenCL C kernel: each work-group of 64 work-items stages its
// slice of `in` in __local memory, reverses it across the group and sums
// it with a tree reduction, both separated by barriers.
//   rev[i]          = in[group_base + 63 - local_id]   (needs the first barrier)
//   sums[group_id]  = sum of the group's 64 inputs     (barrier per level)
//   sums[num_groups] is written by group 0: the number of groups it saw.
#define WG 64

__kernel __attribute__((reqd_work_group_size(WG, 1, 1)))
void wg_reduce(__global const int* restrict in, __global int* restrict rev, __global int* restrict sums,
               int scale)
{
    __local int stage[WG];
    __local int partial[WG];
    const size_t lid = get_local_id(0);
    const size_t gid = get_global_id(0);

    stage[lid] = in[gid] * scale;
    partial[lid] = stage[lid];
    barrier(CLK_LOCAL_MEM_FENCE);

    rev[gid] = stage[WG - 1 - lid];

    __attribute__((xcl_pipeline_loop(1)))
    for (int stride = WG / 2; stride > 0; stride /= 2) {
        if (lid < stride)
            partial[lid] += partial[lid + stride];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        sums[get_group_id(0)] = partial[0];
        if (get_group_id(0) == 0)
            sums[get_num_groups(0)] = (int)get_num_groups(0);
    }
}
