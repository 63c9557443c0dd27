package dev.krako.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.FailurePolicy;
import dev.krako.graph.RandomDag;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.WorkUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The decider over random DAGs with workers that answer in a random order and a broker that
 * redelivers: every unit runs exactly once, never before its dependencies, and the session ends
 * COMPLETED; the same inputs always give the same effects.
 */
final class SessionDeciderProperties {

  private static final Instant T0 = SessionHarness.T0;

  /**
   * A graph and the choices that drive delivery: which pending event comes next, when an event
   * already delivered comes again, and when a stray event for a unit not yet dispatched arrives.
   */
  record Scenario(RandomDag dag, FailurePolicy policy, List<Integer> choices) {}

  /** What one run produced: every input in order and the decision on each. */
  record Trace(List<SessionInput> inputs, List<Decision> decisions) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Combinators.combine(
            RandomDag.dags(1, 25),
            Arbitraries.of(FailurePolicy.class),
            Arbitraries.integers().between(0, 1_000_000).list().ofMaxSize(200))
        .as(Scenario::new);
  }

  @Property
  void everyUnitRunsExactlyOnceAfterItsDependenciesAndTheSessionCompletes(
      @ForAll("scenarios") Scenario scenario) {
    TaskGraph graph = scenario.dag().toTaskGraph(scenario.policy());
    Trace trace = run(graph, scenario.choices());

    Map<String, Integer> dispatchCount = new HashMap<>();
    Set<String> completed = new HashSet<>();
    List<Effect> all = new ArrayList<>();
    for (int i = 0; i < trace.inputs().size(); i++) {
      SessionInput input = trace.inputs().get(i);
      Decision decision = trace.decisions().get(i);
      if (input instanceof SessionInput.UnitCompleted done && decision.next().isPresent()) {
        assertThat(completed.add(done.unitId())).as("%s completes once", done.unitId()).isTrue();
      }
      List<String> order = new ArrayList<>();
      for (Effect.Dispatch dispatch : SessionHarness.dispatches(decision)) {
        WorkUnit unit = dispatch.unit();
        order.add(unit.id());
        dispatchCount.merge(unit.id(), 1, Integer::sum);
        assertThat(dispatch.attempt()).isZero();
        assertThat(completed).as("completed before %s", unit.id()).containsAll(unit.dependencies());
        assertThat(dispatch.dependencyOutputs())
            .containsOnlyKeys(unit.dependencies())
            .allSatisfy((dep, out) -> assertThat(out).isEqualTo(SessionHarness.output(dep)));
        assertThat(dispatch.substrate()).isEqualTo(PlacementPolicy.place(unit));
      }
      assertThat(order).isSortedAccordingTo(CodePointOrder.INSTANCE);
      all.addAll(decision.effects());
    }

    assertThat(dispatchCount)
        .hasSize(graph.workUnits().size())
        .allSatisfy((id, n) -> assertThat(n).isOne());
    assertThat(all)
        .noneMatch(e -> e instanceof Effect.RetryScheduled || e instanceof Effect.UnitSkipped);
    assertThat(all).filteredOn(e -> e instanceof Effect.SessionEnded).hasSize(1);
    assertThat(all.get(all.size() - 1)).isInstanceOf(Effect.SessionEnded.class);
    Session end = finalState(trace).orElseThrow();
    assertThat(end.status()).isEqualTo(SessionStatus.COMPLETED);
    assertThat(end.stopReason()).isEqualTo(StopReason.SUCCESS);
    assertThat(end.units().values())
        .allMatch(r -> r.status() == UnitStatus.COMPLETED && r.attemptsUsed() == 1);
  }

  @Property
  void redeliveredAndStrayEventsChangeNothing(@ForAll("scenarios") Scenario scenario) {
    Trace trace = run(scenario.dag().toTaskGraph(scenario.policy()), scenario.choices());

    Set<SessionInput> seen = new HashSet<>();
    Set<String> dispatched = new HashSet<>();
    for (int i = 0; i < trace.inputs().size(); i++) {
      SessionInput input = trace.inputs().get(i);
      Decision decision = trace.decisions().get(i);
      boolean redelivered = !seen.add(input);
      boolean stray = unitOf(input).filter(u -> !dispatched.contains(u)).isPresent();
      if (redelivered || stray) {
        assertThat(decision).as("the decision on %s", input).isEqualTo(Decision.unchanged());
      }
      SessionHarness.dispatches(decision).forEach(d -> dispatched.add(d.unit().id()));
    }
  }

  @Property
  void theSameInputsGiveTheSameEffects(@ForAll("scenarios") Scenario scenario) {
    Trace first = run(scenario.dag().toTaskGraph(scenario.policy()), scenario.choices());

    Optional<Session> state = Optional.empty();
    List<Decision> replayed = new ArrayList<>();
    for (SessionInput input : first.inputs()) {
      Decision decision = SessionDecider.decide(state, input);
      replayed.add(decision);
      if (decision.next().isPresent()) {
        state = decision.next();
      }
    }

    assertThat(replayed).isEqualTo(first.decisions());
  }

  /**
   * Drives one session to its end. A dispatched unit makes a claim and a completion pending; each
   * step delivers a pending event in a chosen order, or redelivers an event already delivered, or
   * delivers a stray completion for a unit that was never dispatched.
   */
  private static Trace run(TaskGraph graph, List<Integer> choices) {
    List<SessionInput> inputs = new ArrayList<>();
    List<Decision> decisions = new ArrayList<>();
    Optional<Session> state = Optional.empty();
    List<String[]> pending = new ArrayList<>(); // {kind, unit id}
    List<SessionInput> delivered = new ArrayList<>();
    Set<String> dispatched = new HashSet<>();
    Iterator<Integer> choice = choices.iterator();
    SessionInput next = new SessionInput.Admit("s-1", graph, T0);
    for (long step = 1; next != null; step++) {
      Decision decision = SessionDecider.decide(state, next);
      inputs.add(next);
      decisions.add(decision);
      if (decision.next().isPresent()) {
        state = decision.next();
      }
      for (Effect.Dispatch dispatch : SessionHarness.dispatches(decision)) {
        dispatched.add(dispatch.unit().id());
        pending.add(new String[] {"claim", dispatch.unit().id()});
        pending.add(new String[] {"complete", dispatch.unit().id()});
      }
      // Once the choices are used up, what is pending is delivered in order, and nothing else.
      Optional<Integer> chosen = choice.hasNext() ? Optional.of(choice.next()) : Optional.empty();
      next = nextInput(graph, chosen, pending, delivered, dispatched, T0.plusMillis(step));
    }
    return new Trace(inputs, decisions);
  }

  private static SessionInput nextInput(
      TaskGraph graph,
      Optional<Integer> chosen,
      List<String[]> pending,
      List<SessionInput> delivered,
      Set<String> dispatched,
      Instant at) {
    if (chosen.isEmpty()) {
      return pending.isEmpty() ? null : deliver(pending.remove(0), delivered, at);
    }
    int choice = chosen.get();
    if (choice % 4 == 0 && !delivered.isEmpty()) {
      return delivered.get((choice / 4) % delivered.size());
    }
    List<String> neverDispatched =
        graph.workUnits().stream()
            .map(WorkUnit::id)
            .filter(id -> !dispatched.contains(id))
            .toList();
    if (choice % 8 == 1 && !neverDispatched.isEmpty()) {
      String unit = neverDispatched.get((choice / 8) % neverDispatched.size());
      return new SessionInput.UnitCompleted(unit, 0, "node-x", "{}", 1, Usage.NONE, at);
    }
    if (pending.isEmpty()) {
      return null;
    }
    return deliver(pending.remove(choice % pending.size()), delivered, at);
  }

  private static SessionInput deliver(String[] event, List<SessionInput> delivered, Instant at) {
    SessionInput input =
        event[0].equals("claim")
            ? new SessionInput.UnitClaimed(event[1], 0, "node-1", at)
            : new SessionInput.UnitCompleted(
                event[1],
                0,
                "node-1",
                SessionHarness.output(event[1]),
                3,
                SessionHarness.ONE_CALL,
                at);
    delivered.add(input);
    return input;
  }

  private static Optional<String> unitOf(SessionInput input) {
    if (input instanceof SessionInput.UnitCompleted done) {
      return Optional.of(done.unitId());
    }
    if (input instanceof SessionInput.UnitClaimed claimed) {
      return Optional.of(claimed.unitId());
    }
    return Optional.empty();
  }

  private static Optional<Session> finalState(Trace trace) {
    Optional<Session> state = Optional.empty();
    for (Decision decision : trace.decisions()) {
      if (decision.next().isPresent()) {
        state = decision.next();
      }
    }
    return state;
  }
}
