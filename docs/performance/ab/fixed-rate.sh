#!/bin/bash
# fixed-rate.sh JARDIR NAME RATE "JVM OPTIONS": the settled warm-up, then one 60 s level at RATE
# sessions/s; prints the run's summary line. JARDIR holds krako.jar and lib/ (an absolute path).
# BENCH_ARGS (environment) adds options of `krako bench`, such as "--cpu-loops 1".
HERE=$(cd "$(dirname "$0")" && pwd)
JARDIR=$(cd "$1" && pwd); NAME=$2; RATE=$3; OPTIONS=$4
OUT=${OUT_ROOT:-/tmp/krako-ab}/$NAME
mkdir -p "$OUT"
cd "$OUT"
java $OPTIONS -jar "$JARDIR/krako.jar" bench --max-rate "$RATE" --levels 100 --repetitions 1 \
  --duration 60s --raw-records 20000 $BENCH_ARGS --out "$OUT" > "$OUT/stdout.txt" 2>&1
python3 "$HERE/summary.py" "$OUT"/bench-*.json "$NAME"
