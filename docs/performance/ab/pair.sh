#!/bin/bash
# pair.sh RATE TAG JARDIR_A JARDIR_B: A B A B at RATE sessions/s; lines in $OUT_ROOT/TAG.txt.
# BENCH_ARGS_A and BENCH_ARGS_B (environment) add bench options to A's and B's runs (one jar may
# then be both A and B).
HERE=$(cd "$(dirname "$0")" && pwd)
RATE=$1; TAG=$2; ROOT=${OUT_ROOT:-/tmp/krako-ab}
mkdir -p "$ROOT"
for i in 1 2; do
  BENCH_ARGS=$BENCH_ARGS_A "$HERE/fixed-rate.sh" "$3" "$TAG-A$i" "$RATE" "" >> "$ROOT/$TAG.txt"
  BENCH_ARGS=$BENCH_ARGS_B "$HERE/fixed-rate.sh" "$4" "$TAG-B$i" "$RATE" "" >> "$ROOT/$TAG.txt"
done
echo done >> "$ROOT/$TAG.txt"
