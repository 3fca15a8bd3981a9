#!/usr/bin/env bash
# gdcert set-up and run script.
#   bash run.sh report   install what is missing, build in Release, run the main job (gdcert report -> out/)
#   bash run.sh test     install what is missing, build in Release with tests, run every test (CTest)
#   bash run.sh bench    the same, plus Google Benchmark programs and the baselines (PyTorch, NumPy, OpenBLAS, mpmath
#                        with gmpy2); runs every checks/perf/run_*.sh and ends with one table (workload, gdcert,
#                        each baseline, ratio, floor ratio, target, PASS/FAIL); exit 1 when any row fails
#   bash run.sh fuzz [TARGET|all] [LIMIT]  (opt-in) install clang, build, and run the libFuzzer harnesses of
#                        tests/fuzz (spec, table_file, manifest, records, claims_validate, claims) for LIMIT each (default 60s)
#   bash run.sh latex-deps  (opt-in) install pdflatex with booktabs/siunitx and poppler-utils, so that the LaTeX
#                        smoke test of the test suite runs instead of being skipped
#   bash run.sh mpi      (opt-in) install Open MPI, build with -DGDCERT_WITH_MPI=ON in build-mpi/ and run its tests
#   bash run.sh flint3   (opt-in) build in build-flint3/ against FLINT 3 (Arb merged into it) and run every test:
#                        libflint-dev 3.x and its library are fetched from Debian 13 with apt-get download and
#                        unpacked under build-flint3/flint3/ (nothing is installed system-wide)
# Needs Debian 12 (or newer) and root (or sudo) for apt-get the first time.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(g++ cmake ninja-build pkg-config git libgmp-dev libmpfr-dev libflint-dev libflint-arb-dev libboost-dev
          doctest-dev libeigen3-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libfmt-dev libbenchmark-dev
          python3 gnuplot-nox pybind11-dev python3-dev python3-pytest python3-numpy python3-mpmath
          python3-pandas)
BUILD_DIR=${GDCERT_BUILD_DIR:-build}
JOBS=${GDCERT_JOBS:-$(nproc)}

# The baselines of `run.sh bench`: PyTorch and NumPy on OpenBLAS (Debian's libblas.so.3 then points at OpenBLAS),
# mpmath with its GMP backend (python3-gmpy2).
BENCH_PACKAGES=(python3-torch libopenblas0-pthread python3-gmpy2)
LATEX_PACKAGES=(texlive-latex-base texlive-latex-extra texlive-science poppler-utils)
MPI_PACKAGES=(libopenmpi-dev openmpi-bin)

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "run.sh: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
  cmake --build "$BUILD_DIR" -j "$JOBS"
}

case "${1:-}" in
  report)
    shift
    install_missing
    configure_and_build -DGDCERT_BUILD_TESTS=OFF
    "$BUILD_DIR/gdcert" report "$@"
    ;;
  test)
    install_missing
    configure_and_build -DGDCERT_BUILD_TESTS=ON
    status=0
    (cd "$BUILD_DIR" && ctest --output-on-failure -j "$JOBS" --timeout 900) || status=$?
    if [ $status -eq 0 ]; then echo "run.sh test: all tests passed"; else echo "run.sh test: FAILED (ctest exit $status)"; fi
    exit $status
    ;;
  bench)
    shift
    install_missing "${BENCH_PACKAGES[@]}"
    configure_and_build -DGDCERT_BUILD_TESTS=OFF -DGDCERT_BUILD_BENCHMARKS=ON -DGDCERT_BUILD_PYTHON=ON
    status=0
    # Every checks/perf/run_*.sh appends its rows (one JSON object per line, see checks/perf/bench_table.py) to
    # GDCERT_BENCH_ROWS; the table is printed once at the end and fails when any row fails.
    GDCERT_BENCH_ROWS="$(mktemp "${TMPDIR:-/tmp}/gdcert-bench-rows.XXXXXX")"
    export GDCERT_BENCH_ROWS
    echo "run.sh bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
    for script in checks/perf/run_*.sh; do
      echo "== $script"
      bash "$script" "$BUILD_DIR" || { echo "run.sh bench: $script exited with an error"; status=1; }
    done
    echo
    echo "== benchmark table (rows: $GDCERT_BENCH_ROWS; load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
    python3 checks/perf/bench_table.py "$GDCERT_BENCH_ROWS" || status=1
    exit $status
    ;;
  fuzz)
    # bash run.sh fuzz [TARGET|all] [LIMIT]: the libFuzzer harnesses of tests/fuzz (spec grammar, truth-table files,
    # sweep manifests, record files, claim files) with ASan + UBSan; LIMIT is "60s" or an execution count.
    install_missing clang
    configure_and_build -DGDCERT_BUILD_TESTS=OFF
    bash tests/fuzz/run_fuzz.sh "${2:-all}" "${3:-60s}" "$BUILD_DIR"
    ;;
  latex-deps)
    install_missing "${LATEX_PACKAGES[@]}"
    echo "run.sh latex-deps: pdflatex $(command -v pdflatex) ready"
    ;;
  mpi)
    install_missing "${MPI_PACKAGES[@]}"
    BUILD_DIR=${GDCERT_BUILD_DIR:-build-mpi}
    configure_and_build -DGDCERT_BUILD_TESTS=ON -DGDCERT_WITH_MPI=ON
    (cd "$BUILD_DIR" && ctest --output-on-failure -j "$JOBS" --timeout 900)
    ;;
  flint3)
    install_missing
    BUILD_DIR=${GDCERT_BUILD_DIR:-build-flint3}
    F3="$PWD/$BUILD_DIR/flint3"
    MULTIARCH=$(gcc -print-multiarch)
    mkdir -p "$F3/lists/partial" "$F3/archives/partial" "$F3/pc"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
      > "$F3/sources.list"
    APT=(-o "Dir::Etc::SourceList=$F3/sources.list" -o Dir::Etc::SourceParts=/dev/null
         -o "Dir::State::Lists=$F3/lists" -o "Dir::Cache::Archives=$F3/archives")
    $SUDO apt-get "${APT[@]}" update -qq
    version=$(apt-cache "${APT[@]}" show libflint-dev | awk '/^Version:/ {print $2; exit}')
    libpkg=$(apt-cache "${APT[@]}" show "libflint-dev=$version" | sed -n 's/^Depends:.*\(libflint[0-9][0-9]*\) (.*/\1/p' | head -1)
    echo "run.sh flint3: libflint-dev $version and $libpkg from Debian 13"
    (cd "$F3" && apt-get "${APT[@]}" download "libflint-dev=$version" "$libpkg=$version")
    for deb in "$F3"/*.deb; do dpkg-deb -x "$deb" "$F3/root"; done
    sed "s|^prefix=/usr|prefix=$F3/root/usr|" "$F3/root/usr/lib/$MULTIARCH/pkgconfig/flint.pc" > "$F3/pc/flint.pc"
    PKG_CONFIG_PATH="$F3/pc" configure_and_build -DGDCERT_BUILD_TESTS=ON
    (cd "$BUILD_DIR" && LD_LIBRARY_PATH="$F3/root/usr/lib/$MULTIARCH" "./gdcert" --version &&
      LD_LIBRARY_PATH="$F3/root/usr/lib/$MULTIARCH" ctest --output-on-failure -j "$JOBS" --timeout 900)
    ;;
  *)
    echo "usage: bash run.sh report|test|bench|latex-deps|mpi|flint3" >&2
    exit 2
    ;;
esac
