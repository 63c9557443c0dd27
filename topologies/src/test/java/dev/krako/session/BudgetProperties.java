package dev.krako.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.Budgets;
import dev.krako.graph.Criticality;
import dev.krako.graph.FailurePolicy;
import dev.krako.graph.Privacy;
import dev.krako.graph.RandomDag;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.UnitType;
import dev.krako.graph.VerificationMode;
import dev.krako.graph.WorkUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Budgets over random graphs, random budgets and random worker behaviour (outcomes in any order,
 * failures, retries, timeouts, usage up to and beyond each grant): tokens used plus tokens granted
 * to attempts in flight never exceed max_tokens while every worker stays within its grant; a
 * running session has never used more than max_tokens; LLM calls and CPU units never exceed their
 * caps.
 */
final class BudgetProperties {

  private static final Instant T0 = SessionHarness.T0;

  /** Per-unit choices beside the DAG: token cap (0 = none), attempts, backoff. */
  record UnitChoice(long budgetTokens, int maxAttempts, long backoffMs) {}

  record Scenario(
      RandomDag dag,
      List<UnitChoice> units,
      Budgets budgets,
      FailurePolicy policy,
      boolean overspend,
      List<Integer> choices) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<UnitChoice> unit =
        Combinators.combine(
                Arbitraries.longs().between(0, 250),
                Arbitraries.integers().between(1, 3),
                Arbitraries.of(0L, 100L))
            .as(UnitChoice::new);
    Arbitrary<Budgets> budgets =
        Combinators.combine(
                Arbitraries.longs().between(0, 8),
                Arbitraries.longs().between(0, 10),
                Arbitraries.longs().between(1, 600))
            .as((calls, cpu, tokens) -> new Budgets(calls, cpu, tokens, 60_000, null));
    return Combinators.combine(
            RandomDag.dags(1, 12),
            unit.list().ofSize(12),
            budgets,
            Arbitraries.of(FailurePolicy.class),
            Arbitraries.of(false, true),
            Arbitraries.integers().between(0, 1_000_000).list().ofMaxSize(80))
        .as(Scenario::new);
  }

  @Property
  void grantsAndCallsNeverExceedTheSessionsBudgets(@ForAll("scenarios") Scenario scenario) {
    TaskGraph graph = graph(scenario);
    Budgets budgets = graph.budgets();
    Optional<Session> state = Optional.empty();
    SessionInput next = new SessionInput.Admit("s-1", graph, T0);
    long llmAttempts = 0;
    long cpuAttempts = 0;
    boolean withinGrants = true;
    for (int step = 1; next != null; step++) {
      Decision decision = SessionDecider.decide(state, next);
      if (decision.next().isPresent()) {
        state = decision.next();
      }
      Session s = state.orElseThrow();
      for (Effect.Dispatch d : SessionHarness.dispatches(decision)) {
        WorkUnit unit = d.unit();
        assertThat(graph.workUnits()).contains(unit);
        assertThat(d.attempt()).isLessThan(unit.maxAttempts());
        if (unit.type() == UnitType.LLM) {
          llmAttempts++;
        } else {
          cpuAttempts++;
        }
        if (isModel(unit)) {
          assertThat(d.tokenGrant()).isPositive();
          if (unit.budgetTokens() != null) {
            assertThat(d.tokenGrant()).isLessThanOrEqualTo(unit.budgetTokens());
          }
        } else {
          assertThat(d.tokenGrant()).isNull();
        }
        if (s.running()) {
          long reserved = d.tokenGrant() == null ? 0 : d.tokenGrant();
          assertThat(s.unit(unit.id()).reservedTokens()).isEqualTo(reserved);
        }
      }
      assertThat(llmAttempts).isLessThanOrEqualTo(budgets.maxLlmCalls());
      assertThat(cpuAttempts).isLessThanOrEqualTo(budgets.maxCpuUnits());
      boolean modelDispatch =
          SessionHarness.dispatches(decision).stream().anyMatch(d -> isModel(d.unit()));
      if (withinGrants || modelDispatch) {
        assertThat(SessionHarness.tokensHeld(s))
            .as("used plus granted after %s", next)
            .isLessThanOrEqualTo(budgets.maxTokens());
      }
      if (s.running()) {
        assertThat(used(s))
            .as("used by a running session")
            .isLessThanOrEqualTo(budgets.maxTokens());
      }
      // The choices repeat for a while, then every attempt in flight completes within its grant.
      List<Integer> all = scenario.choices();
      Optional<Integer> choice =
          all.isEmpty() || step > 300 ? Optional.empty() : Optional.of(all.get(step % all.size()));
      Outcome outcome = nextInput(s, graph, choice, scenario.overspend(), T0.plusMillis(step));
      withinGrants &= outcome.withinGrant();
      next = outcome.input();
    }
    Session end = state.orElseThrow();
    assertThat(end.running()).isFalse();
    assertThat(end.units().values()).allMatch(r -> r.status().terminal());
    assertThat(end.units().values()).allMatch(r -> r.reservedTokens() == 0);
  }

  /** The next input and whether its usage stays within the attempt's grant. */
  record Outcome(SessionInput input, boolean withinGrant) {}

  private static Outcome nextInput(
      Session s, TaskGraph graph, Optional<Integer> chosen, boolean overspend, Instant at) {
    if (!s.running()) {
      return new Outcome(null, true);
    }
    List<String> open = new ArrayList<>();
    for (Map.Entry<String, UnitRun> e : s.units().entrySet()) {
      UnitStatus st = e.getValue().status();
      if (e.getValue().inFlight() || st == UnitStatus.RETRY_WAIT) {
        open.add(e.getKey());
      }
    }
    assertThat(open).as("a running session waits for something").isNotEmpty();
    int choice = chosen.orElse(28); // once the choices run out: complete, using no tokens
    String id = open.get(Math.floorMod(choice, open.size()));
    UnitRun run = s.unit(id);
    if (run.status() == UnitStatus.RETRY_WAIT) {
      return new Outcome(new SessionInput.RetryDue(id, run.attemptIndex(), at), true);
    }
    int kind = (choice / 7) % 6;
    WorkUnit unit = graph.unit(id).orElseThrow();
    long grant = run.reservedTokens();
    int percent = overspend ? 50 + (choice / 43) % 251 : (choice / 43) % 101;
    long tokens = isModel(unit) ? grant * percent / 100 + (percent > 100 ? 1 : 0) : 0;
    Usage usage =
        new Usage(1, tokens / 2, tokens - tokens / 2, unit.type() == UnitType.LLM ? 1 : 0);
    boolean within = tokens <= grant;
    int attempt = run.attemptIndex();
    switch (kind) {
      case 0:
        return new Outcome(
            new SessionInput.UnitFailed(id, attempt, "n", "BOOM", 1, usage, at), within);
      case 1:
        return new Outcome(
            new SessionInput.AttemptTimedOut(id, attempt, SessionDecider.RUN_TIMEOUT, at), true);
      case 2:
        return new Outcome(
            new SessionInput.AttemptTimedOut(id, attempt, SessionDecider.DISPATCH_TIMEOUT, at),
            true);
      case 3:
        return new Outcome(new SessionInput.UnitClaimed(id, attempt, "n", at), true);
      default:
        return new Outcome(
            new SessionInput.UnitCompleted(id, attempt, "n", "{}", 1, usage, at), within);
    }
  }

  private static TaskGraph graph(Scenario scenario) {
    RandomDag dag = scenario.dag();
    List<WorkUnit> units = new ArrayList<>();
    for (int i : dag.declarationOrder()) {
      UnitType type = dag.types().get(i);
      UnitChoice c = scenario.units().get(i);
      Long cap = isModelType(type) && c.budgetTokens() > 0 ? c.budgetTokens() : null;
      units.add(
          new WorkUnit(
              dag.ids().get(i),
              type,
              dag.dependencyIds(i),
              "{}",
              "{}",
              Privacy.ALLOW_REMOTE,
              false,
              cap,
              c.maxAttempts(),
              c.backoffMs(),
              null,
              false,
              null,
              null,
              Criticality.NORMAL,
              VerificationMode.NONE,
              null,
              null));
    }
    return new TaskGraph(
        "1.0",
        "g-budget",
        "r-budget",
        "t-budget",
        T0,
        scenario.budgets(),
        scenario.policy(),
        units,
        sinks(units));
  }

  /** The units nothing depends on, in declaration order: the default final outputs. */
  private static List<String> sinks(List<WorkUnit> units) {
    List<String> needed = units.stream().flatMap(u -> u.dependencies().stream()).toList();
    return units.stream().map(WorkUnit::id).filter(id -> !needed.contains(id)).toList();
  }

  private static long used(Session s) {
    return s.units().values().stream()
        .mapToLong(r -> r.usage().tokensIn() + r.usage().tokensOut())
        .sum();
  }

  private static boolean isModel(WorkUnit unit) {
    return isModelType(unit.type());
  }

  private static boolean isModelType(UnitType type) {
    return type == UnitType.LLM || type == UnitType.SMALL_MODEL;
  }
}
