package dev.krako.session;

import dev.krako.graph.Budgets;
import dev.krako.graph.UnitType;
import dev.krako.graph.WorkUnit;
import java.util.Optional;

/**
 * The session's budgets: what its attempts used, what the attempts in flight reserved, and whether
 * one more attempt fits. Derived from the units' state alone, so there is no counter that a
 * redelivered event could double.
 *
 * <ul>
 *   <li>An {@code llm} attempt takes one LLM call; any other attempt one CPU unit.
 *   <li>A model attempt ({@code llm}, {@code small_model}) is granted tokens at dispatch: its
 *       declared {@code budget_tokens} if it fits what remains, else an equal share of what remains
 *       among the model units still to run. The grant is reserved until the attempt ends, then
 *       replaced by the tokens it really used. Concurrent units therefore cannot overspend.
 *   <li>An attempt of a {@code quorum} or {@code recompute} unit runs N replicas: it takes N LLM
 *       calls or N CPU units, and N token grants, reserved together at its first dispatch (the
 *       replicas are one attempt: all of them fit, or the attempt does not start).
 * </ul>
 */
final class BudgetLedger {

  private final Session session;
  private final Budgets budgets;

  BudgetLedger(Session session) {
    this.session = session;
    this.budgets = session.graph().budgets();
  }

  /**
   * The token grant of each replica of one more attempt of this unit (its only execution when it is
   * not replicated), or empty when the attempt does not fit.
   */
  Optional<Long> grant(WorkUnit unit) {
    int replicas = Replication.count(session, unit);
    if (unit.type() == UnitType.LLM && llmCalls() + replicas > budgets.maxLlmCalls()) {
      return Optional.empty();
    }
    if (unit.type() != UnitType.LLM && cpuUnits() + replicas > budgets.maxCpuUnits()) {
      return Optional.empty();
    }
    if (!isModel(unit)) {
      return Optional.of(0L);
    }
    long available = budgets.maxTokens() - tokens();
    long grant =
        unit.budgetTokens() != null && unit.budgetTokens() * replicas <= available
            ? unit.budgetTokens()
            : available / Math.max(1, modelExecutionsToRun());
    return grant >= 1 ? Optional.of(grant) : Optional.empty();
  }

  /** Tokens used by ended attempts plus tokens granted to attempts in flight. */
  long tokens() {
    long total = 0;
    for (UnitRun run : session.units().values()) {
      total += run.usage().tokensIn() + run.usage().tokensOut() + run.reservedTokens();
    }
    return total;
  }

  /** Whether the tokens really used have gone past the session's cap. */
  boolean tokensOverspent() {
    long used = 0;
    for (UnitRun run : session.units().values()) {
      used += run.usage().tokensIn() + run.usage().tokensOut();
    }
    return used > budgets.maxTokens();
  }

  /** Tokens still free: what {@code budget_remaining} escalations compare with. */
  long tokensRemaining() {
    return Math.max(0, budgets.maxTokens() - tokens());
  }

  private long llmCalls() {
    return attempts(true);
  }

  private long cpuUnits() {
    return attempts(false);
  }

  private long attempts(boolean llm) {
    long total = 0;
    for (WorkUnit unit : session.graph().workUnits()) {
      if ((unit.type() == UnitType.LLM) == llm) {
        UnitRun run = session.unit(unit.id());
        total += (run.attemptsUsed() + (run.inFlight() ? 1 : 0)) * Replication.count(session, unit);
      }
    }
    return total;
  }

  /** The executions the model units still to run need: one per unit, N per verified one. */
  private long modelExecutionsToRun() {
    return session.graph().workUnits().stream()
        .filter(BudgetLedger::isModel)
        .filter(u -> !session.unit(u.id()).status().terminal() && !session.unit(u.id()).inFlight())
        .mapToLong(u -> Replication.count(session, u))
        .sum();
  }

  private static boolean isModel(WorkUnit unit) {
    return unit.type() == UnitType.LLM || unit.type() == UnitType.SMALL_MODEL;
  }
}
