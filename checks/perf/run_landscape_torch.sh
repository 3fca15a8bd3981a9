#!/usr/bin/env bash
# One GD run of the planted softplus setup of paper 004 (d = 10, k = 10, n = 100, both layers, fixed step, float64,
# STEPS steps, one thread) in gdcert (`gdcert simulate landscape`, its own timing of the figure) beside the same
# computation in PyTorch (Debian python3-torch; torch.set_num_threads(1), autograd forward + backward per step), in the
# same run; prints both times and the ratio. Not asserted in the tests (speed is a benchmark, not a unit test).
# Usage: checks/perf/run_landscape_torch.sh [gdcert-binary] [steps]   (defaults: build/gdcert, 20000)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
exe="${1:-$here/build/gdcert}"
steps="${2:-20000}"
py=""
for c in python3 /usr/bin/python3; do  # Debian's python3-torch lives in the system interpreter
  if "$c" -c 'import torch' 2>/dev/null; then py="$c"; break; fi
done
if [ -z "$py" ]; then
  echo "run_landscape_torch: PyTorch is missing (apt-get install python3-torch)" >&2
  exit 2
fi
"$py" - "$exe" "$steps" <<'PY'
import json, subprocess, sys, time
import torch

exe, steps = sys.argv[1], int(sys.argv[2])
n, d, k, lr = 100, 10, 10, 0.05

# gdcert: one draw, one run, fixed step, no early stop (tol 1e-300 is never reached, stall rule off).
args = [exe, "simulate", "landscape", "--figure", "2a", "--values", str(k), "--draws", "1", "--runs", "1",
        "--max-steps", str(steps), "--step", "fixed", "--lr", str(lr), "--tol", "1e-300", "--stall-window", "0",
        "--bootstrap", "0", "--threads", "1", "--json"]
best_g = float("inf")
for _ in range(3):
    doc = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    fit = next(t for t in doc["tables"] if t["name"] == "fig2a_fit")
    best_g = min(best_g, next(r[1]["value"] for r in fit["rows"] if r[0] == "time [s]"))

# PyTorch: the same sizes and the same computation (planted data, softplus b = 10, loss and gradient each step).
torch.set_num_threads(1)
torch.manual_seed(0)
g = torch.Generator().manual_seed(0)
X = torch.randn(n, d, dtype=torch.float64, generator=g)
Ws = torch.randn(k, d, dtype=torch.float64, generator=g) / d ** 0.5
sp = torch.nn.Softplus(beta=10)
y = sp(X @ Ws.T).sum(1)
best_t = float("inf")
for _ in range(3):
    W = (torch.randn(k, d, dtype=torch.float64, generator=g) / d ** 0.5).requires_grad_()
    v = torch.where(torch.rand(k, generator=g) < 0.5, -1.0, 1.0).to(torch.float64).requires_grad_()
    t0 = time.perf_counter()
    for _ in range(steps):
        loss = ((sp(X @ W.T) @ v - y) ** 2).sum() / (2 * n)
        gW, gv = torch.autograd.grad(loss, (W, v))
        with torch.no_grad():
            W -= lr * gW
            v -= lr * gv
    best_t = min(best_t, time.perf_counter() - t0)

print("landscape GD run (d = %d, k = %d, n = %d, %d steps, one thread):" % (d, k, n, steps))
print("  gdcert   %.3f s (%.2f us/step; includes drawing the data)" % (best_g, 1e6 * best_g / steps))
print("  PyTorch  %.3f s (%.2f us/step; torch %s)" % (best_t, 1e6 * best_t / steps, torch.__version__))
print("  ratio PyTorch / gdcert = %.2f" % (best_t / best_g))
PY
