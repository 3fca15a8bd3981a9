#!/usr/bin/env bash
# Fuzzes the function-spec grammar with libFuzzer (clang; ASan + UBSan) for SECONDS (default 60), starting from
# tests/fuzz/corpus_spec.  Installs clang if missing (Debian 12, as root).  Exit status non-zero on a finding;
# libFuzzer then writes the input as crash-* / timeout-* in the current directory.
#   usage: bash tests/fuzz/run_fuzz_spec.sh [SECONDS] [build-dir]     (default build-fuzz)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-60}"
out="${2:-$here/build-fuzz}"
if ! command -v clang++ >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null
fi
mkdir -p "$out/corpus_spec"
cp -n "$here"/tests/fuzz/corpus_spec/* "$out/corpus_spec/" 2>/dev/null || true
# The grammar and what it builds: the spec module, cube functions and the exact core (no FWHT: it uses GCC-only
# vector builtins, and the parser does not need it).
clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$here/src" -I/usr/include/flint \
  "$here/tests/fuzz/fuzz_spec.cpp" "$here/src/boolean/spec.cpp" "$here/src/boolean/cube_function.cpp" \
  "$here"/src/exact/*.cpp -lflint-arb -lflint -lmpfr -lgmp -lfmt -o "$out/fuzz_spec"
"$out/fuzz_spec" -max_total_time="$seconds" -max_len=96 -timeout=5 -rss_limit_mb=2048 "$out/corpus_spec"
