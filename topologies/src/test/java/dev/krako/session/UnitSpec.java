package dev.krako.session;

import dev.krako.graph.Activation;
import dev.krako.graph.Budgets;
import dev.krako.graph.Criticality;
import dev.krako.graph.FailurePolicy;
import dev.krako.graph.Privacy;
import dev.krako.graph.SkipCondition;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.UnitType;
import dev.krako.graph.VerificationMode;
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
    long backoffMs,
    Long budgetTokens,
    Long runTimeoutMs,
    Long dispatchTimeoutMs,
    Activation activation,
    SkipCondition skipIf) {

  /** The budgets of {@link #graph(UnitSpec...)}: generous enough never to get in the way. */
  static final Budgets AMPLE = new Budgets(10, 10, 10_000, 60_000, BigDecimal.ONE);

  static UnitSpec cpu(String id, String... dependencies) {
    return new UnitSpec(
        id,
        UnitType.DETERMINISTIC,
        Arrays.asList(dependencies),
        Privacy.ALLOW_REMOTE,
        false,
        1,
        0,
        null,
        null,
        null,
        null,
        null);
  }

  static UnitSpec llm(String id, String... dependencies) {
    return cpu(id, dependencies).ofType(UnitType.LLM);
  }

  UnitSpec ofType(UnitType newType) {
    return new UnitSpec(
        id,
        newType,
        dependencies,
        privacy,
        trusted,
        maxAttempts,
        backoffMs,
        budgetTokens,
        runTimeoutMs,
        dispatchTimeoutMs,
        activation,
        skipIf);
  }

  UnitSpec localOnly() {
    return new UnitSpec(
        id,
        type,
        dependencies,
        Privacy.LOCAL_ONLY,
        trusted,
        maxAttempts,
        backoffMs,
        budgetTokens,
        runTimeoutMs,
        dispatchTimeoutMs,
        activation,
        skipIf);
  }

  UnitSpec trustedNodeRequired() {
    return new UnitSpec(
        id,
        type,
        dependencies,
        privacy,
        true,
        maxAttempts,
        backoffMs,
        budgetTokens,
        runTimeoutMs,
        dispatchTimeoutMs,
        activation,
        skipIf);
  }

  UnitSpec retries(int attempts, long backoff) {
    return new UnitSpec(
        id,
        type,
        dependencies,
        privacy,
        trusted,
        attempts,
        backoff,
        budgetTokens,
        runTimeoutMs,
        dispatchTimeoutMs,
        activation,
        skipIf);
  }

  /** The unit's {@code constraints.budget_tokens}. */
  UnitSpec tokens(long cap) {
    return new UnitSpec(
        id,
        type,
        dependencies,
        privacy,
        trusted,
        maxAttempts,
        backoffMs,
        cap,
        runTimeoutMs,
        dispatchTimeoutMs,
        activation,
        skipIf);
  }

  /** The unit's {@code timeouts}: either may be null. */
  UnitSpec timeouts(Long dispatchMs, Long runMs) {
    return new UnitSpec(
        id,
        type,
        dependencies,
        privacy,
        trusted,
        maxAttempts,
        backoffMs,
        budgetTokens,
        runMs,
        dispatchMs,
        activation,
        skipIf);
  }

  /** Makes the unit an escalation step on {@code of}, which must be one of its dependencies. */
  UnitSpec when(Activation.Condition condition, String of, Double threshold) {
    return new UnitSpec(
        id,
        type,
        dependencies,
        privacy,
        trusted,
        maxAttempts,
        backoffMs,
        budgetTokens,
        runTimeoutMs,
        dispatchTimeoutMs,
        new Activation(condition, of, threshold),
        skipIf);
  }

  UnitSpec when(Activation.Condition condition, String of) {
    return when(condition, of, null);
  }

  /** KORA 0.1's skip_if: {@code path} like {@code $.key}, {@code equalsJson} as JSON text. */
  UnitSpec skipIf(String path, String equalsJson) {
    return new UnitSpec(
        id,
        type,
        dependencies,
        privacy,
        trusted,
        maxAttempts,
        backoffMs,
        budgetTokens,
        runTimeoutMs,
        dispatchTimeoutMs,
        activation,
        new SkipCondition(path, equalsJson));
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
        budgetTokens,
        maxAttempts,
        backoffMs,
        runTimeoutMs,
        false,
        null,
        dispatchTimeoutMs,
        Criticality.NORMAL,
        VerificationMode.NONE,
        activation,
        skipIf);
  }

  static TaskGraph graph(Budgets budgets, FailurePolicy policy, UnitSpec... units) {
    List<WorkUnit> built = Arrays.stream(units).map(UnitSpec::build).toList();
    return new TaskGraph(
        "1.0",
        "g-1",
        "r-1",
        "t-1",
        SessionHarness.T0,
        budgets,
        policy,
        built,
        List.of(built.get(built.size() - 1).id()));
  }

  static TaskGraph graph(Budgets budgets, UnitSpec... units) {
    return graph(budgets, FailurePolicy.FAIL_FAST, units);
  }

  static TaskGraph graph(FailurePolicy policy, UnitSpec... units) {
    return graph(AMPLE, policy, units);
  }

  static TaskGraph graph(UnitSpec... units) {
    return graph(FailurePolicy.FAIL_FAST, units);
  }

  /** Budgets with these caps, a one-minute deadline and no cost cap. */
  static Budgets budgets(long llmCalls, long cpuUnits, long tokens) {
    return new Budgets(llmCalls, cpuUnits, tokens, 60_000, null);
  }
}
