#!/bin/bash
# usage: txn2.sh DIR NAME RATE "JAVAOPTS": the bench's own broker; settled warm-up, one 90 s level at RATE;
# transactions per second by producer (30 s in the level) and per-thread CPU of the broker
d=$1; n=$2; r=$3; o=$4
cd $d && rm -rf $n && mkdir -p $n
java $o -jar krako.jar bench --max-rate $r --levels 100 --repetitions 1 --duration 90s --warmup-max 3m --raw-records 50000 --out $n > $n/log.txt 2>&1 &
pid=$!
until grep -q "^Warm-up" $n/log.txt 2>/dev/null; do sleep 2; kill -0 $pid || exit 1; done
bpid=$(pgrep -P $pid java | head -1)
sleep 20
for port in $(ss -ltnp | grep "pid=$bpid," | grep -oP '127.0.0.1\]?:\K[0-9]+'); do
  timeout 60 java -cp 'lib/*' /work/bench/txn/TxnCount.java 127.0.0.1:$port 30 2>/dev/null | grep -v "^[0-9][0-9]:" > $n/txn-$port.txt &
done
python3 /work/bench/threads.py $bpid 30 > $n/broker-threads.txt
wait $pid
echo "== $d $n [$o] $(uptime | sed 's/.*load/load/')"
grep -E "^Warm-up|^level" $n/log.txt | sed 's/  */ /g' | cut -c1-250
grep -A2 "Latency by session" $n/bench-*.txt | tail -1
grep -h -A9 "__transaction_state records" $n/txn-*.txt
