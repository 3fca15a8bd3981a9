#!/usr/bin/env bash
# Installs the build tree's gdcert into a scratch prefix and builds tests/consumer against it with find_package.
#   run.sh BUILD_DIR SCRATCH_DIR CONSUMER_SOURCE_DIR
set -euo pipefail
build=$1 scratch=$2 src=$3
rm -rf "$scratch"
mkdir -p "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" > "$scratch/install.log"
test -f "$scratch/prefix/include/api/quantities.hpp"
test ! -e "$scratch/prefix/include/cli"
cmake -S "$src" -B "$scratch/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$scratch/prefix" > "$scratch/configure.log"
cmake --build "$scratch/build" > "$scratch/build.log"
"$scratch/build/consumer"
