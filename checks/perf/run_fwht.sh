#!/usr/bin/env bash
# Runs bench_fwht and prints, per size, the blocked transform (64-byte-aligned array; also 16 bytes off, and
# with 2 threads) beside the plain radix-2 butterfly (as compiled, auto-vectorised by -O3; and scalar) and the
# memory-bandwidth baselines (stream sum, memcpy) measured in the same run, with the ratios; then the targets:
#   2^24 int32 single-threaded: blocked at least 8x faster than the plain butterfly (the auto-vectorised one);
#   exact level weights of a random function: n = 20 under 0.05 s, n = 26 under 3 s.
# Usage: checks/perf/run_fwht.sh [build-dir] [extra benchmark flags]   (default build-bench)
# Exit status 1 when a target is missed.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build-bench}"
shift || true
if [ ! -x "$build/checks/perf/bench_fwht" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGDCERT_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$build" --target bench_fwht -j2 >/dev/null
fi
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
"$build/checks/perf/bench_fwht" --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true "$@" >/dev/null
python3 - "$json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["benchmarks"]
t = {}  # (family, arg) -> median real time in ms
for r in rows:
    if r.get("aggregate_name", "median") != "median":
        continue
    name = r["run_name"] if "run_name" in r else r["name"]
    fam, _, arg = name.split("/")[0], None, name.split("/")[1]
    unit = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[r["time_unit"]]
    t[(fam, int(arg))] = r["real_time"] * unit
fams = ["BM_fwht_blocked_i32", "BM_fwht_blocked_i32_misaligned", "BM_fwht_blocked_i32_threads",
        "BM_fwht_plain_i32", "BM_fwht_plain_scalar_i32", "BM_fwht_blocked_i64", "BM_stream_sum_i32",
        "BM_stream_copy_i32"]
print(f"{'log2 n':>6} {'blocked':>9} {'misalign':>9} {'2 thr':>9} {'plain':>9} {'scalar':>9} {'int64':>9}"
      f" {'sum':>8} {'memcpy':>8} {'plain/blk':>9} {'scal/blk':>8} {'blk/mcpy':>8}   (ms, medians of 3)")
for k in sorted({a for (f, a) in t if f == "BM_fwht_blocked_i32"}):
    v = [t.get((f, k), float("nan")) for f in fams]
    print(f"{k:6d} {v[0]:9.3f} {v[1]:9.3f} {v[2]:9.3f} {v[3]:9.3f} {v[4]:9.3f} {v[5]:9.3f} {v[6]:8.3f} {v[7]:8.3f}"
          f" {v[3] / v[0]:9.2f} {v[4] / v[0]:8.2f} {v[0] / v[7]:8.2f}")
ok = True
def target(label, value, limit, better):
    global ok
    good = value >= limit if better == "ge" else value < limit
    ok &= good
    print(f"{label:58s} {value:10.3f}   target {'>=' if better == 'ge' else '<'} {limit:g}: {'PASS' if good else 'FAIL'}")
if ("BM_fwht_blocked_i32", 24) in t:
    target("2^24 int32 1 thread: plain / blocked (x)", t[("BM_fwht_plain_i32", 24)] / t[("BM_fwht_blocked_i32", 24)], 8, "ge")
    for fam, label in (("BM_fwht_plain_scalar_i32", "scalar plain / blocked (x)"),
                       ("BM_fwht_blocked_i32_misaligned", "plain / blocked on a misaligned array (x)")):
        if (fam, 24) in t:
            num = t[(fam, 24)] if fam.startswith("BM_fwht_plain") else t[("BM_fwht_plain_i32", 24)]
            den = t[("BM_fwht_blocked_i32", 24)] if fam.startswith("BM_fwht_plain") else t[(fam, 24)]
            print(f"{'2^24 int32 1 thread: ' + label:58s} {num / den:10.3f}   (reported, no target)")
    if ("BM_stream_copy_i32", 24) in t:
        print(f"{'2^24 int32 1 thread: blocked / memcpy of the array':58s} "
              f"{t[('BM_fwht_blocked_i32', 24)] / t[('BM_stream_copy_i32', 24)]:10.3f}")
for n, limit in ((20, 50.0), (26, 3000.0)):
    if ("BM_level_weights", n) in t:
        target(f"exact level weights, random n = {n} (ms)", t[("BM_level_weights", n)], limit, "lt")
sys.exit(0 if ok else 1)
PY
