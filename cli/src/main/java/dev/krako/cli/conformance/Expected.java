package dev.krako.cli.conformance;

import java.util.List;

/**
 * A graph's outcome under KORA's executor semantics (and the contract's escalation rules for 1.x
 * graphs), computed by {@link KoraReference} without any of Krako's code.
 *
 * @param rejectionCode for a graph Krako must reject, the code expected among the violations; null
 *     for an accepted graph
 * @param status {@code completed} or {@code failed} (null when rejected)
 * @param stopReason Krako's stop reason (null when rejected)
 * @param units in declaration order
 * @param maxTokens the session's declared token cap
 * @param maxLlmCalls the session's declared (or, for 0.1, derived) model call cap
 * @param maxLatencyMs the session's time budget, which KORA does not enforce and Krako does
 */
public record Expected(
    String rejectionCode,
    String status,
    String stopReason,
    List<UnitExpectation> units,
    long maxTokens,
    long maxLlmCalls,
    long maxLatencyMs) {

  public Expected {
    units = List.copyOf(units);
  }

  static Expected rejected(String code) {
    return new Expected(code, null, null, List.of(), 0, 0, 0);
  }

  public boolean rejected() {
    return rejectionCode != null;
  }

  public int modelCalls() {
    return units.stream().mapToInt(UnitExpectation::modelCalls).sum();
  }

  public long tokens() {
    return units.stream().mapToLong(u -> u.tokensIn() + u.tokensOut()).sum();
  }

  public UnitExpectation unit(String id) {
    return units.stream().filter(u -> u.id().equals(id)).findFirst().orElse(null);
  }
}
