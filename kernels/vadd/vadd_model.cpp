// Glue that makes vadd.cpp an xrtemu kernel model (kernel_model.h).  The
// kernel source is untouched; argument kinds and sizes are deduced from the
// function signatures, names and m_axi bundles are the ones its pragmas give.
#include "xrtemu/model_glue.hpp"

extern "C" void vadd(const unsigned int*, const unsigned int*, unsigned int*, int);
extern "C" void empty_kernel(int);

namespace {

using vadd_k = xrtemu::glue::kernel<&vadd>;
using empty_k = xrtemu::glue::kernel<&empty_kernel>;

constexpr auto vadd_args = vadd_k::args({"in1", "in2", "out", "size"},
                                        {"m_axi_gmem0", "m_axi_gmem1", "m_axi_gmem0", nullptr});
constexpr auto empty_args = empty_k::args({"unused"}, {nullptr});

const xrtemu_kernel kernels[] = {
  {"vadd", XRTEMU_CTRL_HS, vadd_k::arity, vadd_args.a, &vadd_k::run},
  {"empty_kernel", XRTEMU_CTRL_HS, empty_k::arity, empty_args.a, &empty_k::run},
};

const xrtemu_model model = {XRTEMU_MODEL_ABI, 2, kernels};

} // namespace

extern "C" __attribute__((visibility("default"))) const xrtemu_model* xrtemu_model_v1(void)
{
  return &model;
}
