# summary.py BENCH_JSON NAME: one line of a fixed-rate run (docs/performance/ab/README.md).
import json,sys
d=json.load(open(sys.argv[1])); name=sys.argv[2]
l=d['levels'][-1]; r=l['repetitions'][0]
bs=r.get('latencyByShape',{})
def p(s,k): return round(bs[s][k]) if s in bs else None
cpu={('jit' if k.startswith('of which') else k.split(' ')[0]):round(v['median'],2) for k,v in l['cpuCores'].items()}
print(f"{name}: offered {r['offeredSessionsPerSec']} done {r['sessionsPerSec']:.1f} WU/s {r['workUnitsCompletedPerSec']:.0f} "
      f"p50 {r['latency']['p50Ms']:.0f} p99 {r['latency']['p99Ms']:.0f} | single p50 {p('SINGLE','p50Ms')} p99 {p('SINGLE','p99Ms')} "
      f"| chain p50 {p('CHAIN5','p50Ms')} p99 {p('CHAIN5','p99Ms')} | cpu {cpu} machine {l['machineBusyCores']['median']:.2f} "
      f"| appends/unit {d['appends']['perUnit']:.2f} | warmup {d['warmupDetail']['verdict'][:60]}")
