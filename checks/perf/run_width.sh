#!/usr/bin/env bash
# Runs bench_width and prints the certified lambda_min enclosure of 1000 points in R^10 (128-bit balls: matrix build
# plus enclosure) beside Eigen's double eigensolver on the same matrix (ratio, and the enclosure's width), and the
# exact LDL^T of a 200-point rational H^inf (time, largest pivot numerator). Target: build + enclosure < 10 s.
# Usage: checks/perf/run_width.sh [build-dir]   (default build-bench). Exit status 1 when the target is missed.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
if [ ! -x "$build/checks/perf/bench_width" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_width -j2 >/dev/null
fi
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
"$build/checks/perf/bench_width" --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json >/dev/null
python3 - "$json" <<'PY'
import json, sys
bs = {x["name"].split("/")[0]: x for x in json.load(open(sys.argv[1]))["benchmarks"]}
t = lambda k: bs[k]["real_time"] / 1000.0
build, enc, eig, ldlt = t("BM_hinf_build_n1000"), t("BM_enclosure_n1000"), t("BM_eigen_double_n1000"), t("BM_ldlt_exact_n200")
print(f"H^inf build n=1000 d=10 128 bits   {build:8.3f} s")
print(f"certified enclosure                {enc:8.3f} s   width {bs['BM_enclosure_n1000']['width']:.3g}")
print(f"Eigen double eigensolver           {eig:8.3f} s   ratio enclosure/eigensolver {enc / eig:6.2f}")
total = build + enc
print(f"build + enclosure                  {total:8.3f} s   target < 10 s: {'PASS' if total < 10 else 'FAIL'}")
print(f"exact LDL^T n=200 (D_21 roots)     {ldlt:8.3f} s   largest pivot numerator {int(bs['BM_ldlt_exact_n200']['pivot_numerator_bits'])} bits")
sys.exit(0 if total < 10 else 1)
PY
