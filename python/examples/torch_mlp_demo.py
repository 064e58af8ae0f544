#!/usr/bin/env python3
"""A small MLP whose matrix products run on the card (PyTorch offload demo).

    xrtemu run -- python3 torch_mlp_demo.py build/xclbin/matmul_rt.xclbin \
        [--batch 64] [--batches 4] [--sizes 256,512,256,10] [--plot layers.png]

Builds the same MLP twice with shared weights: on the CPU, and with every
nn.Linear replaced by matmul_rt_torch.OffloadLinear.  Runs a few batches of
synthetic data through both, checks the outputs (and one backward pass's
gradients) agree within float tolerance, then prints and plots the per-layer
latency breakdown (host overhead, DMA, compute).
"""
import argparse
import sys

try:
    import torch
except ImportError as e:
    print("SKIP: PyTorch is not installed (%s); apt-get install python3-torch" % e)
    sys.exit(0)

import matmul_rt
import matmul_rt_torch


def build_models(sizes, rt):
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(n_in, n_out))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    cpu = torch.nn.Sequential(*layers)
    offloaded = torch.nn.Sequential(*[
        matmul_rt_torch.OffloadLinear(l, rt, "fc%d %dx%d" % (i // 2 + 1, l.in_features, l.out_features))
        if isinstance(l, torch.nn.Linear) else l
        for i, l in enumerate(layers)])
    return cpu, offloaded


def plot(rows, path):
    """Stacked bars per layer; matplotlib if present, else SVG by hand."""
    names = [r[0] for r in rows]
    parts = [("host overhead", 1, "#999999"), ("DMA", 2, "#4a90d9"), ("compute", 3, "#e07b39")]
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 3.5))
        left = [0.0] * len(rows)
        for label, col, color in parts:
            values = [r[col] for r in rows]
            ax.barh(names, values, left=left, label=label, color=color)
            left = [l + v for l, v in zip(left, values)]
        ax.set_xlabel("ms per call (mean)")
        ax.set_title("MLP layers offloaded to the card")
        ax.invert_yaxis()
        ax.legend()
        fig.tight_layout()
        fig.savefig(path)
        return path
    except ImportError:
        if path.endswith(".png"):
            path = path[:-4] + ".svg"
        scale = 400.0 / max(max(r[4] for r in rows), 1e-9)
        out = ['<svg xmlns="http://www.w3.org/2000/svg" width="640" height="%d">' % (40 + 30 * len(rows))]
        for i, r in enumerate(rows):
            y, x = 20 + 30 * i, 150.0
            out.append('<text x="5" y="%d" font-size="12">%s</text>' % (y + 14, r[0]))
            for label, col, color in parts:
                w = r[col] * scale
                out.append('<rect x="%.1f" y="%d" width="%.1f" height="20" fill="%s"><title>%s %.3f ms</title></rect>'
                           % (x, y, w, color, label, r[col]))
                x += w
        out.append("</svg>")
        with open(path, "w") as f:
            f.write("\n".join(out))
        return path


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("xclbin")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--batches", type=int, default=4)
    p.add_argument("--sizes", default="256,512,256,10")
    p.add_argument("--plot", default="mlp_layers.png")
    args = p.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    torch.manual_seed(0)
    rt = matmul_rt.init(args.xclbin)
    cpu, offloaded = build_models(sizes, rt)

    worst = 0.0
    with torch.no_grad():
        for _ in range(args.batches):
            x = torch.randn(args.batch, sizes[0])
            want, got = cpu(x), offloaded(x)
            worst = max(worst, (want - got).abs().max().item())
            if not torch.allclose(want, got, rtol=1e-4, atol=1e-4):
                print("outputs differ: max |cpu - card| = %g" % worst)
                print("TEST FAILED")
                return 1

    # One backward pass through both: the gradients of the weights agree.
    x = torch.randn(args.batch, sizes[0])
    cpu.zero_grad()
    offloaded.zero_grad()
    cpu(x).square().sum().backward()
    cpu_grads = [l.weight.grad.clone() for l in cpu if isinstance(l, torch.nn.Linear)]
    cpu.zero_grad()
    offloaded(x).square().sum().backward()
    card_grads = [l.weight.grad for l in offloaded if isinstance(l, matmul_rt_torch.OffloadLinear)]
    grad_ok = all(torch.allclose(a, b, rtol=1e-3, atol=1e-3) for a, b in zip(cpu_grads, card_grads))

    print("MLP %s, batch %d, %d batches on %d CU(s): max |cpu - card| = %.3g, gradients %s"
          % ("-".join(map(str, sizes)), args.batch, args.batches, rt.compute_units, worst,
             "match" if grad_ok else "DIFFER"))
    print("%-18s %10s %10s %10s %10s" % ("layer", "host ms", "DMA ms", "compute ms", "total ms"))
    rows = []
    for layer in offloaded:
        if isinstance(layer, matmul_rt_torch.OffloadLinear):
            host, dma, compute, wall = layer.times.mean()
            rows.append((layer.times.name, host, dma, compute, wall))
            print("%-18s %10.3f %10.3f %10.3f %10.3f" % rows[-1])
    if args.plot:
        print("plot: %s" % plot(rows, args.plot))
    print("TEST PASSED" if grad_ok else "TEST FAILED")
    return 0 if grad_ok else 1


if __name__ == "__main__":
    sys.exit(main())
