package dev.krako.cli.bench;

import java.util.List;
import java.util.OptionalLong;

/** The soak's figures as plain text: a header, one row per sample, and a summary. */
final class SoakTable {

  static final String HEADER =
      String.format(
          "%8s  %-6s  %9s  %10s  %9s  %7s  %7s",
          "elapsed", "load", "published", "unfinished", "sessions", "timers", "leases");

  private SoakTable() {}

  static String row(SoakRun.Sample s) {
    return String.format(
        "%7ds  %-6s  %9d  %10d  %9s  %7s  %7s",
        s.elapsed().toSeconds(),
        s.loaded() ? "on" : "off",
        s.published(),
        s.unfinished(),
        count(s.sessions()),
        count(s.timers()),
        count(s.leases()));
  }

  /** The whole table, with the plan first and what the session store held at most and at last. */
  static String render(SoakRun.Plan plan, List<SoakRun.Sample> samples) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "Krako soak: %.1f sessions/s for %ds, session retention %ds, a sample every %ds%n"
                + "(sessions, timers, leases: entries of the orchestration stores, counted key by key)%n%n",
            plan.rate(),
            plan.duration().toSeconds(),
            plan.retention().toSeconds(),
            plan.every().toSeconds()));
    text.append(HEADER).append(System.lineSeparator());
    samples.forEach(s -> text.append(row(s)).append(System.lineSeparator()));
    long maxLoaded =
        samples.stream()
            .filter(SoakRun.Sample::loaded)
            .mapToLong(s -> s.sessions().orElse(0))
            .max()
            .orElse(0);
    String last = samples.isEmpty() ? "-" : count(samples.get(samples.size() - 1).sessions());
    text.append(
        String.format(
            "%nSession store: at most %d entries under load (rate x retention = %d), %s at the"
                + " end.%n",
            maxLoaded, Math.round(plan.rate() * plan.retention().toSeconds()), last));
    return text.toString();
  }

  private static String count(OptionalLong n) {
    return n.isPresent() ? Long.toString(n.getAsLong()) : "-";
  }
}
