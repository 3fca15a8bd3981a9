#!/usr/bin/env bash
# CTest (built with -DGDCERT_WITH_MPI=ON): `mpirun -np 2 gdcert sweep --mpi` writes the serial run's file byte for
# byte, from scratch and when resuming a partial file.
#   usage: sweep_mpi.sh GDCERT MPIEXEC MANIFEST WORKDIR
set -euo pipefail
exe=$1 mpiexec=$2 manifest=$3 dir=$4
rm -rf "$dir"
mkdir -p "$dir"
flags=(-np 2 --oversubscribe)
[ "$(id -u)" -eq 0 ] && flags+=(--allow-run-as-root)
"$exe" sweep "$manifest" --out "$dir/serial.jsonl"
"$mpiexec" "${flags[@]}" "$exe" sweep "$manifest" --out "$dir/mpi.jsonl" --mpi
cmp "$dir/serial.jsonl" "$dir/mpi.jsonl"
head -n 7 "$dir/serial.jsonl" > "$dir/resumed.jsonl"
"$mpiexec" "${flags[@]}" "$exe" sweep "$manifest" --out "$dir/resumed.jsonl" --mpi --resume
cmp "$dir/serial.jsonl" "$dir/resumed.jsonl"
echo "sweep_mpi: 2 ranks wrote the serial run's records byte for byte ($(wc -l < "$dir/serial.jsonl") records)"
