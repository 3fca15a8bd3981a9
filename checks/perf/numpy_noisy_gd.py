#!/usr/bin/env python3
"""NumPy baseline of the noisy-GD benchmark (the loop of torch_noisy_gd.py and of gdcert's `simulate`): 30-W-1 or
30-W-W-1 ReLU with biases, float64, a fresh batch of 4096 uniform cube points per step, target x0 x1, square loss,
coordinate clip, Gaussian noise. Written at its best: every buffer allocated once, every product an np.matmul with
out= (OpenBLAS dgemm on the contiguous or transposed views), every elementwise step in place, the parameters one
flat array (so clip, step and noise are three vector operations). One thread: OPENBLAS_NUM_THREADS=1."""
import json
import os
import sys
import time

import numpy as np

N_IN, BATCH, LR, SIGMA, CLIP = 30, 4096, 0.01, 1e-4, 1.0


def make_step(widths, seed=0):
    rng = np.random.default_rng(seed)
    dims = [N_IN] + list(widths) + [1]
    sizes = [(dims[l], dims[l + 1]) for l in range(len(dims) - 1)]
    P = sum(a * b + b for a, b in sizes)
    theta = np.empty(P)
    grad = np.empty(P)
    noise = np.empty(P)
    Ws, bs, gWs, gbs, off = [], [], [], [], 0
    for a, b in sizes:  # W stored as (in x out) so that the forward pass is H @ W
        Ws.append(theta[off:off + a * b].reshape(a, b)); gWs.append(grad[off:off + a * b].reshape(a, b)); off += a * b
        bs.append(theta[off:off + b]); gbs.append(grad[off:off + b]); off += b
    for (a, b), W, bv in zip(sizes, Ws, bs):
        W[...] = rng.standard_normal((a, b)) / np.sqrt(a)
        bv[...] = rng.standard_normal(b) / np.sqrt(a)
    L = len(sizes)
    X = np.empty((BATCH, N_IN))
    y = np.empty(BATCH)
    Z = [np.empty((BATCH, b)) for _, b in sizes]       # pre-activations
    H = [np.empty((BATCH, b)) for _, b in sizes[:-1]]  # activations
    D = [np.empty((BATCH, b)) for _, b in sizes]       # d loss / d Z
    M = [np.empty((BATCH, b), dtype=bool) for _, b in sizes[:-1]]
    out = Z[-1].reshape(BATCH)
    dout = D[-1].reshape(BATCH)

    def step():
        rng.random(out=X)
        np.subtract(X, 0.5, out=X)
        np.sign(X, out=X)
        np.multiply(X[:, 0], X[:, 1], out=y)
        inp = X
        for l in range(L):
            np.matmul(inp, Ws[l], out=Z[l])
            np.add(Z[l], bs[l], out=Z[l])
            if l < L - 1:
                np.maximum(Z[l], 0.0, out=H[l])
                inp = H[l]
        # square loss 0.5 mean (out - y)^2: d/d out = (out - y) / B
        np.subtract(out, y, out=dout)
        np.multiply(dout, 1.0 / BATCH, out=dout)
        for l in range(L - 1, -1, -1):
            inp = X if l == 0 else H[l - 1]
            np.matmul(inp.T, D[l], out=gWs[l])
            np.sum(D[l], axis=0, out=gbs[l])
            if l > 0:
                np.matmul(D[l], Ws[l].T, out=D[l - 1])
                np.greater(Z[l - 1], 0.0, out=M[l - 1])
                np.multiply(D[l - 1], M[l - 1], out=D[l - 1])
        np.clip(grad, -CLIP, CLIP, out=grad)
        np.multiply(grad, -LR, out=grad)
        np.add(theta, grad, out=theta)
        rng.standard_normal(out=noise)
        np.multiply(noise, SIGMA, out=noise)
        np.add(theta, noise, out=theta)

    return step


def main():
    widths = [int(w) for w in (sys.argv[1] if len(sys.argv) > 1 else "512").split(",")]
    seconds = float(os.environ.get("GDCERT_NUMPY_SECONDS", "4"))
    step = make_step(widths)
    for _ in range(3):
        step()
    steps, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        step()
        steps += 1
    dt = time.perf_counter() - t0
    print(json.dumps({"steps_per_s": steps / dt, "steps": steps, "seconds": dt, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
