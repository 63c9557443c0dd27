package dev.krako.worker.execution;

import java.util.List;
import java.util.Map;

/** Builds the {@link UnitTask}s of the CPU executor tests. */
final class CpuTasks {

  private CpuTasks() {}

  static UnitTask task(String type, String runJson, String inputJson) {
    return task(type, runJson, inputJson, null);
  }

  static UnitTask task(String type, String runJson, String inputJson, Long tokenGrant) {
    return new UnitTask(
        "session-1",
        "unit-1",
        0,
        type,
        runJson,
        inputJson,
        List.of(),
        Map.of(),
        "none",
        null,
        tokenGrant);
  }
}
