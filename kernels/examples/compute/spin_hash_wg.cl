// spin_hash (spin_hash.cpp) as an OpenCL C kernel: one work-item per
// element, work-groups of 64.  Each item mixes its element `rounds` times,
// parks the result in __local memory (mirrored), and after a barrier reads
// it back from there, so the fiber-per-item path and the barrier are in the
// measured loop (bench figure P10).
#define WG 64

__kernel __attribute__((reqd_work_group_size(WG, 1, 1)))
void spin_hash(__global const uint* in, __global uint* out, uint n, uint rounds)
{
    __local uint mixed[WG];
    const size_t lid = get_local_id(0);
    const size_t gid = get_global_id(0);
    uint x = gid < n ? in[gid] : 0;
    for (uint r = 0; r < rounds; ++r) {
        x += r;
        x ^= x >> 16;
        x *= 0x7feb352dU;
        x ^= x >> 15;
        x *= 0x846ca68bU;
        x ^= x >> 16;
    }
    mixed[WG - 1 - lid] = x;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (gid < n)
        out[gid] = mixed[WG - 1 - lid];
}
