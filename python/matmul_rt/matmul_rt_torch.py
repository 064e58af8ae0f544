"""PyTorch offload for the matmul runtime: torch.matmul-shaped work on the card.

    import matmul_rt, matmul_rt_torch
    rt = matmul_rt.init("matmul_rt.xclbin")
    y = matmul_rt_torch.DeviceMatmul.apply(x, w, rt)      # x @ w on the card
    layer = matmul_rt_torch.OffloadLinear(nn.Linear(256, 128), rt)

DeviceMatmul is a torch.autograd.Function: forward runs A @ B on the card,
backward runs the two gradient products (grad @ B^T, A^T @ grad) there too.
CPU float32 tensors are handed to the runtime as NumPy views (no copy when
contiguous); the result tensor shares memory with the array the job fills.

OffloadLinear records, per call, the wall time of the layer and the job's
DMA-in, compute and DMA-out times; host overhead is what remains (tensor
conversion, bias, queueing, Python).
"""
import time

import torch

__all__ = ["DeviceMatmul", "OffloadLinear", "LayerTimes", "device_matmul"]


def device_matmul(rt, a, b, profiles=None):
    """a @ b for 2-D tensors on the card; appends the job's Profile to profiles."""
    a_np = a.detach().to(torch.float32).contiguous().numpy()
    b_np = b.detach().to(torch.float32).contiguous().numpy()
    out, profile = rt.submit_matmul(a_np, b_np).result()
    if profiles is not None:
        profiles.append(profile)
    return torch.from_numpy(out)


class DeviceMatmul(torch.autograd.Function):
    """C = A @ B computed by the matmul_tiled accelerator, differentiable."""

    @staticmethod
    def forward(ctx, a, b, rt, profiles=None):
        ctx.save_for_backward(a, b)
        ctx.rt = rt
        return device_matmul(rt, a, b, profiles)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        grad_a = grad_b = None
        if ctx.needs_input_grad[0]:
            grad_a = device_matmul(ctx.rt, grad, b.t())
        if ctx.needs_input_grad[1]:
            grad_b = device_matmul(ctx.rt, a.t(), grad)
        return grad_a, grad_b, None, None


class LayerTimes:
    """Per-call timings of one layer, in milliseconds."""

    def __init__(self, name):
        self.name = name
        self.calls = []  # (wall, dma_in, compute, dma_out)

    def add(self, wall_ms, profile):
        self.calls.append((wall_ms, profile.dma_in_ms, profile.compute_ms, profile.dma_out_ms))

    def mean(self):
        """Mean (host overhead, DMA, compute, wall) over the calls."""
        n = max(len(self.calls), 1)
        wall = sum(c[0] for c in self.calls) / n
        dma = sum(c[1] + c[3] for c in self.calls) / n
        compute = sum(c[2] for c in self.calls) / n
        return max(wall - dma - compute, 0.0), dma, compute, wall


class OffloadLinear(torch.nn.Module):
    """A torch.nn.Linear whose matrix product runs on the card (same weights)."""

    def __init__(self, linear, rt, name=None):
        super().__init__()
        self.weight = linear.weight
        self.bias = linear.bias
        self.rt = rt
        self.times = LayerTimes(name or "linear %dx%d" % (linear.in_features, linear.out_features))

    def forward(self, x):
        start = time.perf_counter()
        profiles = []
        y = DeviceMatmul.apply(x, self.weight.t(), self.rt, profiles)
        if self.bias is not None:
            y = y + self.bias
        self.times.add((time.perf_counter() - start) * 1e3, profiles[0])
        return y
