#!/usr/bin/env python3
"""jfrapi.py BROKER.jfr: broker samples grouped by the KafkaApis.handle* method on the stack (else the thread)."""
import re, subprocess, sys, collections
out = subprocess.run(['jfr','print','--events','jdk.ExecutionSample','--stack-depth','128',sys.argv[1]],capture_output=True,text=True).stdout
blocks = out.split('jdk.ExecutionSample {')[1:]
c = collections.Counter(); n = 0
for b in blocks:
    n += 1
    m = re.findall(r'KafkaApis\.(handle\w+)', b)
    if m:
        c[m[-1]] += 1
        continue
    m = re.findall(r'(\w+Coordinator\w*|TransactionMarker\w+|ReplicaManager\.\w+|DelayedFetch\w*|DelayedProduce\w*|Purgatory\w*)', b)
    t = re.search(r'sampledThread = "([^"]*)"', b)
    c['(' + re.sub(r'\d+','N',t.group(1) if t else '?') + ') ' + (m[-1] if m else '')] += 1
print(n, 'samples')
for k, v in c.most_common(30):
    print(f'{v*100/n:5.1f}% {k}')
