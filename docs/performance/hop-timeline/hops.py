#!/usr/bin/env python3
"""Per-hop latencies of one bench run, from a Dump.java listing taken on a broker whose topics
stamp LogAppendTime. Usage: hops.py run.tsv bench-YYYYMMDD-HHMMSS-xxxx [skip-seconds]

With skip-seconds, only sessions whose graph was appended that many seconds after the run's first
graph count: the bench's warm-up can then be left out (60 s by default, after the raw-broker test).

A record's timestamp is the time the broker appended it. A Streams hop sends its output as soon as
it processes (linger 5 ms) and commits later, so the gap between a record and the next hop's
record counts the previous hop's wait for its commit, plus the next hop's fetch and processing.
Kafka Streams' internal topics keep CreateTime (inherited timestamps) and are not used."""
import collections
import re
import sys

listing, run = sys.argv[1], sys.argv[2]
skip_ms = int(float(sys.argv[3]) * 1000) if len(sys.argv) > 3 else 0
prefix = run + "."
graph_prefix = run[len("bench-"):] + "-"
uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
graph_id = re.compile(re.escape(graph_prefix) + r"\d+")

rows = []
for line in open(listing):
    f = line.rstrip("\n").split("\t")
    if len(f) == 6:
        rows.append((int(f[0]), f[1][len(prefix):], f[4], f[5]))

sessions = collections.defaultdict(lambda: collections.defaultdict(list))
graph_appended = {}
for ts, topic, key, value in rows:
    if topic == "kora.taskgraphs":
        graph_appended[graph_id.search(value).group(0)] = ts
for ts, topic, key, value in rows:
    if topic == "krako.sessions.admitted":
        # Avro strings are not delimited: a length byte may read as a digit after the graph id.
        found = graph_id.search(value).group(0)
        while found and found not in graph_appended:
            found = found[:-1]
        sessions[key]["admitted"].append(ts)
        if found:
            sessions[key]["graph"].append(graph_appended[found])
for ts, topic, key, value in rows:
    if topic.startswith("krako.dispatch.") or topic == "krako.sessions.results":
        m = uuid.search(value)
        if m and m.group(0) in sessions:
            sessions[m.group(0)]["results" if "results" in topic else "dispatch"].append(ts)
    elif topic == "krako.events":
        s = next((i for i in uuid.findall(value[:200]) if i in sessions), None)
        for kind in ("workunit.claimed", "workunit.completed"):
            if s and kind in value[:120]:
                sessions[s][kind].append(ts)

hops = collections.defaultdict(list)
first_graph = min(graph_appended.values())
for d in sessions.values():
    if not d["graph"] or not d["dispatch"] or not d["results"]:
        continue
    if d["graph"][0] < first_graph + skip_ms:
        continue
    dispatch, claimed, completed = sorted(d["dispatch"]), sorted(d["workunit.claimed"]), sorted(d["workunit.completed"])
    hops["1 graph -> admitted (ingress, two passes)"].append(d["admitted"][0] - d["graph"][0])
    hops["2 admitted -> first dispatch"].append(dispatch[0] - d["admitted"][0])
    for t in dispatch:
        later = [c for c in claimed if c >= t]
        if later:
            hops["3 dispatch -> claimed"].append(later[0] - t)
    for t in claimed:
        later = [c for c in completed if c >= t]
        if later:
            hops["4 claimed -> completed"].append(later[0] - t)
    for t in dispatch[1:]:
        earlier = [c for c in completed if c <= t]
        if earlier:
            hops["5 completed -> next dispatch"].append(t - earlier[-1])
    if completed:
        hops["6 last completed -> result"].append(d["results"][0] - completed[-1])
    hops["7 graph -> result"].append(d["results"][0] - d["graph"][0])


def q(xs):
    xs = sorted(xs)
    n = len(xs)
    return "n=%5d  p10=%4d  p50=%4d  p90=%4d ms" % (n, xs[n // 10], xs[n // 2], xs[n * 9 // 10])


for name in sorted(hops):
    print("%-44s %s" % (name[2:], q(hops[name])))
