package dev.krako.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.worker.handler.HandlerRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CPU pool's executor as a node wires it: every CPU unit type, then verification. */
class CpuPoolExecutorTest {

  private final UnitExecutor pool =
      VerifyingExecutor.forCpuPool(HandlerRegistry.koraDefaults(), () -> 0L);

  @Test
  void itRunsDeterministicRetrievalAndSmallModelUnits() {
    assertThat(pool.execute(CpuTasks.task("deterministic", "{\"handler\":\"echo\"}", "{}")))
        .isInstanceOf(Outcome.Completed.class);
    assertThat(
            pool.execute(
                CpuTasks.task("retrieval", "{\"args\":{\"corpus\":[],\"query\":\"x\"}}", "{}")))
        .isInstanceOf(Outcome.Completed.class);
    assertThat(
            pool.execute(
                CpuTasks.task(
                    "small_model",
                    "{\"args\":{\"examples\":[{\"text\":\"a\",\"label\":\"x\"}]}}",
                    "{\"text\":\"a\"}")))
        .isInstanceOf(Outcome.Completed.class);
  }

  @Test
  void llmUnitsHaveNoExecutorHere() {
    Outcome outcome = pool.execute(CpuTasks.task("llm", "{\"tier\":\"small\"}", "{}"));

    assertThat(((Outcome.Failed) outcome).errorCode()).isEqualTo(ExecutorsByType.NO_EXECUTOR);
  }

  @Test
  void aSmallModelsConfidenceCanBeCheckedByItsOutputSchema() {
    UnitTask task =
        new UnitTask(
            "s",
            "u",
            0,
            "small_model",
            "{\"args\":{\"examples\":[{\"text\":\"a\",\"label\":\"x\"},{\"text\":\"b\",\"label\":\"y\"}]}}",
            "{\"text\":\"a\"}",
            List.of(),
            Map.of(),
            "schema",
            "{\"required\":[\"label\",\"confidence\"],"
                + "\"properties\":{\"confidence\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1}}}",
            null);

    assertThat(pool.execute(task)).isInstanceOf(Outcome.Completed.class);
  }
}
