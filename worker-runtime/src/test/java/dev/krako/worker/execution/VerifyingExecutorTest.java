package dev.krako.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.worker.handler.HandlerRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyingExecutorTest {

  private static final String SCHEMA = "{\"required\":[\"status\",\"task_id\",\"answer\"]}";
  private static final ExecutionUsage USAGE = new ExecutionUsage(3, 12, 40, 1);
  private static final List<ModelCall> CALLS =
      List.of(new ModelCall("m", "small", 25, 12, 40, null));

  @Test
  void aMatchingOutputPassesUnchanged() {
    Outcome done = completed("{\"status\":\"ok\",\"task_id\":\"u\",\"answer\":\"a\"}");

    assertThat(verifying(done).execute(task("schema", SCHEMA))).isSameAs(done);
  }

  @Test
  void aMismatchIsSchemaMismatchWithTheUsageAndModelCallsKept() {
    Outcome outcome =
        verifying(completed("{\"status\":\"ok\",\"task_id\":\"u\"}"))
            .execute(task("schema", SCHEMA));

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Failed(
                "SCHEMA_MISMATCH",
                "the output does not match its output schema: $: required property 'answer' not"
                    + " found",
                USAGE,
                CALLS));
  }

  @Test
  void theModeIsReadInAnyCase() {
    Outcome outcome = verifying(completed("{\"status\":\"ok\"}")).execute(task("SCHEMA", SCHEMA));

    assertThat(((Outcome.Failed) outcome).errorCode()).isEqualTo(VerifyingExecutor.SCHEMA_MISMATCH);
  }

  @Test
  void aLongListOfViolationsIsCut() {
    String schema = "{\"required\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\"]}";

    Outcome outcome = verifying(completed("{}")).execute(task("schema", schema));

    assertThat(((Outcome.Failed) outcome).message())
        .startsWith(
            "the output does not match its output schema: $: required property 'a' not found;")
        .endsWith("not found (and 2 more)");
  }

  @Test
  void otherModesAndMissingSchemasPassThrough() {
    Outcome done = completed("{}");

    for (String mode : new String[] {"none", "quorum", "recompute", null}) {
      assertThat(verifying(done).execute(task(mode, SCHEMA))).as(mode).isSameAs(done);
    }
    assertThat(verifying(done).execute(task("schema", null))).isSameAs(done);
  }

  @Test
  void aFailedAttemptIsNotVerified() {
    Outcome failed = new Outcome.Failed("LLM_CALL_FAILED", "boom", USAGE, CALLS);

    assertThat(verifying(failed).execute(task("schema", SCHEMA))).isSameAs(failed);
  }

  @Test
  void anUnusableSchemaFailsTheAttemptAndKeepsItsUsage() {
    Outcome outcome = verifying(completed("{}")).execute(task("schema", "{broken"));

    Outcome.Failed failed = (Outcome.Failed) outcome;
    assertThat(failed.errorCode()).isEqualTo(VerifyingExecutor.SCHEMA_UNUSABLE);
    assertThat(failed.usage()).isEqualTo(USAGE);
    assertThat(failed.modelCalls()).isEqualTo(CALLS);
  }

  @Test
  void theCpuPoolVerifiesDeterministicUnits() {
    UnitExecutor cpu = VerifyingExecutor.forCpuPool(HandlerRegistry.koraDefaults(), () -> 0L);
    String run = "{\"handler\":\"echo\",\"args\":{\"message\":\"hi\"}}";

    Outcome passes = cpu.execute(det(run, "{\"required\":[\"status\",\"task_id\",\"message\"]}"));
    Outcome fails = cpu.execute(det(run, "{\"required\":[\"is_simple\"]}"));
    Outcome llm =
        cpu.execute(
            new UnitTask("s", "u", 0, "llm", "{}", "{}", List.of(), Map.of(), "none", null, null));

    assertThat(passes).isInstanceOf(Outcome.Completed.class);
    assertThat(((Outcome.Failed) fails).errorCode()).isEqualTo("SCHEMA_MISMATCH");
    assertThat(((Outcome.Failed) fails).message()).contains("is_simple");
    assertThat(((Outcome.Failed) llm).errorCode()).isEqualTo(ExecutorsByType.NO_EXECUTOR);
  }

  private static VerifyingExecutor verifying(Outcome outcome) {
    return new VerifyingExecutor(task -> outcome);
  }

  private static Outcome completed(String output) {
    return new Outcome.Completed(output, USAGE, CALLS);
  }

  private static UnitTask task(String mode, String schema) {
    return new UnitTask("s", "u", 0, "llm", "{}", "{}", List.of(), Map.of(), mode, schema, null);
  }

  private static UnitTask det(String run, String schema) {
    return new UnitTask(
        "s", "u", 0, "deterministic", run, "{}", List.of(), Map.of(), "schema", schema, null);
  }
}
