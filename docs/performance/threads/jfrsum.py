#!/usr/bin/env python3
"""jfrsum.py FILE.jfr [THREAD_SUBSTR|-] [FROM TO (HH:MM:SS, UTC as printed)]: self and inclusive shares of ExecutionSample frames (JFR), by thread group."""
import subprocess, sys, re, collections
f = sys.argv[1]
want = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None
frm = sys.argv[3] if len(sys.argv) > 3 else None
to = sys.argv[4] if len(sys.argv) > 4 else None
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", f], capture_output=True, text=True).stdout
events = out.split("jdk.ExecutionSample {")[1:]
selfc = collections.Counter(); incl = collections.Counter(); threads = collections.Counter()
n = 0
for e in events:
    ts = re.search(r'startTime = (\d\d:\d\d:\d\d)', e)
    if frm and ts and not (frm <= ts.group(1) <= to):
        continue
    m = re.search(r'sampledThread = "([^"]*)"', e)
    t = m.group(1) if m else "?"
    tg = re.sub(r'[-_]?[0-9a-f]{8}-[0-9a-f-]{27,}', '', t)
    tg = re.sub(r'\d+', 'N', tg)
    if want and want not in t:
        continue
    threads[tg] += 1
    frames = re.findall(r'^\s+([\w$.<>]+\([^)]*\))\s+line:', e, re.M)
    if not frames:
        continue
    n += 1
    selfc[frames[0]] += 1
    seen = set()
    for fr in frames:
        k = fr.split('(')[0]
        if k not in seen:
            seen.add(k); incl[k] += 1
print(f"samples {n}")
print("== threads")
for t, c in threads.most_common(25): print(f"{100*c/max(n,1):6.1f}% {t}")
print("== self")
for t, c in selfc.most_common(40): print(f"{100*c/max(n,1):6.1f}% {t}")
print("== inclusive")
for t, c in incl.most_common(90): print(f"{100*c/max(n,1):6.1f}% {t}")
