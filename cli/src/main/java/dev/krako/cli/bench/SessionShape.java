package dev.krako.cli.bench;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The TaskGraph shapes the bench submits. Every deterministic unit runs KORA's {@code echo}
 * handler, the cheapest deterministic handler there is, so that the bench measures Krako and not
 * the work; an llm unit runs on the simulated pod. The deterministic units are declared {@code
 * idempotent}, as echo is and as a graph should declare any pure handler's unit: a CPU pool then
 * claims and reports one that ends at once in a single transaction (docs/adr/029-claim-and-outcome-
 * in-one-transaction.md). A unit left at the contract's default ({@code false}) takes one more.
 */
enum SessionShape {
  /** One deterministic unit: the floor of a session's latency. */
  SINGLE(1, 0),
  /** Five units in a row: five dispatch → claim → report → schedule round trips. */
  CHAIN5(5, 0),
  /** a → (b, c) → d. */
  DIAMOND(4, 0),
  /** a → (b, c) → d with c an llm unit on the simulated pod. */
  DIAMOND_LLM(4, 1),
  /** One root and 19 leaves that all become ready together. */
  FANOUT20(20, 0);

  private final int units;
  private final int llmUnits;

  SessionShape(int units, int llmUnits) {
    this.units = units;
    this.llmUnits = llmUnits;
  }

  int units() {
    return units;
  }

  int llmUnits() {
    return llmUnits;
  }

  /** The {@code work_units} array's content (without brackets). */
  String unitsJson() {
    return switch (this) {
      case SINGLE -> echo("only", "");
      case CHAIN5 ->
          IntStream.range(0, 5)
              .mapToObj(i -> echo("c" + i, i == 0 ? "" : quoted("c" + (i - 1))))
              .collect(Collectors.joining(","));
      case DIAMOND ->
          String.join(
              ",",
              echo("a", ""),
              echo("b", quoted("a")),
              echo("c", quoted("a")),
              echo("d", quoted("b") + "," + quoted("c")));
      case DIAMOND_LLM ->
          String.join(
              ",",
              echo("a", ""),
              echo("b", quoted("a")),
              "{\"id\":\"c\",\"type\":\"llm\",\"dependencies\":[\"a\"],"
                  + "\"run\":{\"tier\":\"small\",\"prompt\":\"Summarise the request.\"}}",
              echo("d", quoted("b") + "," + quoted("c")));
      case FANOUT20 ->
          echo("root", "")
              + IntStream.range(0, 19)
                  .mapToObj(i -> "," + echo(String.format("leaf%02d", i), quoted("root")))
                  .collect(Collectors.joining());
    };
  }

  private static String echo(String id, String dependencies) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"deterministic\",\"dependencies\":["
        + dependencies
        + "],\"input\":{\"message\":\""
        + id
        + "\"},\"run\":{\"handler\":\"echo\"},\"idempotent\":true}";
  }

  private static String quoted(String id) {
    return "\"" + id + "\"";
  }
}
