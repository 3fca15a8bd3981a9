#!/usr/bin/env python3
"""Prints the one table of `bash run.sh bench` from the rows file the checks/perf/run_*.sh scripts append to
(GDCERT_BENCH_ROWS: one JSON object per line, the contract below) and exits 1 when any row fails (or the file has
no rows, or a row is malformed).

Row: {"workload": str, "unit": str, "higher_is_better": bool, "gdcert": number,
      "baselines": {name: number, ...}   (names ending in "(floor)" are floors, not competitors),
      "ratio": number | null   (gdcert's speed over the best non-floor baseline's; medians of per-round ratios),
      "floor_ratio": number | null   (gdcert over the floor, >= 1 means at or above the floor's cost),
      "target": str, "pass": bool,
      "note": str   (optional: printed under the table, e.g. why a target cannot be met on this machine), ...}
      (other keys are ignored)

Usage: bench_table.py ROWS_FILE [--md]"""
import json
import math
import sys

REQUIRED = ("workload", "unit", "gdcert", "baselines", "ratio", "floor_ratio", "target", "pass")


def num(v, unit=""):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    a = abs(v)
    s = f"{v:.3g}" if a < 1000 else f"{v:.0f}"
    return s + (" " + unit if unit else "")


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: bench_table.py ROWS_FILE [--md]")
    md = "--md" in sys.argv[2:]
    rows, bad = [], []
    try:
        lines = open(sys.argv[1]).read().splitlines()
    except OSError as e:
        print(f"bench_table: cannot read {sys.argv[1]}: {e}")
        return 1
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            missing = [k for k in REQUIRED if k not in r]
            if missing or not isinstance(r["baselines"], dict):
                raise ValueError("missing " + ", ".join(missing) if missing else "baselines is not an object")
            rows.append(r)
        except ValueError as e:
            bad.append(f"line {i}: {e}: {line[:120]}")
    table = [("workload", "gdcert", "baselines", "ratio", "floor ratio", "target", "result")]
    for r in rows:
        unit = r.get("unit", "")
        base = "; ".join(f"{k} {num(v, unit)}" for k, v in r["baselines"].items()) or "-"
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.3g}x"
        floor = "-" if r["floor_ratio"] is None else f"{r['floor_ratio']:.2f}"
        table.append((r["workload"], num(r["gdcert"], unit), base, ratio, floor, r["target"],
                      "PASS" if r["pass"] is True else "FAIL"))
    widths = [max(len(row[c]) for row in table) for c in range(len(table[0]))]
    if md:
        print("| " + " | ".join(table[0]) + " |")
        print("|" + "|".join("---" for _ in table[0]) + "|")
        for row in table[1:]:
            print("| " + " | ".join(row) + " |")
    else:
        rule = "  ".join("-" * w for w in widths)
        print(rule)
        for k, row in enumerate(table):
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
            if k == 0:
                print(rule)
        print(rule)
    for r in rows:
        if r.get("note"):
            print(f"note, {r['workload']}: {r['note']}")
    failed = [r["workload"] for r in rows if r["pass"] is not True]
    for b in bad:
        print(f"bench_table: malformed row, {b}")
    if not rows:
        print("bench_table: no rows (no benchmark script wrote to GDCERT_BENCH_ROWS)")
    print(f"bench: {len(rows)} rows, {len(rows) - len(failed)} PASS, {len(failed)} FAIL" +
          (f", {len(bad)} malformed" if bad else ""))
    return 0 if rows and not failed and not bad else 1


if __name__ == "__main__":
    sys.exit(main())
