package dev.krako.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.ExecutorsByType;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.UnitTask;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Reply;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Script;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The LLM pool's executor as a node wires it: run on the pod, then verify. */
class LlmExecutorsTest {

  /** KORA's stress graphs require these of task_llm. */
  private static final String KORA_SCHEMA =
      "{\"type\":\"object\",\"required\":[\"status\",\"task_id\",\"answer\"]}";

  @Test
  void aKoraLlmUnitIsRunAndVerified() {
    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0)) {
      Outcome outcome = pool(pod).execute(kora("task_llm", KORA_SCHEMA));

      assertThat(outcome).isInstanceOf(Outcome.Completed.class);
      assertThat(outcome.usage()).isEqualTo(new ExecutionUsage(0, 1, 40, 1));
    }
  }

  @Test
  void aMismatchKeepsTheTokensSpentAndTheModelCall() {
    String needsConfidence = "{\"required\":[\"confidence\"]}";
    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0)) {
      Outcome outcome = pool(pod).execute(kora("task_llm", needsConfidence));

      Outcome.Failed failed = (Outcome.Failed) outcome;
      assertThat(failed.errorCode()).isEqualTo("SCHEMA_MISMATCH");
      assertThat(failed.message()).contains("$: required property 'confidence' not found");
      assertThat(failed.usage()).isEqualTo(new ExecutionUsage(0, 1, 40, 1));
      assertThat(failed.modelCalls()).hasSize(1);
      assertThat(failed.modelCalls().get(0).error()).isNull();
    }
  }

  @Test
  void aMalformedReplyIsWrappedAndStillMeetsKorasAnswerSchema() {
    Script script = Script.allValid().forTask("task_llm", Reply.malformed());
    try (SimulatedLlmPod pod = SimulatedLlmPod.builder().script(script).start("127.0.0.1", 0)) {
      assertThat(pool(pod).execute(kora("task_llm", KORA_SCHEMA)))
          .isInstanceOf(Outcome.Completed.class);
    }
  }

  @Test
  void aUnitOfAnotherTypeHasNoExecutorHere() {
    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0)) {
      UnitTask det =
          new UnitTask(
              "s", "u", 0, "deterministic", "{\"handler\":\"echo\"}", "{}", List.of(), Map.of());

      Outcome outcome = pool(pod).execute(det);

      assertThat(((Outcome.Failed) outcome).errorCode()).isEqualTo(ExecutorsByType.NO_EXECUTOR);
      assertThat(pod.requestCount()).isZero();
    }
  }

  @Test
  void claimLoopsCanShareOneExecutor() {
    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0)) {
      UnitExecutor pool = pool(pod);

      List<Outcome> outcomes =
          IntStream.range(0, 40)
              .parallel()
              .mapToObj(i -> pool.execute(kora("task_" + i, KORA_SCHEMA)))
              .toList();

      assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Completed.class));
      assertThat(outcomes)
          .extracting(o -> ((Outcome.Completed) o).outputJson())
          .doesNotHaveDuplicates();
      assertThat(pod.requestCount()).isEqualTo(40);
    }
  }

  private static UnitExecutor pool(SimulatedLlmPod pod) {
    return LlmExecutors.forLlmPool(
        LlmPodSettings.defaults()
            .withBaseUrl(pod.baseUrl())
            .withRequestTimeout(Duration.ofSeconds(10)));
  }

  private static UnitTask kora(String unitId, String schema) {
    return LlmTasks.task(
        unitId,
        "{\"tier\":\"small\",\"adapter\":\"mock_mini\",\"input\":{\"question\":\"q\"}}",
        "schema",
        schema,
        400L);
  }
}
