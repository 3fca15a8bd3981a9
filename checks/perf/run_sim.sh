#!/usr/bin/env bash
# Noisy GD against fair baselines, in interleaved rounds (gdcert round, PyTorch round, NumPy round, repeated):
#   30-512-1 and 30-512-512-1 ReLU with biases, batch 4096, float64, one thread: gdcert >= 2x PyTorch and >= 2x NumPy
#   (medians of the per-round ratios); PyTorch with OpenBLAS (checked and named), one thread, and the glibc malloc
#   settings that keep its activations mapped; NumPy with preallocated buffers (checks/perf/numpy_noisy_gd.py);
#   the GEMM rate of gdcert and of OpenBLAS (1024^3), the core clock and the FP64 peak as measured (BM_fma_peak);
#   the population gradient at n = 20 (20-64-1, two threads) >= 5 steps/s.
# Appends the rows of `run.sh bench`'s table when GDCERT_BENCH_ROWS is set. Exit status 1 when a target is missed.
# Usage: checks/perf/run_sim.sh [build-dir] [rounds] [seconds per round]   (default build-bench, 5, 2)
# Needs the Debian packages python3-torch python3-numpy libopenblas0-pthread (installed here when missing, as root).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
rounds="${2:-5}"
seconds="${3:-2}"
missing=()
for p in python3-torch python3-numpy libopenblas0-pthread; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ ! -x "$build/checks/perf/bench_sim" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_sim -j2 >/dev/null
fi
# The fair environment of the Python baselines (glibc reads the MALLOC_ variables at start-up; sim_rounds.py drops
# them for gdcert's own process).
export MALLOC_MMAP_THRESHOLD_=4000000000 MALLOC_TRIM_THRESHOLD_=8000000000 MALLOC_TOP_PAD_=268435456
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
/usr/bin/python3 "$here/checks/perf/sim_rounds.py" "$build" "$rounds" "$seconds"
