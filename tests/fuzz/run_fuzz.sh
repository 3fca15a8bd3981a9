#!/usr/bin/env bash
# Builds and runs gdcert's libFuzzer harnesses (clang; ASan + UBSan on the code under test).
#   usage: bash tests/fuzz/run_fuzz.sh TARGET [LIMIT] [build-dir]
#     TARGET  spec | manifest | records | table_file | claims | claims_validate | all
#     LIMIT   "60s" (seconds, the default), "10000000" (executions, -runs) or "10000000:3600s" (whichever comes first)
#     build-dir  the CMake Release build whose static libraries the harnesses link (default: build)
# The code under test is compiled by clang with coverage instrumentation and sanitizers: the spec grammar and the
# truth-table reader (src/boolean/spec.cpp, cube_function.cpp, src/exact), sweep manifests (src/sweep/manifest.cpp),
# record files (src/sweep/records.cpp) and claim files (src/cli/check.cpp with toml++); the rest of the library is
# linked from the GCC build (the FWHT's vector code is GCC-only). Corpora: tests/fuzz/corpus_TARGET (claims_validate
# shares corpus_claims), kept in the repository; new inputs found are written to <build>/fuzz/corpus_TARGET. Exit
# status non-zero on a finding; the input is then written as crash-* / timeout-* in the current directory.
# Installs clang if missing (Debian 12, root).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
target="${1:?usage: run_fuzz.sh TARGET [LIMIT] [build-dir]}"
limit="${2:-60s}"
build="${3:-$here/build}"
if [[ "$target" == all ]]; then
  for t in spec manifest records table_file claims_validate claims; do bash "$0" "$t" "$limit" "$build"; done
  exit 0
fi
if ! command -v clang++ >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null
fi
out="$build/fuzz"
mkdir -p "$out/corpus_$target"
cp -n "$here/tests/fuzz/corpus_${target%_validate}"/* "$out/corpus_$target/" 2>/dev/null || true
# -DNDEBUG as in the Release build: toml++ has debug-only assertions stricter than its parser (a control byte in a key
# asserts in a debug build; the release parser reports it as a TOML error, which is what gdcert ships).
flags=(-std=c++20 -g -O1 -DNDEBUG -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$here/src"
       -I"$here/tests/fuzz" -I/usr/include/flint)
libs=(-lflint-arb -lflint -lmpfr -lgmp -lfmt)
need_libs() {
  for a in "$build/libgdcert_lib.a" "$build/libgdcert_cli.a"; do
    [[ -f "$a" ]] || { echo "run_fuzz.sh: $a is missing: build first (bash run.sh test, or cmake --build $build)" >&2; exit 2; }
  done
}
max_len=4096
case "$target" in
  spec)
    need_libs
    sources=("$here/tests/fuzz/fuzz_spec.cpp" "$here/src/boolean/spec.cpp" "$here/src/boolean/spec_expr.cpp"
             "$here/src/boolean/ops.cpp" "$here/src/boolean/cube_function.cpp" "$build/libgdcert_lib.a")
    max_len=256 ;;
  table_file)
    need_libs
    sources=("$here/tests/fuzz/fuzz_table_file.cpp" "$here/src/boolean/spec.cpp" "$here/src/boolean/cube_function.cpp"
             "$build/libgdcert_lib.a") ;;
  manifest)
    need_libs
    sources=("$here/tests/fuzz/fuzz_manifest.cpp" "$here/src/sweep/manifest.cpp" "$build/libgdcert_lib.a") ;;
  records)
    need_libs
    sources=("$here/tests/fuzz/fuzz_records.cpp" "$here/src/sweep/records.cpp" "$build/libgdcert_lib.a")
    max_len=8192 ;;
  claims)
    need_libs
    sources=("$here/tests/fuzz/fuzz_claims.cpp" "$here/src/cli/check.cpp" "$build/libgdcert_cli.a" "$build/libgdcert_lib.a")
    max_len=8192 ;;
  claims_validate)
    need_libs
    sources=("$here/tests/fuzz/fuzz_claims_validate.cpp" "$here/src/cli/check.cpp" "$build/libgdcert_cli.a" "$build/libgdcert_lib.a")
    max_len=2048 ;;
  *) echo "run_fuzz.sh: unknown target $target (spec, manifest, records, table_file, claims, claims_validate, all)" >&2; exit 2 ;;
esac
clang++ "${flags[@]}" "${sources[@]}" "${libs[@]}" -o "$out/fuzz_$target"
case "$limit" in
  *:*s) run=(-runs="${limit%%:*}" -max_total_time="${limit##*:}"); run[1]="${run[1]%s}" ;;  # N:Ts, whichever first
  *s) run=(-max_total_time="${limit%s}") ;;
  *) run=(-runs="$limit") ;;
esac
echo "run_fuzz.sh: $target (${limit})"
log="$out/fuzz_$target.log"
status=0
"$out/fuzz_$target" "${run[@]}" -max_len="$max_len" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
  "$out/corpus_$target" "$here/tests/fuzz/corpus_${target%_validate}" >"$log" 2>&1 || status=$?
grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|SUMMARY|==[0-9]+==ERROR)" "$log" || true
if [[ $status -ne 0 ]]; then echo "run_fuzz.sh: $target: finding (exit $status); log $log" >&2; tail -30 "$log" >&2; fi
exit $status
