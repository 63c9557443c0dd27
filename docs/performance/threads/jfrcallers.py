#!/usr/bin/env python3
"""jfrcallers.py FILE.jfr METHOD_SUBSTR FROM TO [DEPTH]: who calls METHOD (the frames DEPTH below it), by share of all samples."""
import subprocess, sys, re, collections
f, target, frm, to = sys.argv[1:5]
depth = int(sys.argv[5]) if len(sys.argv) > 5 else 1
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", f], capture_output=True, text=True).stdout
events = out.split("jdk.ExecutionSample {")[1:]
c = collections.Counter(); n = 0
for e in events:
    ts = re.search(r'startTime = (\d\d:\d\d:\d\d)', e)
    if ts and not (frm <= ts.group(1) <= to): continue
    n += 1
    frames = [x.split('(')[0] for x in re.findall(r'^\s+([\w$.<>]+\([^)]*\))\s+line:', e, re.M)]
    for i, fr in enumerate(frames):
        if target in fr:
            c[" <- ".join(frames[i+1:i+1+depth])] += 1
            break
for k, v in c.most_common(25): print(f"{100*v/n:6.1f}% {k}")
