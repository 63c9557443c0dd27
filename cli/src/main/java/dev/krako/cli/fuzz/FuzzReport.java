package dev.krako.cli.fuzz;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a fuzz run found: per category of record, how many were sent and what became of them, and
 * every expectation not met (with the record's coordinates, so it can be looked at).
 */
public final class FuzzReport {

  /** The tally of one category. */
  public static final class Category {
    int sent;
    int rejected;
    int refused;
    int completed;
    int deadLettered;
    int unmet;

    public int sent() {
      return sent;
    }

    public int unmet() {
      return unmet;
    }

    /** Valid graphs that admission refused (ADMISSION_REJECTED, TENANT_RATE_EXCEEDED). */
    public int refused() {
      return refused;
    }

    public int completed() {
      return completed;
    }
  }

  private final long seed;
  private final Map<String, Category> categories;
  private final List<String> problems;
  private final Duration elapsed;

  FuzzReport(long seed, Map<String, Category> categories, List<String> problems, Duration elapsed) {
    this.seed = seed;
    this.categories = categories;
    this.problems = problems;
    this.elapsed = elapsed;
  }

  /** Whether every record met its fate. */
  public boolean passed() {
    return problems.isEmpty();
  }

  public Map<String, Category> categories() {
    return categories;
  }

  public List<String> problems() {
    return problems;
  }

  /** Hostile graph records sent (good graphs not counted). */
  public int hostileRecords() {
    return categories.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("garbage:") && !e.getKey().startsWith("good_"))
        .mapToInt(e -> e.getValue().sent)
        .sum();
  }

  /** Good graphs sent among and after the hostile ones. */
  public int goodRecords() {
    return categories.entrySet().stream()
        .filter(e -> e.getKey().startsWith("good_"))
        .mapToInt(e -> e.getValue().sent)
        .sum();
  }

  /** Garbage records sent to internal topics. */
  public int garbageRecords() {
    return categories.entrySet().stream()
        .filter(e -> e.getKey().startsWith("garbage:"))
        .mapToInt(e -> e.getValue().sent)
        .sum();
  }

  public void print(PrintStream out) {
    out.printf("Fuzz run, seed %d, %d ms%n", seed, elapsed.toMillis());
    out.printf(
        "%-46s %7s %9s %8s %10s %13s %6s%n",
        "category", "sent", "rejected", "refused", "completed", "dead-lettered", "unmet");
    categories.forEach(
        (name, c) ->
            out.printf(
                "%-46s %7d %9d %8d %10d %13d %6d%n",
                name, c.sent, c.rejected, c.refused, c.completed, c.deadLettered, c.unmet));
    out.printf(
        "%d hostile graph records, %d good graphs, %d garbage records: %s%n",
        hostileRecords(),
        goodRecords(),
        garbageRecords(),
        passed() ? "every record met its fate" : "FAILED");
    problems.stream().limit(30).forEach(p -> out.println("  " + p));
    if (problems.size() > 30) {
      out.printf("  … and %d more%n", problems.size() - 30);
    }
  }
}
