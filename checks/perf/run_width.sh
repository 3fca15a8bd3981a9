#!/usr/bin/env bash
# Runs bench_width and prints the certified lambda_min enclosure of 1000 points in R^10 (128-bit balls: matrix build
# plus enclosure) beside Eigen's double eigensolver on the same matrix (ratio, and the enclosure's width), and the
# exact LDL^T of a 200-point rational H^inf (time, largest pivot numerator). Target: build + enclosure < 10 s.
# Rounds: the program runs ROUNDS times (each round times every part once, side by side); medians, and the ratio is
# the median of the per-round ratios. Appends the rows of `run.sh bench`'s table when GDCERT_BENCH_ROWS is set.
# Usage: checks/perf/run_width.sh [build-dir] [rounds]   (default build-bench, 2). Exit status 1 when the target is missed.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
rounds="${2:-2}"
if [ ! -x "$build/checks/perf/bench_width" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_width -j2 >/dev/null
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for ((i = 0; i < rounds; i++)); do
  "$build/checks/perf/bench_width" --benchmark_format=json --benchmark_out="$tmp/r$i.json" --benchmark_out_format=json >/dev/null
done
/usr/bin/python3 - "$tmp" "$rounds" <<'PY'
import json, os, statistics, sys
d, rounds = sys.argv[1], int(sys.argv[2])
runs = [{x["name"].split("/")[0]: x for x in json.load(open(f"{d}/r{i}.json"))["benchmarks"]} for i in range(rounds)]
med = statistics.median
t = lambda k: med([r[k]["real_time"] / 1000.0 for r in runs])
build, enc, eig, ldlt = t("BM_hinf_build_n1000"), t("BM_enclosure_n1000"), t("BM_eigen_double_n1000"), t("BM_ldlt_exact_n200")
ratio = med([r["BM_enclosure_n1000"]["real_time"] / r["BM_eigen_double_n1000"]["real_time"] for r in runs])
print(f"H^inf build n=1000 d=10 128 bits   {build:8.3f} s")
print(f"certified enclosure                {enc:8.3f} s   width {runs[0]['BM_enclosure_n1000']['width']:.3g}")
print(f"Eigen double eigensolver           {eig:8.3f} s   ratio enclosure/eigensolver {ratio:6.2f}")
total = med([(r["BM_hinf_build_n1000"]["real_time"] + r["BM_enclosure_n1000"]["real_time"]) / 1000.0 for r in runs])
print(f"build + enclosure                  {total:8.3f} s   target < 10 s: {'PASS' if total < 10 else 'FAIL'}"
      f"   (medians of {rounds} rounds)")
print(f"exact LDL^T n=200 (D_21 roots)     {ldlt:8.3f} s   largest pivot numerator "
      f"{int(runs[0]['BM_ldlt_exact_n200']['pivot_numerator_bits'])} bits")
out = os.environ.get("GDCERT_BENCH_ROWS")
if out:
    with open(out, "a") as f:
        f.write(json.dumps({"workload": "certified lambda_min, 1000 points in R^10, 128-bit balls (build + enclosure)",
                            "unit": "s", "higher_is_better": False, "gdcert": total,
                            "baselines": {"Eigen double eigensolver (uncertified)": eig},
                            "ratio": med([r["BM_eigen_double_n1000"]["real_time"] /
                                          (r["BM_hinf_build_n1000"]["real_time"] + r["BM_enclosure_n1000"]["real_time"])
                                          for r in runs]),
                            "floor_ratio": None, "target": "< 10 s", "pass": total < 10}) + "\n")
sys.exit(0 if total < 10 else 1)
PY
