package dev.krako.cli.conformance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of one run as a table (property × graph family): {@code PASS n} when the property
 * held on the n graphs it concerns, {@code FAIL k/n} when it failed on k of them, {@code –} when it
 * concerns none. Followed by every problem found, with its graph.
 *
 * @param replayDigest the billing replay of the whole event log: null when not run, else the
 *     problems found (empty: the replayed digest equals the live ledger's)
 */
public record ConformanceReport(List<Verdict> verdicts, List<String> replayDigest, int graphs) {

  public ConformanceReport {
    verdicts = List.copyOf(verdicts);
    replayDigest = replayDigest == null ? null : List.copyOf(replayDigest);
  }

  public boolean passed() {
    return verdicts.stream().allMatch(Verdict::passed)
        && (replayDigest == null || replayDigest.isEmpty());
  }

  /** The table in Markdown, which reads as plain text too. */
  public String table() {
    StringBuilder out = new StringBuilder("| property |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Family f : Family.values()) {
      out.append(' ').append(f.column()).append(" |");
      rule.append("---|");
    }
    out.append('\n').append(rule).append('\n');
    for (Property p : Property.values()) {
      out.append("| ").append(p.label()).append(" |");
      for (Family f : Family.values()) {
        out.append(' ').append(cell(p, f)).append(" |");
      }
      out.append('\n');
    }
    out.append("\nSessions that ran past their time budget (Krako enforces it, KORA does not): ")
        .append(pastDeadline())
        .append('\n');
    out.append("Billing replay of the whole event log (ledger digest): ")
        .append(replayDigest == null ? "not run" : replayDigest.isEmpty() ? "PASS" : "FAIL")
        .append('\n');
    return out.toString();
  }

  private String cell(Property p, Family f) {
    int total = 0;
    int failed = 0;
    int late = 0;
    for (Verdict v : verdicts) {
      if (v.property() == p && v.graph().family() == f) {
        total++;
        failed += v.passed() ? 0 : 1;
        late += v.deadlineExpired() ? 1 : 0;
      }
    }
    if (total == 0) {
      return "–";
    }
    String cell = failed == 0 ? "PASS " + total : "FAIL " + failed + "/" + total;
    return late == 0 ? cell : cell + " (" + late + " past deadline)";
  }

  /** Every problem, one line each (property, graph id, what differed), then the notes. */
  public List<String> problems() {
    List<String> lines = new ArrayList<>();
    for (Verdict v : verdicts) {
      for (String problem : v.problems()) {
        lines.add(
            v.property().label()
                + " · "
                + v.graph().graphId()
                + (v.deadlineExpired() ? " (past its deadline)" : "")
                + " · "
                + problem);
      }
    }
    for (Verdict v : verdicts) {
      if (v.note() != null) {
        lines.add("note · " + v.graph().graphId() + " · " + v.note());
      }
    }
    if (replayDigest != null) {
      replayDigest.forEach(p -> lines.add("billing replay · " + p));
    }
    return lines;
  }

  /** The graphs whose session ran past its time budget (their KORA outcome is not comparable). */
  public long pastDeadline() {
    return verdicts.stream()
        .filter(v -> v.property() == Property.OUTCOME && v.deadlineExpired())
        .count();
  }

  /** Graphs per family. */
  public static Map<Family, Integer> sizes(List<CorpusGraph> corpus) {
    Map<Family, Integer> sizes = new EnumMap<>(Family.class);
    corpus.forEach(g -> sizes.merge(g.family(), 1, Integer::sum));
    return sizes;
  }
}
