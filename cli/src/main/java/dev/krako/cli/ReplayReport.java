package dev.krako.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a replay: how much of the event log was read, what the fresh billing topology
 * rebuilt from it, and what the live ledger holds. They match when their digests are equal.
 *
 * @param eventPartitions the partitions of the event log
 * @param eventsRead the records read from the event log, billable or not
 */
record ReplayReport(
    String eventsTopic,
    int eventPartitions,
    long eventsRead,
    String ledgerTopic,
    BillingState replayed,
    BillingState live) {

  /** Canonical lines shown per side when the digests differ. */
  static final int SHOWN_DIFFERENCES = 5;

  boolean matches() {
    return replayed.digest().equals(live.digest());
  }

  /** The table a person reads, ending with MATCH or MISMATCH (and then what differs). */
  String render() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Replay of %s (%d partitions) into a fresh billing topology, against %s%n",
            eventsTopic, eventPartitions, ledgerTopic));
    row(out, "events read", Long.toString(eventsRead));
    row(out, "ledger entries", sides(replayed.entries().size(), live.entries().size()));
    row(out, "tenants", sides(replayed.tenants(), live.tenants()));
    row(out, "replayed digest", replayed.digest());
    row(out, "live digest", live.digest());
    if (matches()) {
      return out.append(String.format("MATCH%n")).toString();
    }
    out.append(String.format("MISMATCH%n"));
    List<String> replayedLines = replayed.canonicalLines();
    List<String> liveLines = live.canonicalLines();
    differences(out, "only in the replay", without(replayedLines, liveLines));
    differences(out, "only in the live ledger", without(liveLines, replayedLines));
    return out.toString();
  }

  private static void row(StringBuilder out, String label, String value) {
    out.append(String.format("  %-16s %s%n", label, value));
  }

  private static String sides(long replayed, long live) {
    return replayed + " replayed, " + live + " live";
  }

  private static void differences(StringBuilder out, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    out.append(String.format("  %s: %d line(s) of the digest's text%n", title, lines.size()));
    lines.stream()
        .limit(SHOWN_DIFFERENCES)
        .forEach(line -> out.append(String.format("    %s%n", line)));
    if (lines.size() > SHOWN_DIFFERENCES) {
      out.append(String.format("    ... %d more%n", lines.size() - SHOWN_DIFFERENCES));
    }
  }

  /** The lines of {@code a} that {@code b} does not have, counting repeats (a double bill). */
  static List<String> without(List<String> a, List<String> b) {
    Map<String, Integer> left = new HashMap<>();
    b.forEach(line -> left.merge(line, 1, Integer::sum));
    List<String> missing = new ArrayList<>();
    for (String line : a) {
      if (left.merge(line, -1, Integer::sum) < 0) {
        missing.add(line);
      }
    }
    return missing;
  }
}
