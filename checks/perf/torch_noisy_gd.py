#!/usr/bin/env python3
"""PyTorch baseline of the noisy-GD benchmark: 30-512-1 ReLU (with biases), float64, one thread, a fresh batch of 4096
uniform cube points per step, square loss, coordinate clip, Gaussian noise on the parameters. Prints JSON
{"steps_per_s": ...}. Installs the Debian packages python3-torch and libopenblas0-pthread when torch is missing
(only when this script runs; needs root)."""
import json
import os
import subprocess
import sys
import time


def ensure_torch():
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    if os.geteuid() != 0:
        sys.exit("torch_noisy_gd.py: python3-torch is not installed and we are not root (apt-get install python3-torch libopenblas0-pthread)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", "python3-torch", "libopenblas0-pthread"], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def main():
    ensure_torch()
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(0)
    n, w, B, lr, sigma, A = 30, 512, 4096, 0.01, 1e-4, 1.0
    model = torch.nn.Sequential(torch.nn.Linear(n, w), torch.nn.ReLU(), torch.nn.Linear(w, 1)).double()
    params = list(model.parameters())

    def step():
        x = torch.randint(0, 2, (B, n), dtype=torch.float64) * 2 - 1
        y = x[:, 0] * x[:, 1]
        loss = 0.5 * ((model(x).squeeze(1) - y) ** 2).mean()
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p.add_(p.grad.clamp(-A, A), alpha=-lr)
                p.add_(torch.randn_like(p), alpha=sigma)

    for _ in range(5):
        step()
    steps, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < float(os.environ.get("GDCERT_TORCH_SECONDS", "4")):
        step()
        steps += 1
    dt = time.perf_counter() - t0
    print(json.dumps({"steps_per_s": steps / dt, "steps": steps, "seconds": dt, "torch": torch.__version__,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
