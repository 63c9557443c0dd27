#!/usr/bin/env python3
"""threads.py PID SECONDS [TOP]: CPU cores of each thread of a JVM over SECONDS, grouped by the
thread's name with digits dropped (jstack gives the names; /proc gives the ticks)."""
import os, re, subprocess, sys, time
from collections import defaultdict

pid, seconds = int(sys.argv[1]), float(sys.argv[2])
top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
hz = os.sysconf("SC_CLK_TCK")

def ticks():
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            f = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue
        fields = f[f.rindex(")") + 2:].split()
        out[int(tid)] = int(fields[11]) + int(fields[12])
    return out

def names():
    out = {}
    dump = subprocess.run(["jstack", str(pid)], capture_output=True, text=True).stdout
    for m in re.finditer(r'^"(.*?)".*? nid=(0x[0-9a-f]+)', dump, re.M):
        out[int(m.group(2), 16)] = m.group(1)
    return out

before = ticks()
time.sleep(seconds)
after = ticks()
named = names()
groups = defaultdict(float)
for tid, t in after.items():
    used = (t - before.get(tid, 0)) / hz / seconds
    name = named.get(tid, "?" + open(f"/proc/{pid}/task/{tid}/comm").read().strip()
                     if os.path.exists(f"/proc/{pid}/task/{tid}") else "?")
    groups[re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}|\d+", "#", name)] += used
total = sum(groups.values())
print(f"pid {pid}: {total:.2f} cores over {seconds:.0f} s")
for name, cores in sorted(groups.items(), key=lambda kv: -kv[1])[:top]:
    print(f"{cores:6.3f}  {name}")
