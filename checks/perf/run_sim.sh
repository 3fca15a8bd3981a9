#!/usr/bin/env bash
# Runs bench_sim and the PyTorch baseline in the same run and prints the ratios and targets:
#   noisy-GD steps/s (30-512-1 ReLU, batch 4096, float64, one thread) >= 2x PyTorch;
#   population gradient at n = 20 (20-64-1, two threads) >= 5 steps/s.
# Also the fraction of the FP64 peak: the achieved GEMM GFLOP/s per step over a 1024^3 GEMM (practical peak) and
# over the nominal peak (cpu MHz x 16 flop/cycle, AVX2 with two FMA units).
# Usage: checks/perf/run_sim.sh [build-dir]   (default build-bench; configured with benchmarks on)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
if [ ! -x "$build/checks/perf/bench_sim" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_sim -j2 >/dev/null
fi
json="$(mktemp)"
torch_json="$(mktemp)"
trap 'rm -f "$json" "$torch_json"' EXIT
"$build/checks/perf/bench_sim" --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json >/dev/null
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 "$here/checks/perf/torch_noisy_gd.py" >"$torch_json" ||
  echo '{"steps_per_s": null}' >"$torch_json"
mhz="$(awk -F: '/cpu MHz/ {print $2; exit}' /proc/cpuinfo | tr -d ' ')"
python3 - "$json" "$torch_json" "${mhz:-0}" <<'PY'
import json, sys
b = {x["name"].split("/")[0]: x for x in json.load(open(sys.argv[1]))["benchmarks"]}
torch = json.load(open(sys.argv[2]))
mhz = float(sys.argv[3] or 0)
ours = b["BM_noisy_gd_relu512_b4096"]["steps_per_s"]
gf = b["BM_noisy_gd_relu512_b4096"]["gflops"]
gemm = b["BM_gemm_1024"]["gflops"]
pop = b["BM_population_n20_w64_2threads"]["steps_per_s"]
t = torch.get("steps_per_s")
print(f"noisy GD 30-512-1 ReLU, batch 4096, fp64, 1 thread: {ours:8.2f} steps/s ({gf:.1f} GFLOP/s in GEMMs)")
if t:
    r = ours / t
    print(f"PyTorch {torch.get('torch')} same loop, 1 thread:            {t:8.2f} steps/s   ratio {r:5.2f}   target >= 2: {'PASS' if r >= 2 else 'FAIL'}")
else:
    print("PyTorch baseline unavailable (see torch_noisy_gd.py)")
print(f"fraction of FP64 peak: {gf / gemm:5.2f} of the 1024^3 GEMM rate ({gemm:.1f} GFLOP/s, the practical peak)", end="")
print(f", {gf / (mhz * 16 / 1000):5.2f} of {mhz * 16 / 1000:.1f} GFLOP/s (cpu MHz x 16 flop/cycle; turbo clocks exceed it)"
      if mhz > 0 else "")
print(f"population gradient n = 20, 20-64-1, 2 threads:     {pop:8.2f} steps/s   target >= 5: {'PASS' if pop >= 5 else 'FAIL'}")
sys.exit(0 if pop >= 5 and (not t or ours / t >= 2) else 1)
PY
