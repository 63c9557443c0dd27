package dev.krako.session;

import dev.krako.graph.Budgets;
import dev.krako.graph.FailurePolicy;
import dev.krako.graph.Privacy;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.UnitType;
import dev.krako.graph.WorkUnit;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** A WorkUnit for decider tests, with the contract defaults and one wither per varied field. */
record UnitSpec(
    String id,
    UnitType type,
    List<String> dependencies,
    Privacy privacy,
    boolean trusted,
    int maxAttempts,
    long backoffMs) {

  static UnitSpec cpu(String id, String... dependencies) {
    return new UnitSpec(
        id, UnitType.DETERMINISTIC, Arrays.asList(dependencies), Privacy.ALLOW_REMOTE, false, 1, 0);
  }

  static UnitSpec llm(String id, String... dependencies) {
    return cpu(id, dependencies).ofType(UnitType.LLM);
  }

  UnitSpec ofType(UnitType newType) {
    return new UnitSpec(id, newType, dependencies, privacy, trusted, maxAttempts, backoffMs);
  }

  UnitSpec localOnly() {
    return new UnitSpec(
        id, type, dependencies, Privacy.LOCAL_ONLY, trusted, maxAttempts, backoffMs);
  }

  UnitSpec trustedNodeRequired() {
    return new UnitSpec(id, type, dependencies, privacy, true, maxAttempts, backoffMs);
  }

  UnitSpec retries(int attempts, long backoff) {
    return new UnitSpec(id, type, dependencies, privacy, trusted, attempts, backoff);
  }

  WorkUnit build() {
    return new WorkUnit(
        id,
        type,
        dependencies,
        "{\"for\":\"" + id + "\"}",
        "{}",
        privacy,
        trusted,
        null,
        maxAttempts,
        backoffMs,
        null,
        false,
        null);
  }

  static TaskGraph graph(FailurePolicy policy, UnitSpec... units) {
    List<WorkUnit> built = Arrays.stream(units).map(UnitSpec::build).toList();
    return new TaskGraph(
        "1.0",
        "g-1",
        "r-1",
        "t-1",
        SessionHarness.T0,
        new Budgets(10, 10, 10_000, 60_000, BigDecimal.ONE),
        policy,
        built,
        List.of(built.get(built.size() - 1).id()));
  }

  static TaskGraph graph(UnitSpec... units) {
    return graph(FailurePolicy.FAIL_FAST, units);
  }
}
