package dev.krako.worker.llm;

import dev.krako.worker.execution.UnitTask;
import java.util.List;
import java.util.Map;

/** Builds the {@link UnitTask}s of the LLM tests. */
final class LlmTasks {

  private LlmTasks() {}

  /** A KORA 0.1-mapped llm unit asking {@code question}. */
  static UnitTask kora(String unitId, String question) {
    return task(
        unitId,
        "{\"tier\":\"medium\",\"adapter\":\"openai\",\"input\":{\"question\":\""
            + question
            + "\"}}",
        "none",
        null,
        null);
  }

  static UnitTask task(
      String unitId, String runJson, String mode, String outputSchemaJson, Long tokenGrant) {
    return new UnitTask(
        "session-1",
        unitId,
        0,
        "llm",
        runJson,
        "{}",
        List.of(),
        Map.of(),
        mode,
        outputSchemaJson,
        tokenGrant);
  }
}
