#!/usr/bin/env python3
"""jfrthreads.py FILE.jfr THREAD_SUBSTRING [TOP]: of the execution samples of the threads whose
name contains THREAD_SUBSTRING, the share in which each method is on the stack (inclusive), from
`jfr print --stack-depth 64 --events jdk.ExecutionSample` (JFR records 64 frames by default)."""
import re, subprocess, sys
from collections import Counter

path, want = sys.argv[1], sys.argv[2]
top = int(sys.argv[3]) if len(sys.argv) > 3 else 40
text = subprocess.run(["jfr", "print", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                      capture_output=True, text=True).stdout
samples, counts = 0, Counter()
for event in text.split("jdk.ExecutionSample {")[1:]:
    thread = re.search(r'sampledThread = "(.*?)"', event)
    if not thread or want not in thread.group(1):
        continue
    samples += 1
    methods = set(re.findall(r"^\s+([\w.$]+\.[\w$<>]+)\(", event, re.M))
    counts.update(methods)
print(f"{samples} samples of threads matching {want!r}")
for method, n in counts.most_common(top):
    print(f"{100.0 * n / samples:5.1f} %  {method}")
