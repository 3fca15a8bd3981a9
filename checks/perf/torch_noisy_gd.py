#!/usr/bin/env python3
"""PyTorch baseline of the noisy-GD benchmark: 30-W-1 or 30-W-W-1 ReLU (with biases), float64, one thread, a fresh
batch of 4096 uniform cube points per step, target x0 x1, square loss, coordinate clip, Gaussian noise on the
parameters (the loop of gdcert's `simulate`). Used by checks/perf/sim_rounds.py (interleaved rounds); run alone it
prints JSON {"steps_per_s": ...} for one shape.

Fair settings (the caller sets them before Python starts; glibc reads them at start-up):
  MALLOC_MMAP_THRESHOLD_=4000000000 MALLOC_TRIM_THRESHOLD_=8000000000 MALLOC_TOP_PAD_=268435456
  (otherwise glibc returns the 16 MiB activations to the OS every step and page-faults them back),
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1, torch.set_num_threads(1).
blas_info() names the BLAS library torch has loaded (Debian's torch calls libblas.so.3, which the alternatives
system points at OpenBLAS when libopenblas0 is installed) and OpenBLAS's kernel family."""
import ctypes
import json
import os
import sys
import time

N_IN, BATCH, LR, SIGMA, CLIP = 30, 4096, 0.01, 1e-4, 1.0


def make_step(widths, seed=0):
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    layers, fan_in = [], N_IN
    for w in widths:
        layers += [torch.nn.Linear(fan_in, w), torch.nn.ReLU()]
        fan_in = w
    layers.append(torch.nn.Linear(fan_in, 1))
    model = torch.nn.Sequential(*layers).double()
    params = list(model.parameters())

    def step():
        x = torch.randint(0, 2, (BATCH, N_IN), dtype=torch.float64) * 2 - 1
        y = x[:, 0] * x[:, 1]
        loss = 0.5 * ((model(x).squeeze(1) - y) ** 2).mean()
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p.add_(p.grad.clamp(-CLIP, CLIP), alpha=-LR)
                p.add_(torch.randn_like(p), alpha=SIGMA)

    return step


def blas_info():
    """{"library": real path of the BLAS torch has mapped, "openblas": bool, "core": OpenBLAS kernel family}."""
    import torch
    a = torch.ones(64, 64, dtype=torch.float64)
    (a @ a).sum().item()  # make sure the BLAS is loaded
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            base = os.path.basename(path)
            if base.startswith(("libblas", "libopenblas", "libblis", "libmkl", "libcblas")):
                libs.add(os.path.realpath(path))
    info = {"library": ", ".join(sorted(libs)) or "none found (torch's own kernels)", "openblas": False, "core": None,
            "config": None}
    for lib in sorted(libs):
        try:
            h = ctypes.CDLL(lib)
            h.openblas_get_corename.restype = ctypes.c_char_p
            h.openblas_get_config.restype = ctypes.c_char_p
            info.update(openblas=True, core=h.openblas_get_corename().decode(), config=h.openblas_get_config().decode())
            break
        except (OSError, AttributeError):
            continue
    return info


def main():
    import torch
    widths = [int(w) for w in (sys.argv[1] if len(sys.argv) > 1 else "512").split(",")]
    seconds = float(os.environ.get("GDCERT_TORCH_SECONDS", "4"))
    step = make_step(widths)
    for _ in range(3):
        step()
    steps, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        step()
        steps += 1
    dt = time.perf_counter() - t0
    print(json.dumps({"steps_per_s": steps / dt, "steps": steps, "seconds": dt, "torch": torch.__version__,
                      "threads": torch.get_num_threads(), "blas": blas_info()}))


if __name__ == "__main__":
    main()
