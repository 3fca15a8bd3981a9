#!/usr/bin/env bash
# One GD run of the planted softplus setup of paper 004 (d = 10, k = 10, n = 100, both layers, fixed step, float64,
# STEPS steps, one thread) in gdcert (`gdcert simulate landscape`, its own timing of the figure) beside the same
# computation in PyTorch (Debian python3-torch in /usr/bin/python3; torch.set_num_threads(1), OpenBLAS one thread,
# the glibc malloc settings of run_sim.sh; autograd forward + backward per step), in interleaved rounds (gdcert run,
# PyTorch run, ROUNDS times); prints the median times and the median of the per-round ratios, and appends the row
# of `run.sh bench`'s table when GDCERT_BENCH_ROWS is set (reported: no target).
# Usage: checks/perf/run_landscape_torch.sh [build-dir | gdcert-binary] [steps] [rounds]   (defaults: build, 20000, 3)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
exe="${1:-$here/build/gdcert}"
[ -d "$exe" ] && exe="$exe/gdcert"
steps="${2:-20000}"
rounds="${3:-3}"
py=/usr/bin/python3
if ! "$py" -c 'import torch' 2>/dev/null; then
  echo "run_landscape_torch: PyTorch is missing (apt-get install python3-torch)" >&2
  exit 2
fi
export MALLOC_MMAP_THRESHOLD_=4000000000 MALLOC_TRIM_THRESHOLD_=8000000000 MALLOC_TOP_PAD_=268435456
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
"$py" - "$exe" "$steps" "$rounds" <<'PY'
import json, os, statistics, subprocess, sys, time
import torch

exe, steps, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
n, d, k, lr = 100, 10, 10, 0.05
cpp_env = {k_: v for k_, v in os.environ.items() if not k_.startswith("MALLOC_")}

# gdcert: one draw, one run, fixed step, no early stop (tol 1e-300 is never reached, stall rule off).
args = [exe, "simulate", "landscape", "--figure", "2a", "--values", str(k), "--draws", "1", "--runs", "1",
        "--max-steps", str(steps), "--step", "fixed", "--lr", str(lr), "--tol", "1e-300", "--stall-window", "0",
        "--bootstrap", "0", "--threads", "1", "--json"]
def gdcert_round():
    doc = json.loads(subprocess.run(args, capture_output=True, text=True, check=True, env=cpp_env).stdout)
    fit = next(t for t in doc["tables"] if t["name"] == "fig2a_fit")
    return next(r[1]["value"] for r in fit["rows"] if r[0] == "time [s]")

# PyTorch: the same sizes and the same computation (planted data, softplus b = 10, loss and gradient each step).
torch.set_num_threads(1)
torch.manual_seed(0)
g = torch.Generator().manual_seed(0)
X = torch.randn(n, d, dtype=torch.float64, generator=g)
Ws = torch.randn(k, d, dtype=torch.float64, generator=g) / d ** 0.5
sp = torch.nn.Softplus(beta=10)
y = sp(X @ Ws.T).sum(1)
def torch_round():
    W = (torch.randn(k, d, dtype=torch.float64, generator=g) / d ** 0.5).requires_grad_()
    v = torch.where(torch.rand(k, generator=g) < 0.5, -1.0, 1.0).to(torch.float64).requires_grad_()
    t0 = time.perf_counter()
    for _ in range(steps):
        loss = ((sp(X @ W.T) @ v - y) ** 2).sum() / (2 * n)
        gW, gv = torch.autograd.grad(loss, (W, v))
        with torch.no_grad():
            W -= lr * gW
            v -= lr * gv
    return time.perf_counter() - t0

gs, ts = [], []
for _ in range(rounds):
    gs.append(gdcert_round()); ts.append(torch_round())
med = statistics.median
ratio = med(t / g_ for g_, t in zip(gs, ts))
print("landscape GD run (d = %d, k = %d, n = %d, %d steps, one thread; medians of %d interleaved rounds):"
      % (d, k, n, steps, rounds))
print("  gdcert   %.3f s (%.2f us/step; includes drawing the data)" % (med(gs), 1e6 * med(gs) / steps))
print("  PyTorch  %.3f s (%.2f us/step; torch %s)" % (med(ts), 1e6 * med(ts) / steps, torch.__version__))
print("  ratio PyTorch / gdcert = %.2f (median of per-round ratios)" % ratio)
out = os.environ.get("GDCERT_BENCH_ROWS")
if out:
    with open(out, "a") as f:
        f.write(json.dumps({"workload": f"landscape GD d=10 k=10 n=100, {steps} steps, 1 thread", "unit": "s",
                            "higher_is_better": False, "gdcert": med(gs),
                            "baselines": {f"PyTorch {torch.__version__.split('+')[0]} autograd": med(ts)},
                            "ratio": ratio, "floor_ratio": None, "target": "reported", "pass": True}) + "\n")
PY
