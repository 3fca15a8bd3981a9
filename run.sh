#!/usr/bin/env bash
# gdcert set-up and run script.
#   bash run.sh report   install what is missing, build in Release, run the main job (gdcert report -> out/)
#   bash run.sh test     install what is missing, build in Release with tests, run every test (CTest)
#   bash run.sh bench    the same, plus Google Benchmark programs; prints the ratios of checks/perf
# Needs Debian 12 (or newer) and root (or sudo) for apt-get the first time.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(g++ cmake ninja-build pkg-config git libgmp-dev libmpfr-dev libflint-dev libflint-arb-dev libboost-dev
          doctest-dev libeigen3-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libfmt-dev libbenchmark-dev
          python3 gnuplot-nox)
BUILD_DIR=${GDCERT_BUILD_DIR:-build}
JOBS=${GDCERT_JOBS:-$(nproc)}

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "run.sh: installing ${missing[*]}"
  local SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
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
    install_missing
    configure_and_build -DGDCERT_BUILD_TESTS=OFF -DGDCERT_BUILD_BENCHMARKS=ON
    status=0
    for script in checks/perf/run_*.sh; do
      echo "== $script"
      bash "$script" "$BUILD_DIR" || status=1
    done
    exit $status
    ;;
  *)
    echo "usage: bash run.sh report|test|bench" >&2
    exit 2
    ;;
esac
