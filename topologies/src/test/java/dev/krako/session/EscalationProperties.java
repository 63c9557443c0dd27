package dev.krako.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.graph.Activation;
import dev.krako.graph.Budgets;
import dev.krako.graph.Criticality;
import dev.krako.graph.FailurePolicy;
import dev.krako.graph.Privacy;
import dev.krako.graph.RandomDag;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.VerificationMode;
import dev.krako.graph.WorkUnit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Escalation steps over random graphs and random outcomes: only declared units are dispatched, each
 * attempt once; a step is dispatched exactly when its condition holds and skipped with
 * activation_not_met exactly when it does not; every other unit runs only on completed (or skip_if)
 * inputs; and the session's end matches its covered and uncovered failures.
 */
final class EscalationProperties {

  private static final Instant T0 = SessionHarness.T0;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OUTPUTS =
      List.of("{}", "{\"confidence\":0.1}", "{\"confidence\":0.5}", "{\"confidence\":0.9}");
  private static final List<String> ERRORS = List.of(Escalation.SCHEMA_MISMATCH, "BOOM");

  /** For one unit: whether it is a step, on which dependency, when, and its attempts. */
  record StepChoice(boolean step, int of, Activation.Condition when, int threshold, int attempts) {}

  record Scenario(
      RandomDag dag, List<StepChoice> steps, FailurePolicy policy, List<Integer> choices) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<StepChoice> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 99).map(p -> p < 45),
                Arbitraries.integers().between(0, 20),
                Arbitraries.of(Activation.Condition.class),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 2))
            .as(StepChoice::new);
    return Combinators.combine(
            RandomDag.dags(1, 10),
            step.list().ofSize(10),
            Arbitraries.of(FailurePolicy.class),
            Arbitraries.integers().between(0, 1_000_000).list().ofMaxSize(60))
        .as(Scenario::new);
  }

  @Property
  void stepsRunExactlyWhenTheirConditionHoldsAndTheEndMatchesTheFailures(
      @ForAll("scenarios") Scenario scenario) {
    TaskGraph graph = graph(scenario);
    Optional<Session> state = Optional.empty();
    SessionInput next = new SessionInput.Admit("s-1", graph, T0);
    Iterator<Integer> choices = scenario.choices().iterator();
    Set<String> attempts = new HashSet<>();
    int ends = 0;
    for (int step = 1; next != null; step++) {
      Decision decision = SessionDecider.decide(state, next);
      if (decision.next().isPresent()) {
        state = decision.next();
      }
      Session s = state.orElseThrow();
      for (Effect effect : decision.effects()) {
        if (effect instanceof Effect.Dispatch d) {
          assertThat(graph.workUnits()).contains(d.unit());
          assertThat(attempts.add(d.unit().id() + "#" + d.attempt())).isTrue();
          assertThat(d.attempt()).isLessThan(d.unit().maxAttempts());
          if (d.attempt() == 0) {
            assertInputsAllowRunning(s, d.unit());
          }
        } else if (effect instanceof Effect.UnitSkipped skip) {
          assertSkipIsJustified(s, graph.unit(skip.unitId()).orElseThrow(), skip.reason());
        } else if (effect instanceof Effect.SessionEnded) {
          ends++;
        }
      }
      int choice = choices.hasNext() ? choices.next() : 0;
      next = nextInput(s, choice, T0.plusMillis(step));
    }
    assertThat(ends).isEqualTo(1);
    assertEndMatchesFailures(state.orElseThrow());
  }

  private static void assertInputsAllowRunning(Session s, WorkUnit unit) {
    Activation a = unit.activation();
    for (String dep : unit.dependencies()) {
      UnitRun run = s.unit(dep);
      if (a != null && dep.equals(a.of())) {
        assertThat(holds(a, run)).as("%s dispatched: its condition holds", unit.id()).isTrue();
      } else {
        assertThat(run.status() == UnitStatus.COMPLETED || run.skipReason() == SkipReason.SKIP_IF)
            .as("%s dispatched: %s completed", unit.id(), dep)
            .isTrue();
      }
    }
  }

  private static void assertSkipIsJustified(Session s, WorkUnit unit, SkipReason reason) {
    Activation a = unit.activation();
    switch (reason) {
      case ACTIVATION_NOT_MET:
        assertThat(a).isNotNull();
        assertThat(s.unit(a.of()).status().terminal()).isTrue();
        assertThat(holds(a, s.unit(a.of()))).as("%s's condition", unit.id()).isFalse();
        break;
      case DEPENDENCY_SKIPPED:
      case DEPENDENCY_FAILED:
        assertThat(unit.dependencies())
            .filteredOn(dep -> a == null || !dep.equals(a.of()))
            .anyMatch(
                dep ->
                    s.unit(dep).status() == UnitStatus.FAILED
                        || (s.unit(dep).status() == UnitStatus.SKIPPED
                            && s.unit(dep).skipReason() != SkipReason.SKIP_IF));
        break;
      case SESSION_ENDED:
        assertThat(s.running()).isFalse();
        break;
      default:
        throw new AssertionError("no unit here has skip_if, yet " + unit.id() + " got " + reason);
    }
  }

  /** The condition as the contract states it; budget thresholds are 0 (holds) or 1e9 (never). */
  private static boolean holds(Activation a, UnitRun of) {
    switch (a.when()) {
      case FAILURE:
        return of.status() == UnitStatus.FAILED;
      case SCHEMA_MISMATCH:
        return of.status() == UnitStatus.FAILED
            && Escalation.SCHEMA_MISMATCH.equals(of.errorCode());
      case CONFIDENCE_BELOW_THRESHOLD:
        JsonNode confidence = parse(of.outputJson()).path("confidence");
        return of.status() == UnitStatus.COMPLETED
            && confidence.isNumber()
            && confidence.doubleValue() < a.threshold();
      default:
        return a.threshold() == 0;
    }
  }

  private static void assertEndMatchesFailures(Session end) {
    List<String> uncovered = new ArrayList<>();
    for (Map.Entry<String, UnitRun> e : end.units().entrySet()) {
      if (e.getValue().status() == UnitStatus.FAILED && !coveredByACompletedStep(end, e.getKey())) {
        uncovered.add(e.getKey());
      }
    }
    if (end.stopReason() == StopReason.SUCCESS) {
      assertThat(uncovered).as("failures left uncovered").isEmpty();
      assertThat(end.units().values()).allMatch(r -> r.status().terminal());
      assertThat(end.units().values()).noneMatch(r -> r.status() == UnitStatus.CANCELLED);
    } else {
      assertThat(end.stopReason()).isEqualTo(StopReason.RETRY_EXHAUSTED);
      assertThat(uncovered).isNotEmpty();
    }
  }

  private static boolean coveredByACompletedStep(Session s, String failed) {
    UnitRun run = s.unit(failed);
    return s.graph().workUnits().stream()
        .filter(u -> u.activation() != null && u.activation().of().equals(failed))
        .filter(
            u ->
                u.activation().when() == Activation.Condition.FAILURE
                    || (u.activation().when() == Activation.Condition.SCHEMA_MISMATCH
                        && Escalation.SCHEMA_MISMATCH.equals(run.errorCode())))
        .anyMatch(u -> s.unit(u.id()).status() == UnitStatus.COMPLETED);
  }

  /** Delivers an outcome to one attempt in flight: a completion or a failure, chosen. */
  private static SessionInput nextInput(Session s, int choice, Instant at) {
    if (!s.running()) {
      return null;
    }
    List<String> inFlight =
        s.units().entrySet().stream()
            .filter(e -> e.getValue().inFlight())
            .map(Map.Entry::getKey)
            .toList();
    assertThat(inFlight).as("a running session waits for an attempt").isNotEmpty();
    String id = inFlight.get(choice % inFlight.size());
    int attempt = s.unit(id).attemptIndex();
    int outcome = (choice / 11) % 6;
    if (outcome < OUTPUTS.size()) {
      return new SessionInput.UnitCompleted(
          id, attempt, "n", OUTPUTS.get(outcome), 1, Usage.NONE, at);
    }
    String error = ERRORS.get(outcome - OUTPUTS.size());
    return new SessionInput.UnitFailed(id, attempt, "n", error, 1, Usage.NONE, at);
  }

  private static TaskGraph graph(Scenario scenario) {
    RandomDag dag = scenario.dag();
    List<WorkUnit> units = new ArrayList<>();
    for (int i : dag.declarationOrder()) {
      List<String> deps = dag.dependencyIds(i);
      StepChoice c = scenario.steps().get(i);
      Activation activation = null;
      if (c.step() && !deps.isEmpty()) {
        activation = new Activation(c.when(), deps.get(c.of() % deps.size()), threshold(c));
      }
      units.add(
          new WorkUnit(
              dag.ids().get(i),
              dag.types().get(i),
              deps,
              "{}",
              "{}",
              Privacy.ALLOW_REMOTE,
              false,
              null,
              c.attempts(),
              0,
              null,
              false,
              null,
              null,
              Criticality.NORMAL,
              VerificationMode.NONE,
              activation,
              null));
    }
    List<String> needed = units.stream().flatMap(u -> u.dependencies().stream()).toList();
    return new TaskGraph(
        "1.0",
        "g-escalation",
        "r-escalation",
        "t-escalation",
        T0,
        new Budgets(1_000, 1_000, 1_000_000, 600_000, null),
        scenario.policy(),
        units,
        units.stream().map(WorkUnit::id).filter(id -> !needed.contains(id)).toList());
  }

  private static Double threshold(StepChoice c) {
    switch (c.when()) {
      case CONFIDENCE_BELOW_THRESHOLD:
        return List.of(0.1, 0.5, 0.9).get(c.threshold());
      case BUDGET_REMAINING:
        return c.threshold() == 0 ? 0.0 : 1e9;
      default:
        return null;
    }
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
