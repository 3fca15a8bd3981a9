#!/usr/bin/env bash
# Runs bench_alignment in interleaved rounds (each round runs every benchmark once, so a timing and its baseline are
# measured side by side; ROUNDS rounds) and prints each median timing beside its baseline (the floor it builds on),
# the median of the per-round ratios, and its target. Appends the rows of `run.sh bench`'s table when
# GDCERT_BENCH_ROWS is set. Exit status 1 when a target is missed.
# Usage: checks/perf/run_alignment.sh [build-dir] [rounds]   (default build-bench, 3)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
rounds="${2:-3}"
if [ ! -x "$build/checks/perf/bench_alignment" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_alignment -j2 >/dev/null
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for ((i = 0; i < rounds; i++)); do
  "$build/checks/perf/bench_alignment" --benchmark_format=json --benchmark_out="$tmp/r$i.json" \
    --benchmark_out_format=json >/dev/null
done
/usr/bin/python3 - "$tmp" "$rounds" <<'PY'
import json, os, statistics, sys
d, rounds = sys.argv[1], int(sys.argv[2])
runs = [{x["name"].split("/")[0]: x["real_time"] for x in json.load(open(f"{d}/r{i}.json"))["benchmarks"]}
        for i in range(rounds)]  # milliseconds
med = statistics.median
ok, rows = True, []
def row(name, base, target_ms, label, base_label):
    global ok
    t = med([r[name] for r in runs]); b = med([r[base] for r in runs]); ratio = med([r[name] / r[base] for r in runs])
    good = t < target_ms
    ok &= good
    print(f"{name:28s} {t:10.3f} ms   baseline {base} {b:9.3f} ms   ratio {ratio:6.2f}   target < {target_ms:g} ms: "
          f"{'PASS' if good else 'FAIL'}   (medians of {rounds} rounds)")
    rows.append({"workload": label, "unit": "ms", "higher_is_better": False, "gdcert": t,
                 "baselines": {base_label + " (floor)": b}, "ratio": None, "floor_ratio": ratio,
                 "target": f"< {target_ms:g} ms", "pass": good})
row("BM_inal_gaussian_n24", "BM_walsh_levels_n24", 1000, "INAL, Gaussian init, n = 24", "Walsh level weights n=24")
row("BM_cp_sn_n8", "BM_pass_n8", 10000, "cross-predictability, S_n average, n = 8", "one pass over S_8")
print(f"{'BM_rademacher_top_n160':28s} {med([r['BM_rademacher_top_n160'] for r in runs]):10.3f} ms")
out = os.environ.get("GDCERT_BENCH_ROWS")
if out:
    with open(out, "a") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
sys.exit(0 if ok else 1)
PY
